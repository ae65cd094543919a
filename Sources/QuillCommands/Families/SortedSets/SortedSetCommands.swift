// The sorted set family (t_zset.c). Each group of commands has
// its own file in this folder; this file gathers their specs into the one list the command
// table registers, and holds what they share: typed lookups, the in-place edit that deletes
// an emptied set, the encoding thresholds and the way scores are replied.

import NIOCore
import QuillRESP
import QuillStore

public enum SortedSetCommands {
    public static let all: [CommandSpec] = adding + reading + ranges + removing + popping + sampling
        + combining + blocking

    static func spec(_ name: String, arity: Int, flags: CommandFlags, keys: (Int, Int, Int) = (1, 1, 1),
                     summary: String, since: String, handler: @escaping CommandHandler) -> CommandSpec {
        var categories = [flags.contains(.write) ? "write" : "read", "sortedset"]
        categories.append(flags.contains(.fast) ? "fast" : "slow")
        return CommandSpec(name, arity: arity, flags: flags, keys: keys, categories: categories,
                           group: "sorted-set", summary: summary, since: since, handler: handler)
    }

    enum Lookup {
        case missing, found(SortedSetValue), wrongType

        var presence: KeyPresence {
            switch self {
            case .missing: .missing
            case .found: .present
            case .wrongType: .wrongType
            }
        }
    }

    /// The sorted set at `key` looked up for reading; replies WRONGTYPE when it is another type.
    static func read(_ c: CommandContext, _ key: Key) -> Lookup {
        guard let value = c.lookupRead(key) else { return .missing }
        guard case .sortedSet(let zset) = value else {
            c.wrongType()
            return .wrongType
        }
        return .found(zset)
    }

    /// The sorted set at `key` looked up before a write; replies WRONGTYPE for another type.
    static func readForWrite(_ c: CommandContext, _ key: Key) -> Lookup {
        guard let value = c.lookupWrite(key) else { return .missing }
        guard case .sortedSet(let zset) = value else {
            c.wrongType()
            return .wrongType
        }
        return .found(zset)
    }

    /// Edits the sorted set stored at `key` in place, keeping its TTL. `body` returns whether
    /// it changed anything; a change is recorded (WATCH, dirty) and a set left empty is
    /// deleted, as Redis never keeps an empty aggregate. The payload is taken out of the
    /// entry while `body` runs so that it is uniquely referenced and not copied.
    @discardableResult
    static func edit(_ c: CommandContext, _ key: Key, _ body: (inout SortedSetValue) -> Bool) -> Bool {
        guard case .edited(true) = c.editStored(key, as: SortedSetValue.self, body) else { return false }
        c.modified(key)
        return true
    }

    /// Stores `zset` as the new value of `key` (a STORE destination): an empty result deletes
    /// the destination instead.
    static func store(_ c: CommandContext, _ key: Key, _ zset: SortedSetValue) {
        if zset.isEmpty {
            if c.deleteKey(key) { c.notify(.generic, "del", key) }
        } else {
            c.setKey(key, .sortedSet(zset))
        }
    }

    /// zset-max-listpack-entries and zset-max-listpack-value as currently configured.
    static func limits(_ c: CommandContext) -> SortedSetLimits { c.engine.config.sortedSetListpackLimits }

    /// A score reply: a RESP3 double, or a bulk string in RESP2 (addReplyDouble). The text
    /// is written straight into the reply buffer: ranges with scores reply many of them.
    static func score(_ out: inout RESPWriter, _ score: Double) {
        let isRESP3 = out.isRESP3
        ScoreText.withText(score) { text in
            if isRESP3 {
                out.buffer.writeInteger(UInt8(ascii: ","))
            } else {
                out.buffer.writeInteger(UInt8(ascii: "$"))
                RESPWriter.appendDecimal(text.count, to: &out.buffer)
                out.buffer.writeInteger(UInt16(0x0D0A))
            }
            out.buffer.writeBytes(text)
            out.buffer.writeInteger(UInt16(0x0D0A))
        }
    }

    /// Member and score pairs: an array of [member, score] arrays when `nested`, else one
    /// flat array member, score, member, score…
    static func pairs(_ out: inout RESPWriter, _ elements: [(score: Double, member: [UInt8])], nested: Bool) {
        out.arrayHeader(nested ? elements.count : elements.count * 2)
        for e in elements {
            if nested { out.arrayHeader(2) }
            out.bulk(e.member)
            score(&out, e.score)
        }
    }

    /// Members, optionally with their scores: a flat array in RESP2, and in RESP3 an array
    /// of [member, score] pairs when scores are included.
    static func elements(_ c: CommandContext, _ elements: [(score: Double, member: [UInt8])], withScores: Bool) {
        c.reply { out in
            if !withScores {
                out.arrayHeader(elements.count)
                for e in elements { out.bulk(e.member) }
            } else {
                pairs(&out, elements, nested: out.isRESP3)
            }
        }
    }
}

/// Error replies only the sorted set family gives, in Redis's words.
enum SortedSetErrors {
    static let nxAndXX = "ERR XX and NX options at the same time are not compatible"
    static let gtLtNX = "ERR GT, LT, and/or NX options at the same time are not compatible"
    static let incrSinglePair = "ERR INCR option supports a single increment-element pair"
    static let nanScore = "ERR resulting score is not a number (NaN)"
    static let scoreRange = "ERR min or max is not a float"
    static let lexRange = "ERR min or max not valid string range item"
    static let limitNeedsRange = "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX"
    static let withScoresByLex = "ERR syntax error, WITHSCORES not supported in combination with BYLEX"
    static let notPositive = "ERR value is out of range, must be positive"
}
