// Which string commands keep a key's TTL and which drop it, the exact expiry times the
// expiry options compute, and the change counter, on an Engine with a fixed clock.

import NIOCore
import XCTest
import QuillStore
@testable import QuillCommands

final class StringExpiryTests: XCTestCase {
    private let clock = ManualClock()
    private var engine: Engine!
    private var client: ClientSession!
    private var now: Int64 { clock.now / 1000 }

    override func setUp() {
        engine = Engine(config: Configuration(), clock: clock)
        client = engine.registerClient(remoteAddress: "t", localAddress: "t", fileDescriptor: -1,
                                       allocator: ByteBufferAllocator())
    }

    @discardableResult
    private func run(_ args: String...) -> String {
        client.out.buffer.clear()
        engine.execute(args.map { Array($0.utf8) }, for: client)
        return String(decoding: client.out.buffer.readableBytesView, as: UTF8.self)
    }

    private func expireTime(_ key: Key) -> Int64? { engine.keyspace.databases[0].expireTime(key) }

    func testCommandsThatEditInPlaceKeepTheTTL() {
        let edits: [(String, [String])] = [
            ("1", ["INCR"]), ("1", ["DECRBY", "5"]), ("1.5", ["INCRBYFLOAT", "1"]), ("a", ["APPEND", "b"]),
            ("abc", ["SETRANGE", "1", "x"]), ("a", ["SETBIT", "100", "1"]), ("a", ["SET", "b", "KEEPTTL"]),
            ("a", ["GETEX"]), ("a", ["SET", "b", "XX", "KEEPTTL", "GET"]),
        ]
        for (index, (initial, command)) in edits.enumerated() {
            let key = "k\(index)"
            XCTAssertEqual(run("SET", key, initial, "EX", "100"), "+OK\r\n")
            let args = [command[0], key] + command.dropFirst()
            client.out.buffer.clear()
            engine.execute(args.map { Array($0.utf8) }, for: client)
            XCTAssertFalse(String(decoding: client.out.buffer.readableBytesView, as: UTF8.self).hasPrefix("-"), "\(args)")
            XCTAssertEqual(expireTime(Key(Array(key.utf8))), now + 100_000, "\(args) should keep the TTL")
        }
    }

    func testCommandsThatReplaceTheValueDropTheTTL() {
        let replacements: [[String]] = [
            ["SET", "k", "v"], ["GETSET", "k", "v"], ["MSET", "k", "v"], ["BITOP", "OR", "k", "k"],
            ["SET", "k", "v", "GET"],
        ]
        for args in replacements {
            run("SET", "k", "a", "PX", "5000")
            client.out.buffer.clear()
            engine.execute(args.map { Array($0.utf8) }, for: client)
            XCTAssertNil(expireTime("k"), "\(args) should drop the TTL")
        }
    }

    func testExpiryOptionsComputeAbsoluteTimes() {
        run("SET", "a", "v", "EX", "10")
        XCTAssertEqual(expireTime("a"), now + 10_000)
        run("SET", "a", "v", "PX", "1234")
        XCTAssertEqual(expireTime("a"), now + 1234)
        run("SET", "a", "v", "EXAT", "2000000000")
        XCTAssertEqual(expireTime("a"), 2_000_000_000_000)
        run("SET", "a", "v", "PXAT", "2000000000123")
        XCTAssertEqual(expireTime("a"), 2_000_000_000_123)
        run("SETEX", "a", "7", "v")
        XCTAssertEqual(expireTime("a"), now + 7000)
        run("PSETEX", "a", "77", "v")
        XCTAssertEqual(expireTime("a"), now + 77)
        XCTAssertEqual(run("GETEX", "a", "EX", "5"), "$1\r\nv\r\n")
        XCTAssertEqual(expireTime("a"), now + 5000)
        XCTAssertEqual(run("GETEX", "a", "PERSIST"), "$1\r\nv\r\n")
        XCTAssertNil(expireTime("a"))
        XCTAssertEqual(run("GETEX", "a", "PXAT", String(now)), "$1\r\nv\r\n")
        XCTAssertNil(engine.keyspace.databases[0].entry("a"), "an EXAT/PXAT in the past deletes the key")
    }

    func testChangesAreCountedOncePerWrite() {
        var before = engine.dirty
        run("SET", "a", "v", "EX", "100")
        XCTAssertEqual(engine.dirty - before, 1)
        before = engine.dirty
        run("SETBIT", "b", "3", "1")
        run("SETBIT", "b", "3", "1")
        XCTAssertEqual(engine.dirty - before, 1, "setting a bit to its current value changes nothing")
        before = engine.dirty
        run("SETRANGE", "b", "0", "")
        run("GETEX", "b", "PERSIST")
        run("SETNX", "b", "x")
        run("MSETNX", "b", "x", "c", "y")
        XCTAssertEqual(engine.dirty, before, "no-op writes are not counted")
        run("MSET", "x", "1", "y", "2", "z", "3")
        run("APPEND", "new", "")
        XCTAssertEqual(engine.dirty - before, 4)
    }
}
