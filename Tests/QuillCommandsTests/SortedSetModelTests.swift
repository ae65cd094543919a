// A randomized model test of the sorted set family: thousands of random commands on a few
// keys run on an Engine and on a plain dictionary model, and every RESP2 reply must match
// byte for byte. The model follows Redis's documented semantics (sorting and filtering
// arrays, no trees), independently of the engine's code. Scores are small multiples of 0.5
// and weights small positive integers, so every sum is exact and formats the same way.

import NIOCore
import XCTest
@testable import QuillCommands

final class SortedSetModelTests: XCTestCase {
    private typealias ZSet = [String: Double]

    private var engine: Engine!
    private var client: ClientSession!
    private var model: [String: ZSet] = [:]
    private var random = ZSetModelRandom(seed: 1207)

    override func setUp() {
        engine = Engine(config: Configuration(), clock: ManualClock())
        client = engine.registerClient(remoteAddress: "model", localAddress: "model", fileDescriptor: -1,
                                       allocator: ByteBufferAllocator())
        model = [:]
    }

    private func run(_ args: [String]) -> String {
        client.out.buffer.clear()
        engine.execute(args.map { Array($0.utf8) }, for: client)
        return String(decoding: client.out.buffer.readableBytesView, as: UTF8.self)
    }

    // MARK: Reply encoding

    private func bulk(_ s: String) -> String { "$\(s.utf8.count)\r\n\(s)\r\n" }
    private func int(_ n: Int) -> String { ":\(n)\r\n" }
    private let null = "$-1\r\n"
    private func array(_ items: [String]) -> String { "*\(items.count)\r\n" + items.joined() }

    private func format(_ score: Double) -> String {
        score == score.rounded() ? String(Int(score)) : String(score)
    }

    private func reply(_ elements: [(String, Double)], withScores: Bool) -> String {
        array(elements.flatMap { withScores ? [bulk($0.0), bulk(format($0.1))] : [bulk($0.0)] })
    }

    // MARK: Model helpers

