// Quill's and Redis's append-only directories are interchangeable: what quill-server writes
// (every value type, expiries, several databases, MULTI/EXEC, SPOP, INCRBYFLOAT, a base
// written when the log is switched on, restarts, DEBUG LOADAOF) passes redis-check-aof and
// loads in redis-server 7.0.15 to the same DEBUG DIGEST; what redis-server writes with a
// RESP base (after a BGREWRITEAOF, with timestamp annotations) loads in Quill to the same
// digest; and an old single-file log is migrated as Redis migrates it, an interrupted
// migration included.

import Foundation
import XCTest

final class AOFInteropIntegrationTests: XCTestCase {
    @discardableResult
    private func call(_ c: RESPClient, _ words: String...) throws -> Reply {
        let reply = try c.call(strings: words)
        XCTAssertFalse(reply.isError, "\(words.joined(separator: " ")): \(reply)")
        return reply
    }

    /// Writes of every kind Quill logs, on the connection's current database and others.
    private func writeMixedData(_ c: RESPClient, tag: String) throws {
        try call(c, "SELECT", "0")
        try call(c, "SET", "k\(tag)", "v")
        try call(c, "RPUSH", "l\(tag)", "a", "b", "c", "d")
        try call(c, "LPOP", "l\(tag)")
        try call(c, "SADD", "s\(tag)", "x", "y", "z", "w", "v", "1", "2")
        try call(c, "SPOP", "s\(tag)")
        try call(c, "SPOP", "s\(tag)", "2")
        try call(c, "ZADD", "z\(tag)", "1.5", "a", "2", "b", "-3e5", "c")
        try call(c, "ZINCRBY", "z\(tag)", "0.25", "a")
        try call(c, "HSET", "h\(tag)", "f1", "v1", "f2", "v2")
        try call(c, "HINCRBYFLOAT", "h\(tag)", "f3", "2.5")
        try call(c, "SET", "e\(tag)", "1", "EX", "1000")
        try call(c, "SETEX", "x\(tag)", "500", "y")
        try call(c, "PEXPIREAT", "l\(tag)", "99999999999999")
        try call(c, "SET", "gone\(tag)", "1")
        try call(c, "GETDEL", "gone\(tag)")
        try call(c, "SELECT", "3")
        try call(c, "INCRBYFLOAT", "f\(tag)", "1.5")
        try call(c, "INCRBYFLOAT", "f\(tag)", "0.1")
        try call(c, "EXPIRE", "f\(tag)", "5000")
        try call(c, "INCR", "n\(tag)")
        try call(c, "MULTI")
        try call(c, "SET", "m\(tag)", "1")
        try call(c, "INCR", "m\(tag)")
        try call(c, "SELECT", "4")
        try call(c, "LPUSH", "q\(tag)", "z")
        try call(c, "EXEC")
        try call(c, "SELECT", "0")
    }

    func testAQuillDirectoryPassesRedisCheckAOFAndLoadsInRedis() throws {
        let server = try ServerProcess(arguments: ["--aof-timestamp-enabled", "yes"])
        try server.waitUntilLoaded()
        let c = try server.client()
        try writeMixedData(c, tag: "1")
        XCTAssertEqual(try c.call("CONFIG", "SET", "appendonly", "no"), .simple("OK"))
        XCTAssertEqual(try c.call("CONFIG", "SET", "appendonly", "yes"), .simple("OK"), "a base written from the data")
        try writeMixedData(c, tag: "2")
        XCTAssertEqual(server.stop(), 0)

        let again = try ServerProcess.restart(in: server.directory, arguments: ["--aof-timestamp-enabled", "yes"])
        let c2 = try again.client()
        try writeMixedData(c2, tag: "3")
        XCTAssertEqual(try c2.call("DEBUG", "LOADAOF"), .simple("OK"))
        try writeMixedData(c2, tag: "4")
        try call(c2, "DEL", "k1", "l2")
        let digest = try c2.call("DEBUG", "DIGEST").string
        XCTAssertEqual(again.stop(), 0)
        XCTAssertEqual(again.manifest, "file appendonly.aof.2.base.aof seq 2 type b\nfile appendonly.aof.2.incr.aof seq 2 type i\n")
        XCTAssertTrue(again.fileText("appendonly.aof.2.base.aof").contains(respRecord("SELECT", "3")))
        XCTAssertFalse(again.fileText("appendonly.aof.2.incr.aof").lowercased().contains("loadaof"))

        let check = try ServerProcess.run("redis-check-aof", [again.appendOnlyDirectory.appendingPathComponent("appendonly.aof.manifest").path])
        XCTAssertEqual(check.status, 0, check.output)
        XCTAssertTrue(check.output.contains("Start to check BASE AOF (RESP format)."), check.output)
        XCTAssertTrue(check.output.contains("BASE AOF appendonly.aof.2.base.aof is valid"), check.output)
        XCTAssertTrue(check.output.contains("INCR AOF appendonly.aof.2.incr.aof is valid"), check.output)
        XCTAssertTrue(check.output.hasSuffix("All AOF files and manifest are valid\n"), check.output)

        let redis = try AOFLoadComparison.redis(again.directory)
        XCTAssertNil(redis.exitStatus, "\(redis.lines)")
        XCTAssertEqual(redis.digest, digest, "Redis loads the same dataset")
        XCTAssertNotEqual(digest, String(repeating: "0", count: 40))
        let quill = try AOFLoadComparison.quill(again.directory)
        XCTAssertEqual(quill.digest, digest)
        XCTAssertEqual(quill.lines, redis.lines)
        XCTAssertEqual(quill.lines, ["* DB loaded from base file appendonly.aof.2.base.aof: X seconds",
                                     "* DB loaded from incr file appendonly.aof.2.incr.aof: X seconds",
                                     "* DB loaded from append only file: X seconds",
                                     "* Opening AOF incr file appendonly.aof.2.incr.aof on server start"])
    }

