// quill-check-aof's logic on the in-memory file system: outputs, exit statuses and what
// --fix and --truncate-to-timestamp leave on disk. (The byte-for-byte comparison with
// redis-check-aof runs in the integration tests.)

import XCTest
@testable import QuillPersistence

private final class CapturingConsole: CheckConsole {
    var output: [UInt8] = []
    var answer: [UInt8]

    init(answer: String = "") { self.answer = Array(answer.utf8) }

    func write(_ bytes: [UInt8]) { output += bytes }

    func readAnswerByte() -> UInt8? { answer.isEmpty ? nil : answer.removeFirst() }

    /// The output with the pid and date of log lines replaced.
    var text: String {
        String(decoding: output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard let range = line.range(of: #"^\d+:C \d\d \w{3} \d{4} \d\d:\d\d:\d\d\.\d{3} # "#, options: .regularExpression)
            else { return String(line) }
            return "LOG " + line[range.upperBound...]
        }.joined(separator: "\n")
    }
}

final class AOFCheckToolTests: XCTestCase {
    private let ping = "*1\r\n$4\r\nPING\r\n"

    private func run(_ fs: MemoryFileSystem, _ args: [String], answer: String = "") -> (Int32, String) {
        let console = CapturingConsole(answer: answer)
        let status = AOFCheckTool(fileSystem: fs, console: console).run(arguments: ["quill-check-aof"] + args)
        return (status, console.text)
    }

    private func file(_ text: String) -> MemoryFileSystem {
        let fs = MemoryFileSystem()
        fs.createDurableFile("f.aof", Array(text.utf8))
        return fs
    }

    func testValidAndEmptyOldStyle() {
        XCTAssertEqual(run(file(ping + ping), ["f.aof"]).1, """
            Start checking Old-Style AOF
            AOF analyzed: filename=f.aof, size=28, ok_up_to=28, ok_up_to_line=7, diff=0
            AOF f.aof is valid

            """)
        XCTAssertEqual(run(file(""), ["f.aof"]).0, 0)
        XCTAssertEqual(run(file(""), ["f.aof"]).1, "Start checking Old-Style AOF\nAOF f.aof is empty\n")
    }

    func testTruncatedTailWithAndWithoutFix() {
        let fs = file(ping + "*1\r\n$4\r\nPI")
        let (status, out) = run(fs, ["f.aof"])
        XCTAssertEqual(status, 1)
        XCTAssertEqual(out, """
            Start checking Old-Style AOF
            0x              16: Expected to read 6 bytes, got 2 bytes
            AOF analyzed: filename=f.aof, size=24, ok_up_to=14, ok_up_to_line=6, diff=10
            AOF f.aof is not valid. Use the --fix option to try fixing it.

            """)
        XCTAssertEqual(run(fs, ["--fix", "f.aof"], answer: "n").0, 1)
        XCTAssertEqual(fs.contents("f.aof")?.count, 24)
        let (fixed, fixOut) = run(fs, ["--fix", "f.aof"], answer: "y\n")
        XCTAssertEqual(fixed, 0)
        XCTAssertTrue(fixOut.hasSuffix("""
            This will shrink the AOF f.aof from 24 bytes, with 10 bytes, to 14 bytes
            Continue? [y/N]: Successfully truncated AOF f.aof

            """), fixOut)
        XCTAssertEqual(fs.contents("f.aof"), Array(ping.utf8))
    }

    func testUnfinishedMultiAndErrors() {
        let multi = "*1\r\n$5\r\nMULTI\r\n" + ping
        XCTAssertTrue(run(file(multi), ["f.aof"]).1.contains("0x              17: Reached EOF before reading EXEC for MULTI\n"))
        XCTAssertTrue(run(file(ping + "*1\r\n$4\r\nEXEC\r\n"), ["f.aof"]).1
            .contains("0x              16: Unexpected EXEC in AOF f.aof\n"))
        XCTAssertTrue(run(file(ping + "*1\r\n%4\r\nPING\r\n"), ["f.aof"]).1
            .contains("0x              12: Expected prefix '$', got: '%'\n"))
        XCTAssertTrue(run(file("*1\r\n$3\r\nPI\u{e9}\r\n"), ["f.aof"]).1
            .contains("0x               8: Expected \\r\\n, got: ffffffa90d\n"))
        XCTAssertTrue(run(file(ping + "junk"), ["f.aof"]).1.contains("AOF f.aof format error\n"))
    }

    func testArguments() {
        XCTAssertEqual(run(MemoryFileSystem(), []).1,
                       "Usage: quill-check-aof [--fix|--truncate-to-timestamp $timestamp] <file.manifest|file.aof>\n")
        XCTAssertEqual(run(MemoryFileSystem(), ["--fox", "f"]).0, 1)
        XCTAssertEqual(run(MemoryFileSystem(), ["--truncate-to-timestamp", "1x", "f"]).1, "Invalid timestamp, aborting...\n")
        XCTAssertEqual(CheckArguments.parse(["p", "--truncate-to-timestamp", " 12", "f"]),
                       .check(path: "f", fix: false, truncateToTimestamp: 12))
        XCTAssertEqual(run(MemoryFileSystem(), ["missing"]).1, "Cannot open file missing: No such file or directory\n")
    }