    private func ordered(_ zset: ZSet) -> [(String, Double)] {
        zset.map { ($0.key, $0.value) }.sorted {
            $0.1 != $1.1 ? $0.1 < $1.1 : Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8))
        }
    }

    private func store(_ key: String, _ zset: ZSet) { model[key] = zset.isEmpty ? nil : zset }

    private func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
    private func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
    private func randomKey() -> String { "k\(Int.random(in: 0..<4, using: &random))" }
    private func randomMember() -> String { "m\(Int.random(in: 0..<10, using: &random))" }
    private func randomScore() -> Double { Double(Int.random(in: -8...8, using: &random)) / 2 }

    /// A score bound and the test it stands for.
    private func randomBound() -> (String, (Double) -> Bool, (Double) -> Bool) {
        if chance(10) { return ("-inf", { _ in true }, { _ in false }) }
        if chance(10) { return ("+inf", { _ in false }, { _ in true }) }
        let value = randomScore()
        if chance(30) { return ("(" + format(value), { $0 > value }, { $0 < value }) }
        return (format(value), { $0 >= value }, { $0 <= value })
    }

    private func lexBound() -> (String, (String) -> Bool, (String) -> Bool) {
        let letter = String(pick(Array("abcdefgh")))
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return ("-", { _ in true }, { _ in false })
        case 1: return ("+", { _ in false }, { _ in true })
        case 2: return ("(" + letter, { $0 > letter }, { $0 < letter })
        default: return ("[" + letter, { $0 >= letter }, { $0 <= letter })
        }
    }

    // MARK: Steps

    private func zadd(_ key: String) -> ([String], String) {
        var flags: [String] = []
        for flag in ["NX", "XX", "GT", "LT", "CH"] where chance(15) { flags.append(flag) }
        let incr = chance(15)
        if incr { flags.append("INCR") }
        let pairCount = incr ? 1 : Int.random(in: 1...3, using: &random)
        let pairs = (0..<pairCount).map { _ in (randomScore(), randomMember()) }
        let args = ["ZADD", key] + flags + pairs.flatMap { [format($0.0), $0.1] }
        let has = Set(flags)
        if has.contains("NX") && has.contains("XX") {
            return (args, "-ERR XX and NX options at the same time are not compatible\r\n")
        }
        if (has.contains("GT") && has.contains("NX")) || (has.contains("LT") && has.contains("NX"))
            || (has.contains("GT") && has.contains("LT")) {
            return (args, "-ERR GT, LT, and/or NX options at the same time are not compatible\r\n")
        }
        var zset = model[key] ?? [:]
        var added = 0
        var updated = 0
        var last: Double?
        for (score, member) in pairs {
            if let current = zset[member] {
                let target = incr ? current + score : score
                if has.contains("NX") || (has.contains("GT") && target <= current)
                    || (has.contains("LT") && target >= current) {
                    last = nil
                    continue
                }
                if target != current { updated += 1 }
                zset[member] = target
                last = target
            } else if has.contains("XX") {
                last = nil
            } else {
                zset[member] = score
                added += 1
                last = score
            }
        }
        store(key, zset)
        if incr { return (args, last.map { bulk(format($0)) } ?? null) }
        return (args, int(has.contains("CH") ? added + updated : added))
    }

    private func rangeByScore(_ key: String, reverse: Bool) -> ([String], String) {
        let (minText, aboveMin, _) = randomBound()
        let (maxText, _, belowMax) = randomBound()
        let withScores = chance(50)
        var args = [reverse ? "ZREVRANGEBYSCORE" : "ZRANGEBYSCORE", key] + (reverse ? [maxText, minText] : [minText, maxText])
        if withScores { args.append("WITHSCORES") }
        var selected = ordered(model[key] ?? [:]).filter { aboveMin($0.1) && belowMax($0.1) }
        if reverse { selected.reverse() }
        if chance(40) {
            let offset = Int.random(in: -1...3, using: &random)
            let count = Int.random(in: -1...3, using: &random)
            args += ["LIMIT", String(offset), String(count)]
            if offset < 0 {
                selected = []
            } else {
                selected = Array(selected.dropFirst(offset))
                if count >= 0 { selected = Array(selected.prefix(count)) }
            }
        }
        return (args, reply(selected, withScores: withScores))
    }

    private func rankRange(_ count: Int) -> (Int, Int, ClosedRange<Int>?) {
        let start = Int.random(in: -6...6, using: &random)
        let stop = Int.random(in: -6...6, using: &random)
        var first = start < 0 ? count + start : start
        var last = stop < 0 ? count + stop : stop
        first = max(first, 0)
        last = min(last, count - 1)
        return (start, stop, first <= last && first < count ? first...last : nil)
    }

    private func combine(_ dst: String) -> ([String], String) {
        let a = randomKey()
        let b = chance(20) ? a : randomKey()
        let operation = pick(["ZUNIONSTORE", "ZINTERSTORE", "ZDIFFSTORE"])
        var args = [operation, dst, "2", a, b]
        var weights = [1.0, 1.0]
        var aggregate = "SUM"
        if operation != "ZDIFFSTORE" {
            if chance(40) {
                weights = [Double(Int.random(in: 1...3, using: &random)), Double(Int.random(in: 1...3, using: &random))]
                args += ["WEIGHTS", format(weights[0]), format(weights[1])]
            }
            if chance(40) {
                aggregate = pick(["SUM", "MIN", "MAX"])
                args += ["AGGREGATE", aggregate]
            }
        }
        let first = (model[a] ?? [:]).mapValues { $0 * weights[0] }
        let second = (model[b] ?? [:]).mapValues { $0 * weights[1] }
        let merge: (Double, Double) -> Double = aggregate == "MIN" ? { min($0, $1) } : aggregate == "MAX" ? { max($0, $1) } : { $0 + $1 }
        var result: ZSet = [:]
        switch operation {
        case "ZUNIONSTORE":
            result = first
            for (member, score) in second { result[member] = result[member].map { merge($0, score) } ?? score }
        case "ZINTERSTORE":
            for (member, score) in first { if let other = second[member] { result[member] = merge(score, other) } }
        default:
            result = first.filter { second[$0.key] == nil }
        }
        store(dst, result)
        return (args, int(result.count))
    }

    private func step() -> ([String], String) {
        let key = randomKey()
        let zset = model[key] ?? [:]
        let sorted = ordered(zset)
        switch Int.random(in: 0..<22, using: &random) {
        case 0, 1, 2:
            return zadd(key)
        case 3:
            let increment = randomScore()
            let member = randomMember()
            let result = (zset[member] ?? 0) + increment
            store(key, zset.merging([member: result]) { $1 })
            return (["ZINCRBY", key, format(increment), member], bulk(format(result)))
        case 4:
            let members = [randomMember(), randomMember()]
            var updated = zset
            var removed = 0
            for m in members where updated.removeValue(forKey: m) != nil { removed += 1 }
            store(key, updated)
            return (["ZREM", key] + members, int(removed))
        case 5:
            return (["ZCARD", key], int(zset.count))
        case 6:
            let member = randomMember()
            let other = randomMember()
            if chance(50) { return (["ZSCORE", key, member], zset[member].map { bulk(format($0)) } ?? null) }
            return (["ZMSCORE", key, member, other],
                    array([member, other].map { m in zset[m].map { bulk(format($0)) } ?? null }))
        case 7:
            let member = randomMember()
            let reverse = chance(50)
            guard let rank = sorted.firstIndex(where: { $0.0 == member }) else {
                return ([reverse ? "ZREVRANK" : "ZRANK", key, member], null)
            }
            return ([reverse ? "ZREVRANK" : "ZRANK", key, member], int(reverse ? sorted.count - 1 - rank : rank))
        case 8:
            let (minText, aboveMin, _) = randomBound()
            let (maxText, _, belowMax) = randomBound()
            return (["ZCOUNT", key, minText, maxText], int(sorted.filter { aboveMin($0.1) && belowMax($0.1) }.count))
        case 9:
            let reverse = chance(50)
            let withScores = chance(50)
            let (start, stop, ranks) = rankRange(sorted.count)
            var args = [reverse ? "ZREVRANGE" : "ZRANGE", key, String(start), String(stop)]
            if withScores { args.append("WITHSCORES") }
            let source = reverse ? Array(sorted.reversed()) : sorted
            return (args, reply(ranks.map { Array(source[$0]) } ?? [], withScores: withScores))
        case 10:
            return rangeByScore(key, reverse: chance(50))
        case 11:
            let (start, stop, ranks) = rankRange(sorted.count)
            var updated = zset
            for (member, _) in ranks.map({ Array(sorted[$0]) }) ?? [] { updated[member] = nil }
            store(key, updated)
            return (["ZREMRANGEBYRANK", key, String(start), String(stop)], int(ranks?.count ?? 0))
        case 12:
            let (minText, aboveMin, _) = randomBound()
            let (maxText, _, belowMax) = randomBound()
            let victims = sorted.filter { aboveMin($0.1) && belowMax($0.1) }
            store(key, zset.filter { member, _ in !victims.contains { $0.0 == member } })
            return (["ZREMRANGEBYSCORE", key, minText, maxText], int(victims.count))
        case 13:
            let max = chance(50)
            let count: Int? = chance(50) ? Int.random(in: 0...3, using: &random) : nil
            let source = max ? Array(sorted.reversed()) : sorted
            let popped = Array(source.prefix(count ?? 1))
            store(key, zset.filter { member, _ in !popped.contains { $0.0 == member } })
            let args = [max ? "ZPOPMAX" : "ZPOPMIN", key] + (count.map { [String($0)] } ?? [])
            return (args, reply(popped, withScores: true))
        case 14:
            return combine(key)
        case 15:
            let member = String(pick(Array("abcdefgh")))
            var lex = model["lex"] ?? [:]
            let added = lex[member] == nil
            lex[member] = 0
            store("lex", lex)
            return (["ZADD", "lex", "0", member], int(added ? 1 : 0))
        case 16:
            let (minText, aboveMin, _) = lexBound()
            let (maxText, _, belowMax) = lexBound()
            let reverse = chance(50)
            var selected = ordered(model["lex"] ?? [:]).filter { aboveMin($0.0) && belowMax($0.0) }
            if reverse { selected.reverse() }
            let args = [reverse ? "ZREVRANGEBYLEX" : "ZRANGEBYLEX", "lex"] + (reverse ? [maxText, minText] : [minText, maxText])
            return (args, reply(selected, withScores: false))
        case 17:
            let (minText, aboveMin, _) = lexBound()
            let (maxText, _, belowMax) = lexBound()
            let matching = (model["lex"] ?? [:]).filter { aboveMin($0.key) && belowMax($0.key) }
            if chance(50) { return (["ZLEXCOUNT", "lex", minText, maxText], int(matching.count)) }
            store("lex", (model["lex"] ?? [:]).filter { matching[$0.key] == nil })
            return (["ZREMRANGEBYLEX", "lex", minText, maxText], int(matching.count))
        case 18:
            let source = randomKey()
            let sourceSorted = ordered(model[source] ?? [:])
            let (start, stop, ranks) = rankRange(sourceSorted.count)
            store(key, Dictionary(uniqueKeysWithValues: ranks.map { Array(sourceSorted[$0]) } ?? []))
            return (["ZRANGESTORE", key, source, String(start), String(stop)], int(ranks?.count ?? 0))
        case 19:
            let existed = model.removeValue(forKey: key) != nil
            return (["DEL", key], int(existed ? 1 : 0))
        case 20:
            return (["EXISTS", key], int(model[key] == nil ? 0 : 1))
        default:
            let withScores = chance(50)
            let all = ordered(zset)
            let reverse = chance(50)
            return (["ZRANGE", key, reverse ? "+inf" : "-inf", reverse ? "-inf" : "+inf", "BYSCORE"]
                        + (reverse ? ["REV"] : []) + (withScores ? ["WITHSCORES"] : []),
                    reply(reverse ? all.reversed() : all, withScores: withScores))
        }
    }

    func testRandomCommandsMatchTheModel() {
        for i in 0..<6000 {
            let (args, expected) = step()
            let actual = run(args)
            if actual != expected {
                XCTFail("step \(i): \(args.joined(separator: " "))\nexpected \(expected.debugDescription)\ngot      \(actual.debugDescription)")
                return
            }
        }
        XCTAssertEqual(run(["DBSIZE"]), int(model.count))
    }

    func testRandomCommandsMatchTheModelBeyondTheListpackLimits() {
        XCTAssertNil(engine.config.set("zset-max-listpack-entries", "3", atStartup: false))
        for i in 0..<3000 {
            let (args, expected) = step()
            let actual = run(args)
            if actual != expected {
                XCTFail("step \(i): \(args.joined(separator: " "))\nexpected \(expected.debugDescription)\ngot      \(actual.debugDescription)")
                return
            }
        }
        let encodings = Set(model.keys.map { run(["OBJECT", "ENCODING", $0]) })
        XCTAssertTrue(encodings.isSubset(of: [bulk("listpack"), bulk("skiplist")]))
    }
}

private struct ZSetModelRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
