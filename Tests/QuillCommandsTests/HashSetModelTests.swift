// A randomized model test of the hash and set families: thousands of random commands on a
// few shared keys (so types collide and WRONGTYPE comes up) run on an Engine and on a plain
// model written from Redis's documented semantics, and every reply must match. Replies
// listing a hash table are compared as multisets. Low listpack/intset limits make the
// encoding conversions happen often, and OBJECT ENCODING is checked against the model's
// own record of them.

import NIOCore
import XCTest
@testable import QuillCommands

final class HashSetModelTests: XCTestCase {
    private enum ModelValue {
        case hash([String: String], converted: Bool)
        case set(Set<String>, converted: Bool)
    }

    private var engine: Engine!
    private var client: ClientSession!
    private var model: [String: ModelValue] = [:]
    private var random = StringFuzzRandom(seed: 7070)

    private let maxEntries = 4
    private let maxValue = 6
    private let maxIntset = 5

    override func setUp() {
        let config = Configuration()
        XCTAssertNil(config.set("hash-max-listpack-entries", String(maxEntries), atStartup: true))
        XCTAssertNil(config.set("hash-max-listpack-value", String(maxValue), atStartup: true))
        XCTAssertNil(config.set("set-max-intset-entries", String(maxIntset), atStartup: true))
        engine = Engine(config: config, clock: ManualClock())
        client = engine.registerClient(remoteAddress: "model", localAddress: "model", fileDescriptor: -1,
                                       allocator: ByteBufferAllocator())
        model = [:]
    }

    // MARK: Replies

    private enum Parsed: Equatable {
        case text(String)
        case list([Parsed])
    }

    private func run(_ args: [String]) -> Parsed {
        client.out.buffer.clear()
        engine.execute(args.map { Array($0.utf8) }, for: client)
        let bytes = Array(client.out.buffer.readableBytesView)
        var index = 0
        return parse(bytes, &index)
    }

    /// A RESP2 reply: bulk strings, integers, statuses and errors become text (an error
    /// keeps its '-', an integer its ':', nil is "nil"), arrays become lists.
    private func parse(_ bytes: [UInt8], _ index: inout Int) -> Parsed {
        let type = bytes[index]
        var end = index
        while bytes[end] != 13 { end += 1 }
        let line = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
        index = end + 2
        switch type {
        case UInt8(ascii: "$"):
            let length = Int(line)!
            if length < 0 { return .text("nil") }
            let text = String(decoding: bytes[index..<(index + length)], as: UTF8.self)
            index += length + 2
            return .text(text)
        case UInt8(ascii: "*"):
            return .list((0..<Int(line)!).map { _ in parse(bytes, &index) })
        case UInt8(ascii: ":"):
            return .text(":" + line)
        case UInt8(ascii: "-"):
            return .text("-" + line)
        default:
            return .text(line)
        }
    }

    private func int(_ n: Int) -> Parsed { .text(":\(n)") }
    private func bulks(_ items: [String]) -> Parsed { .list(items.map { .text($0) }) }
    private func sorted(_ p: Parsed) -> Parsed {
        guard case .list(let items) = p else { return p }
        return .list(items.sorted { "\($0)" < "\($1)" })
    }
    /// A flat field/value list with its pairs sorted.
    private func sortedPairs(_ p: Parsed) -> [String] {
        guard case .list(let items) = p else { return [] }
        let texts = items.map { if case .text(let t) = $0 { return t } else { return "?" } }
        return stride(from: 0, to: texts.count - 1, by: 2).map { texts[$0] + "=" + texts[$0 + 1] }.sorted()
    }

    private let wrongType = Parsed.text("-WRONGTYPE Operation against a key holding the wrong kind of value")

    // MARK: Model helpers

    private func isCanonicalInteger(_ s: String) -> Bool {
        guard let n = Int64(s) else { return false }
        return String(n) == s
    }

    private func setConverted(_ members: Set<String>) -> Bool {
        members.count > maxIntset || members.contains { !isCanonicalInteger($0) }
    }

    private func hashValue(_ key: String) -> [String: String]?? {
        switch model[key] {
        case nil: return .some(nil)
        case .hash(let h, _)?: return .some(h)
        case .set?: return nil
        }
    }

