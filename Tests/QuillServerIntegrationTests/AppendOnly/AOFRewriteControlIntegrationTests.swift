// What stops, starts and fails a rewrite: CONFIG SET appendonly no while one is held open
// (Redis kills the child and removes its temp file), appendonly yes while one started with
// the log off runs, the growth trigger (auto-aof-rewrite-percentage and -min-size), and
// failing rewrites, which count, report `err` and leave the incr file they opened listed.

import Foundation
import XCTest

final class AOFRewriteControlIntegrationTests: XCTestCase {
    func testAppendonlyNoDuringARewriteKillsIt() throws {
        let server = try ServerProcess(arguments: ["--rdb-key-save-delay", "50000"])
        defer { server.stop() }
        try server.waitUntilLoaded()
        let c = try server.client()
        for i in 0..<40 { _ = try c.call("SET", "k\(i)", "v") }
        XCTAssertEqual(try c.call("BGREWRITEAOF"), .simple("Background append only file rewriting started"))
        try eventually { rewriteTempFiles(in: server.directory).count == 1 }
        let began = Date()
        XCTAssertEqual(try c.call("CONFIG", "SET", "appendonly", "no"), .simple("OK"))
        XCTAssertLessThan(Date().timeIntervalSince(began), 1, "the rewrite stops at once")
        XCTAssertTrue(server.log.contains("Killing running AOF rewrite child: \(server.processIdentifier)"), server.log)
        XCTAssertEqual(rewriteTempFiles(in: server.directory), [])
        let fields = try c.info("persistence")
        XCTAssertEqual(fields["aof_enabled"], "0")
        XCTAssertEqual(fields["aof_rewrite_in_progress"], "0")
        XCTAssertEqual(fields["aof_rewrites"], "1")
        XCTAssertEqual(fields["aof_last_bgrewrite_status"], "ok", "a killed rewrite is no failure")
        XCTAssertEqual(fields["aof_rewrites_consecutive_failures"], "0")
        XCTAssertEqual(server.manifest, "file appendonly.aof.1.base.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\nfile appendonly.aof.2.incr.aof seq 2 type i\n")
        usleep(300_000)
        XCTAssertEqual(rewriteTempFiles(in: server.directory), [], "nothing reappears once the rewrite is gone")
        XCTAssertFalse(server.log.contains("Background AOF rewrite terminated"))
        let digest = try c.call("DEBUG", "DIGEST")
        XCTAssertEqual(try c.call("DEBUG", "LOADAOF"), .simple("OK"))
        XCTAssertEqual(try c.call("DEBUG", "DIGEST"), digest)
    }

    func testAppendonlyYesDuringARewriteStartedWithTheLogOffLosesNothing() throws {
        let server = try ServerProcess(arguments: ["--appendonly", "no", "--rdb-key-save-delay", "20000"])
        defer { server.stop() }
        try server.waitUntilLoaded()
        let c = try server.client()
        for i in 0..<30 { _ = try c.call("SET", "k\(i)", "v") }
        XCTAssertEqual(try c.call("BGREWRITEAOF"), .simple("Background append only file rewriting started"))
        XCTAssertEqual(try c.call("SET", "after-snapshot", "1"), .simple("OK"))
        XCTAssertEqual(try c.call("RPUSH", "list", "a"), .integer(1))
        XCTAssertEqual(try c.call("CONFIG", "SET", "appendonly", "yes"), .simple("OK"))
        XCTAssertEqual(try c.call("RPUSH", "list", "b"), .integer(2))
        XCTAssertTrue(server.log.contains("AOF was enabled but there is already an AOF rewriting in background. Stopping background AOF and starting a rewrite now."), server.log)
        XCTAssertTrue(server.log.contains("Killing running AOF rewrite child: \(server.processIdentifier)"), server.log)
        try c.waitForRewrites()
        XCTAssertEqual(rewriteTempFiles(in: server.directory), [])
        let digest = try c.call("DEBUG", "DIGEST")
        XCTAssertEqual(try c.call("DEBUG", "LOADAOF"), .simple("OK"))
        XCTAssertEqual(try c.call("DEBUG", "DIGEST"), digest, "the log lost what was written before it was turned on")
        XCTAssertEqual(try c.call("LRANGE", "list", "0", "-1"), .array([.bulk("a"), .bulk("b")]))
        XCTAssertEqual(try c.call("GET", "after-snapshot"), .bulk("1"))
    }