    func testARedisDirectoryWithARESPBaseLoadsInQuill() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quill-aof-redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let redis = try RedisAOFServer(directory: directory, arguments: ["--aof-timestamp-enabled", "yes"])
        defer { redis.stop() }
        try redis.waitUntilReady()
        let r = try RESPClient(port: redis.port)
        try writeMixedData(r, tag: "1")
        XCTAssertEqual(try r.call("BGREWRITEAOF"), .simple("Background append only file rewriting started"))
        let manifestURL = directory.appendingPathComponent("appendonlydir/appendonly.aof.manifest")
        let expectedManifest = "file appendonly.aof.2.base.aof seq 2 type b\nfile appendonly.aof.2.incr.aof seq 2 type i\n"
        let deadline = Date().addingTimeInterval(20)
        while (try? String(contentsOf: manifestURL, encoding: .utf8)) != expectedManifest && Date() < deadline { usleep(50_000) }
        XCTAssertEqual(try String(contentsOf: manifestURL, encoding: .utf8), expectedManifest)
        try writeMixedData(r, tag: "2")
        try call(r, "DEL", "k1")
        let digest = try r.call("DEBUG", "DIGEST").string
        redis.stop()
        let base = try String(contentsOf: directory.appendingPathComponent("appendonlydir/appendonly.aof.2.base.aof"), encoding: .utf8)
        XCTAssertTrue(base.hasPrefix("#TS:"), "Redis's RESP base starts with a timestamp annotation")

