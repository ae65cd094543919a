// BGREWRITEAOF's replies, the INFO fields of a rewrite (while one is held open with
// rdb-key-save-delay and after it), the log lines of a rewrite, and a rewrite with
// `appendonly no`, which writes a base and a manifest all the same; checked against
// redis-server 7.0.15's strings and files.

import Foundation
import XCTest

final class AOFRewriteRepliesIntegrationTests: XCTestCase {
    private let started = Reply.simple("Background append only file rewriting started")
    private let inProgress = Reply.error("ERR Background append only file rewriting already in progress")
    private let scheduled = Reply.simple("Background append only file rewriting scheduled")

    func testRepliesAndInfoWhileARewriteIsHeldOpen() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        try server.waitUntilLoaded()
        let c = try server.client()
        for i in 0..<100 { XCTAssertEqual(try c.call("SET", "key:\(i)", "value"), .simple("OK")) }
        var fields = try c.info()
        XCTAssertEqual(fields["aof_rewrites"], "0")
        XCTAssertEqual(fields["aof_last_rewrite_time_sec"], "-1")
        XCTAssertEqual(fields["aof_current_rewrite_time_sec"], "-1")
        XCTAssertEqual(fields["total_forks"], "0")
        XCTAssertEqual(fields["aof_base_size"], "0")

        XCTAssertEqual(try c.call("CONFIG", "SET", "rdb-key-save-delay", "15000"), .simple("OK"))
        XCTAssertEqual(try c.call("BGREWRITEAOF"), started)
        XCTAssertEqual(try c.call("BGREWRITEAOF"), inProgress)
        XCTAssertEqual(try c.call("bgrewriteaof"), inProgress)
        XCTAssertEqual(try c.call("BGREWRITEAOF", "extra"), .error("ERR wrong number of arguments for 'bgrewriteaof' command"))
        XCTAssertEqual(try c.call("MULTI"), .simple("OK"))
        XCTAssertEqual(try c.call("BGREWRITEAOF"), .simple("QUEUED"))
        XCTAssertEqual(try c.call("EXEC"), .array([inProgress]), "in EXEC a running rewrite still answers an error")

        usleep(1_100_000)
        fields = try c.info()
        XCTAssertEqual(fields["aof_rewrite_in_progress"], "1")
        XCTAssertEqual(fields["aof_rewrite_scheduled"], "0")
        XCTAssertEqual(fields["aof_rewrites"], "1")
        XCTAssertEqual(fields["aof_last_bgrewrite_status"], "ok")
        XCTAssertEqual(fields["aof_current_rewrite_time_sec"].flatMap { Int($0) }.map { $0 >= 1 }, true)
        XCTAssertEqual(fields["aof_last_rewrite_time_sec"], "-1")
        XCTAssertEqual(fields["current_save_keys_total"], "100")
        let processed = Int(fields["current_save_keys_processed"] ?? "") ?? -1
        XCTAssertTrue((1..<100).contains(processed), "keys processed: \(processed)")
        XCTAssertEqual(fields["total_forks"], "1")
        XCTAssertNotNil(Int(fields["latest_fork_usec"] ?? ""))
        XCTAssertEqual(server.manifest, "file appendonly.aof.1.base.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\nfile appendonly.aof.2.incr.aof seq 2 type i\n",
                       "the new incr file is listed as soon as the rewrite starts")
        XCTAssertEqual(rewriteTempFiles(in: server.directory), ["temp-rewriteaof-\(server.processIdentifier).aof"])
        XCTAssertEqual(try c.call("SET", "during", "1"), .simple("OK"))

