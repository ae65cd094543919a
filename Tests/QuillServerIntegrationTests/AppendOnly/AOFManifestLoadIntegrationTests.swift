// Start-up with a hand-written manifest, through the real binary: every parser error Redis
// 7.0.15 reports (the four WARNING lines, exit code 1), and the lines it accepts (comments,
// keys in any case, unknown pairs, quotes, CRLF ends, only comments), each compared with a
// redis-server started on a copy of the same directory.

import Foundation
import XCTest

final class AOFManifestLoadIntegrationTests: XCTestCase {
    /// Redis logs "\n*** FATAL AOF MANIFEST FILE ERROR ***\n" and lines ending in "\n",
    /// hence the blank lines.
    private let fatal = ["# ", "*** FATAL AOF MANIFEST FILE ERROR ***", ""]

    private func directory(manifest: String) throws -> URL {
        try makeDataDirectory(files: ["appendonly.aof.1.incr.aof": respRecord("SET", "foo", "1")], manifest: manifest)
    }

    /// Asserts the start-up fails with exit code 1 and these lines, as in Redis.
    private func assertFatal(_ manifest: String, line number: Int?, text: String?, _ message: String, arguments: [String] = [],
                             file: StaticString = #filePath, line: UInt = #line) throws {
        let dir = try directory(manifest: manifest)
        var expected = fatal
        if let number, let text { expected += ["# Reading the manifest file, at line \(number)", "", "# >>> '\(text)'", ""] }
        expected += ["# " + message, ""]
        let quill = try AOFLoadComparison.quill(dir, arguments: arguments)
        let redis = try AOFLoadComparison.redis(dir, arguments: arguments)
        XCTAssertEqual(quill.exitStatus, 1, file: file, line: line)
        XCTAssertEqual(quill.lines, expected, file: file, line: line)
        XCTAssertEqual(redis.exitStatus, 1, "Redis", file: file, line: line)
        XCTAssertEqual(redis.lines, expected, "Redis", file: file, line: line)
        XCTAssertEqual(quill.files, redis.files, file: file, line: line)
    }

    /// Asserts the manifest is accepted and loads like in Redis.
    private func assertAccepted(_ manifest: String, keys: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let dir = try directory(manifest: manifest)
        var quillKeys: Reply?
        let quill = try AOFLoadComparison.quill(dir) { quillKeys = try $0.call("DBSIZE") }
        var redisKeys: Reply?
        let redis = try AOFLoadComparison.redis(dir) { redisKeys = try $0.call("DBSIZE") }
        XCTAssertNil(quill.exitStatus, "\(quill.lines)", file: file, line: line)
        XCTAssertEqual(quillKeys, .integer(keys), file: file, line: line)
        XCTAssertEqual(quillKeys, redisKeys, file: file, line: line)
        XCTAssertEqual(quill.lines, redis.lines, file: file, line: line)
        XCTAssertEqual(quill.digest, redis.digest, file: file, line: line)
    }

    func testAnEmptyManifest() throws {
        try assertFatal("", line: nil, text: nil, "Found an empty AOF manifest")
    }

    func testALineTooLongOrWithoutItsNewline() throws {
        let long = "file appendonly.aof.1.incr.aof seq 1 type i " + String(repeating: "x", count: 1100) + "\n"
        try assertFatal(long, line: nil, text: nil, "The AOF manifest file contains too long line")
        try assertFatal("file appendonly.aof.1.incr.aof seq 1 type i", line: nil, text: nil,
                        "The AOF manifest file contains too long line")
    }

    func testBlankLinesAreInvalid() throws {
        try assertFatal("file appendonly.aof.1.incr.aof seq 1 type i\n\n", line: 2, text: "", "Invalid AOF manifest file format")
        try assertFatal("file appendonly.aof.1.incr.aof seq 1 type i\n  \t\r\n", line: 2, text: "", "Invalid AOF manifest file format")
    }

