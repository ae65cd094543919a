// quill-check-aof against Debian's redis-check-aof 7.0 on the same inputs: each case is
// written into two fresh directories, each tool runs in its own (--fix and
// --truncate-to-timestamp change files), and stdout, the exit status and the files left
// behind must match byte for byte. Only the pid and date of logged manifest errors and the
// program name in the usage line differ by nature and are normalised.

import Foundation
import XCTest

final class CheckAOFIntegrationTests: XCTestCase {
    private var directories: [URL] = []

    override func tearDown() {
        directories.forEach { try? FileManager.default.removeItem(at: $0) }
        directories = []
    }

    private static let ping = "*1\r\n$4\r\nPING\r\n"
    private static let set = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n"
    private static let select = "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n"
    private static let multi = "*1\r\n$5\r\nMULTI\r\n"
    private static let exec = "*1\r\n$4\r\nEXEC\r\n"

    private struct Outcome: Equatable {
        var status: Int32
        var output: String
        var files: [String: Data]
    }

    private func makeDirectory(_ files: [String: [UInt8]]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("quill-checkaof-\(UUID().uuidString)")
        directories.append(url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, bytes) in files {
            let file = url.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: file)
        }
        return url
    }

    private func snapshot(_ url: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])
        while let item = enumerator?.nextObject() as? URL {
            guard (try item.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            files[String(item.path.dropFirst(url.path.count))] = try Data(contentsOf: item)
        }
        return files
    }

    private func runTool(_ executable: URL, _ arguments: [String], in directory: URL, answer: String) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(answer.utf8))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: #"(?m)^\d+:C \d\d \w{3} \d{4} \d\d:\d\d:\d\d\.\d{3} #"#, with: "PID:C DATE #",
                                  options: .regularExpression)
            .replacingOccurrences(of: #"(?m)^Usage: \S+ "#, with: "Usage: PROGRAM ", options: .regularExpression)
        return Outcome(status: process.terminationStatus, output: text, files: try snapshot(directory))
    }

    private static let redisTool = URL(fileURLWithPath: "/usr/bin/redis-check-aof")
    private static var quillTool: URL { ServerProcess.productsDirectory.appendingPathComponent("quill-check-aof") }

    /// Runs both tools on copies of `files` and asserts identical outcomes; returns ours.
    @discardableResult
    private func compare(_ files: [String: String], _ arguments: [String], answer: String = "",
                         file: StaticString = #filePath, line: UInt = #line) throws -> Outcome {
        try compareBytes(files.mapValues { Array($0.utf8) }, arguments, answer: answer, file: file, line: line)
    }

    @discardableResult
    private func compareBytes(_ files: [String: [UInt8]], _ arguments: [String], answer: String = "",
                              file: StaticString = #filePath, line: UInt = #line) throws -> Outcome {
        let redis = try runTool(Self.redisTool, arguments, in: try makeDirectory(files), answer: answer)
        let quill = try runTool(Self.quillTool, arguments, in: try makeDirectory(files), answer: answer)
        XCTAssertEqual(quill.output, redis.output, "\(arguments)", file: file, line: line)
        XCTAssertEqual(quill.status, redis.status, "\(arguments)", file: file, line: line)
        XCTAssertEqual(quill.files, redis.files, "\(arguments)", file: file, line: line)
        return quill
    }

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: Self.redisTool.path), "redis-check-aof is not installed")
    }

    // MARK: Single (old-style) files

    func testValidEmptyAndMissingFiles() throws {
        let valid = try compare(["a.aof": Self.select + Self.set + Self.multi + Self.set + Self.exec], ["a.aof"])
        XCTAssertEqual(valid.status, 0)
        try compare(["a.aof": ""], ["a.aof"])
        try compare([:], ["a.aof"])
        try compare([:], ["--fix", "a.aof"])
        try compare(["a.aof": "#TS:5\r\n" + Self.ping + "#anything\r\n"], ["a.aof"])
    }

    func testTruncatedTailAtEveryByte() throws {
        let text = Self.select + Self.set + Self.set
        let bytes = Array(text.utf8)
        for cut in stride(from: Self.select.utf8.count + 1, to: bytes.count, by: 1) {
            let outcome = try compareBytes(["a.aof": Array(bytes[0..<cut])], ["a.aof"], line: #line)
            XCTAssertEqual(outcome.status, cut == Self.select.utf8.count + Self.set.utf8.count ? 0 : 1)
        }
    }

    func testFixAnswers() throws {
        let truncated = Self.select + Self.set + "*3\r\n$3\r\nSET\r\n$1\r\nk"
        for answer in ["y", "Y\n", "yes", "n", "N", "", "\n", "x"] {
            try compare(["a.aof": truncated], ["--fix", "a.aof"], answer: answer)
        }
        let fixed = try compare(["a.aof": truncated], ["--fix", "a.aof"], answer: "y")
        XCTAssertEqual(fixed.status, 0)
        XCTAssertEqual(fixed.files["/a.aof"], Data((Self.select + Self.set).utf8))
        try compare(["a.aof": Self.set], ["--fix", "a.aof"], answer: "y")
    }

    func testUnfinishedAndMisplacedMulti() throws {
        try compare(["a.aof": Self.set + Self.multi + Self.set], ["a.aof"])
        try compare(["a.aof": Self.set + Self.multi + Self.set], ["--fix", "a.aof"], answer: "y")
        try compare(["a.aof": Self.set + Self.multi + Self.set + Self.exec + Self.multi], ["--fix", "a.aof"], answer: "y")
        try compare(["a.aof": Self.multi + Self.multi + Self.exec], ["a.aof"])
        try compare(["a.aof": Self.set + Self.exec], ["a.aof"])
        try compare(["a.aof": Self.multi + "#TS:1\r\n" + Self.set + "*1\r\n$4\r\nexeC\r\n"], ["a.aof"])
        try compare(["a.aof": Self.multi + Self.set + "junk"], ["a.aof"])
    }

    func testFormatErrors() throws {
        let cases = [
            Self.set + "*1\r\n%4\r\nPING\r\n",                 // bad prefix
            Self.set + "*1\r\n$4\r\nPING\n" + Self.set,       // bad CRLF after a bulk
            Self.set + "*1\r\n$4\r\nPINGxx",                   // bytes where CRLF belongs
            Self.set + "*1x\r\n$4\r\nPING\r\n",                // junk after the count
            Self.set + "*1\r\n$4\n",                           // LF only after a length
            Self.set + "*1\r\n$-3\r\nabc\r\n",                 // negative length
            Self.set + "hello\r\n",                            // not a record
            Self.set + "\r\n",
            "*-1\r\n*0\r\n" + Self.set,                        // counts below 1 pass the checker
            "*1\r\n$4\r\nfile\r\n",                            // a RESP file that looks like a manifest
            "*1\r\n$3\r\nPI\u{e9}\r\n",                        // bytes above 0x7f in the error
            Self.set + "*1\r\n$99999\r\nPING\r\n",
            "#" + String(repeating: "a", count: 1100) + "\r\n" + Self.set,
        ]
        for text in cases {
            try compare(["a.aof": text], ["a.aof"])
            try compare(["a.aof": text], ["--fix", "a.aof"], answer: "y")
        }
        try compareBytes(["a.aof": Array(Self.set.utf8) + [0x2a, 0x31, 0, 0x0d, 0x0a]], ["a.aof"])
    }

    func testTruncateToTimestamp() throws {
        let text = "#TS:100\r\n" + Self.set + "#TS:200\r\n" + Self.set + "#TS:300\r\n" + Self.set
        for timestamp in ["0", "50", "100", "150", "250", "300", "301", "-5", " 7", "", "abc", "12x", "99999999999999999999"] {
            try compare(["a.aof": text], ["--truncate-to-timestamp", timestamp, "a.aof"])
        }
        for bad in ["#TS:2x00\r\n", "#TS:200 \r\n", "#TS:200\n", "#TS:\r\n", "#TS: 200\r\n", "#TS:99999999999999999999\r\n"] {
            try compare(["a.aof": "#TS:100\r\n" + Self.set + bad + Self.set], ["--truncate-to-timestamp", "150", "a.aof"])
        }
        try compare(["a.aof": text + "*1\r\n"], ["--truncate-to-timestamp", "400", "a.aof"])
    }

    func testCommandLine() throws {
        try compare(["a.aof": Self.set], [])
        try compare(["a.aof": Self.set], ["--fixx", "a.aof"])
        try compare(["a.aof": Self.set], ["--fix", "a.aof", "b"])
        try compare(["a.aof": Self.set], ["--truncate-to-timestamp", "5", "a.aof", "x"])
        try compare(["a.aof": Self.set], ["-v"])
    }

    // MARK: Multi-part directories

    private func layout(manifest: String, files: [String: String]) -> [String: String] {
        var all = files.reduce(into: [String: String]()) { $0["appendonlydir/" + $1.key] = $1.value }
        all["appendonlydir/appendonly.aof.manifest"] = manifest
        return all
    }

    private static let threeFiles = """
        file appendonly.aof.1.base.aof seq 1 type b
        file appendonly.aof.1.incr.aof seq 1 type i
        file appendonly.aof.2.incr.aof seq 2 type i

        """

    private func threeFiles(base: String, incr1: String, incr2: String) -> [String: String] {
        layout(manifest: Self.threeFiles, files: [
            "appendonly.aof.1.base.aof": base, "appendonly.aof.1.incr.aof": incr1, "appendonly.aof.2.incr.aof": incr2,
        ])
    }

    private let manifestPath = "appendonlydir/appendonly.aof.manifest"

    func testMultiPartValidAndTruncatedLastFile() throws {
        let base = "#TS:100\r\n" + Self.select + Self.set
        let valid = threeFiles(base: base, incr1: Self.select + Self.set, incr2: "#TS:300\r\n" + Self.set)
        XCTAssertEqual(try compare(valid, [manifestPath]).status, 0)
        try compare(valid, ["./" + manifestPath])
        let truncated = threeFiles(base: base, incr1: Self.set, incr2: Self.set + "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\n")
        XCTAssertEqual(try compare(truncated, [manifestPath]).status, 1)
        try compare(truncated, ["--fix", manifestPath], answer: "y")
        try compare(truncated, ["--fix", manifestPath], answer: "n")
        let unfinished = threeFiles(base: base, incr1: Self.set, incr2: Self.set + Self.multi + Self.set)
        try compare(unfinished, ["--fix", manifestPath], answer: "y")
    }

    func testMultiPartNonLastFileTruncatedAndEmptyFiles() throws {
        let broken = threeFiles(base: Self.set, incr1: Self.set + "*1\r\n$4\r\nPI", incr2: Self.set)
        try compare(broken, [manifestPath])
        try compare(broken, ["--fix", manifestPath], answer: "y")
        try compare(threeFiles(base: Self.set + "*1", incr1: Self.set, incr2: Self.set), ["--fix", manifestPath], answer: "y")
        try compare(threeFiles(base: "", incr1: "", incr2: ""), [manifestPath])
        try compare(threeFiles(base: Self.set, incr1: "garbage", incr2: Self.set), [manifestPath])
        let onlyBase = layout(manifest: "file appendonly.aof.1.base.aof seq 1 type b\n",
                              files: ["appendonly.aof.1.base.aof": Self.set + "*1\r\n"])
        try compare(onlyBase, ["--fix", manifestPath], answer: "y")
        let onlyHistory = layout(manifest: "file appendonly.aof.1.base.aof seq 1 type h\n", files: [:])
        try compare(onlyHistory, [manifestPath])
    }

    func testMultiPartMissingFiles() throws {
        var missingIncr = threeFiles(base: Self.set, incr1: Self.set, incr2: Self.set)
        missingIncr["appendonlydir/appendonly.aof.1.incr.aof"] = nil
        try compare(missingIncr, [manifestPath])
        var missingBase = threeFiles(base: Self.set, incr1: Self.set, incr2: Self.set)
        missingBase["appendonlydir/appendonly.aof.1.base.aof"] = nil
        try compare(missingBase, [manifestPath])
    }

    func testMultiPartTruncateToTimestamp() throws {
        let files = threeFiles(base: "#TS:100\r\n" + Self.set, incr1: Self.set + "#TS:200\r\n" + Self.set,
                               incr2: "#TS:300\r\n" + Self.set + "#TS:400\r\n" + Self.set)
        for timestamp in ["50", "150", "250", "350", "450"] {
            try compare(files, ["--truncate-to-timestamp", timestamp, manifestPath])
        }
    }

    func testManifestErrors() throws {
        let manifests = [
            "file a seq 1 type b\n\n",
            "file a seq 1 type b",
            "file " + String(repeating: "n", count: 1030) + " seq 1 type b\n",
            "file a seq 1 type\n",
            "file a seq 1 type b x\n",
            "file \"a seq 1 type b\n",
            "file \"a\"b seq 1 type b\n",
            "file d/a seq 1 type b\n",
            "file d\\a seq 1 type b\n",
            "file a seq 0 type b\n",
            "file a seq abc type b\n",
            "file a seq 1 type b\nfile b seq 2 type b\n",
            "file a seq 2 type i\nfile b seq 2 type i\n",
            "file a seq 1 type x\n",
            "file a seq 1 typo b\n",
            "file a seq 1 type \"\"\n",
            "#" + String(repeating: "c", count: 1100) + "\nfile a seq 1 type b\n",
            "# comment\nfile a seq 1 type z\n",
            "file " + String(repeating: "n", count: 1050) + " seq 1 type x\n",
        ]
        for manifest in manifests {
            let outcome = try compare(layout(manifest: manifest, files: [:]), [manifestPath])
            XCTAssertEqual(outcome.status, 1, manifest)
        }
    }

    func testManifestLeniency() throws {
        let body = Self.set
        let cases: [(String, String)] = [
            ("# comment\nfile base.aof TYPE b SEQ 3 future pair\n", "base.aof"),
            ("file 'base x.aof' seq 1 type base\n", "base x.aof"),
            ("file \"b\\x61se.aof\" seq 1 type b \t\r\n", "base.aof"),
            (longestLine, String(repeating: "n", count: 200)),
        ]
        for (manifest, name) in cases {
            let outcome = try compare(layout(manifest: manifest, files: [name: body]), [manifestPath])
            XCTAssertEqual(outcome.status, 0, manifest)
        }
        let tooLong = String(longestLine.dropLast()) + "x\n"
        XCTAssertEqual(try compare(layout(manifest: tooLong, files: [:]), [manifestPath]).status, 1)
        let upperCase = try compare(layout(manifest: "FILE base.aof seq 1 type b\n", files: ["base.aof": body]),
                                    [manifestPath])
        XCTAssertTrue(upperCase.output.hasPrefix("Start checking Old-Style AOF\n"))
    }

    /// A manifest line of 1023 bytes plus its newline: the longest the parser accepts.
    private var longestLine: String {
        let head = "file " + String(repeating: "n", count: 200) + " seq 1 type b pad "
        return head + String(repeating: "p", count: 1023 - head.utf8.count) + "\n"
    }

    func testRDBBaseStopsWithItsFirstLine() throws {
        let files = layout(manifest: "file appendonly.aof.1.base.rdb seq 1 type b\n",
                           files: ["appendonly.aof.1.base.rdb": "REDIS0010\u{7f}xxxxxxxx"])
        let redis = try runTool(Self.redisTool, [manifestPath], in: try makeDirectory(files.mapValues { Array($0.utf8) }),
                                answer: "")
        let quill = try runTool(Self.quillTool, [manifestPath], in: try makeDirectory(files.mapValues { Array($0.utf8) }),
                                answer: "")
        let shared = "Start checking Multi Part AOF\nStart to check BASE AOF (RDB format).\n"
            + "[offset 0] Checking RDB file appendonly.aof.1.base.rdb\n"
        XCTAssertTrue(redis.output.hasPrefix(shared), redis.output)
        XCTAssertEqual(quill.output, shared
            + "RDB preamble of AOF file cannot be checked: the RDB format is not supported yet, aborting.\n")
        XCTAssertEqual(quill.status, 1)
    }
}
