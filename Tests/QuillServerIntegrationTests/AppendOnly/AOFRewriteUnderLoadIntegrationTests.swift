// The fork-less rewrite through the real binary while clients write at full speed: the
// snapshot and the switch to a new incr file must meet at exactly one log position, so the
// new base plus the incr files after it rebuild the same dataset (DEBUG LOADAOF, a clean
// restart and a restart after SIGKILL all give the same DEBUG DIGEST). The manifests that
// repeated rewrites leave are compared line for line with redis-server 7.0.15 doing the
// same sequence, history lines included (`aof-disable-auto-gc yes`), and the directory a
// rewrite leaves must pass redis-check-aof and load in redis-server 7.0 to the same digest.

import Foundation
import XCTest

final class AOFRewriteUnderLoadIntegrationTests: XCTestCase {
    func testRewritesUnderWriteLoadKeepTheDataset() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        try server.waitUntilLoaded()
        let admin = try server.client()
        let load = try WriteLoad(port: server.port)
        var rewrites = 0
        for delay in ["0", "0", "0", "5", "20"] {
            usleep(300_000)
            XCTAssertEqual(try admin.call("CONFIG", "SET", "rdb-key-save-delay", delay), .simple("OK"))
            XCTAssertEqual(try admin.call("BGREWRITEAOF"), .simple("Background append only file rewriting started"))
            rewrites += 1
            try admin.waitForRewrites()
            let fields = try admin.info("persistence")
            XCTAssertEqual(fields["aof_last_bgrewrite_status"], "ok")
            XCTAssertEqual(fields["aof_rewrites"], String(rewrites))
        }
        load.stop()
        XCTAssertEqual(load.unexpectedReplies, [])
        XCTAssertTrue(load.acknowledgedCounters.allSatisfy { $0 > 0 }, "every writer got replies")
        let digest = try admin.call("DEBUG", "DIGEST")
        XCTAssertEqual(try admin.call("DBSIZE").integer.map { $0 > 100 }, true)
        for writer in 0..<load.writers {
            XCTAssertEqual(try admin.call("LLEN", "q:\(writer)").integer, load.acknowledgedCounters[writer])
        }

        let seq = rewrites + 1
        XCTAssertEqual(server.manifest, "file appendonly.aof.\(seq).base.aof seq \(seq) type b\nfile appendonly.aof.\(seq).incr.aof seq \(seq) type i\n")
        XCTAssertEqual(fileNames(in: server.appendOnlyDirectory),
                       ["appendonly.aof.\(seq).base.aof", "appendonly.aof.\(seq).incr.aof", "appendonly.aof.manifest"])
        XCTAssertEqual(rewriteTempFiles(in: server.directory), [])

        XCTAssertEqual(try admin.call("DEBUG", "LOADAOF"), .simple("OK"))
        XCTAssertEqual(try admin.call("DEBUG", "DIGEST"), digest, "DEBUG LOADAOF rebuilt another dataset")

