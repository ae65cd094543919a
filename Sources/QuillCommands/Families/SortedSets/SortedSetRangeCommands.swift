// ZRANGE key min max [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES], its older
// spellings (ZRANGEBYSCORE, ZREVRANGEBYSCORE, ZRANGEBYLEX, ZREVRANGEBYLEX, ZREVRANGE) and
// ZRANGESTORE, all one parser and one query as in zrangeGenericCommand. The older commands
// fix the range type and direction in advance, so naming them again is a syntax error. A
// reversed score or lex range is written max first. LIMIT quirks kept from Redis: a count of
// -1 is the same as no LIMIT (so it is accepted with an index range), a negative count means
// "all", and a negative offset selects nothing.

import QuillRESP
import QuillStore

extension SortedSetCommands {
    static let ranges: [CommandSpec] = [
        spec("zrange", arity: -4, flags: [.readonly], summary: "Return a range of members in a sorted set",
             since: "1.2.0") { range($0, keyIndex: 1, kind: nil, reverse: nil, store: false) },
        spec("zrangebyscore", arity: -4, flags: [.readonly],
             summary: "Return a range of members in a sorted set, by score",
             since: "1.0.5") { range($0, keyIndex: 1, kind: .score, reverse: false, store: false) },
        spec("zrevrangebyscore", arity: -4, flags: [.readonly],
             summary: "Return a range of members in a sorted set, by score, with scores ordered from high to low",
             since: "2.2.0") { range($0, keyIndex: 1, kind: .score, reverse: true, store: false) },
        spec("zrangebylex", arity: -4, flags: [.readonly],
             summary: "Return a range of members in a sorted set, by lexicographical range",
             since: "2.8.9") { range($0, keyIndex: 1, kind: .lex, reverse: false, store: false) },
        spec("zrevrangebylex", arity: -4, flags: [.readonly],
             summary: "Return a range of members in a sorted set, by lexicographical range, ordered from higher to lower strings.",
             since: "2.8.9") { range($0, keyIndex: 1, kind: .lex, reverse: true, store: false) },
        spec("zrevrange", arity: -4, flags: [.readonly],
             summary: "Return a range of members in a sorted set, by index, with scores ordered from high to low",
             since: "1.2.0") { range($0, keyIndex: 1, kind: .rank, reverse: true, store: false) },
        spec("zrangestore", arity: -5, flags: [.write, .denyOOM], keys: (1, 2, 1),
             summary: "Store a range of members from sorted set into another key",
             since: "6.2.0") { range($0, keyIndex: 2, kind: nil, reverse: nil, store: true) },
    ]

    enum RangeKind {
        case rank, score, lex
    }

    private enum ParsedRange {
        case rank(start: Int, end: Int)
        case score(ScoreBound, ScoreBound)
        case lex(LexBound, LexBound)
    }

    static func range(_ c: CommandContext, keyIndex: Int, kind fixedKind: RangeKind?, reverse fixedReverse: Bool?,
                      store: Bool) {
        var kind = fixedKind
        var reverse = fixedReverse
        var withScores = false
        var offset = 0
        var limit = -1
        var i = keyIndex + 3
        while i < c.args.count {
            let remaining = c.args.count - i - 1
            switch c.option(i) {
            case "withscores" where !store:
                withScores = true
            case "limit" where remaining >= 2:
                guard let o = c.integerArgument(i + 1), let l = c.integerArgument(i + 2) else { return }
                offset = o
                limit = l
                i += 2
            case "rev" where reverse == nil:
                reverse = true
            case "bylex" where kind == nil:
                kind = .lex
            case "byscore" where kind == nil:
                kind = .score
            default:
                c.syntaxError()
                return
            }
            i += 1
        }
        let rangeKind = kind ?? .rank
        let reversed = reverse ?? false
        if limit != -1 && rangeKind == .rank {
            c.error(SortedSetErrors.limitNeedsRange)
            return
        }
        if withScores && rangeKind == .lex {
            c.error(SortedSetErrors.withScoresByLex)
            return
        }
        var minIndex = keyIndex + 1
        var maxIndex = keyIndex + 2
        if reversed && rangeKind != .rank { swap(&minIndex, &maxIndex) }
        let parsed: ParsedRange
        switch rangeKind {
        case .rank:
            guard let start = c.integerArgument(minIndex), let end = c.integerArgument(maxIndex) else { return }
            parsed = .rank(start: start, end: end)
        case .score:
            guard let min = ScoreText.parseBound(c.args[minIndex]), let max = ScoreText.parseBound(c.args[maxIndex]) else {
                c.error(SortedSetErrors.scoreRange)
                return
            }
            parsed = .score(min, max)
        case .lex:
            guard let min = LexBound(c.args[minIndex]), let max = LexBound(c.args[maxIndex]) else {
                c.error(SortedSetErrors.lexRange)
                return
            }
            parsed = .lex(min, max)
        }

        var selected: [(score: Double, member: [UInt8])] = []
        switch read(c, c.key(keyIndex)) {
        case .wrongType: return
        case .missing: break
        case .found(let zset):
            selected = select(zset, parsed, reverse: reversed, offset: offset, limit: limit)
        }
        if store {
            let limits = limits(c)
            var result = SortedSetValue()
            for e in selected { result.set(e.member, score: e.score, limits: limits) }
            SortedSetCommands.store(c, c.key(1), result)
            if !result.isEmpty { c.notify(.zset, "zrangestore", c.key(1)) }
            c.integer(result.count)
        } else {
            elements(c, selected, withScores: withScores)
        }
    }

    /// The elements a parsed range selects, in reply order.
    private static func select(_ zset: SortedSetValue, _ range: ParsedRange, reverse: Bool, offset: Int,
                               limit: Int) -> [(score: Double, member: [UInt8])] {
        let ranks: ClosedRange<Int>?
        switch range {
        case .rank(let start, let end):
            guard let r = zset.ranks(start: start, end: end) else { return [] }
            let picked = reverse ? (zset.count - 1 - r.upperBound)...(zset.count - 1 - r.lowerBound) : r
            return reverse ? zset.elements(in: picked).reversed() : zset.elements(in: picked)
        case .score(let min, let max):
            ranks = zset.ranks(from: min, to: max)
        case .lex(let min, let max):
            ranks = zset.ranks(from: min, to: max, reverse: reverse)
        }
        guard let ranks, offset >= 0, offset == 0 || offset < zset.count, offset < ranks.count else { return [] }
        let available = ranks.count - offset
        let taken = limit < 0 ? available : Swift.min(limit, available)
        guard taken > 0 else { return [] }
        if reverse {
            let last = ranks.upperBound - offset
            return zset.elements(in: (last - taken + 1)...last).reversed()
        }
        let first = ranks.lowerBound + offset
        return zset.elements(in: first...(first + taken - 1))
    }
}