    func testWrongNumbersOfWordsAndUnbalancedQuotes() throws {
        try assertFatal("file appendonly.aof.1.incr.aof seq 1\n", line: 1, text: "file appendonly.aof.1.incr.aof seq 1",
                        "Invalid AOF manifest file format")
        try assertFatal("file appendonly.aof.1.incr.aof seq 1 type i extra\n", line: 1,
                        text: "file appendonly.aof.1.incr.aof seq 1 type i extra", "Invalid AOF manifest file format")
        try assertFatal("file \"appendonly.aof.1.incr.aof seq 1 type i\n", line: 1,
                        text: "file \"appendonly.aof.1.incr.aof seq 1 type i", "Invalid AOF manifest file format")
    }

    func testMissingOrZeroFields() throws {
        try assertFatal("file appendonly.aof.1.incr.aof seq 0 type i\n", line: 1, text: "file appendonly.aof.1.incr.aof seq 0 type i",
                        "Invalid AOF manifest file format")
        try assertFatal("file appendonly.aof.1.incr.aof seq abc type i\n", line: 1,
                        text: "file appendonly.aof.1.incr.aof seq abc type i", "Invalid AOF manifest file format")
        try assertFatal("file appendonly.aof.1.incr.aof seq 1 kind i\n", line: 1, text: "file appendonly.aof.1.incr.aof seq 1 kind i",
                        "Invalid AOF manifest file format")
        try assertFatal("name appendonly.aof.1.incr.aof seq 1 type i\n", line: 1, text: "name appendonly.aof.1.incr.aof seq 1 type i",
                        "Invalid AOF manifest file format")
    }

    func testAPathInsteadOfAFileName() throws {
        try assertFatal("file dir/appendonly.aof.1.incr.aof seq 1 type i\n", line: 1,
                        text: "file dir/appendonly.aof.1.incr.aof seq 1 type i", "File can't be a path, just a filename")
    }

    func testTwoBasesAndIncrNumbersGoingBack() throws {
        try assertFatal("file a.base seq 1 type b\nfile b.base seq 2 type b\n", line: 2, text: "file b.base seq 2 type b",
                        "Found duplicate base file information")
        try assertFatal("file appendonly.aof.2.incr.aof seq 2 type i\nfile appendonly.aof.1.incr.aof seq 1 type i\n", line: 2,
                        text: "file appendonly.aof.1.incr.aof seq 1 type i", "Found a non-monotonic sequence number")
        try assertFatal("file appendonly.aof.1.incr.aof seq 1 type i\nfile appendonly.aof.2.incr.aof seq -5 type i\n", line: 2,
                        text: "file appendonly.aof.2.incr.aof seq -5 type i", "Found a non-monotonic sequence number")
    }

    func testAnUnknownFileType() throws {
        try assertFatal("file appendonly.aof.1.incr.aof seq 1 type x\n", line: 1, text: "file appendonly.aof.1.incr.aof seq 1 type x",
                        "Unknown AOF file type")
    }

    func testTheManifestIsReadEvenWithTheLogOff() throws {
        try assertFatal("file appendonly.aof.1.incr.aof seq 1 type x\n", line: 1, text: "file appendonly.aof.1.incr.aof seq 1 type x",
                        "Unknown AOF file type", arguments: ["--appendonly", "no"])
    }

    func testAnErrorOnALaterLineNamesThatLine() throws {
        try assertFatal("# comment\nfile appendonly.aof.1.incr.aof seq 1 type i\nfile x seq 2\n", line: 3, text: "file x seq 2",
                        "Invalid AOF manifest file format")
    }

    func testAcceptedSpellings() throws {
        try assertAccepted("# hello\nFILE appendonly.aof.1.incr.aof SEQ 1 TYPE incr extra pair\n#x\n", keys: 1)
        try assertAccepted("file \"appendonly.aof.1.incr.aof\" seq 1 type i\n", keys: 1)
        try assertAccepted("file 'appendonly.aof.1.incr.aof' seq 01 type i\r\n", keys: 1)
        try assertAccepted("# only a comment\n", keys: 0)
    }