        try c.waitForRewrites()
        fields = try c.info()
        XCTAssertEqual(fields["aof_rewrite_in_progress"], "0")
        XCTAssertEqual(fields["aof_current_rewrite_time_sec"], "-1")
        XCTAssertEqual(fields["aof_last_rewrite_time_sec"].flatMap { Int($0) }.map { $0 >= 1 }, true)
        XCTAssertEqual(fields["aof_last_bgrewrite_status"], "ok")
        XCTAssertEqual(fields["aof_rewrites_consecutive_failures"], "0")
        XCTAssertEqual(fields["current_save_keys_processed"], "0")
        XCTAssertEqual(fields["current_save_keys_total"], "0")
        XCTAssertEqual(server.manifest, "file appendonly.aof.2.base.aof seq 2 type b\nfile appendonly.aof.2.incr.aof seq 2 type i\n")
        let baseSize = server.fileText("appendonly.aof.2.base.aof").utf8.count
        let incrSize = server.fileText("appendonly.aof.2.incr.aof").utf8.count
        XCTAssertEqual(server.fileText("appendonly.aof.2.incr.aof"), respRecord("SELECT", "0") + respRecord("SET", "during", "1"))
        XCTAssertEqual(fields["aof_base_size"], String(baseSize + incrSize))
        XCTAssertEqual(fields["aof_current_size"], String(baseSize + incrSize))
        XCTAssertEqual(rewriteTempFiles(in: server.directory), [])

        let pid = server.processIdentifier
        let expected = [
            "Background append only file rewriting started by pid \(pid)",
            "Successfully created the temporary AOF base file temp-rewriteaof-bg-\(pid).aof",
            "Background AOF rewrite terminated with success",
            "Successfully renamed the temporary AOF base file temp-rewriteaof-bg-\(pid).aof into appendonly.aof.2.base.aof",
            "Removing the history file appendonly.aof.1.incr.aof in the background",
            "Removing the history file appendonly.aof.1.base.aof in the background",
            "Background AOF rewrite finished successfully",
        ]
        assertInOrder(server.log, expected)
        XCTAssertTrue(server.log.contains("Creating AOF incr file appendonly.aof.2.incr.aof on background rewrite"))

