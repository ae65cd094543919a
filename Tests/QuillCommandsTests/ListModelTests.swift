// A randomized model test of the list family: thousands of random list commands on a
// handful of keys (one of them a string, for WRONGTYPE) are run on an Engine and on a plain
// dictionary of arrays, and every reply must match byte for byte. The model is written
// from Redis's documented semantics, independently of the engine's code; it also checks
// that emptied lists disappear and that OBJECT ENCODING and the dataset agree at the end.

import NIOCore
import XCTest
@testable import QuillCommands

final class ListModelTests: XCTestCase {
    private var engine: Engine!
    private var client: ClientSession!
    private var model: [String: [String]] = [:]
    private var random = ListFuzzRandom(seed: 7)

    override func setUp() {
        engine = Engine(config: Configuration(), clock: ManualClock())
        client = engine.registerClient(remoteAddress: "model", localAddress: "model", fileDescriptor: -1,
                                       allocator: ByteBufferAllocator())
        model = [:]
        XCTAssertEqual(run(["SET", "str", "x"]), "+OK\r\n")
    }

    private func run(_ args: [String]) -> String {
        client.out.buffer.clear()
        engine.execute(args.map { Array($0.utf8) }, for: client)
        return String(decoding: client.out.buffer.readableBytesView, as: UTF8.self)
    }

    private let null = "$-1\r\n"
    private let nullArray = "*-1\r\n"
    private let wrongType = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"

    private func bulk(_ s: String) -> String { "$\(s.utf8.count)\r\n\(s)\r\n" }
    private func array(_ items: [String]) -> String { "*\(items.count)\r\n" + items.map(bulk).joined() }
    private func integers(_ items: [Int]) -> String { "*\(items.count)\r\n" + items.map { ":\($0)\r\n" }.joined() }

    private func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    private func randomKey() -> String { int(0...9) == 0 ? "str" : "k\(int(0...3))" }
    private func randomElement() -> String { ["a", "b", "c", "", "1", "-2", "long-element-\(int(0...2))"][int(0...6)] }
    private func side() -> String { Bool.random(using: &random) ? "LEFT" : "right" }

    /// Writes `list` back to the model, dropping the key when it is empty, as Redis does.
    private func store(_ key: String, _ list: [String]) { model[key] = list.isEmpty ? nil : list }

    /// Redis's index rule: negative counts from the tail; nil outside the list.
    private func offset(_ index: Int, _ count: Int) -> Int? {
        let i = index < 0 ? count + index : index
        return i >= 0 && i < count ? i : nil
    }

    /// LRANGE/LTRIM's clamping of an inclusive range; nil when it selects nothing.
    private func range(_ start: Int, _ end: Int, _ count: Int) -> ClosedRange<Int>? {
        let s = max(start < 0 ? count + start : start, 0)
        let e = min(end < 0 ? count + end : end, count - 1)
        return s <= e && s < count ? s...e : nil
    }