    func testAManifestOrDirectoryInTheWayStopsTheStart() throws {
        let manifestDirectory = try makeDataDirectory(files: [:], manifest: nil)
        try FileManager.default.createDirectory(at: manifestDirectory.appendingPathComponent("appendonlydir/appendonly.aof.manifest"),
                                                withIntermediateDirectories: true)
        let quill = try AOFLoadComparison.quill(manifestDirectory)
        let redis = try AOFLoadComparison.redis(manifestDirectory)
        XCTAssertEqual(quill.exitStatus, 1)
        XCTAssertEqual(quill.lines, [
            "* Creating AOF base file appendonly.aof.1.base.aof on server start",
            "# Error trying to rename the temporary AOF manifest file temp-appendonly.aof.manifest into appendonly.aof.manifest: Is a directory",
        ], "a directory is no manifest; the new one cannot replace it")
        XCTAssertEqual(quill, redis)

        let fileInTheWay = FileManager.default.temporaryDirectory.appendingPathComponent("quill-aof-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: fileInTheWay, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: fileInTheWay.appendingPathComponent("appendonlydir"))
        let quill2 = try AOFLoadComparison.quill(fileInTheWay)
        let redis2 = try AOFLoadComparison.redis(fileInTheWay)
        XCTAssertEqual(quill2.exitStatus, 1)
        XCTAssertEqual(quill2.lines, ["# Can't open or create append-only dir appendonlydir: Not a directory"])
        XCTAssertEqual(quill2, redis2)
    }

    func testACustomFileNameWithASpaceIsQuotedAndLoaded() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quill-aof-\(UUID().uuidString)")
        let aofDirectory = directory.appendingPathComponent("mydir")
        try FileManager.default.createDirectory(at: aofDirectory, withIntermediateDirectories: true)
        let content = respRecord("SELECT", "0") + respRecord("SET", "k", "v") + "*3\r\n$3\r\nSET\r\n$1\r\nj"
        try Data(content.utf8).write(to: aofDirectory.appendingPathComponent("my file.aof.1.incr.aof"))
        try Data("file \"my file.aof.1.incr.aof\" seq 1 type i\n".utf8).write(to: aofDirectory.appendingPathComponent("my file.aof.manifest"))
        let arguments = ["--appendfilename", "my file.aof", "--appenddirname", "mydir"]
        let quill = try AOFLoadComparison.quill(directory, arguments: arguments)
        let redis = try AOFLoadComparison.redis(directory, arguments: arguments)
        XCTAssertEqual(quill.lines, [
            "# !!! Warning: short read while loading the AOF file my file.aof.1.incr.aof!!!",
            "# !!! Truncating the AOF my file.aof.1.incr.aof at offset 50 !!!",
            "# AOF my file.aof.1.incr.aof loaded anyway because aof-load-truncated is enabled",
            "* DB loaded from incr file my file.aof.1.incr.aof: X seconds",
            "* DB loaded from append only file: X seconds",
            "* Opening AOF incr file my file.aof.1.incr.aof on server start",
        ])
        XCTAssertEqual(quill.lines, redis.lines)
        XCTAssertEqual(quill.digest, redis.digest)
    }

    func testHistoryFilesAreNotLoadedAndAreRemoved() throws {
        let dir = try makeDataDirectory(files: ["appendonly.aof.1.incr.aof": respRecord("SET", "foo", "1"),
                                                "old.aof": respRecord("SET", "old", "1")],
                                        manifest: "file old.aof seq 1 type h\nfile appendonly.aof.1.incr.aof seq 1 type i\n")
        let quill = try AOFLoadComparison.quill(dir) { c in
            XCTAssertEqual(try c.call("EXISTS", "old"), .integer(0))
        }
        let redis = try AOFLoadComparison.redis(dir)
        XCTAssertEqual(quill.lines, ["* DB loaded from incr file appendonly.aof.1.incr.aof: X seconds",
                                     "* DB loaded from append only file: X seconds",
                                     "* Opening AOF incr file appendonly.aof.1.incr.aof on server start",
                                     "* Removing the history file old.aof in the background"])
        XCTAssertEqual(quill.lines, redis.lines)
        XCTAssertEqual(quill.files, redis.files)
        XCTAssertNil(quill.files["old.aof"])
    }
}
