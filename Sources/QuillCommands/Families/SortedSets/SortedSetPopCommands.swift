// ZPOPMIN, ZPOPMAX and ZMPOP (genericZpopCommand): remove and return the lowest or highest
// members of the first non-empty set among the keys. The keys are looked up first (so a
// wrong type is reported even for a count of 0); ZPOPMIN/ZPOPMAX without a count reply one
// flat [member, score] pair, and RESP3 nests pairs when a count is given; ZMPOP always
// nests them under the key's name and replies a null array when every key is empty.

import QuillRESP
import QuillStore

extension SortedSetCommands {
    static let popping: [CommandSpec] = [
        spec("zpopmin", arity: -2, flags: [.write, .fast],
             summary: "Remove and return members with the lowest scores in a sorted set",
             since: "5.0.0") { zpop($0, max: false) },
        spec("zpopmax", arity: -2, flags: [.write, .fast],
             summary: "Remove and return members with the highest scores in a sorted set",
             since: "5.0.0") { zpop($0, max: true) },
        spec("zmpop", arity: -4, flags: [.write, .movableKeys], keys: (0, 0, 0),
             summary: "Remove and return members with scores in a sorted set", since: "7.0.0", handler: zmpop),
    ]

    static func zpop(_ c: CommandContext, max: Bool) {
        if c.args.count > 3 {
            c.syntaxError()
            return
        }
        var count = -1
        if c.args.count == 3 {
            guard let n = DecimalParser.int(c.args[2]), n >= 0 else {
                c.error(SortedSetErrors.notPositive)
                return
            }
            count = n
        }
        pop(c, keys: [c.key(1)], max: max, count: count, emitKey: false,
            nested: c.client.out.isRESP3 && count != -1, nullWhenEmpty: false)
    }

    static func zmpop(_ c: CommandContext) {
        guard let arguments = MultiPopArguments(c, numkeysIndex: 1, ends: popEnds) else { return }
        pop(c, keys: arguments.keys, max: arguments.end, count: arguments.count,
            emitKey: true, nested: true, nullWhenEmpty: true, logsPoppedCount: true)
    }

    /// ZMPOP's and BZMPOP's end words, lower-case: whether each takes the highest scores.
    static let popEnds = ["min": false, "max": true]

    private static func pop(_ c: CommandContext, keys: [Key], max: Bool, count: Int, emitKey: Bool,
                            nested: Bool, nullWhenEmpty: Bool, logsPoppedCount: Bool = false) {
        var chosen: Key?
        for key in keys {
            switch readForWrite(c, key) {
            case .wrongType: return
            case .missing: continue
            case .found: chosen = key
            }
            break
        }
        guard let key = chosen else {
            c.reply { nullWhenEmpty ? $0.nullArray() : $0.arrayHeader(0) }
            return
        }
        if count == 0 {
            c.reply { $0.arrayHeader(0) }
            return
        }
        let popped = popMembers(c, key, max: max, count: count == -1 ? 1 : count)
        if logsPoppedCount {
            // ZMPOP logs the plain pop with the number of members it took.
            c.logEffect([max ? EffectWords.zpopmax : EffectWords.zpopmin, key.bytes, EffectWords.decimal(popped.count)])
        }
        c.reply { out in
            if emitKey {
                out.arrayHeader(2)
                out.bulk(key.bytes)
            }
            pairs(&out, popped, nested: nested)
        }
    }

    /// Removes up to `count` (at least 1) of the lowest or highest members of the non-empty
    /// set at `key`, in the order they leave it; counts one change per member.
    static func popMembers(_ c: CommandContext, _ key: Key, max: Bool, count: Int) -> [(score: Double, member: [UInt8])] {
        var popped: [(score: Double, member: [UInt8])] = []
        edit(c, key) { zset in
            let taken = Swift.min(count, zset.count)
            let ranks = max ? (zset.count - taken)...(zset.count - 1) : 0...(taken - 1)
            popped = zset.elements(in: ranks)
            if max { popped.reverse() }
            zset.removeRanks(ranks)
            return true
        }
        c.notifyRemoval(.zset, max ? "zpopmax" : "zpopmin", key)
        if popped.count > 1 { c.engine.addDirty(popped.count - 1) }
        return popped
    }
}
