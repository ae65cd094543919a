// WAITAOF through the real binary: it answers once the client's writes are fsynced, at once
// under `always`, within about a second under `everysec`, only by timeout under `no`; with
// Redis 7.2's argument errors.

import Foundation
import XCTest

final class WaitAOFIntegrationTests: XCTestCase {
    private let acknowledged: Reply = .array([.integer(1), .integer(0)])
    private let notAcknowledged: Reply = .array([.integer(0), .integer(0)])

    func testAlwaysAcknowledgesAtOnce() throws {
        let server = try ServerProcess(arguments: ["--appendfsync", "always"])
        defer { server.stop() }
        let c = try server.client()
        XCTAssertEqual(try c.call("SET", "k", "v"), .simple("OK"))
        XCTAssertEqual(try c.call("WAITAOF", "1", "0", "0"), acknowledged)
    }

    func testEverysecAcknowledgesWithinAboutASecond() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let c = try server.client()
        try c.send(strings: ["SET", "k", "v"])
        try c.send(strings: ["WAITAOF", "1", "0", "0"])
        let start = Date()
        XCTAssertEqual(try c.read(), .simple("OK"))
        XCTAssertEqual(try c.read(), acknowledged)
        XCTAssertLessThan(Date().timeIntervalSince(start), 3)
    }

    func testNoFsyncPolicyOnlyTimesOut() throws {
        let server = try ServerProcess(arguments: ["--appendfsync", "no"])
        defer { server.stop() }
        let c = try server.client()
        XCTAssertEqual(try c.call("SET", "k", "v"), .simple("OK"))
        let start = Date()
        XCTAssertEqual(try c.call("WAITAOF", "1", "0", "300"), notAcknowledged)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.25)
        XCTAssertEqual(try c.call("MULTI"), .simple("OK"))
        XCTAssertEqual(try c.call("WAITAOF", "1", "0", "0"), .simple("QUEUED"))
        XCTAssertEqual(try c.call("EXEC"), .array([notAcknowledged]), "inside EXEC it answers without blocking")
        XCTAssertEqual(try c.call("WAITAOF", "0", "1", "100"), notAcknowledged, "no replica ever acknowledges")
    }

    func testTurningTheLogOffAnswersWaitersWithAnError() throws {
        let server = try ServerProcess(arguments: ["--appendfsync", "no"])
        defer { server.stop() }
        let waiter = try server.client()
        let admin = try server.client()
        XCTAssertEqual(try waiter.call("SET", "k", "v"), .simple("OK"))
        try waiter.send(strings: ["WAITAOF", "1", "0", "0"])
        usleep(100_000)
        XCTAssertEqual(try admin.call("CONFIG", "SET", "appendonly", "no"), .simple("OK"))
        XCTAssertEqual(try waiter.read(), .error("ERR WAITAOF cannot be used when numlocal is set but appendonly is disabled."))
        XCTAssertEqual(try waiter.call("WAITAOF", "1", "0", "0"), .error("ERR WAITAOF cannot be used when numlocal is set but appendonly is disabled."))
        XCTAssertEqual(try waiter.call("WAITAOF", "0", "0", "0"), notAcknowledged, "with the log off nothing is fsynced")
    }

    func testArgumentErrors() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let c = try server.client()
        XCTAssertEqual(try c.call("WAITAOF", "2", "0", "0"), .error("ERR value is out of range, value must between 0 and 1"))
        XCTAssertEqual(try c.call("WAITAOF", "x", "0", "0"), .error("ERR value is not an integer or out of range"))
        XCTAssertEqual(try c.call("WAITAOF", "0", "-1", "0"), .error("ERR value is out of range, must be positive"))
        XCTAssertEqual(try c.call("WAITAOF", "0", "0", "-1"), .error("ERR timeout is negative"))
        XCTAssertEqual(try c.call("WAITAOF", "0", "0", "1.5"), .error("ERR timeout is not an integer or out of range"))
        XCTAssertEqual(try c.call("WAITAOF", "0", "0"), .error("ERR wrong number of arguments for 'waitaof' command"))
    }
}
