// ZRANDMEMBER and ZSCAN: reads that visit members in an order of their own.
//
// ZRANDMEMBER picks by rank, so each pick costs O(log n). A positive count returns distinct
// members (the whole set when it is that large), a negative one allows repeats.
//
// ZSCAN replies a small (listpack) set whole with cursor 0, as Redis does. For a larger set
// the cursor is a position in a fixed 64-bit hash of the members: a call returns members in
// hash order from the cursor on, and the next cursor is the hash after the last one returned,
// so every member present for a whole iteration is returned, whatever is added or removed
// meanwhile. Members sharing a hash are always returned by the same call. Finding the next
// members costs a pass over the set, so a call returns at least 1/32 of the set (COUNT is a
// hint in Redis too), which bounds a whole iteration to about 32 passes. Scores are bulk
// strings in both protocols, as Redis writes them from their stored text.

import QuillRESP
import QuillStore

extension SortedSetCommands {
    static let sampling: [CommandSpec] = [
        spec("zrandmember", arity: -2, flags: [.readonly],
             summary: "Get one or multiple random elements from a sorted set", since: "6.2.0", handler: zrandmember),
        spec("zscan", arity: -3, flags: [.readonly],
             summary: "Incrementally iterate sorted sets elements and associated scores", since: "2.8.0",
             handler: zscan),
    ]

    static func zrandmember(_ c: CommandContext) {
        if c.args.count == 2 {
            switch read(c, c.key(1)) {
            case .wrongType: return
            case .missing: c.null()
            case .found(let zset):
                var generator = SystemRandomNumberGenerator()
                c.bulk(zset.element(at: Int.random(in: 0..<zset.count, using: &generator)).member)
            }
            return
        }
        guard let count = RandomSelection.count(c, 2) else { return }
        if c.args.count > 4 || (c.args.count == 4 && c.option(3) != "withscores") {
            c.syntaxError()
            return
        }
        let withScores = c.args.count == 4
        if withScores && (count < -(Int.max / 2) || count > Int.max / 2) {
            c.error("ERR value is out of range")
            return
        }
        let zset: SortedSetValue
        switch read(c, c.key(1)) {
        case .wrongType: return
        case .missing:
            c.reply { $0.arrayHeader(0) }
            return
        case .found(let found): zset = found
        }
        elements(c, randomElements(zset, count), withScores: withScores)
    }

    private static func randomElements(_ zset: SortedSetValue, _ count: Int) -> [(score: Double, member: [UInt8])] {
        var generator = SystemRandomNumberGenerator()
        if count < 0 {
            return (0..<count.magnitude).map { _ in zset.element(at: Int.random(in: 0..<zset.count, using: &generator)) }
        }
        if count >= zset.count { return zset.elements(in: 0...(zset.count - 1)) }
        if count * 3 > zset.count {
            var ranks = Array(0..<zset.count)
            ranks.shuffle(using: &generator)
            return ranks.prefix(count).map { zset.element(at: $0) }
        }
        var picked = Set<Int>()
        var out: [(score: Double, member: [UInt8])] = []
        out.reserveCapacity(count)
        while out.count < count {
            let rank = Int.random(in: 0..<zset.count, using: &generator)
            if picked.insert(rank).inserted { out.append(zset.element(at: rank)) }
        }
        return out
    }

    static func zscan(_ c: CommandContext) {
        guard let cursor = ScanCursor.parse(c.args[2]) else {
            c.error(KeyCommands.invalidCursor)
            return
        }
        let zset: SortedSetValue
        switch read(c, c.key(1)) {
        case .wrongType: return
        case .missing:
            return ElementScan.replyEmptyPage(c)
        case .found(let found): zset = found
        }
        guard let options = ElementScan.options(c, from: 3) else { return }
        let count = options.count, pattern = options.pattern
        var visited: [(score: Double, member: [UInt8])]
        var next: UInt64 = 0
        if zset.isListpack {
            visited = zset.elements(in: 0...(zset.count - 1))
        } else {
            var candidates: [(hash: UInt64, member: [UInt8], score: Double)] = []
            for (member, score) in zset.scores {
                let hash = scanHash(member)
                if hash >= cursor { candidates.append((hash, member, score)) }
            }
            candidates.sort { $0.hash < $1.hash }
            var end = Swift.min(Swift.max(count, zset.count / 32), candidates.count)
            while end > 0, end < candidates.count, candidates[end].hash == candidates[end - 1].hash { end += 1 }
            if end < candidates.count { next = candidates[end].hash }
            visited = candidates[..<end].map { ($0.score, $0.member) }
        }
        if let pattern { visited.removeAll { !pattern.matches($0.member) } }
        c.reply { out in
            out.arrayHeader(2)
            out.bulk(String(next))
            out.arrayHeader(visited.count * 2)
            for e in visited {
                out.bulk(e.member)
                out.bulk(ScoreText.format(e.score))
            }
        }
    }

    /// FNV-1a over the member's bytes: fixed across runs, so a cursor stays meaningful.
    static func scanHash(_ member: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in member {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
