// The loader's rules through the real binary, each case checked against Redis 7.0.15's own
// log lines, exit code and file sizes (hard-coded as Redis printed them, and compared with a
// redis-server started on a copy of the same directory): truncated tails with and without
// aof-load-truncated, an unfinished MULTI, a truncated file that is not the last one, format
// errors even at the tail, unknown commands, annotations, empty files, a missing file, an
// RDB base, and keys that must not expire while the log replays.

import Foundation
import XCTest

final class AOFLoaderIntegrationTests: XCTestCase {
    private let incr1 = "file appendonly.aof.1.incr.aof seq 1 type i\n"
    private let incr12 = "file appendonly.aof.1.incr.aof seq 1 type i\nfile appendonly.aof.2.incr.aof seq 2 type i\n"
    private let base1 = "file appendonly.aof.1.base.aof seq 1 type b\n"
    private let head = respRecord("SELECT", "0") + respRecord("SET", "foo", "hello")

    /// `text` without its last `count` bytes.
    private func cut(_ text: String, _ count: Int) -> String {
        String(decoding: Array(text.utf8).dropLast(count), as: UTF8.self)
    }

    private func shortRead(_ file: String, offset: Int) -> [String] {
        ["# !!! Warning: short read while loading the AOF file \(file)!!!",
         "# !!! Truncating the AOF \(file) at offset \(offset) !!!",
         "# AOF \(file) loaded anyway because aof-load-truncated is enabled"]
    }

    private let unexpectedEnd = "# Unexpected end of file reading the append only file appendonly.aof.1.incr.aof. You can: 1) Make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>. 2) Alternatively you can set the 'aof-load-truncated' configuration option to yes and restart the server."
    private let badFormat = "# Bad file format reading the append only file appendonly.aof.1.incr.aof: make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>"
    private let loadedIncr = "* DB loaded from incr file appendonly.aof.1.incr.aof: X seconds"
    private let loadedAll = "* DB loaded from append only file: X seconds"
    private let openedIncr = "* Opening AOF incr file appendonly.aof.1.incr.aof on server start"

    /// Loads `directory` with Quill and with Redis, asserts Quill's result is `expected`
    /// (lines, exit status, file sizes) and that Redis produced the same.
    @discardableResult
    private func assertLoad(_ directory: URL, arguments: [String] = [], lines: [String], exitStatus: Int32?,
                            files: [String: Int]? = nil, file: StaticString = #filePath, line: UInt = #line,
                            inspect: (RESPClient) throws -> Void = { _ in }) throws -> AOFLoadResult {
        let quill = try AOFLoadComparison.quill(directory, arguments: arguments, inspect: inspect)
        let redis = try AOFLoadComparison.redis(directory, arguments: arguments, inspect: inspect)
        XCTAssertEqual(quill.lines, lines, "Quill's log", file: file, line: line)
        XCTAssertEqual(quill.exitStatus, exitStatus, "Quill's exit status", file: file, line: line)
        if let files { XCTAssertEqual(quill.files, files, "Quill's files", file: file, line: line) }
        XCTAssertEqual(quill.lines, redis.lines, "Quill's log against Redis's", file: file, line: line)
        XCTAssertEqual(quill.exitStatus, redis.exitStatus, "exit status against Redis's", file: file, line: line)
        XCTAssertEqual(quill.files, redis.files, "files against Redis's", file: file, line: line)
        XCTAssertEqual(quill.digest, redis.digest, "dataset against Redis's", file: file, line: line)
        return quill
    }

    // MARK: Truncated tails

    func testTruncatedTailIsCutAtTheLastWholeCommandAndLoaded() throws {
        let dir = try makeDataDirectory(files: ["appendonly.aof.1.incr.aof": head + cut(respRecord("SET", "bar", "world"), 3)],
                                        manifest: incr1)
        try assertLoad(dir, lines: shortRead("appendonly.aof.1.incr.aof", offset: 56) + [loadedIncr, loadedAll, openedIncr],
                       exitStatus: nil, files: ["appendonly.aof.1.incr.aof": 56, "appendonly.aof.manifest": 44]) { c in
            XCTAssertEqual(try c.call("GET", "foo"), .bulk("hello"))
            XCTAssertEqual(try c.call("EXISTS", "bar"), .integer(0))
        }
    }