        XCTAssertEqual(server.stop(), 0)
        let restarted = try ServerProcess.restart(in: server.directory)
        XCTAssertEqual(try restarted.client().call("DEBUG", "DIGEST"), digest, "a restart rebuilt another dataset")
        restarted.kill()
        let afterCrash = try ServerProcess.restart(in: server.directory)
        defer { afterCrash.stop() }
        XCTAssertEqual(try afterCrash.client().call("DEBUG", "DIGEST"), digest, "a restart after SIGKILL rebuilt another dataset")
    }

    func testABaseWrittenWhileWritersRunHoldsNoWriteTwice() throws {
        // RPUSH and INCR are not idempotent: a record that both the snapshot and the kept
        // incr file hold would show up twice after a reload.
        let server = try ServerProcess(arguments: ["--rdb-key-save-delay", "50"])
        defer { server.stop() }
        try server.waitUntilLoaded()
        let admin = try server.client()
        let load = try WriteLoad(port: server.port, writers: 4, batch: 10)
        for _ in 0..<3 {
            usleep(200_000)
            XCTAssertEqual(try admin.call("BGREWRITEAOF"), .simple("Background append only file rewriting started"))
            try admin.waitForRewrites()
        }
        load.stop()
        XCTAssertEqual(load.unexpectedReplies, [])
        let counters = load.acknowledgedCounters
        XCTAssertTrue(counters.allSatisfy { $0 > 0 }, "every writer got replies: \(counters)")
        XCTAssertEqual(try admin.call("DEBUG", "LOADAOF"), .simple("OK"))
        for writer in 0..<load.writers {
            XCTAssertEqual(try admin.call("GET", "ctr:\(writer)"), .bulk(String(counters[writer])))
            XCTAssertEqual(try admin.call("LLEN", "q:\(writer)"), .integer(counters[writer]))
        }
    }

    func testRepeatedRewritesLeaveTheManifestsRedisLeaves() throws {
        let quill = try ServerProcess()
        defer { quill.stop() }
        try quill.waitUntilLoaded()
        var redis = try RealRedisServer()
        defer { redis.stop() }
        let q = try quill.client()
        var r = try redis.client()

        /// Runs `args` on both servers, expects the same reply, then waits for rewrites.
        func both(_ args: String..., file: StaticString = #filePath, line: UInt = #line) throws {
            let fromQuill = try q.call(strings: args)
            XCTAssertEqual(fromQuill, try r.call(strings: args), args.joined(separator: " "), file: file, line: line)
            try q.waitForRewrites(file: file, line: line)
            try r.waitForRewrites(file: file, line: line)
        }
        func compare(_ step: String, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertEqual(quill.manifest, redis.manifest, "manifest after \(step)", file: file, line: line)
            XCTAssertEqual(fileNames(in: quill.appendOnlyDirectory), fileNames(in: redis.appendOnlyDirectory),
                           "files after \(step)", file: file, line: line)
            XCTAssertEqual(rewriteTempFiles(in: quill.directory), [], "temp files after \(step)", file: file, line: line)
        }

        compare("the first start")
        try both("SET", "a", "1")
        try both("BGREWRITEAOF")
        compare("one rewrite")
        try both("RPUSH", "l", "x", "y")
        try both("BGREWRITEAOF")
        compare("two rewrites")
        try both("CONFIG", "SET", "aof-disable-auto-gc", "yes")
        for i in 0..<3 {
            try both("INCR", "n")
            try both("BGREWRITEAOF")
            compare("rewrite \(i + 1) with history kept")
        }
        try both("DEBUG", "LOADAOF")
        compare("DEBUG LOADAOF with history kept")
        XCTAssertEqual(try q.call("DEBUG", "DIGEST"), try r.call("DEBUG", "DIGEST"))
        try both("CONFIG", "SET", "aof-disable-auto-gc", "no")
        compare("aof-disable-auto-gc no")
        try both("CONFIG", "SET", "aof-disable-auto-gc", "yes")
        try both("BGREWRITEAOF")
        compare("a rewrite with history kept again")

        // A restart with history lines in the manifest: the history stays while GC is off.
        XCTAssertEqual(quill.stop(), 0)
        redis.stop()
        let quillAgain = try ServerProcess.restart(in: quill.directory, arguments: ["--aof-disable-auto-gc", "yes"])
        defer { quillAgain.stop() }
        redis = try RealRedisServer(directory: redis.directory, arguments: ["--aof-disable-auto-gc", "yes"])
        let q2 = try quillAgain.client()
        r = try redis.client()
        XCTAssertEqual(quillAgain.manifest, redis.manifest, "manifest after a restart with history kept")
        XCTAssertEqual(try q2.call("DEBUG", "DIGEST"), try r.call("DEBUG", "DIGEST"))
        XCTAssertEqual(try q2.call("BGREWRITEAOF"), try r.call("BGREWRITEAOF"))
        try q2.waitForRewrites()
        try r.waitForRewrites()
        XCTAssertEqual(quillAgain.manifest, redis.manifest, "manifest after a rewrite that followed a restart")
        XCTAssertEqual(try q2.call("CONFIG", "SET", "aof-disable-auto-gc", "no"), try r.call("CONFIG", "SET", "aof-disable-auto-gc", "no"))
        XCTAssertEqual(quillAgain.manifest, redis.manifest, "manifest after aof-disable-auto-gc no")
        XCTAssertEqual(fileNames(in: quillAgain.appendOnlyDirectory), fileNames(in: redis.appendOnlyDirectory))
    }

    func testTheRewrittenDirectoryPassesRedisCheckAofAndLoadsInRedis() throws {
        let server = try ServerProcess(arguments: ["--aof-disable-auto-gc", "yes"])
        try server.waitUntilLoaded()
        let admin = try server.client()
        let load = try WriteLoad(port: server.port, writers: 2, batch: 60)
        for _ in 0..<2 {
            usleep(250_000)
            XCTAssertEqual(try admin.call("BGREWRITEAOF"), .simple("Background append only file rewriting started"))
            try admin.waitForRewrites()
        }
        usleep(100_000)
        load.stop()
        _ = try admin.call("SELECT", "3")
        _ = try admin.call("SET", "binary\r\n\0key", "value\r\n\0with bytes")
        _ = try admin.call("ZADD", "scores", "-inf", "low", "1.5e300", "high", "0.1", "tenth")
        _ = try admin.call("PEXPIREAT", "scores", "99999999999999")
        let digest = try admin.call("DEBUG", "DIGEST")
        XCTAssertEqual(server.stop(), 0)
        XCTAssertTrue(server.manifest.contains(" type h\n"), "history lines stay with aof-disable-auto-gc yes")

        let check = try checkWithRedisTool(server.directory)
        XCTAssertEqual(check.status, 0, check.output)
        XCTAssertTrue(check.output.contains("Start to check BASE AOF (RESP format)."), check.output)
        XCTAssertTrue(check.output.contains("All AOF files and manifest are valid"), check.output)

        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("redis-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: server.appendOnlyDirectory, to: copy.appendingPathComponent("appendonlydir"))
        let redis = try RealRedisServer(directory: copy)
        defer { redis.stop() }
        let r = try redis.client()
        try eventually { (try r.info("persistence"))["loading"] == "0" }
        XCTAssertEqual(try r.call("DEBUG", "DIGEST"), digest, "redis-server 7.0 loads another dataset")
    }
}
