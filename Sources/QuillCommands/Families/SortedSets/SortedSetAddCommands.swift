// ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...] and ZINCRBY
// (zaddGenericCommand). Every score is parsed before the key is looked up, so a bad score
// changes nothing; NX adds only, XX updates only, GT/LT update only towards a higher/lower
// score (they never prevent an addition), CH counts updates too, and INCR turns the
// command into ZINCRBY, replying the new score or nil when a condition stopped it.

import QuillRESP
import QuillStore

extension SortedSetCommands {
    static let adding: [CommandSpec] = [
        spec("zadd", arity: -4, flags: [.write, .denyOOM, .fast],
             summary: "Add one or more members to a sorted set, or update its score if it already exists",
             since: "1.2.0", handler: zadd),
        spec("zincrby", arity: 4, flags: [.write, .denyOOM, .fast],
             summary: "Increment the score of a member in a sorted set", since: "1.2.0", handler: zincrby),
    ]

    struct AddFlags {
        var nx = false, xx = false, gt = false, lt = false, ch = false, incr = false
    }

    static func zadd(_ c: CommandContext) {
        var flags = AddFlags()
        var index = 2
        flagLoop: while index < c.args.count {
            switch c.option(index) {
            case "nx": flags.nx = true
            case "xx": flags.xx = true
            case "gt": flags.gt = true
            case "lt": flags.lt = true
            case "ch": flags.ch = true
            case "incr": flags.incr = true
            default: break flagLoop
            }
            index += 1
        }
        let elements = c.args.count - index
        guard elements > 0, elements % 2 == 0 else {
            c.syntaxError()
            return
        }
        if flags.nx && flags.xx {
            c.error(SortedSetErrors.nxAndXX)
            return
        }
        if (flags.gt && flags.nx) || (flags.lt && flags.nx) || (flags.gt && flags.lt) {
            c.error(SortedSetErrors.gtLtNX)
            return
        }
        if flags.incr && elements > 2 {
            c.error(SortedSetErrors.incrSinglePair)
            return
        }
        var pairs: [(score: Double, member: [UInt8])] = []
        pairs.reserveCapacity(elements / 2)
        for i in stride(from: index, to: c.args.count, by: 2) {
            guard let score = ScoreText.parse(c.args[i]) else {
                c.error(ErrorReplies.notFloat)
                return
            }
            pairs.append((score, c.args[i + 1]))
        }
        apply(c, c.key(1), pairs, flags)
    }

    static func zincrby(_ c: CommandContext) {
        guard let increment = ScoreText.parse(c.args[2]) else {
            c.error(ErrorReplies.notFloat)
            return
        }
        var flags = AddFlags()
        flags.incr = true
        apply(c, c.key(1), [(increment, c.args[3])], flags)
    }

    private enum Outcome {
        case added(Double), updated(Double), unchanged(Double), skipped, notANumber
    }

    /// What adding one (score, member) would do to a set (zsetAdd), without doing it.
    private static func outcome(_ zset: SortedSetValue, _ score: Double, _ member: [UInt8],
                                _ flags: AddFlags) -> Outcome {
        guard let current = zset.score(of: member) else {
            return flags.xx ? .skipped : .added(score)
        }
        if flags.nx { return .skipped }
        var target = score
        if flags.incr {
            target = current + score
            if target.isNaN { return .notANumber }
        }
        if (flags.gt && target <= current) || (flags.lt && target >= current) { return .skipped }
        return target == current ? .unchanged(target) : .updated(target)
    }

    private static func apply(_ c: CommandContext, _ key: Key, _ pairs: [(score: Double, member: [UInt8])],
                              _ flags: AddFlags) {
        let limits = limits(c)
        var added = 0
        var updated = 0
        var lastScore: Double?
        var notANumber = false
        let run = { (zset: inout SortedSetValue) -> Bool in
            for (score, member) in pairs {
                switch outcome(zset, score, member, flags) {
                case .notANumber:
                    // Only INCR, with its single pair, can get here: nothing changes.
                    notANumber = true
                    lastScore = nil
                case .skipped:
                    lastScore = nil
                case .unchanged(let s):
                    lastScore = s
                case .added(let s):
                    added += 1
                    lastScore = s
                    zset.set(member, score: s, limits: limits)
                case .updated(let s):
                    updated += 1
                    lastScore = s
                    zset.set(member, score: s, limits: limits)
                }
            }
            return added + updated > 0
        }
        c.engine.expireIfNeeded(c.db, key)
        switch c.editStored(key, as: SortedSetValue.self, run) {
        case .wrongType:
            return c.wrongType()
        case .missing:
            // With XX nothing is added, and a set that stays empty is not stored.
            var zset = SortedSetValue()
            if run(&zset) { c.setKey(key, .sortedSet(zset)) }
        case .edited(let changed):
            if changed { c.modified(key) }
        }
        if notANumber { return c.error(SortedSetErrors.nanScore) }
        if added + updated > 0 { c.notify(.zset, flags.incr ? "zincr" : "zadd", key) }
        if added + updated > 1 { c.engine.addDirty(added + updated - 1) }
        c.reply { out in
            if flags.incr {
                if let lastScore { score(&out, lastScore) } else { out.null() }
            } else {
                out.integer(flags.ch ? added + updated : added)
            }
        }
    }
}
