// Disk faults injected into the real server's file layer (DEBUG AOF-FAULT): failed and
// short writes, failed fsyncs. The server stays up, refuses writes with MISCONF while reads
// keep working, recovers by itself once the disk does, and loses nothing it acknowledged.

import Foundation
import XCTest

final class AOFFaultIntegrationTests: XCTestCase {
    private let noSpace = "MISCONF Errors writing to the AOF file: No space left on device"

    func testAFailedWriteRefusesWritesUntilTheDiskRecovers() throws {
        let server = try ServerProcess()
        try server.waitUntilLoaded()
        let admin = try server.client()
        let writer = try server.client()
        XCTAssertEqual(try admin.call("SET", "before", "1"), .simple("OK"))
        XCTAssertEqual(try admin.call("DEBUG", "AOF-FAULT", "write", "enospc"), .simple("OK"))
        try writer.send(strings: ["SET", "held", "1"])
        try waitFor { (try? admin.call("INFO", "persistence").string?.contains("aof_last_write_status:err")) == true }
        XCTAssertEqual(try admin.call("SET", "refused", "1"), .error(noSpace))
        XCTAssertEqual(try admin.call("PING"), .error(noSpace))
        XCTAssertEqual(try admin.call("GET", "before"), .bulk("1"), "reads keep working")
        try admin.send(strings: ["MULTI"])
        _ = try admin.read()
        XCTAssertEqual(try admin.call("INCR", "x"), .error(noSpace))
        XCTAssertEqual(try admin.call("EXEC"), .error("EXECABORT Transaction discarded because of previous errors."))
        XCTAssertTrue(server.log.contains("Error writing to the AOF file: No space left on device"))
        XCTAssertEqual(try admin.call("DEBUG", "AOF-FAULT", "off"), .simple("OK"))
        XCTAssertEqual(try writer.read(), .simple("OK"), "the held write is acknowledged once it is written")
        try waitFor { (try? admin.call("SET", "after", "1")) == .simple("OK") }
        XCTAssertTrue(server.log.contains("AOF write error looks solved, Redis can write again."))
        server.kill()
        let again = try ServerProcess.restart(in: server.directory)
        defer { again.stop() }
        let c = try again.client()
        XCTAssertEqual(try c.call("MGET", "before", "held", "refused", "after"),
                       .array([.bulk("1"), .bulk("1"), .null, .bulk("1")]))
    }

    func testAShortWriteIsCutBackToTheLastWholeRecord() throws {
        let server = try ServerProcess()
        try server.waitUntilLoaded()
        let c = try server.client()
        let other = try server.client()
        XCTAssertEqual(try c.call("SET", "a", "1"), .simple("OK"))
        let sizeBefore = server.fileText("appendonly.aof.1.incr.aof").utf8.count
        XCTAssertEqual(try other.call("DEBUG", "AOF-FAULT", "write", "full", "1"), .simple("OK"))
        try c.send(strings: ["SET", "b", String(repeating: "x", count: 1000)])
        try waitFor { server.log.contains("Short write while writing to the AOF file: (nwritten=") }
        XCTAssertEqual(server.fileText("appendonly.aof.1.incr.aof").utf8.count, sizeBefore, "the partial record was cut off")
        XCTAssertEqual(try c.read(), .simple("OK"), "the retry writes the whole record")
        server.kill()
        let check = try ServerProcess.run("redis-check-aof", [server.appendOnlyDirectory.appendingPathComponent("appendonly.aof.manifest").path])
        XCTAssertEqual(check.status, 0, check.output)
        let again = try ServerProcess.restart(in: server.directory)
        defer { again.stop() }
        XCTAssertEqual(try again.client().call("STRLEN", "b"), .integer(1000))
    }

    func testAFailedFsyncUnderAlwaysAnswersMisconfThenMovesTheLogToANewFile() throws {
        let server = try ServerProcess(arguments: ["--appendfsync", "always"])
        try server.waitUntilLoaded()
        let c = try server.client()
        let admin = try server.client()
        XCTAssertEqual(try c.call("SET", "durable", "1"), .simple("OK"))
        XCTAssertEqual(try admin.call("DEBUG", "AOF-FAULT", "fsync", "eio", "1"), .simple("OK"))
        XCTAssertEqual(try c.call("SET", "unsure", "1"), .error("MISCONF Errors writing to the AOF file: Input/output error"),
                       "a write whose fsync failed is not acknowledged")
        try waitFor { (try? admin.call("SET", "resumed", "1")) == .simple("OK") }
        XCTAssertTrue(server.log.contains("Fail to fsync the AOF file: Input/output error"))
        XCTAssertEqual(server.manifest, "file appendonly.aof.1.base.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\nfile appendonly.aof.2.incr.aof seq 2 type i\n")
        XCTAssertTrue(server.fileText("appendonly.aof.2.incr.aof").contains(respRecord("SET", "unsure", "1")))
        XCTAssertFalse(server.fileText("appendonly.aof.1.incr.aof").contains("unsure"), "the untrusted tail was cut from the old file")
        server.kill()
        let again = try ServerProcess.restart(in: server.directory, arguments: ["--appendfsync", "always"])
        defer { again.stop() }
        XCTAssertEqual(try again.client().call("MGET", "durable", "unsure", "resumed"), .array([.bulk("1"), .bulk("1"), .bulk("1")]))
    }

    func testAFailedBackgroundFsyncUnderEverysecRecoversToo() throws {
        let server = try ServerProcess()
        try server.waitUntilLoaded()
        let c = try server.client()
        XCTAssertEqual(try c.call("DEBUG", "AOF-FAULT", "fsync", "eio", "1"), .simple("OK"))
        XCTAssertEqual(try c.call("SET", "a", "1"), .simple("OK"))
        try waitFor { server.log.contains("Fail to fsync the AOF file: Input/output error") }
        try waitFor { server.log.contains("Redis can write again") }
        XCTAssertEqual(try c.call("SET", "b", "2"), .simple("OK"))
        server.kill()
        let again = try ServerProcess.restart(in: server.directory)
        defer { again.stop() }
        XCTAssertEqual(try again.client().call("MGET", "a", "b"), .array([.bulk("1"), .bulk("2")]))
    }

    func testFaultWordsAreChecked() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let c = try server.client()
        XCTAssertEqual(try c.call("DEBUG", "AOF-FAULT", "write", "nonsense"), .error("ERR syntax error"))
        XCTAssertEqual(try c.call("DEBUG", "AOF-FAULT", "write", "eio", "0"), .error("ERR value is out of range, must be positive"))
        XCTAssertEqual(try c.call("DEBUG", "AOF-FAULT", "OFF"), .simple("OK"))
    }
}