    func testTruncatedTailWithAofLoadTruncatedNoExitsAndLeavesTheFile() throws {
        let dir = try makeDataDirectory(files: ["appendonly.aof.1.incr.aof": head + cut(respRecord("SET", "bar", "world"), 3)],
                                        manifest: incr1)
        try assertLoad(dir, arguments: ["--aof-load-truncated", "no"], lines: [unexpectedEnd], exitStatus: 1,
                       files: ["appendonly.aof.1.incr.aof": 86, "appendonly.aof.manifest": 44])
    }

    func testEveryKindOfShortTailIsTruncated() throws {
        let tails = ["*", "*2", "*2\r\n", "*2\r\n$", "*2\r\n$3", "*2\r\n$3\r\nGE", "*1\r\n$4\r\nPING\r", "*1\r\n$4\r\nPING"]
        for tail in tails {
            let dir = try makeDataDirectory(files: ["appendonly.aof.1.incr.aof": head + tail], manifest: incr1)
            try assertLoad(dir, lines: shortRead("appendonly.aof.1.incr.aof", offset: 56) + [loadedIncr, loadedAll, openedIncr],
                           exitStatus: nil, files: ["appendonly.aof.1.incr.aof": 56, "appendonly.aof.manifest": 44])
        }
    }

    func testAnnotationsAfterTheLastCommandAreCutWithTheTail() throws {
        let dir = try makeDataDirectory(files: ["appendonly.aof.1.incr.aof": head + "#TS:5\r\n*2\r\n$3\r\nGET"], manifest: incr1)
        try assertLoad(dir, lines: shortRead("appendonly.aof.1.incr.aof", offset: 56) + [loadedIncr, loadedAll, openedIncr],
                       exitStatus: nil, files: ["appendonly.aof.1.incr.aof": 56, "appendonly.aof.manifest": 44])
    }

    func testUnfinishedMultiIsRevertedAndCutBeforeTheMulti() throws {
        let content = head + respRecord("MULTI") + respRecord("SET", "bar", "world")
        let dir = try makeDataDirectory(files: ["appendonly.aof.1.incr.aof": content], manifest: incr1)
        let revert = "# Revert incomplete MULTI/EXEC transaction in AOF file appendonly.aof.1.incr.aof"
        try assertLoad(dir, lines: [revert] + shortRead("appendonly.aof.1.incr.aof", offset: 56) + [loadedIncr, loadedAll, openedIncr],
                       exitStatus: nil, files: ["appendonly.aof.1.incr.aof": 56, "appendonly.aof.manifest": 44]) { c in
            XCTAssertEqual(try c.call("EXISTS", "bar"), .integer(0))
        }
        try assertLoad(dir, arguments: ["--aof-load-truncated", "no"], lines: [revert, unexpectedEnd], exitStatus: 1,
                       files: ["appendonly.aof.1.incr.aof": 104, "appendonly.aof.manifest": 44])
    }

    func testAnUnfinishedMultiAfterAFinishedOneKeepsTheFirst() throws {
        let content = head + respRecord("MULTI") + respRecord("SET", "bar", "world") + respRecord("EXEC") + "#TS:1\r\n"
            + respRecord("MULTI") + "#x\r\n" + respRecord("SET", "baz", "1")
        let dir = try makeDataDirectory(files: ["appendonly.aof.1.incr.aof": content], manifest: incr1)
        try assertLoad(dir, lines: ["# Revert incomplete MULTI/EXEC transaction in AOF file appendonly.aof.1.incr.aof"]
                       + shortRead("appendonly.aof.1.incr.aof", offset: 118) + [loadedIncr, loadedAll, openedIncr],
                       exitStatus: nil, files: ["appendonly.aof.1.incr.aof": 118, "appendonly.aof.manifest": 44]) { c in
            XCTAssertEqual(try c.call("GET", "bar"), .bulk("world"))
            XCTAssertEqual(try c.call("EXISTS", "baz"), .integer(0))
        }
    }

