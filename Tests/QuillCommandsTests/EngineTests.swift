// The engine without a network: dispatch rules, lazy expiry with a controlled clock.

import NIOCore
import XCTest
import QuillRESP
import QuillStore
@testable import QuillCommands

final class ManualClock: Clock, @unchecked Sendable {
    var now: Int64 = 1_700_000_000_000_000
    func microseconds() -> Int64 { now }
}

final class EngineTests: XCTestCase {
    private func run(_ engine: Engine, _ client: ClientSession, _ args: String...) -> String {
        client.out.buffer.clear()
        engine.execute(args.map { Array($0.utf8) }, for: client)
        return String(decoding: client.out.buffer.readableBytesView, as: UTF8.self)
    }

    private func makeEngine(_ clock: ManualClock = ManualClock()) -> (Engine, ClientSession) {
        let engine = Engine(config: Configuration(), clock: clock)
        let client = engine.registerClient(remoteAddress: "test", localAddress: "test", fileDescriptor: -1,
                                           allocator: ByteBufferAllocator())
        return (engine, client)
    }

    func testArityAndUnknownCommands() {
        let (engine, client) = makeEngine()
        XCTAssertEqual(run(engine, client, "GET"), "-ERR wrong number of arguments for 'get' command\r\n")
        XCTAssertEqual(run(engine, client, "xyz"), "-ERR unknown command 'xyz', with args beginning with: \r\n")
    }

    func testLazyExpiryFollowsTheClock() {
        let clock = ManualClock()
        let (engine, client) = makeEngine(clock)
        XCTAssertEqual(run(engine, client, "SET", "k", "v", "PX", "100"), "+OK\r\n")
        clock.now += 99_000
        XCTAssertEqual(run(engine, client, "GET", "k"), "$1\r\nv\r\n")
        clock.now += 1_000
        XCTAssertEqual(run(engine, client, "GET", "k"), "$-1\r\n")
        XCTAssertEqual(engine.stats.expiredKeys, 1)
        XCTAssertEqual(engine.keyspace.databases[0].count, 0)
    }

    func testActiveExpiryReclaimsUntouchedKeys() {
        let clock = ManualClock()
        let (engine, client) = makeEngine(clock)
        for i in 0..<200 { _ = run(engine, client, "SET", "k\(i)", "v", "PX", "10") }
        _ = run(engine, client, "SET", "keep", "v")
        clock.now += 20_000
        for _ in 0..<50 where engine.keyspace.databases[0].count > 1 { engine.cron() }
        XCTAssertEqual(engine.keyspace.databases[0].count, 1)
        XCTAssertEqual(engine.stats.expiredKeys, 200)
    }

    func testAuthIsRequiredWhenRequirepassIsSet() {
        let config = Configuration()
        XCTAssertNil(config.set("requirepass", "secret", atStartup: true))
        let engine = Engine(config: config, clock: ManualClock())
        let client = engine.registerClient(remoteAddress: "t", localAddress: "t", fileDescriptor: -1, allocator: ByteBufferAllocator())
        XCTAssertEqual(run(engine, client, "GET", "k"), "-NOAUTH Authentication required.\r\n")
        XCTAssertEqual(run(engine, client, "AUTH", "wrong"), "-WRONGPASS invalid username-password pair or user is disabled.\r\n")
        XCTAssertEqual(run(engine, client, "AUTH", "secret"), "+OK\r\n")
        XCTAssertEqual(run(engine, client, "GET", "k"), "$-1\r\n")
    }
}

final class IdleClientTimeoutTests: XCTestCase {
    func testClientIdleBeyondTimeoutIsClosedByCron() {
        let clock = ManualClock()
        let config = Configuration()
        XCTAssertNil(config.set("timeout", "2", atStartup: true))
        let engine = Engine(config: config, clock: clock)
        let idle = engine.registerClient(remoteAddress: "a", localAddress: "l", fileDescriptor: -1, allocator: ByteBufferAllocator())
        let busy = engine.registerClient(remoteAddress: "b", localAddress: "l", fileDescriptor: -1, allocator: ByteBufferAllocator())
        var closed: [String] = []
        idle.closeConnection = { closed.append("idle") }
        busy.closeConnection = { closed.append("busy") }
        clock.now += 1_500_000
        engine.execute([Array("PING".utf8)], for: busy)
        clock.now += 1_000_000
        engine.cron()
        XCTAssertEqual(closed, ["idle"])
    }
}
