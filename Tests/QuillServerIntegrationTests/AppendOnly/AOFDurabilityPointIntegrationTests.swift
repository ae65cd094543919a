// When replies may leave: a write's reply after its record reached the log's durability
// point, a read of a key with a change still on its way to the log after that change, and a
// read of untouched keys at once, even while the log is slow (DEBUG AOF-FLUSH-SLEEP makes
// every write of the log wait).

import Foundation
import XCTest

final class AOFDurabilityPointIntegrationTests: XCTestCase {
    private func elapsed(_ body: () throws -> Void) rethrows -> Double {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }

    private func checkReadersUnder(policy: String) throws {
        let server = try ServerProcess(arguments: ["--appendfsync", policy])
        defer { server.stop() }
        try server.waitUntilLoaded()
        let writer = try server.client()
        let reader = try server.client()
        XCTAssertEqual(try writer.call("SET", "cold", "c"), .simple("OK"))
        XCTAssertEqual(try writer.call("DEBUG", "AOF-FLUSH-SLEEP", "600000"), .simple("OK"))
        let start = Date()
        try writer.send(strings: ["SET", "hot", "h"])
        usleep(100_000)
        let coldTime = try elapsed { XCTAssertEqual(try reader.call("GET", "cold"), .bulk("c")) }
        XCTAssertLessThan(coldTime, 0.3, "a read of an untouched key is not held behind the log")
        XCTAssertEqual(try reader.call("PING"), .simple("PONG"))
        let noOpTime = try elapsed { XCTAssertEqual(try reader.call("SET", "hot", "other", "NX"), .null) }
        XCTAssertGreaterThan(noOpTime, 0.3, "a write that changes nothing still shows the pending change")
        XCTAssertEqual(try reader.call("GET", "hot"), .bulk("h"))
        XCTAssertGreaterThan(Date().timeIntervalSince(start), 0.5, "a read of a change waits until the log has it")
        XCTAssertEqual(try writer.read(), .simple("OK"))
        XCTAssertEqual(try writer.call("DEBUG", "AOF-FLUSH-SLEEP", "0"), .simple("OK"))
        try writer.send(strings: ["SET", "hot2", "h"])
        _ = try writer.read()
        try writer.send(strings: ["DEBUG", "AOF-FLUSH-SLEEP", "600000"])
        _ = try writer.read()
        try writer.send(strings: ["FLUSHALL"])
        usleep(100_000)
        let keysTime = try elapsed { XCTAssertEqual(try reader.call("DBSIZE"), .integer(0)) }
        XCTAssertGreaterThan(keysTime, 0.3, "a read of the whole keyspace waits for a pending flush")
        XCTAssertEqual(try writer.read(), .simple("OK"))
    }

    func testReadersOfPendingChangesWaitUnderAlways() throws {
        try checkReadersUnder(policy: "always")
    }

    func testReadersOfPendingChangesWaitUnderEverysec() throws {
        try checkReadersUnder(policy: "everysec")
    }

    func testWithTheLogOffNothingWaits() throws {
        let server = try ServerProcess(arguments: ["--appendonly", "no"])
        defer { server.stop() }
        let c = try server.client()
        XCTAssertEqual(try c.call("DEBUG", "AOF-FLUSH-SLEEP", "600000"), .simple("OK"))
        let time = try elapsed { XCTAssertEqual(try c.call("SET", "k", "v"), .simple("OK")) }
        XCTAssertLessThan(time, 0.3)
    }
}