    private func setValue(_ key: String) -> Set<String>?? {
        switch model[key] {
        case nil: return .some(nil)
        case .set(let s, _)?: return .some(s)
        case .hash?: return nil
        }
    }

    private func storeHash(_ key: String, _ h: [String: String], converted: Bool) {
        model[key] = h.isEmpty ? nil : .hash(h, converted: converted)
    }

    private func storeSet(_ key: String, _ s: Set<String>, converted: Bool) {
        model[key] = s.isEmpty ? nil : .set(s, converted: converted)
    }

    private var hashConverted: (String) -> Bool {
        { key in if case .hash(_, let c)? = self.model[key] { return c } else { return false } }
    }

    private var setWasConverted: (String) -> Bool {
        { key in if case .set(_, let c)? = self.model[key] { return c } else { return false } }
    }

    /// Writes fields the way Redis converts: a long field or value, or too many fields.
    private func hashWrite(_ key: String, _ h: inout [String: String], _ pairs: [(String, String)]) -> Bool {
        var converted = hashConverted(key)
        for (f, v) in pairs {
            if f.utf8.count > maxValue || v.utf8.count > maxValue { converted = true }
            h[f] = v
            if h.count > maxEntries { converted = true }
        }
        return converted
    }

    // MARK: Random arguments

    private func key() -> String { "k\(Int.random(in: 0..<4, using: &random))" }

    private func element() -> String {
        switch Int.random(in: 0..<40, using: &random) {
        case 0..<16: return String(Int.random(in: -3...12, using: &random))
        case 16..<24: return ["a", "b", "c", "d", "e", "f"].randomElement(using: &random)!
        case 24..<30: return ["01", "-0", ""].randomElement(using: &random)!
        case 30: return ["longvalue", "9223372036854775807"].randomElement(using: &random)!
        default: return "f\(Int.random(in: 0..<6, using: &random))"
        }
    }

    // MARK: Steps

