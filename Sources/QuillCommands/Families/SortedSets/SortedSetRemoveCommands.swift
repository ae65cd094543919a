// ZREM and the range removals ZREMRANGEBYRANK, ZREMRANGEBYSCORE and ZREMRANGEBYLEX. Each
// replies how many members went; the range is parsed before the key is looked up, and a set
// left empty is deleted.

import QuillRESP
import QuillStore

extension SortedSetCommands {
    static let removing: [CommandSpec] = [
        spec("zrem", arity: -3, flags: [.write, .fast], summary: "Remove one or more members from a sorted set",
             since: "1.2.0", handler: zrem),
        spec("zremrangebyrank", arity: 4, flags: [.write],
             summary: "Remove all members in a sorted set within the given indexes", since: "2.0.0") { c in
            guard let start = c.integerArgument(2), let end = c.integerArgument(3) else { return }
            removeRange(c, "zremrangebyrank") { $0.ranks(start: start, end: end) }
        },
        spec("zremrangebyscore", arity: 4, flags: [.write],
             summary: "Remove all members in a sorted set within the given scores", since: "1.2.0") { c in
            guard let min = ScoreText.parseBound(c.args[2]), let max = ScoreText.parseBound(c.args[3]) else {
                c.error(SortedSetErrors.scoreRange)
                return
            }
            removeRange(c, "zremrangebyscore") { $0.ranks(from: min, to: max) }
        },
        spec("zremrangebylex", arity: 4, flags: [.write],
             summary: "Remove all members in a sorted set between the given lexicographical range",
             since: "2.8.9") { c in
            guard let min = LexBound(c.args[2]), let max = LexBound(c.args[3]) else {
                c.error(SortedSetErrors.lexRange)
                return
            }
            removeRange(c, "zremrangebylex") { $0.ranks(from: min, to: max) }
        },
    ]

    static func zrem(_ c: CommandContext) {
        let key = c.key(1)
        switch readForWrite(c, key) {
        case .wrongType: return
        case .missing: c.integer(0)
        case .found:
            var removed = 0
            edit(c, key) { zset in
                for member in c.args[2...] where zset.remove(member) { removed += 1 }
                return removed > 0
            }
            if removed > 0 { c.notifyRemoval(.zset, "zrem", key) }
            if removed > 1 { c.engine.addDirty(removed - 1) }
            c.integer(removed)
        }
    }

    private static func removeRange(_ c: CommandContext, _ event: String,
                                    _ ranks: (SortedSetValue) -> ClosedRange<Int>?) {
        let key = c.key(1)
        switch readForWrite(c, key) {
        case .wrongType: return
        case .missing:
            c.integer(0)
            return
        case .found: break
        }
        var removed = 0
        edit(c, key) { zset in
            guard let selected = ranks(zset) else { return false }
            zset.removeRanks(selected)
            removed = selected.count
            return true
        }
        if removed > 0 { c.notifyRemoval(.zset, event, key) }
        if removed > 1 { c.engine.addDirty(removed - 1) }
        c.integer(removed)
    }
}