        let quill = try AOFLoadComparison.quill(directory)
        XCTAssertEqual(quill.digest, digest)
        XCTAssertEqual(quill.lines, ["* DB loaded from base file appendonly.aof.2.base.aof: X seconds",
                                     "* DB loaded from incr file appendonly.aof.2.incr.aof: X seconds",
                                     "* DB loaded from append only file: X seconds",
                                     "* Opening AOF incr file appendonly.aof.2.incr.aof on server start"])
        let again = try AOFLoadComparison.redis(directory)
        XCTAssertEqual(again.digest, digest)
        XCTAssertEqual(quill.lines, again.lines)
        XCTAssertEqual(quill.files, again.files)
    }

    // MARK: Old single-file logs

    /// A data directory holding an old-style `appendonly.aof` and optionally an AOF directory.
    private func oldStyle(_ content: String, aofDirectory: [String: String]? = nil, manifest: String? = nil) throws -> URL {
        let directory: URL
        if let aofDirectory {
            directory = try makeDataDirectory(files: aofDirectory, manifest: manifest)
        } else {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("quill-aof-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        try Data(content.utf8).write(to: directory.appendingPathComponent("appendonly.aof"))
        return directory
    }

    private func assertSameAsRedis(_ directory: URL, lines: [String], rootFiles: [String], files: [String: Int],
                                   file: StaticString = #filePath, line: UInt = #line) throws {
        let quill = try AOFLoadComparison.quill(directory)
        let redis = try AOFLoadComparison.redis(directory)
        XCTAssertEqual(quill.lines, lines, file: file, line: line)
        XCTAssertEqual(quill.rootFiles, rootFiles, file: file, line: line)
        XCTAssertEqual(quill.files, files, file: file, line: line)
        XCTAssertEqual(quill, redis, "Quill against Redis", file: file, line: line)
    }

    private let old = respRecord("SELECT", "0") + respRecord("SET", "old", "yes") + respRecord("SELECT", "2") + respRecord("RPUSH", "l", "a")
    private let migrated = "* Successfully migrated an old-style AOF file (appendonly.aof) into the AOF directory (appendonlydir)."
    private let afterMigration = ["* DB loaded from base file appendonly.aof: X seconds", "* DB loaded from append only file: X seconds",
                                  "* Creating AOF incr file appendonly.aof.1.incr.aof on server start"]

    func testAnOldFileIsMovedIntoANewDirectory() throws {
        try assertSameAsRedis(try oldStyle(old), lines: [migrated] + afterMigration, rootFiles: ["appendonlydir"],
                              files: ["appendonly.aof": old.utf8.count, "appendonly.aof.1.incr.aof": 0, "appendonly.aof.manifest": 77])
    }

    func testAnInterruptedMigrationIsResumed() throws {
        let dir = try oldStyle(old, aofDirectory: [:], manifest: "file appendonly.aof seq 1 type b\n")
        try assertSameAsRedis(dir, lines: [migrated] + afterMigration, rootFiles: ["appendonlydir"],
                              files: ["appendonly.aof": old.utf8.count, "appendonly.aof.1.incr.aof": 0, "appendonly.aof.manifest": 77])
    }

    func testAnEmptyDirectoryOrAManifestOfCommentsStillMigrates() throws {
        for manifest in [nil, "# nothing yet\n"] {
            let dir = try oldStyle(old, aofDirectory: [:], manifest: manifest)
            try assertSameAsRedis(dir, lines: [migrated] + afterMigration, rootFiles: ["appendonlydir"],
                                  files: ["appendonly.aof": old.utf8.count, "appendonly.aof.1.incr.aof": 0, "appendonly.aof.manifest": 77])
        }
    }

    func testAMigrationWhoseMoveHappenedIsNotRepeated() throws {
        let moved = respRecord("SET", "moved", "1")
        let dir = try oldStyle(old, aofDirectory: ["appendonly.aof": moved], manifest: "file appendonly.aof seq 1 type b\n")
        try assertSameAsRedis(dir, lines: afterMigration, rootFiles: ["appendonly.aof", "appendonlydir"],
                              files: ["appendonly.aof": moved.utf8.count, "appendonly.aof.1.incr.aof": 0, "appendonly.aof.manifest": 77])
    }

    func testAnOldFileBesideAMultiPartLogIsIgnored() throws {
        let incr = respRecord("SET", "new", "1")
        let dir = try oldStyle(old, aofDirectory: ["appendonly.aof.1.incr.aof": incr], manifest: "file appendonly.aof.1.incr.aof seq 1 type i\n")
        try assertSameAsRedis(dir, lines: ["* DB loaded from incr file appendonly.aof.1.incr.aof: X seconds",
                                           "* DB loaded from append only file: X seconds",
                                           "* Opening AOF incr file appendonly.aof.1.incr.aof on server start"],
                              rootFiles: ["appendonly.aof", "appendonlydir"],
                              files: ["appendonly.aof.1.incr.aof": incr.utf8.count, "appendonly.aof.manifest": 44])
        let withIncr = try oldStyle(old, aofDirectory: ["appendonly.aof.1.incr.aof": incr],
                                    manifest: "file appendonly.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n")
        try assertSameAsRedis(withIncr, lines: ["# Unable to obtain the AOF file appendonly.aof length. stat: No such file or directory"],
                              rootFiles: ["appendonly.aof", "appendonlydir"],
                              files: ["appendonly.aof.1.incr.aof": incr.utf8.count, "appendonly.aof.manifest": 77])
    }

    func testATruncatedOldFileIsMigratedThenCut() throws {
        let content = old + "*3\r\n$3\r\nSET"
        try assertSameAsRedis(try oldStyle(content),
                              lines: [migrated,
                                      "# !!! Warning: short read while loading the AOF file appendonly.aof!!!",
                                      "# !!! Truncating the AOF appendonly.aof at offset \(old.utf8.count) !!!",
                                      "# AOF appendonly.aof loaded anyway because aof-load-truncated is enabled"] + afterMigration,
                              rootFiles: ["appendonlydir"],
                              files: ["appendonly.aof": old.utf8.count, "appendonly.aof.1.incr.aof": 0, "appendonly.aof.manifest": 77])
    }

    func testWithTheLogOffAnOldFileIsLeftAlone() throws {
        let dir = try oldStyle(old)
        let quill = try AOFLoadComparison.quill(dir, arguments: ["--appendonly", "no"])
        let redis = try AOFLoadComparison.redis(dir, arguments: ["--appendonly", "no"])
        XCTAssertEqual(quill.rootFiles, ["appendonly.aof"])
        XCTAssertEqual(quill.digest, String(repeating: "0", count: 40))
        XCTAssertEqual(quill, redis)
    }
}
