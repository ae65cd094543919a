// A randomized model test of the string family: thousands of random commands on a handful
// of keys are run on an Engine and on a plain dictionary model, and every reply must match
// byte for byte. The model is written from Redis's documented semantics, independently of
// the engine's code.

import NIOCore
import XCTest
@testable import QuillCommands

final class StringModelTests: XCTestCase {
    private var engine: Engine!
    private var client: ClientSession!
    private var model: [String: [UInt8]] = [:]
    private var random = StringFuzzRandom(seed: 2024)

    override func setUp() {
        engine = Engine(config: Configuration(), clock: ManualClock())
        client = engine.registerClient(remoteAddress: "model", localAddress: "model", fileDescriptor: -1,
                                       allocator: ByteBufferAllocator())
        model = [:]
    }

    private func run(_ args: [[UInt8]]) -> String {
        client.out.buffer.clear()
        engine.execute(args, for: client)
        return String(decoding: client.out.buffer.readableBytesView, as: UTF8.self)
    }

    private func bulk(_ bytes: [UInt8]) -> String { "$\(bytes.count)\r\n" + String(decoding: bytes, as: UTF8.self) + "\r\n" }
    private let null = "$-1\r\n"
    private let notInteger = "-ERR value is not an integer or out of range\r\n"

    private func randomKey() -> String { "k\(Int.random(in: 0..<5, using: &random))" }

    private func randomValue() -> [UInt8] {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return Array(String(Int.random(in: -1000...1000, using: &random)).utf8)
        case 1: return Array(String(Int64.max - Int64.random(in: 0...3, using: &random)).utf8)
        case 2: return []
        default:
            let letters = Array("abcxyz019 ".utf8)
            return (0..<Int.random(in: 1...12, using: &random)).map { _ in letters.randomElement(using: &random)! }
        }
    }

    /// One random command applied to the model; returns the arguments and the expected reply.
    private func step() -> ([[UInt8]], String) {
        let key = randomKey()
        let k = Array(key.utf8)
        switch Int.random(in: 0..<10, using: &random) {
        case 0:
            let value = randomValue()
            model[key] = value
            return ([Array("SET".utf8), k, value], "+OK\r\n")
        case 1:
            let value = randomValue()
            let updated = (model[key] ?? []) + value
            model[key] = updated
            return ([Array("APPEND".utf8), k, value], ":\(updated.count)\r\n")
        case 2:
            let delta = Bool.random(using: &random) ? Int64.random(in: -50...50, using: &random) : Int64.max
            let args = [Array("INCRBY".utf8), k, Array(String(delta).utf8)]
            let current: Int64
            if let stored = model[key] {
                let text = String(decoding: stored, as: UTF8.self)
                guard let n = Int64(text), String(n) == text else { return (args, notInteger) }
                current = n
            } else {
                current = 0
            }
            let (sum, overflow) = current.addingReportingOverflow(delta)
            if overflow { return (args, "-ERR increment or decrement would overflow\r\n") }
            model[key] = Array(String(sum).utf8)
            return (args, ":\(sum)\r\n")
        case 3:
            let offset = Int.random(in: 0...20, using: &random)
            let patch = randomValue()
            let args = [Array("SETRANGE".utf8), k, Array(String(offset).utf8), patch]
            guard var bytes = model[key] else {
                if patch.isEmpty { return (args, ":0\r\n") }
                model[key] = [UInt8](repeating: 0, count: offset) + patch
                return (args, ":\(offset + patch.count)\r\n")
            }
            if !patch.isEmpty {
                if bytes.count < offset + patch.count {
                    bytes += [UInt8](repeating: 0, count: offset + patch.count - bytes.count)
                }
                for (i, b) in patch.enumerated() { bytes[offset + i] = b }
                model[key] = bytes
            }
            return (args, ":\(bytes.count)\r\n")
        case 4:
            let start = Int.random(in: -15...15, using: &random)
            let end = Int.random(in: -15...15, using: &random)
            let args = [Array("GETRANGE".utf8), k, Array(String(start).utf8), Array(String(end).utf8)]
            let bytes = model[key] ?? []
            var first = start < 0 ? bytes.count + start : start
            var last = end < 0 ? bytes.count + end : end
            first = max(first, 0)
            last = min(max(last, 0), bytes.count - 1)
            if (start < 0 && end < 0 && start > end) || first > last { return (args, bulk([])) }
            return (args, bulk(Array(bytes[first...last])))
        case 5:
            return ([Array("STRLEN".utf8), k], ":\(model[key]?.count ?? 0)\r\n")
        case 6:
            let old = model.removeValue(forKey: key)
            return ([Array("GETDEL".utf8), k], old.map(bulk) ?? null)
        case 7:
            var args = [Array("MSET".utf8)]
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let other = randomKey()
                let value = randomValue()
                args += [Array(other.utf8), value]
                model[other] = value
            }
            return (args, "+OK\r\n")
        case 8:
            let keys = (0..<Int.random(in: 1...4, using: &random)).map { _ in randomKey() }
            let expected = "*\(keys.count)\r\n" + keys.map { model[$0].map(bulk) ?? null }.joined()
            return ([Array("MGET".utf8)] + keys.map { Array($0.utf8) }, expected)
        default:
            return ([Array("GET".utf8), k], model[key].map(bulk) ?? null)
        }
    }

    func testRandomCommandsMatchADictionaryModel() {
        for index in 0..<5000 {
            let (args, expected) = step()
            let reply = run(args)
            if reply != expected {
                let command = args.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
                XCTFail("step \(index): \(command) replied \(reply.debugDescription), model expected \(expected.debugDescription)")
                return
            }
        }
        XCTAssertEqual(engine.keyspace.databases[0].count, model.count)
    }
}
