// The string family (t_string.c and bitops.c): values are byte strings up to
// proto-max-bulk-len; counters are strings holding a canonical 64-bit integer or a float;
// bitmaps are strings addressed bit by bit. Each group of commands has its own file in this
// folder; this file gathers their specs into the one list the command table registers, and
// holds the lookups they share.

import QuillRESP
import QuillStore

public enum StringCommands {
    public static let all: [CommandSpec] = getAndSet + counters + ranges + bitmaps + [lcsSpec]

    enum StringLookup {
        case missing, found([UInt8]), wrongType
    }

    /// The string at `key` looked up for reading; replies WRONGTYPE when it is another type.
    static func readString(_ c: CommandContext, _ key: Key) -> StringLookup {
        guard let value = c.lookupRead(key) else { return .missing }
        guard case .string(let string) = value else {
            c.wrongType()
            return .wrongType
        }
        return .found(string.bytes)
    }

    /// Replies the string at `key` as a bulk, nil when missing, WRONGTYPE for another type;
    /// copies the bytes straight from the stored string (GET, MGET without building arrays).
    static func replyString(_ c: CommandContext, _ key: Key) {
        guard let value = c.lookupRead(key) else { return c.null() }
        guard case .string(let string) = value else { return c.wrongType() }
        c.bulk(string)
    }

    /// The string at `key` looked up for writing; replies WRONGTYPE when it is another type.
    static func writableString(_ c: CommandContext, _ key: Key) -> StringLookup {
        guard let value = c.lookupWrite(key) else { return .missing }
        guard case .string(let string) = value else {
            c.wrongType()
            return .wrongType
        }
        return .found(string.bytes)
    }

    /// Edits the string stored at `key` in place, keeping its TTL; `body` returns whether it
    /// changed anything, and only a change is recorded (WATCH, dirty). The stored array is
    /// taken out of the entry while `body` runs so that it is uniquely referenced and grows
    /// without being copied.
    static func editString(_ c: CommandContext, _ key: Key, _ body: (inout [UInt8]) -> Bool) {
        let changed = c.engine.keyspace.databases[c.db].modifyValue(key) { value -> Bool in
            guard case .string(var string) = value else { return false }
            value = .string(ByteString([]))
            var bytes = string.takeBytes()
            let changed = body(&bytes)
            value = .string(ByteString(bytes))
            return changed
        }
        if changed == true { c.modified(key) }
    }

    /// Inclusive `start`/`end` indexes, negative ones counting from the end, clamped to a
    /// sequence of `length` elements the way GETRANGE, BITCOUNT and BITPOS resolve them;
    /// nil when nothing is selected.
    static func clampedRange(start: Int, end: Int, length: Int) -> ClosedRange<Int>? {
        let first = start < 0 ? max(length + start, 0) : start
        let last = min(end < 0 ? max(length + end, 0) : end, length - 1)
        return first <= last ? first...last : nil
    }

    /// Stores a string, replacing any value, with an optional absolute expiry; the change is
    /// counted once, as Redis counts one SET.
    static func store(_ c: CommandContext, _ key: Key, _ bytes: [UInt8], keepTTL: Bool = false,
                      expireAt milliseconds: Int64? = nil) {
        c.setKey(key, .string(ByteString(bytes)), keepTTL: keepTTL)
        if let milliseconds { c.engine.keyspace.databases[c.db].setExpire(key, at: milliseconds) }
    }
}

/// Error replies only the string family gives, in Redis's words.
enum StringErrors {
    static let offsetOutOfRange = "ERR offset is out of range"
    static let decrementOverflow = "ERR decrement would overflow"
    static let bitArgument = "ERR The bit argument must be 1 or 0."
    static let bitopNotSingleSource = "ERR BITOP NOT must be called with a single source key."
    static let lcsNotStrings = "ERR The specified keys must contain string values"
    static let lcsIdxAndLen = "ERR If you want both the length and indexes, please just use IDX."
    static let lcsTooLong = "ERR String too long for LCS"
    static let lcsExceedsLimit = "ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len"
}
