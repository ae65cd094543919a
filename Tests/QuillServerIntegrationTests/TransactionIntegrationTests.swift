// MULTI / EXEC / DISCARD / WATCH through the real binary, with Redis's replies for every
// path: queued commands, EXECABORT after a queuing error, WATCH invalidation by another
// client, by expiry and by flushes, and the nesting and ordering errors.

import XCTest

final class TransactionIntegrationTests: XCTestCase {
    var server: ServerProcess!

    override func setUpWithError() throws { server = try ServerProcess() }
    override func tearDown() { server?.stop() }

    func testQueuedCommandsRunAtExec() throws {
        let c = try server.client()
        XCTAssertEqual(try c.call("MULTI"), .simple("OK"))
        XCTAssertEqual(try c.call("SET", "a", "1"), .simple("QUEUED"))
        XCTAssertEqual(try c.call("GET", "a"), .simple("QUEUED"))
        XCTAssertEqual(try c.call("EXEC"), .array([.simple("OK"), .bulk("1")]))
    }

    func testRuntimeErrorsStayInsideTheExecReply() throws {
        let c = try server.client()
        try c.call("SET", "s", "x")
        try c.call("MULTI")
        try c.call("SET", "t", "1")
        try c.call("SET", "s", "x", "EX", "-1")
        try c.call("GET", "t")
        XCTAssertEqual(try c.call("EXEC"), .array([
            .simple("OK"), .error("ERR invalid expire time in 'set' command"), .bulk("1"),
        ]))
    }

    func testQueuingErrorAbortsExec() throws {
        let c = try server.client()
        try c.call("MULTI")
        XCTAssertEqual(try c.call("SET", "a"), .error("ERR wrong number of arguments for 'set' command"))
        XCTAssertEqual(try c.call("NOSUCH"), .error("ERR unknown command 'NOSUCH', with args beginning with: "))
        XCTAssertEqual(try c.call("SET", "a", "1"), .simple("QUEUED"))
        XCTAssertEqual(try c.call("EXEC"), .error("EXECABORT Transaction discarded because of previous errors."))
        XCTAssertEqual(try c.call("GET", "a"), .null)
    }

    func testOrderingErrors() throws {
        let c = try server.client()
        XCTAssertEqual(try c.call("EXEC"), .error("ERR EXEC without MULTI"))
        XCTAssertEqual(try c.call("DISCARD"), .error("ERR DISCARD without MULTI"))
        try c.call("MULTI")
        XCTAssertEqual(try c.call("MULTI"), .error("ERR MULTI calls can not be nested"))
        XCTAssertEqual(try c.call("WATCH", "x"), .error("ERR WATCH inside MULTI is not allowed"))
        XCTAssertEqual(try c.call("DISCARD"), .simple("OK"))
        XCTAssertEqual(try c.call("PING"), .simple("PONG"))
    }

    func testDiscardDropsQueuedCommands() throws {
        let c = try server.client()
        try c.call("MULTI")
        try c.call("SET", "d", "1")
        XCTAssertEqual(try c.call("DISCARD"), .simple("OK"))
        XCTAssertEqual(try c.call("GET", "d"), .null)
    }

    func testWatchedKeyTouchedByAnotherClientAbortsExec() throws {
        let c = try server.client()
        let other = try server.client()
        try c.call("SET", "w", "1")
        XCTAssertEqual(try c.call("WATCH", "w"), .simple("OK"))
        try other.call("SET", "w", "2")
        try c.call("MULTI")
        try c.call("SET", "w", "3")
        XCTAssertEqual(try c.call("EXEC"), .nullArray)
        XCTAssertEqual(try c.call("GET", "w"), .bulk("2"))
    }

    func testUntouchedWatchLetsExecRunAndUnwatchClears() throws {
        let c = try server.client()
        let other = try server.client()
        try c.call("WATCH", "u")
        try c.call("UNWATCH")
        try other.call("SET", "u", "changed")
        try c.call("MULTI")
        try c.call("SET", "u", "mine")
        XCTAssertEqual(try c.call("EXEC"), .array([.simple("OK")]))
    }

    func testWatchedKeyThatExpiresAbortsExec() throws {
        let c = try server.client()
        try c.call("SET", "e", "1", "PX", "50")
        try c.call("WATCH", "e")
        usleep(120_000)
        try c.call("MULTI")
        try c.call("PING")
        XCTAssertEqual(try c.call("EXEC"), .nullArray)
    }

    func testWatchInRESP3GetsNullOnAbort() throws {
        let c = try server.client()
        let other = try server.client()
        _ = try c.call("HELLO", "3")
        try c.call("WATCH", "r3")
        try other.call("SET", "r3", "x")
        try c.call("MULTI")
        try c.call("GET", "r3")
        XCTAssertEqual(try c.call("EXEC"), .null)
    }

    func testSelectInsideTransactionAppliesToLaterCommands() throws {
        let c = try server.client()
        try c.call("MULTI")
        try c.call("SELECT", "3")
        try c.call("SET", "in3", "yes")
        XCTAssertEqual(try c.call("EXEC"), .array([.simple("OK"), .simple("OK")]))
        XCTAssertEqual(try c.call("GET", "in3"), .bulk("yes"))
        try c.call("SELECT", "0")
        XCTAssertEqual(try c.call("GET", "in3"), .null)
    }
}