    func testATruncatedFileThatIsNotTheLastIsCutAndThenFatal() throws {
        let dir = try makeDataDirectory(files: [
            "appendonly.aof.1.incr.aof": head + cut(respRecord("SET", "bar", "world"), 3),
            "appendonly.aof.2.incr.aof": respRecord("SET", "baz", "1"),
        ], manifest: incr12)
        try assertLoad(dir, lines: shortRead("appendonly.aof.1.incr.aof", offset: 56) + ["# Fatal error: the truncated file is not the last file"],
                       exitStatus: 1, files: ["appendonly.aof.1.incr.aof": 56, "appendonly.aof.2.incr.aof": 29, "appendonly.aof.manifest": 88])
    }

    func testATruncatedBaseWithIncrFilesAfterItIsFatal() throws {
        let dir = try makeDataDirectory(files: [
            "appendonly.aof.1.base.aof": head + cut(respRecord("SET", "bar", "world"), 3),
            "appendonly.aof.1.incr.aof": respRecord("SET", "baz", "1"),
        ], manifest: base1 + incr1)
        try assertLoad(dir, lines: shortRead("appendonly.aof.1.base.aof", offset: 56) + ["# Fatal error: the truncated file is not the last file"],
                       exitStatus: 1)
    }

    // MARK: Format errors and unknown commands

    func testFormatErrorsAreFatalEvenAtTheTail() throws {
        let tails = ["garbage\r\n", "x", "*2\r\n$3\r\nGET\r\nx3\r\nfoo\r\n", "*2\r\n$3\r\nGET\r\nx", "*0\r\n", "*\r\n", "*-1\r\n"]
        for tail in tails {
            let dir = try makeDataDirectory(files: ["appendonly.aof.1.incr.aof": head + tail], manifest: incr1)
            try assertLoad(dir, lines: [badFormat], exitStatus: 1)
            try assertLoad(dir, arguments: ["--aof-load-truncated", "no"], lines: [badFormat], exitStatus: 1)
        }
    }

    func testTheTwoBytesAfterAnArgumentAreNotChecked() throws {
        let content = respRecord("SELECT", "0") + "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nvXY" + respRecord("SET", "foo", "hello")
        let dir = try makeDataDirectory(files: ["appendonly.aof.1.incr.aof": content], manifest: incr1)
        try assertLoad(dir, lines: [loadedIncr, loadedAll, openedIncr], exitStatus: nil) { c in
            XCTAssertEqual(try c.call("GET", "k"), .bulk("v"))
            XCTAssertEqual(try c.call("GET", "foo"), .bulk("hello"))
        }
    }

    func testAnUnknownCommandIsFatalEvenWhenTheTailIsTruncated() throws {
        let unknown = "# Unknown command 'NOSUCHCMD' reading the append only file appendonly.aof.1.incr.aof"
        let dir = try makeDataDirectory(files: ["appendonly.aof.1.incr.aof": head + respRecord("NOSUCHCMD", "a") + respRecord("SET", "x", "y")],
                                        manifest: incr1)
        try assertLoad(dir, lines: [unknown], exitStatus: 1)
        let content = head + respRecord("NOSUCHCMD", "a") + cut(respRecord("SET", "x", "y"), 2)
        let truncated = try makeDataDirectory(files: ["appendonly.aof.1.incr.aof": content], manifest: incr1)
        try assertLoad(truncated, lines: [unknown], exitStatus: 1,
                       files: ["appendonly.aof.1.incr.aof": content.utf8.count, "appendonly.aof.manifest": 44])
    }

    func testAnUnknownSubcommandIsReportedWithTheCommandName() throws {
        let dir = try makeDataDirectory(files: ["appendonly.aof.1.incr.aof": head + respRecord("CONFIG", "NOSUCH", "a")], manifest: incr1)
        try assertLoad(dir, lines: ["# Unknown command 'CONFIG' reading the append only file appendonly.aof.1.incr.aof"], exitStatus: 1)
    }

    // MARK: Annotations, empty and missing files

    func testAnnotationLinesAreSkipped() throws {
        let content = "#TS:1700000000\r\n" + respRecord("SELECT", "0") + "# a comment\r\n" + respRecord("SET", "foo", "hello")
            + "#TS:1700000001\r\n" + respRecord("SET", "x", "y") + "#"
        let dir = try makeDataDirectory(files: ["appendonly.aof.1.incr.aof": content], manifest: incr1)
        try assertLoad(dir, lines: [loadedIncr, loadedAll, openedIncr], exitStatus: nil,
                       files: ["appendonly.aof.1.incr.aof": content.utf8.count, "appendonly.aof.manifest": 44]) { c in
            XCTAssertEqual(try c.call("DBSIZE"), .integer(2))
        }
    }