        XCTAssertEqual(try c.call("SET", "after", "1"), .simple("OK"))
        let size = Int(try c.info("persistence")["aof_current_size"] ?? "") ?? 0
        XCTAssertEqual(size, baseSize + incrSize + respRecord("SET", "after", "1").utf8.count)
    }

    func testInsideMultiTheRewriteIsScheduledAndStartedByCron() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        try server.waitUntilLoaded()
        let c = try server.client()
        XCTAssertEqual(try c.call("SET", "k", "v"), .simple("OK"))
        XCTAssertEqual(try c.call("MULTI"), .simple("OK"))
        XCTAssertEqual(try c.call("BGREWRITEAOF"), .simple("QUEUED"))
        XCTAssertEqual(try c.call("INFO", "persistence"), .simple("QUEUED"))
        let replies = try c.call("EXEC").array ?? []
        XCTAssertEqual(replies.first, scheduled)
        let info = replies.count > 1 ? replies[1].string ?? "" : ""
        XCTAssertTrue(info.contains("aof_rewrite_scheduled:1\r\n"), info)
        XCTAssertTrue(info.contains("aof_pending_rewrite:1\r\n"), info)
        XCTAssertTrue(info.contains("aof_rewrites:0\r\n"), info)
        try c.waitForRewrites()
        let fields = try c.info("persistence")
        XCTAssertEqual(fields["aof_rewrites"], "1")
        XCTAssertEqual(fields["aof_pending_rewrite"], "0")
        XCTAssertEqual(server.manifest, "file appendonly.aof.2.base.aof seq 2 type b\nfile appendonly.aof.2.incr.aof seq 2 type i\n")
        XCTAssertEqual(server.fileText("appendonly.aof.2.base.aof"), respRecord("SELECT", "0") + respRecord("SET", "k", "v"))
    }

    func testWithAppendonlyOffARewriteWritesABaseAndAManifestAsRedisDoes() throws {
        let quill = try ServerProcess(arguments: ["--appendonly", "no"])
        defer { quill.stop() }
        try quill.waitUntilLoaded()
        let redis = try RealRedisServer(arguments: ["--appendonly", "no"])
        defer { redis.stop() }
        let q = try quill.client()
        let r = try redis.client()
        for client in [q, r] {
            XCTAssertEqual(try client.call("SET", "k", "v"), .simple("OK"))
            XCTAssertEqual(try client.call("BGREWRITEAOF"), started)
            try client.waitForRewrites()
        }
        XCTAssertEqual(quill.manifest, "file appendonly.aof.1.base.aof seq 1 type b\n")
        XCTAssertEqual(quill.manifest, redis.manifest)
        XCTAssertEqual(fileNames(in: quill.appendOnlyDirectory), fileNames(in: redis.appendOnlyDirectory))
        XCTAssertEqual(quill.fileText("appendonly.aof.1.base.aof"),
                       (try? String(contentsOf: redis.appendOnlyDirectory.appendingPathComponent("appendonly.aof.1.base.aof"), encoding: .utf8)))
        let quillInfo = try q.info("persistence")
        let redisInfo = try r.info("persistence")
        for field in ["aof_enabled", "aof_rewrites", "aof_last_bgrewrite_status", "aof_rewrite_in_progress"] {
            XCTAssertEqual(quillInfo[field], redisInfo[field], field)
        }
        XCTAssertNil(quillInfo["aof_base_size"], "the size fields are shown only with appendonly yes")
        XCTAssertNil(redisInfo["aof_base_size"])

        // A second rewrite replaces the base; the first becomes history and goes.
        for client in [q, r] {
            XCTAssertEqual(try client.call("RPUSH", "l", "a"), .integer(1))
            XCTAssertEqual(try client.call("BGREWRITEAOF"), started)
            try client.waitForRewrites()
        }
        XCTAssertEqual(quill.manifest, redis.manifest)
        XCTAssertEqual(fileNames(in: quill.appendOnlyDirectory), fileNames(in: redis.appendOnlyDirectory))
        XCTAssertEqual(rewriteTempFiles(in: quill.directory), [])
        XCTAssertEqual(try q.call("DEL", "k", "l"), .integer(2))
        XCTAssertEqual(try q.call("DEBUG", "LOADAOF"), .simple("OK"), "DEBUG LOADAOF reads the manifest on disk")
        XCTAssertEqual(try q.call("DEBUG", "DIGEST"), try r.call("DEBUG", "DIGEST"))
        XCTAssertEqual(try q.call("LRANGE", "l", "0", "-1"), .array([.bulk("a")]))
    }

    func testShutdownDuringARewriteStopsItAndLeavesNoTempFile() throws {
        let server = try ServerProcess(arguments: ["--rdb-key-save-delay", "100000"])
        try server.waitUntilLoaded()
        let c = try server.client()
        for i in 0..<20 { _ = try c.call("SET", "k\(i)", "v") }
        XCTAssertEqual(try c.call("BGREWRITEAOF"), started)
        usleep(200_000)
        let began = Date()
        XCTAssertEqual(server.stop(), 0)
        XCTAssertLessThan(Date().timeIntervalSince(began), 3, "shutdown waits for no held rewrite")
        assertInOrder(server.log, ["There is a child rewriting the AOF. Killing it!",
                                   "Killing running AOF rewrite child: \(server.processIdentifier)",
                                   "Calling fsync() on the AOF file."])
        XCTAssertEqual(rewriteTempFiles(in: server.directory), [])
        XCTAssertEqual(server.manifest, "file appendonly.aof.1.base.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\nfile appendonly.aof.2.incr.aof seq 2 type i\n")
        let again = try ServerProcess.restart(in: server.directory)
        defer { again.stop() }
        XCTAssertEqual(try again.client().call("DBSIZE"), .integer(20))
    }

    private func assertInOrder(_ log: String, _ lines: [String], file: StaticString = #filePath, line: UInt = #line) {
        var rest = Substring(log)
        for expected in lines {
            guard let range = rest.range(of: expected) else {
                XCTFail("missing or out of order: \(expected)\nlog:\n\(log)", file: file, line: line)
                return
            }
            rest = rest[range.upperBound...]
        }
    }
}
