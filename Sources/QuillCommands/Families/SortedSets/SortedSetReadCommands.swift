// The sorted set reads that return one number or score per question: ZCARD, ZSCORE,
// ZMSCORE, ZRANK, ZREVRANK, ZCOUNT and ZLEXCOUNT. A missing key reads as an empty set.
// Ranges are parsed before the key is looked up, so a bad range wins over WRONGTYPE.

import QuillRESP
import QuillStore

extension SortedSetCommands {
    static let reading: [CommandSpec] = [
        spec("zcard", arity: 2, flags: [.readonly, .fast], summary: "Get the number of members in a sorted set",
             since: "1.2.0", handler: zcard),
        spec("zscore", arity: 3, flags: [.readonly, .fast],
             summary: "Get the score associated with the given member in a sorted set", since: "1.2.0", handler: zscore),
        spec("zmscore", arity: -3, flags: [.readonly, .fast],
             summary: "Get the score associated with the given members in a sorted set", since: "6.2.0", handler: zmscore),
        spec("zrank", arity: 3, flags: [.readonly, .fast], summary: "Determine the index of a member in a sorted set",
             since: "2.0.0") { rank($0, reverse: false) },
        spec("zrevrank", arity: 3, flags: [.readonly, .fast],
             summary: "Determine the index of a member in a sorted set, with scores ordered from high to low",
             since: "2.0.0") { rank($0, reverse: true) },
        spec("zcount", arity: 4, flags: [.readonly, .fast],
             summary: "Count the members in a sorted set with scores within the given values", since: "2.0.0",
             handler: zcount),
        spec("zlexcount", arity: 4, flags: [.readonly, .fast],
             summary: "Count the number of members in a sorted set between a given lexicographical range",
             since: "2.8.9", handler: zlexcount),
    ]

    static func zcard(_ c: CommandContext) {
        switch read(c, c.key(1)) {
        case .wrongType: return
        case .missing: c.integer(0)
        case .found(let zset): c.integer(zset.count)
        }
    }

    static func zscore(_ c: CommandContext) {
        switch read(c, c.key(1)) {
        case .wrongType: return
        case .missing: c.null()
        case .found(let zset):
            guard let value = zset.score(of: c.args[2]) else {
                c.null()
                return
            }
            c.reply { score(&$0, value) }
        }
    }

    static func zmscore(_ c: CommandContext) {
        var zset: SortedSetValue?
        switch read(c, c.key(1)) {
        case .wrongType: return
        case .missing: zset = nil
        case .found(let found): zset = found
        }
        c.reply { out in
            out.arrayHeader(c.args.count - 2)
            for member in c.args[2...] {
                if let value = zset?.score(of: member) { score(&out, value) } else { out.null() }
            }
        }
    }

    static func rank(_ c: CommandContext, reverse: Bool) {
        switch read(c, c.key(1)) {
        case .wrongType: return
        case .missing: c.null()
        case .found(let zset):
            guard let rank = zset.rank(of: c.args[2]) else {
                c.null()
                return
            }
            c.integer(reverse ? zset.count - 1 - rank : rank)
        }
    }

    static func zcount(_ c: CommandContext) {
        guard let min = ScoreText.parseBound(c.args[2]), let max = ScoreText.parseBound(c.args[3]) else {
            c.error(SortedSetErrors.scoreRange)
            return
        }
        switch read(c, c.key(1)) {
        case .wrongType: return
        case .missing: c.integer(0)
        case .found(let zset): c.integer(zset.ranks(from: min, to: max)?.count ?? 0)
        }
    }

    static func zlexcount(_ c: CommandContext) {
        guard let min = LexBound(c.args[2]), let max = LexBound(c.args[3]) else {
            c.error(SortedSetErrors.lexRange)
            return
        }
        switch read(c, c.key(1)) {
        case .wrongType: return
        case .missing: c.integer(0)
        case .found(let zset): c.integer(zset.ranks(from: min, to: max)?.count ?? 0)
        }
    }
}