    func testGrowthStartsAnAutomaticRewrite() throws {
        let server = try ServerProcess(arguments: ["--auto-aof-rewrite-min-size", "2kb", "--auto-aof-rewrite-percentage", "100"])
        defer { server.stop() }
        try server.waitUntilLoaded()
        let c = try server.client()
        for i in 0..<40 { _ = try c.call("SET", "key:\(i)", String(repeating: "v", count: 20)) }
        XCTAssertEqual(try c.info("persistence")["aof_rewrites"], "0", "below the minimum size nothing starts")
        for i in 0..<40 { _ = try c.call("SET", "key:\(i)", String(repeating: "w", count: 20)) }
        try eventually { (try c.info("persistence"))["aof_rewrites"] == "1" }
        try c.waitForRewrites()
        let log = server.log
        let growth = try XCTUnwrap(log.range(of: #"Starting automatic rewriting of AOF on \d+% growth"#, options: .regularExpression),
                                   log)
        let percent = Int(log[growth].split(separator: " ")[6].dropLast()) ?? 0
        XCTAssertGreaterThanOrEqual(percent, 100)
        var fields = try c.info("persistence")
        XCTAssertEqual(fields["aof_last_bgrewrite_status"], "ok")
        let base = Int(fields["aof_base_size"] ?? "") ?? 0
        XCTAssertEqual(fields["aof_current_size"], String(base))
        XCTAssertEqual(server.manifest, "file appendonly.aof.2.base.aof seq 2 type b\nfile appendonly.aof.2.incr.aof seq 2 type i\n")

        // The base size is now the reference: the next rewrite waits for it to double.
        var i = 0
        while (Int(try c.info("persistence")["aof_current_size"] ?? "") ?? 0) < base * 2 - 200 {
            _ = try c.call("SET", "more:\(i)", String(repeating: "x", count: 20))
            i += 1
        }
        usleep(300_000)
        XCTAssertEqual(try c.info("persistence")["aof_rewrites"], "1", "less than 100% growth starts nothing")
        for j in 0..<40 { _ = try c.call("SET", "last:\(j)", String(repeating: "y", count: 20)) }
        try eventually { (try c.info("persistence"))["aof_rewrites"] == "2" }
        try c.waitForRewrites()
        fields = try c.info("persistence")
        XCTAssertEqual(fields["aof_last_bgrewrite_status"], "ok")
        XCTAssertEqual(server.manifest, "file appendonly.aof.3.base.aof seq 3 type b\nfile appendonly.aof.3.incr.aof seq 3 type i\n")
        let digest = try c.call("DEBUG", "DIGEST")
        XCTAssertEqual(try c.call("DEBUG", "LOADAOF"), .simple("OK"))
        XCTAssertEqual(try c.call("DEBUG", "DIGEST"), digest)
    }

    func testFailingRewritesCountAndKeepTheirIncrFilesListed() throws {
        let server = try ServerProcess(arguments: ["--rdb-key-save-delay", "20000"])
        defer { server.stop() }
        try server.waitUntilLoaded()
        let c = try server.client()
        for i in 0..<15 { _ = try c.call("RPUSH", "l", "\(i)") }
        for i in 0..<30 { _ = try c.call("SET", "k\(i)", "v") }
        var incrs = ["file appendonly.aof.1.incr.aof seq 1 type i\n"]
        for attempt in 1...3 {
            XCTAssertEqual(try c.call("BGREWRITEAOF"), .simple("Background append only file rewriting started"))
            incrs.append("file appendonly.aof.\(attempt + 1).incr.aof seq \(attempt + 1) type i\n")
            let expected = "file appendonly.aof.1.base.aof seq 1 type b\n" + incrs.joined()
            try eventually("the rewrite's incr file is listed") { server.manifest == expected }
            XCTAssertEqual(try c.call("DEBUG", "AOF-FAULT", "rename", "eio", "1"), .simple("OK"))
            XCTAssertEqual(try c.call("RPUSH", "l", "during \(attempt)"), .integer(15 + attempt))
            try c.waitForRewrites()
            let fields = try c.info("persistence")
            XCTAssertEqual(fields["aof_last_bgrewrite_status"], "err")
            XCTAssertEqual(fields["aof_rewrites_consecutive_failures"], String(attempt))
            XCTAssertEqual(fields["aof_rewrites"], String(attempt))
            XCTAssertEqual(server.manifest, expected, "a failed rewrite leaves its incr file listed")
            XCTAssertEqual(rewriteTempFiles(in: server.directory), [])
        }
        XCTAssertTrue(server.log.contains("Background AOF rewrite terminated with error"))

        // Three failures in a row: the growth trigger backs off.
        XCTAssertEqual(try c.call("CONFIG", "SET", "auto-aof-rewrite-min-size", "1"), .simple("OK"))
        try eventually("no back-off") {
            server.log.contains("Background AOF rewrite has repeatedly failed and triggered the limit, will retry in 1 minutes")
        }
        usleep(300_000)
        XCTAssertEqual(try c.info("persistence")["aof_rewrites"], "3", "the limit holds the growth trigger back")
        let digest = try c.call("DEBUG", "DIGEST")
        XCTAssertEqual(try c.call("DEBUG", "LOADAOF"), .simple("OK"))
        XCTAssertEqual(try c.call("DEBUG", "DIGEST"), digest)

        // A scheduled BGREWRITEAOF resets the failure count, as in Redis.
        XCTAssertEqual(try c.call("MULTI"), .simple("OK"))
        XCTAssertEqual(try c.call("BGREWRITEAOF"), .simple("QUEUED"))
        XCTAssertEqual(try c.call("CONFIG", "SET", "rdb-key-save-delay", "0"), .simple("QUEUED"))
        XCTAssertEqual(try c.call("EXEC"), .array([.simple("Background append only file rewriting scheduled"), .simple("OK")]))
        try c.waitForRewrites()
        let fields = try c.info("persistence")
        XCTAssertEqual(fields["aof_last_bgrewrite_status"], "ok")
        XCTAssertEqual(fields["aof_rewrites_consecutive_failures"], "0")
        XCTAssertEqual(fields["aof_rewrites"], "4")
        XCTAssertEqual(server.manifest, "file appendonly.aof.2.base.aof seq 2 type b\nfile appendonly.aof.5.incr.aof seq 5 type i\n",
                       "a successful rewrite turns every older incr file into history")
        XCTAssertEqual(fileNames(in: server.appendOnlyDirectory),
                       ["appendonly.aof.2.base.aof", "appendonly.aof.5.incr.aof", "appendonly.aof.manifest"])
        XCTAssertEqual(try c.call("DEBUG", "LOADAOF"), .simple("OK"))
        XCTAssertEqual(try c.call("DEBUG", "DIGEST"), digest)
        XCTAssertEqual(try c.call("LLEN", "l"), .integer(18))
    }

    func testARewriteThatCannotSwitchIncrFilesFailsInsteadOfDoublingRecords() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        try server.waitUntilLoaded()
        let c = try server.client()
        for i in 0..<5 { XCTAssertEqual(try c.call("INCR", "n"), .integer(i + 1)) }
        // A directory where the next incr file goes: the log can't switch files, while the
        // snapshot itself is written fine. Installing that base over an incr file that still
        // holds the records before the snapshot would replay them twice.
        let blocker = server.appendOnlyDirectory.appendingPathComponent("appendonly.aof.2.incr.aof")
        try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: false)
        _ = try c.call("BGREWRITEAOF")
        try c.waitForRewrites()
        var fields = try c.info("persistence")
        XCTAssertEqual(fields["aof_last_bgrewrite_status"], "err")
        XCTAssertEqual(fields["aof_rewrites_consecutive_failures"], "1")
        XCTAssertEqual(server.manifest, "file appendonly.aof.1.base.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n")
        XCTAssertEqual(rewriteTempFiles(in: server.directory), [])
        XCTAssertEqual(try c.call("INCR", "n"), .integer(6))
        XCTAssertEqual(try c.call("DEBUG", "LOADAOF"), .simple("OK"))
        XCTAssertEqual(try c.call("GET", "n"), .bulk("6"))

        try FileManager.default.removeItem(at: blocker)
        XCTAssertEqual(try c.call("BGREWRITEAOF"), .simple("Background append only file rewriting started"))
        try c.waitForRewrites()
        fields = try c.info("persistence")
        XCTAssertEqual(fields["aof_last_bgrewrite_status"], "ok")
        XCTAssertEqual(server.manifest, "file appendonly.aof.2.base.aof seq 2 type b\nfile appendonly.aof.2.incr.aof seq 2 type i\n")
        XCTAssertEqual(try c.call("INCR", "n"), .integer(7))
        XCTAssertEqual(try c.call("DEBUG", "LOADAOF"), .simple("OK"))
        XCTAssertEqual(try c.call("GET", "n"), .bulk("7"))
    }
}