    func testEmptyFilesLoadWithoutALineOfTheirOwn() throws {
        let trailing = try makeDataDirectory(files: ["appendonly.aof.1.base.aof": head, "appendonly.aof.1.incr.aof": ""], manifest: base1 + incr1)
        try assertLoad(trailing, lines: ["* DB loaded from base file appendonly.aof.1.base.aof: X seconds", loadedAll, openedIncr],
                       exitStatus: nil)
        let middle = try makeDataDirectory(files: ["appendonly.aof.1.base.aof": head, "appendonly.aof.1.incr.aof": "",
                                                   "appendonly.aof.2.incr.aof": respRecord("SET", "x", "1")], manifest: base1 + incr12)
        try assertLoad(middle, lines: ["* DB loaded from base file appendonly.aof.1.base.aof: X seconds",
                                       "* DB loaded from incr file appendonly.aof.2.incr.aof: X seconds", loadedAll,
                                       "* Opening AOF incr file appendonly.aof.2.incr.aof on server start"], exitStatus: nil) { c in
            XCTAssertEqual(try c.call("DBSIZE"), .integer(2))
        }
        let allEmpty = try makeDataDirectory(files: ["appendonly.aof.1.base.aof": "", "appendonly.aof.1.incr.aof": ""], manifest: base1 + incr1)
        try assertLoad(allEmpty, lines: [loadedAll, openedIncr], exitStatus: nil)
    }

    func testAFileListedInTheManifestButMissingIsFatal() throws {
        let incr = try makeDataDirectory(files: ["appendonly.aof.1.base.aof": head], manifest: base1 + incr1)
        try assertLoad(incr, lines: ["# Unable to obtain the AOF file appendonly.aof.1.incr.aof length. stat: No such file or directory"],
                       exitStatus: 1, files: ["appendonly.aof.1.base.aof": 56, "appendonly.aof.manifest": 88])
        let base = try makeDataDirectory(files: ["appendonly.aof.1.incr.aof": head], manifest: base1 + incr1)
        try assertLoad(base, lines: ["# Unable to obtain the AOF file appendonly.aof.1.base.aof length. stat: No such file or directory"],
                       exitStatus: 1)
    }

    func testAnRDBBaseIsRefusedWithAClearMessage() throws {
        let dir = try makeDataDirectory(files: ["appendonly.aof.1.base.rdb": "REDIS0010\u{7f}"],
                                        manifest: "file appendonly.aof.1.base.rdb seq 1 type b\n")
        let result = try AOFLoadComparison.quill(dir)
        XCTAssertEqual(result.exitStatus, 1)
        XCTAssertEqual(result.lines, [
            "* Reading RDB base file on AOF loading...",
            "# Quill cannot load RDB data: start Redis on this directory with aof-use-rdb-preamble no and run BGREWRITEAOF, so that the base is written in RESP",
            "# Error reading the RDB base file appendonly.aof.1.base.rdb, AOF loading aborted",
        ])
        XCTAssertEqual(result.files["appendonly.aof.1.base.rdb"], 10, "the file is left alone")
    }

    func testTheBaseFormatIsSniffedNotTakenFromItsName() throws {
        let dir = try makeDataDirectory(files: ["appendonly.aof.3.base.rdb": head, "appendonly.aof.1.incr.aof": respRecord("SET", "x", "1")],
                                        manifest: "file appendonly.aof.3.base.rdb seq 3 type b\n" + incr1)
        try assertLoad(dir, lines: ["* DB loaded from base file appendonly.aof.3.base.rdb: X seconds", loadedIncr, loadedAll, openedIncr],
                       exitStatus: nil) { c in
            XCTAssertEqual(try c.call("GET", "foo"), .bulk("hello"))
        }
    }