    func testTruncateToTimestamp() {
        let text = "#TS:100\r\n" + ping + "#TS:200\r\n" + ping
        let fs = file(text)
        XCTAssertEqual(run(fs, ["--truncate-to-timestamp", "50", "f.aof"]).1,
                       "Start checking Old-Style AOF\nAOF f.aof has nothing before timestamp 50, aborting...\n")
        XCTAssertEqual(run(fs, ["--truncate-to-timestamp", "300", "f.aof"]).1,
                       "Start checking Old-Style AOF\nTruncate nothing in AOF f.aof to timestamp 300\nAOF f.aof is valid\n")
        let (status, out) = run(fs, ["--truncate-to-timestamp", "150", "f.aof"])
        XCTAssertEqual(status, 0)
        XCTAssertEqual(out, "Start checking Old-Style AOF\nSuccessfully truncated AOF f.aof to timestamp 150\n")
        XCTAssertEqual(fs.contents("f.aof"), Array(("#TS:100\r\n" + ping).utf8))
        XCTAssertEqual(run(file("#TS:1x\r\n"), ["--truncate-to-timestamp", "5", "f.aof"]).1,
                       "Start checking Old-Style AOF\nInvalid timestamp annotation\n")
    }

    private func multiPart(incr2: String) throws -> MemoryFileSystem {
        let fs = MemoryFileSystem()
        try fs.makeDirectory("d")
        fs.createDurableFile("d/appendonly.aof.manifest", Array("""
            file appendonly.aof.1.base.aof seq 1 type b
            file appendonly.aof.1.incr.aof seq 1 type i
            file appendonly.aof.2.incr.aof seq 2 type i

            """.utf8))
        fs.createDurableFile("d/appendonly.aof.1.base.aof", Array(ping.utf8))
        fs.createDurableFile("d/appendonly.aof.1.incr.aof", Array(ping.utf8))
        fs.createDurableFile("d/appendonly.aof.2.incr.aof", Array(incr2.utf8))
        return fs
    }

    func testMultiPartCumulativeLinesAndFix() throws {
        let fs = try multiPart(incr2: ping + "*1\r\n")
        XCTAssertEqual(run(fs, ["d/appendonly.aof.manifest"]).1, """
            Start checking Multi Part AOF
            Start to check BASE AOF (RESP format).
            AOF analyzed: filename=appendonly.aof.1.base.aof, size=14, ok_up_to=14, ok_up_to_line=4, diff=0
            BASE AOF appendonly.aof.1.base.aof is valid
            Start to check INCR files.
            AOF analyzed: filename=appendonly.aof.1.incr.aof, size=14, ok_up_to=14, ok_up_to_line=7, diff=0
            INCR AOF appendonly.aof.1.incr.aof is valid
            AOF analyzed: filename=appendonly.aof.2.incr.aof, size=18, ok_up_to=14, ok_up_to_line=11, diff=4
            AOF appendonly.aof.2.incr.aof is not valid. Use the --fix option to try fixing it.

            """)
        XCTAssertEqual(run(fs, ["--fix", "d/appendonly.aof.manifest"], answer: "Y").0, 0)
        XCTAssertEqual(fs.contents("d/appendonly.aof.2.incr.aof"), Array(ping.utf8))
        XCTAssertTrue(run(fs, ["d/appendonly.aof.manifest"]).1.hasSuffix("All AOF files and manifest are valid\n"))
    }

    func testOnlyTheLastFileMayBeTruncated() throws {
        let fs = try multiPart(incr2: ping)
        fs.createDurableFile("d/appendonly.aof.1.incr.aof", Array((ping + "*1").utf8))
        let (status, out) = run(fs, ["--fix", "d/appendonly.aof.manifest"], answer: "y")
        XCTAssertEqual(status, 1)
        XCTAssertTrue(out.hasSuffix("Failed to truncate AOF appendonly.aof.1.incr.aof because it is not the last file\n"), out)
        XCTAssertEqual(fs.contents("d/appendonly.aof.1.incr.aof")?.count, 16)
    }

    func testManifestErrorsAreLoggedLikeTheServer() throws {
        let fs = MemoryFileSystem()
        fs.createDurableFile("m.manifest", Array("file a seq 1 type b\nfile b seq 1 type b\n".utf8))
        let (status, out) = run(fs, ["m.manifest"])
        XCTAssertEqual(status, 1)
        XCTAssertEqual(out, """
            Start checking Multi Part AOF
            LOG 
            *** FATAL AOF MANIFEST FILE ERROR ***

            LOG Reading the manifest file, at line 2

            LOG >>> 'file b seq 1 type b'

            LOG Found duplicate base file information


            """)
    }

    func testMissingFilesAndRDBBase() throws {
        let fs = try multiPart(incr2: ping)
        try fs.unlink("d/appendonly.aof.1.incr.aof")
        XCTAssertTrue(run(fs, ["d/appendonly.aof.manifest"]).1
            .hasSuffix("Cannot open file d/appendonly.aof.1.incr.aof: No such file or directory, aborting...\n"))
        fs.createDurableFile("d/appendonly.aof.1.base.aof", Array("REDIS0010\u{ff}xxxxxxxx".utf8))
        let (status, out) = run(fs, ["d/appendonly.aof.manifest"])
        XCTAssertEqual(status, 1)
        XCTAssertTrue(out.contains("Start to check BASE AOF (RDB format).\n[offset 0] Checking RDB file appendonly.aof.1.base.aof\n"))
    }
}