    /// One random command applied to the model; returns the arguments and the expected reply.
    private func step() -> ([String], String) {
        let key = randomKey()
        let isString = key == "str"
        let list = model[key] ?? []
        switch int(0...16) {
        case 0, 1:
            let front = Bool.random(using: &random)
            let onlyIfExists = int(0...3) == 0
            let items = (0..<int(1...4)).map { _ in randomElement() }
            let args = [(front ? "LPUSH" : "RPUSH") + (onlyIfExists ? "X" : ""), key] + items
            if isString { return (args, wrongType) }
            if onlyIfExists && list.isEmpty { return (args, ":0\r\n") }
            let updated = front ? items.reversed() + list : list + items
            store(key, updated)
            return (args, ":\(updated.count)\r\n")
        case 2, 3:
            let front = Bool.random(using: &random)
            let count: Int? = Bool.random(using: &random) ? int(0...4) : nil
            let args = [front ? "LPOP" : "RPOP", key] + (count.map { [String($0)] } ?? [])
            if isString { return (args, wrongType) }
            if list.isEmpty { return (args, count == nil ? null : nullArray) }
            let n = min(count ?? 1, list.count)
            let popped = front ? Array(list.prefix(n)) : Array(list.suffix(n).reversed())
            store(key, front ? Array(list.dropFirst(n)) : Array(list.dropLast(n)))
            return (args, count == nil ? bulk(popped[0]) : array(popped))
        case 4:
            return (["LLEN", key], isString ? wrongType : ":\(list.count)\r\n")
        case 5:
            let start = int(-8...8), end = int(-8...8)
            let args = ["LRANGE", key, String(start), String(end)]
            if isString { return (args, wrongType) }
            return (args, array(range(start, end, list.count).map { Array(list[$0]) } ?? []))
        case 6:
            let index = int(-8...8)
            let args = ["LINDEX", key, String(index)]
            if isString { return (args, wrongType) }
            return (args, offset(index, list.count).map { bulk(list[$0]) } ?? null)
        case 7:
            let index = int(-6...6)
            let element = randomElement()
            let args = ["LSET", key, String(index), element]
            if isString { return (args, wrongType) }
            if list.isEmpty { return (args, "-ERR no such key\r\n") }
            guard let i = offset(index, list.count) else { return (args, "-ERR index out of range\r\n") }
            var updated = list
            updated[i] = element
            store(key, updated)
            return (args, "+OK\r\n")
        case 8:
            let limit = int(-3...3)
            let element = randomElement()
            let args = ["LREM", key, String(limit), element]
            if isString { return (args, wrongType) }
            var indexes = list.indices.filter { list[$0] == element }
            if limit < 0 { indexes = Array(indexes.suffix(-limit)) } else if limit > 0 { indexes = Array(indexes.prefix(limit)) }
            let removed = Set(indexes)
            store(key, list.indices.filter { !removed.contains($0) }.map { list[$0] })
            return (args, ":\(removed.count)\r\n")
        case 9:
            let start = int(-6...6), end = int(-6...6)
            let args = ["LTRIM", key, String(start), String(end)]
            if isString { return (args, wrongType) }
            store(key, range(start, end, list.count).map { Array(list[$0]) } ?? [])
            return (args, "+OK\r\n")
        case 10:
            let after = Bool.random(using: &random)
            let pivot = randomElement(), element = randomElement()
            let args = ["LINSERT", key, after ? "AFTER" : "before", pivot, element]
            if isString { return (args, wrongType) }
            if list.isEmpty { return (args, ":0\r\n") }
            guard let i = list.firstIndex(of: pivot) else { return (args, ":-1\r\n") }
            var updated = list
            updated.insert(element, at: after ? i + 1 : i)
            store(key, updated)
            return (args, ":\(updated.count)\r\n")
        case 11, 12:
            let element = randomElement()
            var args = ["LPOS", key, element]
            var rank = 1, count: Int?, maxlen = 0
            if Bool.random(using: &random) {
                rank = [-3, -2, -1, 1, 2, 3][int(0...5)]
                args += ["RANK", String(rank)]
            }
            if Bool.random(using: &random) {
                count = int(0...3)
                args += ["COUNT", String(count!)]
            }
            if Bool.random(using: &random) {
                maxlen = int(0...5)
                args += ["MAXLEN", String(maxlen)]
            }
            if isString { return (args, wrongType) }
            var order = Array(list.indices)
            if rank < 0 { order.reverse() }
            if maxlen > 0 { order = Array(order.prefix(maxlen)) }
            let hits = Array(order.filter { list[$0] == element }.dropFirst(abs(rank) - 1))
            guard let count else { return (args, hits.first.map { ":\($0)\r\n" } ?? null) }
            return (args, integers(count == 0 ? hits : Array(hits.prefix(count))))
        case 13, 14:
            let destination = randomKey()
            let from = side(), to = side()
            let classic = int(0...2) == 0
            let args = classic ? ["RPOPLPUSH", key, destination] : ["LMOVE", key, destination, from, to]
            let fromLeft = classic ? false : from == "LEFT"
            let toLeft = classic ? true : to == "LEFT"
            if isString { return (args, wrongType) }
            if list.isEmpty { return (args, null) }
            if destination == "str" { return (args, wrongType) }
            var source = list
            let element = fromLeft ? source.removeFirst() : source.removeLast()
            store(key, source)
            var target = model[destination] ?? []
            if toLeft { target.insert(element, at: 0) } else { target.append(element) }
            store(destination, target)
            return (args, bulk(element))
        case 15:
            let keys = (0..<int(1...3)).map { _ in randomKey() }
            let front = side()
            let count: Int? = Bool.random(using: &random) ? int(1...3) : nil
            let args = ["LMPOP", String(keys.count)] + keys + [front] + (count.map { ["COUNT", String($0)] } ?? [])
            for candidate in keys {
                if candidate == "str" { return (args, wrongType) }
                guard let items = model[candidate] else { continue }
                let n = min(count ?? 1, items.count)
                let popped = front == "LEFT" ? Array(items.prefix(n)) : Array(items.suffix(n).reversed())
                store(candidate, front == "LEFT" ? Array(items.dropFirst(n)) : Array(items.dropLast(n)))
                return (args, "*2\r\n" + bulk(candidate) + array(popped))
            }
            return (args, nullArray)
        default:
            return (["EXISTS", key], ":\(isString || !list.isEmpty ? 1 : 0)\r\n")
        }
    }

    func testRandomCommandsMatchADictionaryModel() {
        for index in 0..<8000 {
            let (args, expected) = step()
            let reply = run(args)
            if reply != expected {
                XCTFail("step \(index): \(args.joined(separator: " ")) replied \(reply.debugDescription), model expected \(expected.debugDescription)")
                return
            }
        }
        XCTAssertEqual(engine.keyspace.databases[0].count, model.count + 1)
        for (key, list) in model {
            XCTAssertEqual(run(["LRANGE", key, "0", "-1"]), array(list))
            XCTAssertEqual(run(["OBJECT", "ENCODING", key]), bulk("quicklist"))
        }
    }

    func testChangesAreCountedPerElementAsInRedis() {
        let before = engine.dirty
        XCTAssertEqual(run(["RPUSH", "l", "a", "b", "c", "d", "e"]), ":5\r\n")
        XCTAssertEqual(engine.dirty - before, 5)
        XCTAssertEqual(run(["LPOP", "l", "2"]), array(["a", "b"]))
        XCTAssertEqual(engine.dirty - before, 7)
        XCTAssertEqual(run(["LTRIM", "l", "0", "0"]), "+OK\r\n")
        XCTAssertEqual(engine.dirty - before, 9)
        XCTAssertEqual(run(["LINSERT", "l", "BEFORE", "zz", "x"]), ":-1\r\n")
        XCTAssertEqual(run(["LREM", "l", "0", "zz"]), ":0\r\n")
        XCTAssertEqual(run(["LPUSHX", "missing", "x"]), ":0\r\n")
        XCTAssertEqual(engine.dirty - before, 9)
        XCTAssertEqual(run(["LMOVE", "l", "m", "LEFT", "LEFT"]), bulk("c"))
        XCTAssertEqual(engine.dirty - before, 10)
    }
}

/// A small deterministic generator (SplitMix64), so a failing sequence can be replayed.
struct ListFuzzRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