    func testAnOldStyleFileWithAnRDBPreambleIsRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quill-aof-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("REDIS0009\u{7f}".utf8).write(to: directory.appendingPathComponent("appendonly.aof"))
        let result = try AOFLoadComparison.quill(directory)
        XCTAssertEqual(result.exitStatus, 1)
        XCTAssertEqual(result.lines.first, "* Successfully migrated an old-style AOF file (appendonly.aof) into the AOF directory (appendonlydir).")
        XCTAssertEqual(result.lines.dropFirst().first, "* Reading RDB preamble from AOF file...")
        XCTAssertEqual(result.lines.last, "# Error reading the RDB preamble of the AOF file appendonly.aof, AOF loading aborted")
    }

    // MARK: Replay semantics

    func testNoKeyExpiresWhileTheLogReplays() throws {
        let content = respRecord("SELECT", "0") + respRecord("RPUSH", "l", "a", "b") + respRecord("PEXPIREAT", "l", "1000")
            + respRecord("RPUSH", "l", "c") + respRecord("PERSIST", "l")
            + respRecord("SET", "s", "v") + respRecord("EXPIRE", "s", "-5") + respRecord("APPEND", "s", "w") + respRecord("PERSIST", "s")
            + respRecord("SET", "n", "1") + respRecord("PEXPIREAT", "n", "1000") + respRecord("INCR", "n") + respRecord("PERSIST", "n")
        let dir = try makeDataDirectory(files: ["appendonly.aof.1.incr.aof": content], manifest: incr1)
        try assertLoad(dir, lines: [loadedIncr, loadedAll, openedIncr], exitStatus: nil) { c in
            XCTAssertEqual(try c.call("LRANGE", "l", "0", "-1"), .array([.bulk("a"), .bulk("b"), .bulk("c")]),
                           "RPUSH appended to the list whose time had passed")
            XCTAssertEqual(try c.call("GET", "s"), .bulk("vw"))
            XCTAssertEqual(try c.call("GET", "n"), .bulk("2"), "INCR counted on from the value whose time had passed")
        }
    }

    func testEachFileStartsInDatabaseZeroAndSelectsInsideMulti() throws {
        let dir = try makeDataDirectory(files: [
            "appendonly.aof.1.incr.aof": respRecord("SELECT", "3") + respRecord("SET", "foo", "hello") + respRecord("MULTI")
                + respRecord("SELECT", "5") + respRecord("INCR", "c") + respRecord("EXEC"),
            "appendonly.aof.2.incr.aof": respRecord("SET", "bar", "1"),
        ], manifest: incr12)
        try assertLoad(dir, lines: [loadedIncr, "* DB loaded from incr file appendonly.aof.2.incr.aof: X seconds", loadedAll,
                                    "* Opening AOF incr file appendonly.aof.2.incr.aof on server start"], exitStatus: nil) { c in
            XCTAssertEqual(try c.call("GET", "bar"), .bulk("1"))
            XCTAssertEqual(try c.call("SELECT", "5"), .simple("OK"))
            XCTAssertEqual(try c.call("GET", "c"), .bulk("1"))
        }
    }

    func testTheChangesOfTheLoadStayCountedLikeInRedis() throws {
        let content = head + respRecord("MULTI") + respRecord("SELECT", "5") + respRecord("INCR", "c") + respRecord("EXEC")
            + respRecord("RPUSH", "l", "a", "b") + respRecord("DEL", "nosuchkey") + respRecord("FLUSHDB")
        let dir = try makeDataDirectory(files: ["appendonly.aof.1.incr.aof": content], manifest: incr1)
        var changes: [String] = []
        try assertLoad(dir, lines: [loadedIncr, loadedAll, openedIncr], exitStatus: nil) { c in
            let info = try c.call("INFO", "persistence").string ?? ""
            changes += info.split(separator: "\r\n").filter { $0.hasPrefix("rdb_changes_since_last_save:") }.map(String.init)
        }
        XCTAssertEqual(changes.count, 2)
        XCTAssertEqual(changes.first, changes.last, "Quill against Redis")
        XCTAssertNotEqual(changes.first, "rdb_changes_since_last_save:0", "a start-up load does not reset the counter")
    }

    func testErrorRepliesDuringTheReplayAreLoggedAndCountedButNotTheCalls() throws {
        let content = respRecord("SELECT", "0") + respRecord("SET", "k", "v") + respRecord("LPUSH", "k", "a") + respRecord("INCR", "k")
            + respRecord("SET", "x", "1") + respRecord("MULTI") + respRecord("INCR", "k") + respRecord("SET", "y", "2")
            + respRecord("EXEC") + respRecord("EXEC") + respRecord("SELECT", "99") + respRecord("SET", "z", "3") + respRecord("DISCARD")
            + respRecord("LSET", "x", "5", "a") + respRecord("CONFIG", "SET", "hz", "abc")
        let dir = try makeDataDirectory(files: ["appendonly.aof.1.incr.aof": content], manifest: incr1)
        func critical(_ error: String, _ command: String) -> String {
            "# == CRITICAL == This server is sending an error to its AOF-loading-client: '\(error)' after processing the command '\(command)'"
        }
        try assertLoad(dir, lines: [
            critical("-WRONGTYPE Operation against a key holding the wrong kind of value", "lpush"),
            critical("value is not an integer or out of range", "incr"),
            critical("value is not an integer or out of range", "exec"),
            critical("EXEC without MULTI", "exec"),
            critical("DB index is out of range", "select"),
            critical("DISCARD without MULTI", "discard"),
            critical("-WRONGTYPE Operation against a key holding the wrong kind of value", "lset"),
            critical("CONFIG SET failed (possibly related to argument 'hz') - argument couldn't be parsed into an integer", "config|set"),
            loadedIncr, loadedAll, openedIncr,
        ], exitStatus: nil) { c in
            let stats = try c.call("INFO", "stats").string ?? ""
            XCTAssertTrue(stats.contains("unexpected_error_replies:8\r\n"), stats)
            XCTAssertTrue(stats.contains("total_error_replies:8\r\n"), stats)
            XCTAssertEqual(try c.call("INFO", "errorstats").string, "# Errorstats\r\nerrorstat_ERR:count=6\r\nerrorstat_WRONGTYPE:count=2\r\n")
            let commands = try c.call("INFO", "commandstats").string ?? ""
            XCTAssertFalse(commands.contains("cmdstat_set:"), "replayed records keep no call statistics: \(commands)")
            XCTAssertFalse(commands.contains("cmdstat_lpush:"), commands)
            XCTAssertEqual(try c.call("GET", "y"), .bulk("2"))
        }
    }

    func testAReplayedFlushallLeavesNothingForTheNextCommandToLog() throws {
        let content = head + respRecord("FLUSHALL") + respRecord("SET", "j", "1")
        let dir = try makeDataDirectory(files: ["appendonly.aof.1.incr.aof": content], manifest: incr1)
        try assertLoad(dir, lines: [loadedIncr, loadedAll, openedIncr], exitStatus: nil,
                       files: ["appendonly.aof.1.incr.aof": content.utf8.count, "appendonly.aof.manifest": 44]) { c in
            XCTAssertEqual(try c.call("PING"), .simple("PONG"))
            XCTAssertEqual(try c.call("GET", "j"), .bulk("1"))
        }
    }

    func testDebugLoadAOFRefusesATruncatedFileAndIsNeverLogged() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        try server.waitUntilLoaded()
        let c = try server.client()
        XCTAssertEqual(try c.call("SET", "a", "1"), .simple("OK"))
        XCTAssertEqual(try c.call("DEBUG", "LOADAOF"), .simple("OK"))
        XCTAssertEqual(try c.call("SET", "b", "2"), .simple("OK"))
        XCTAssertEqual(try c.call("DEBUG", "LOADAOF"), .simple("OK"))
        XCTAssertEqual(server.fileText("appendonly.aof.1.incr.aof"),
                       respRecord("SELECT", "0") + respRecord("SET", "a", "1") + respRecord("SET", "b", "2"),
                       "DEBUG LOADAOF resets the change counter; it is not written to the log")
        let handle = try FileHandle(forWritingTo: server.appendOnlyDirectory.appendingPathComponent("appendonly.aof.1.incr.aof"))
        handle.seekToEndOfFile()
        handle.write(Data("*2\r\n$3\r\nGET".utf8))
        try handle.close()
        XCTAssertEqual(try c.call("DEBUG", "LOADAOF"), .error("ERR Error trying to load the AOF files, check server logs."))
        XCTAssertTrue(server.log.contains("!!! Truncating the AOF appendonly.aof.1.incr.aof at offset 77 !!!"))
        XCTAssertEqual(try c.call("DBSIZE"), .integer(2), "the whole file before the cut was loaded")
    }
}
