// The multi-part layout through the real binary: what a first start creates, what writes
// append, what a restart loads, runtime switches, DEBUG LOADAOF, an old single file migrated.

import Foundation
import XCTest

final class AOFLayoutIntegrationTests: XCTestCase {
    func testFirstStartCreatesBaseIncrAndManifest() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        try server.waitUntilLoaded()
        XCTAssertEqual(server.manifest, "file appendonly.aof.1.base.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n")
        XCTAssertEqual(server.fileText("appendonly.aof.1.base.aof"), "")
        XCTAssertTrue(server.log.contains("Creating AOF base file appendonly.aof.1.base.aof on server start"))
        XCTAssertTrue(server.log.contains("Creating AOF incr file appendonly.aof.1.incr.aof on server start"))
        let info = try server.client().call("INFO", "persistence").string ?? ""
        XCTAssertTrue(info.contains("aof_enabled:1\r\n"))
        XCTAssertTrue(info.contains("aof_last_write_status:ok\r\n"))
        XCTAssertTrue(info.contains("aof_current_size:0\r\n"))
    }

    func testWritesAreLoggedAsEffectsAndSurviveARestart() throws {
        let server = try ServerProcess()
        try server.waitUntilLoaded()
        let c = try server.client()
        XCTAssertEqual(try c.call("SET", "k", "v"), .simple("OK"))
        XCTAssertEqual(try c.call("GET", "k"), .bulk("v"))
        XCTAssertEqual(try c.call("SELECT", "2"), .simple("OK"))
        XCTAssertEqual(try c.call("INCRBYFLOAT", "f", "1.5"), .bulk("1.5"))
        XCTAssertEqual(try c.call("RPUSH", "l", "a", "b"), .integer(2))
        XCTAssertEqual(try c.call("PEXPIREAT", "l", "99999999999999"), .integer(1))
        let digest = try c.call("DEBUG", "DIGEST")
        XCTAssertEqual(server.fileText("appendonly.aof.1.incr.aof"),
                       respRecord("SELECT", "0") + respRecord("SET", "k", "v") + respRecord("SELECT", "2")
                       + respRecord("SET", "f", "1.5", "KEEPTTL") + respRecord("RPUSH", "l", "a", "b")
                       + respRecord("PEXPIREAT", "l", "99999999999999"))
        let info = try c.call("INFO", "persistence").string ?? ""
        XCTAssertTrue(info.contains("aof_current_size:\(server.fileText("appendonly.aof.1.incr.aof").utf8.count)\r\n"), info)
        XCTAssertEqual(server.stop(), 0)
        XCTAssertTrue(server.log.contains("Calling fsync() on the AOF file."))

        let again = try ServerProcess.restart(in: server.directory)
        defer { again.stop() }
        XCTAssertTrue(again.log.contains("Opening AOF incr file appendonly.aof.1.incr.aof on server start"))
        XCTAssertTrue(again.log.contains("DB loaded from incr file appendonly.aof.1.incr.aof: "))
        XCTAssertTrue(again.log.contains("DB loaded from append only file: "))
        let c2 = try again.client()
        XCTAssertEqual(try c2.call("DEBUG", "DIGEST"), digest)
        XCTAssertEqual(try c2.call("PTTL", "l"), .integer(-2))
        XCTAssertEqual(try c2.call("SELECT", "2"), .simple("OK"))
        XCTAssertGreaterThan(try c2.call("PTTL", "l").integer ?? 0, 0)
        XCTAssertEqual(try c2.call("SET", "new", "1"), .simple("OK"))
        XCTAssertTrue(again.fileText("appendonly.aof.1.incr.aof").hasSuffix(respRecord("SELECT", "2") + respRecord("SET", "new", "1")),
                      "a restart selects the database again before its first record")
    }

    func testDebugLoadAOFRebuildsTheSameDataset() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        try server.waitUntilLoaded()
        let c = try server.client()
        for i in 0..<200 { _ = try c.call("HSET", "h\(i % 7)", "f\(i)", "\(i)") }
        _ = try c.call("SADD", "s", "a", "b", "c")
        _ = try c.call("SPOP", "s")
        _ = try c.call("ZADD", "z", "1.5", "x", "2", "y")
        _ = try c.call("MULTI")
        _ = try c.call("INCR", "n")
        _ = try c.call("LPUSH", "q", "1")
        _ = try c.call("EXEC")
        let digest = try c.call("DEBUG", "DIGEST")
        XCTAssertEqual(try c.call("DEBUG", "LOADAOF"), .simple("OK"))
        XCTAssertEqual(try c.call("DEBUG", "DIGEST"), digest)
        XCTAssertTrue(server.log.contains("Append Only File loaded by DEBUG LOADAOF"))
        let info = try c.call("INFO", "persistence").string ?? ""
        XCTAssertTrue(info.contains("rdb_changes_since_last_save:0\r\n"))
    }

    func testAppendonlyYesAtRuntimeWritesTheFirstBaseThroughARewrite() throws {
        let server = try ServerProcess(arguments: ["--appendonly", "no", "--rdb-key-save-delay", "200000"])
        try server.waitUntilLoaded()
        let c = try server.client()
        XCTAssertFalse(FileManager.default.fileExists(atPath: server.appendOnlyDirectory.path))
        _ = try c.call("SET", "before", "1")
        _ = try c.call("RPUSH", "list", "a", "b", "c")
        XCTAssertEqual(try c.call("CONFIG", "SET", "appendonly", "yes"), .simple("OK"))
        let info = try c.call("INFO", "persistence").string ?? ""
        XCTAssertTrue(info.contains("aof_enabled:1\r\n"), info)
        XCTAssertTrue(info.contains("aof_rewrite_in_progress:1\r\n"), info)
        _ = try c.call("SET", "during", "2")
        XCTAssertTrue(server.fileText("temp-appendonly.aof.incr").contains(respRecord("SET", "during", "2")))
        XCTAssertEqual(server.manifest, "<missing>", "no manifest before the first base exists")
        XCTAssertEqual(try c.call("SHUTDOWN"), .error("ERR Errors trying to SHUTDOWN. Check logs."))
        XCTAssertTrue(server.log.contains("Writing initial AOF, can't exit."))
        try waitFor { server.manifest != "<missing>" }
        XCTAssertEqual(server.manifest, "file appendonly.aof.1.base.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n")
        XCTAssertTrue(server.fileText("appendonly.aof.1.base.aof").contains(respRecord("RPUSH", "list", "a", "b", "c")))
        XCTAssertTrue(server.fileText("appendonly.aof.1.incr.aof").contains(respRecord("SET", "during", "2")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: server.appendOnlyDirectory.appendingPathComponent("temp-appendonly.aof.incr").path))
        XCTAssertTrue(server.log.contains("Successfully renamed the temporary AOF incr file temp-appendonly.aof.incr into appendonly.aof.1.incr.aof"))
        _ = try c.call("SET", "after", "3")
        let digest = try c.call("DEBUG", "DIGEST")
        XCTAssertEqual(try c.call("CONFIG", "SET", "appendonly", "no"), .simple("OK"))
        _ = try c.call("SET", "unlogged", "4")
        XCTAssertFalse(server.fileText("appendonly.aof.1.incr.aof").contains("unlogged"))
        XCTAssertEqual(try c.call("INFO", "persistence").string?.contains("aof_enabled:0\r\n"), true)
        _ = try c.call("DEL", "unlogged")
        XCTAssertEqual(try c.call("DEBUG", "LOADAOF"), .simple("OK"))
        XCTAssertEqual(try c.call("DEBUG", "DIGEST"), digest)
        XCTAssertEqual(server.stop(), 0)
    }

    /// A loaded server with the latency monitor on at `threshold` milliseconds, and a client.
    private func serverWithLatencyMonitor(_ arguments: [String] = [], threshold: Int) throws -> (ServerProcess, RESPClient) {
        let server = try ServerProcess(arguments: arguments)
        try server.waitUntilLoaded()
        let c = try server.client()
        XCTAssertEqual(try c.call("CONFIG", "SET", "latency-monitor-threshold", String(threshold)), .simple("OK"))
        return (server, c)
    }

    func testLogWritesAboveTheThresholdReachTheLatencyMonitor() throws {
        let (server, c) = try serverWithLatencyMonitor(["--appendfsync", "always"], threshold: 1)
        defer { server.stop() }
        let big = [UInt8](repeating: UInt8(ascii: "x"), count: 48 * 1024 * 1024)
        XCTAssertEqual(try c.call([Array("SET".utf8), Array("big".utf8), big]), .simple("OK"))
        let events = (try c.call("LATENCY", "LATEST").array ?? []).compactMap { $0.array?.first?.string }
        XCTAssertTrue(events.contains("aof-write"), "\(events)")
        XCTAssertTrue(events.contains("aof-write-alone") || events.contains("aof-write-pending-fsync"), "\(events)")
    }

    /// LATENCY LATEST as event name → latest latency in milliseconds.
    private func latestLatencies(_ c: RESPClient) throws -> [String: Int] {
        var latest: [String: Int] = [:]
        for row in try c.call("LATENCY", "LATEST").array ?? [] {
            guard let fields = row.array, fields.count == 4, let name = fields[0].string,
                  case .integer(let milliseconds) = fields[2] else { continue }
            latest[name] = milliseconds
        }
        return latest
    }

    // The slow fault stalls a call by 50 ms; a threshold of 40 ms keeps ordinary calls out.

    func testASlowFsyncUnderAlwaysReachesTheLatencyMonitor() throws {
        let (server, c) = try serverWithLatencyMonitor(["--appendfsync", "always"], threshold: 40)
        defer { server.stop() }
        XCTAssertEqual(try c.call("SET", "quick", "1"), .simple("OK"))
        XCTAssertNil(try latestLatencies(c)["aof-fsync-always"], "a quick fsync stays under the threshold")
        XCTAssertEqual(try c.call("DEBUG", "AOF-FAULT", "fsync", "slow", "1"), .simple("OK"))
        XCTAssertEqual(try c.call("SET", "slow", "1"), .simple("OK"))
        XCTAssertGreaterThanOrEqual(try latestLatencies(c)["aof-fsync-always"] ?? 0, 50)
    }

    func testASlowRenameAtTheEndOfARewriteReachesTheLatencyMonitor() throws {
        let (server, c) = try serverWithLatencyMonitor(threshold: 40)
        defer { server.stop() }
        XCTAssertEqual(try c.call("SET", "k", "v"), .simple("OK"))
        XCTAssertEqual(try c.call("BGREWRITEAOF"), .simple("Background append only file rewriting started"))
        try c.waitForRewrites()
        XCTAssertNil(try latestLatencies(c)["aof-rename"], "a quick rename stays under the threshold")
        XCTAssertEqual(try c.call("DEBUG", "AOF-FAULT", "rename", "slow"), .simple("OK"))
        XCTAssertEqual(try c.call("BGREWRITEAOF"), .simple("Background append only file rewriting started"))
        try c.waitForRewrites()
        XCTAssertGreaterThanOrEqual(try latestLatencies(c)["aof-rename"] ?? 0, 50)
        XCTAssertEqual(try c.call("DEBUG", "AOF-FAULT", "off"), .simple("OK"))
        XCTAssertEqual(server.manifest, "file appendonly.aof.3.base.aof seq 3 type b\nfile appendonly.aof.3.incr.aof seq 3 type i\n")
    }

    func testAnOldSingleFileIsMigratedIntoTheDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quill-aof-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data((respRecord("SELECT", "0") + respRecord("SET", "old", "yes")).utf8)
            .write(to: directory.appendingPathComponent("appendonly.aof"))
        let server = try ServerProcess.restart(in: directory)
        defer { server.stop() }
        XCTAssertTrue(server.log.contains("Successfully migrated an old-style AOF file (appendonly.aof) into the AOF directory (appendonlydir)."))
        XCTAssertEqual(try server.client().call("GET", "old"), .bulk("yes"))
        XCTAssertEqual(server.manifest, "file appendonly.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("appendonly.aof").path))
    }

    func testAppendfsyncCanChangeAtRuntimeAndWritesStillSurvive() throws {
        let server = try ServerProcess()
        try server.waitUntilLoaded()
        let c = try server.client()
        for policy in ["always", "no", "everysec"] {
            XCTAssertEqual(try c.call("CONFIG", "SET", "appendfsync", policy), .simple("OK"))
            for i in 0..<50 { XCTAssertEqual(try c.call("SET", "\(policy)\(i)", "x"), .simple("OK")) }
        }
        XCTAssertEqual(try c.call("DBSIZE"), .integer(150))
        server.kill()
        let again = try ServerProcess.restart(in: server.directory)
        defer { again.stop() }
        XCTAssertEqual(try again.client().call("DBSIZE"), .integer(150))
    }
}