    /// One random command applied to the model; returns the arguments and a check of the reply.
    private func step() -> ([String], (Parsed) -> Bool) {
        let k = key()
        func expect(_ expected: Parsed) -> (Parsed) -> Bool { { $0 == expected } }
        switch Int.random(in: 0..<28, using: &random) {
        case 0, 1:
            let pairs = (0..<Int.random(in: 1...3, using: &random)).map { _ in (element(), element()) }
            let args = ["HSET", k] + pairs.flatMap { [$0.0, $0.1] }
            guard let existing = hashValue(k) else { return (args, expect(wrongType)) }
            var h = existing ?? [:]
            let before = Set(h.keys)
            let converted = hashWrite(k, &h, pairs)
            storeHash(k, h, converted: converted)
            return (args, expect(int(Set(h.keys).subtracting(before).count)))
        case 2:
            let (f, v) = (element(), element())
            let args = ["HSETNX", k, f, v]
            guard let existing = hashValue(k) else { return (args, expect(wrongType)) }
            var h = existing ?? [:]
            guard h[f] == nil else { return (args, expect(int(0))) }
            let converted = hashWrite(k, &h, [(f, v)])
            storeHash(k, h, converted: converted)
            return (args, expect(int(1)))
        case 3:
            let fields = (0..<Int.random(in: 1...3, using: &random)).map { _ in element() }
            let args = ["HDEL", k] + fields
            guard let existing = hashValue(k) else { return (args, expect(wrongType)) }
            var h = existing ?? [:]
            var removed = 0
            for f in fields where h.removeValue(forKey: f) != nil { removed += 1 }
            storeHash(k, h, converted: hashConverted(k))
            return (args, expect(int(removed)))
        case 4:
            let f = element()
            guard let existing = hashValue(k) else { return (["HGET", k, f], expect(wrongType)) }
            return (["HGET", k, f], expect(.text(existing?[f] ?? "nil")))
        case 5:
            let fields = [element(), element()]
            guard let existing = hashValue(k) else { return (["HMGET", k] + fields, expect(wrongType)) }
            return (["HMGET", k] + fields, expect(bulks(fields.map { existing?[$0] ?? "nil" })))
        case 6:
            guard let existing = hashValue(k) else { return (["HLEN", k], expect(wrongType)) }
            return (["HLEN", k], expect(int(existing?.count ?? 0)))
        case 7:
            let f = element()
            guard let existing = hashValue(k) else { return (["HSTRLEN", k, f], expect(wrongType)) }
            return (["HSTRLEN", k, f], expect(int(existing?[f]?.utf8.count ?? 0)))
        case 8:
            let f = element()
            guard let existing = hashValue(k) else { return (["HEXISTS", k, f], expect(wrongType)) }
            return (["HEXISTS", k, f], expect(int(existing?[f] == nil ? 0 : 1)))
        case 9:
            guard let existing = hashValue(k) else { return (["HGETALL", k], expect(wrongType)) }
            let pairs = (existing ?? [:]).map { $0.key + "=" + $0.value }.sorted()
            return (["HGETALL", k], { self.sortedPairs($0) == pairs })
        case 10:
            let f = element()
            let delta = Bool.random(using: &random) ? Int64.random(in: -5...5, using: &random) : Int64.max
            let args = ["HINCRBY", k, f, String(delta)]
            guard let existing = hashValue(k) else { return (args, expect(wrongType)) }
            var h = existing ?? [:]
            var current: Int64 = 0
            if let stored = h[f] {
                guard isCanonicalInteger(stored) else {
                    return (args, expect(.text("-ERR hash value is not an integer")))
                }
                current = Int64(stored)!
            }
            let (sum, overflow) = current.addingReportingOverflow(delta)
            if overflow { return (args, expect(.text("-ERR increment or decrement would overflow"))) }
            let converted = hashWrite(k, &h, [(f, String(sum))])
            storeHash(k, h, converted: converted)
            return (args, expect(int(Int(sum))))
        case 11, 12:
            let members = (0..<Int.random(in: 1...3, using: &random)).map { _ in element() }
            let args = ["SADD", k] + members
            guard let existing = setValue(k) else { return (args, expect(wrongType)) }
            var s = existing ?? []
            var converted = setWasConverted(k)
            var added = 0
            for m in members where s.insert(m).inserted {
                added += 1
                if !isCanonicalInteger(m) || s.count > maxIntset { converted = true }
            }
            storeSet(k, s, converted: converted)
            return (args, expect(int(added)))
        case 13:
            let members = (0..<Int.random(in: 1...3, using: &random)).map { _ in element() }
            let args = ["SREM", k] + members
            guard let existing = setValue(k) else { return (args, expect(wrongType)) }
            var s = existing ?? []
            var removed = 0
            for m in members where s.remove(m) != nil { removed += 1 }
            storeSet(k, s, converted: setWasConverted(k))
            return (args, expect(int(removed)))
        case 14:
            guard let existing = setValue(k) else { return (["SCARD", k], expect(wrongType)) }
            return (["SCARD", k], expect(int(existing?.count ?? 0)))
        case 15:
            let members = [element(), element(), element()]
            guard let existing = setValue(k) else { return (["SMISMEMBER", k] + members, expect(wrongType)) }
            return (["SMISMEMBER", k] + members,
                    expect(.list(members.map { int(existing?.contains($0) == true ? 1 : 0) })))
        case 16:
            guard let existing = setValue(k) else { return (["SMEMBERS", k], expect(wrongType)) }
            let expected = sorted(bulks(Array(existing ?? [])))
            return (["SMEMBERS", k], { self.sorted($0) == expected })
        case 17:
            let (destination, m) = (key(), element())
            let args = ["SMOVE", k, destination, m]
            guard let source = setValue(k) else { return (args, expect(wrongType)) }
            guard var src = source else { return (args, expect(int(0))) }
            guard let target = setValue(destination) else { return (args, expect(wrongType)) }
            if k == destination { return (args, expect(int(src.contains(m) ? 1 : 0))) }
            guard src.remove(m) != nil else { return (args, expect(int(0))) }
            storeSet(k, src, converted: setWasConverted(k))
            var dst = target ?? []
            var converted = setWasConverted(destination)
            if dst.insert(m).inserted && (!isCanonicalInteger(m) || dst.count > maxIntset) { converted = true }
            storeSet(destination, dst, converted: converted)
            return (args, expect(int(1)))
        case 18, 19:
            let operation = ["SINTER", "SUNION", "SDIFF"].randomElement(using: &random)!
            let sources = (0..<Int.random(in: 1...3, using: &random)).map { _ in key() }
            let store = Bool.random(using: &random)
            let destination = key()
            let args = store ? [operation + "STORE", destination] + sources : [operation] + sources
            var sets: [Set<String>] = []
            for source in sources {
                guard let s = setValue(source) else { return (args, expect(wrongType)) }
                sets.append(s ?? [])
            }
            var result = sets[0]
            for s in sets.dropFirst() {
                switch operation {
                case "SINTER": result.formIntersection(s)
                case "SUNION": result.formUnion(s)
                default: result.subtract(s)
                }
            }
            if store {
                storeSet(destination, result, converted: setConverted(result))
                return (args, expect(int(result.count)))
            }
            let expected = sorted(bulks(Array(result)))
            return (args, { self.sorted($0) == expected })
        case 20:
            let sources = [key(), key()]
            let limit = Int.random(in: 0...3, using: &random)
            let args = ["SINTERCARD", "2"] + sources + ["LIMIT", String(limit)]
            var sets: [Set<String>] = []
            for source in sources {
                guard let s = setValue(source) else { return (args, expect(wrongType)) }
                sets.append(s ?? [])
            }
            let count = sets[0].intersection(sets[1]).count
            return (args, expect(int(limit == 0 ? count : min(count, limit))))
        case 21:
            let count = Int.random(in: 0...6, using: &random)
            let args = ["SPOP", k, String(count)]
            guard let existing = setValue(k) else { return (args, expect(wrongType)) }
            let s = existing ?? []
            let expectedCount = min(count, s.count)
            return (args, { reply in
                guard case .list(let items) = reply, items.count == expectedCount else { return false }
                var remaining = s
                for case .text(let m) in items where remaining.remove(m) == nil { return false }
                var converted = self.setWasConverted(k)
                if count < s.count && remaining.count * 5 <= count { converted = self.setConverted(remaining) }
                self.storeSet(k, remaining, converted: converted)
                return true
            })
        case 22:
            let count = Int.random(in: -6...6, using: &random)
            let args = ["SRANDMEMBER", k, String(count)]
            guard let existing = setValue(k) else { return (args, expect(wrongType)) }
            let s = existing ?? []
            let expectedCount = count < 0 ? (s.isEmpty ? 0 : -count) : min(count, s.count)
            return (args, { reply in
                guard case .list(let items) = reply, items.count == expectedCount else { return false }
                let picked = items.map { if case .text(let t) = $0 { return t } else { return "?" } }
                if count > 0 && Set(picked).count != picked.count { return false }
                return Set(picked).isSubset(of: s)
            })
        case 23, 24:
            let existed = model.removeValue(forKey: k) != nil
            return (["DEL", k], expect(int(existed ? 1 : 0)))
        default:
            let args = ["OBJECT", "ENCODING", k]
            switch model[k] {
            case nil: return (args, expect(.text("nil")))
            case .hash(_, let converted)?: return (args, expect(.text(converted ? "hashtable" : "listpack")))
            case .set(_, let converted)?: return (args, expect(.text(converted ? "hashtable" : "intset")))
            }
        }
    }

    func testRandomCommandsMatchTheModel() {
        var encodings: [String: Int] = [:]
        for i in 0..<8000 {
            let (args, check) = step()
            let reply = run(args)
            guard check(reply) else {
                return XCTFail("step \(i): \(args.joined(separator: " ")) replied \(reply)")
            }
            if args[0] == "OBJECT", case .text(let name) = reply { encodings[name, default: 0] += 1 }
        }
        XCTAssertEqual(run(["DBSIZE"]), int(model.count))
        for name in ["listpack", "intset", "hashtable"] {
            XCTAssertGreaterThan(encodings[name] ?? 0, 20, "too few \(name) keys were checked: \(encodings)")
        }
    }
}
