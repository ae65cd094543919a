// The manifest parser and writer against Redis's rules: every error with its exact
// message and log lines, comments, unknown pairs, quoting, the line length limit.

import XCTest
@testable import QuillPersistence

final class ManifestTests: XCTestCase {
    private func parse(_ text: String) throws -> AOFManifest { try AOFManifest.parse(Array(text.utf8)) }

    private func assertError(_ text: String, _ message: String, line: Int?, _ lineText: String? = nil,
                             file: StaticString = #filePath, lineNumber: UInt = #line) {
        XCTAssertThrowsError(try AOFManifest.parse(Array(text.utf8)), file: file, line: lineNumber) { error in
            guard let error = error as? ManifestError else { return XCTFail("\(error)", file: file, line: lineNumber) }
            XCTAssertEqual(error.message, message, file: file, line: lineNumber)
            XCTAssertEqual(error.lineNumber, line, file: file, line: lineNumber)
            XCTAssertEqual(error.line, lineText, file: file, line: lineNumber)
        }
    }

    func testParsesBaseHistoryAndIncrs() throws {
        let m = try parse("""
            file appendonly.aof.7.base.rdb seq 7 type b
            file appendonly.aof.2.incr.aof seq 2 type h
            file appendonly.aof.6.base.rdb seq 6 type h
            file appendonly.aof.3.incr.aof seq 3 type i
            file appendonly.aof.4.incr.aof seq 4 type i

            """)
        XCTAssertEqual(m.base, .init(name: "appendonly.aof.7.base.rdb", sequence: 7, type: .base))
        XCTAssertEqual(m.history.map(\.name), ["appendonly.aof.2.incr.aof", "appendonly.aof.6.base.rdb"])
        XCTAssertEqual(m.incrs.map(\.sequence), [3, 4])
        XCTAssertEqual(m.currentBaseSequence, 7)
        XCTAssertEqual(m.currentIncrSequence, 4)
    }

    func testCommentsUnknownPairsCaseAndOrder() throws {
        let m = try parse("""
            # a comment
            #another
            TYPE b SEQ 3 FILE base.aof extra value
              file incr.aof type incr seq 5 \t\r

            """)
        XCTAssertEqual(m.base, .init(name: "base.aof", sequence: 3, type: .base))
        XCTAssertEqual(m.incrs, [.init(name: "incr.aof", sequence: 5, type: .incr)])
        XCTAssertTrue(try parse("# only a comment\n").isEmpty)
    }

    func testSequenceUsesAtoll() throws {
        XCTAssertEqual(try parse("file a seq 12abc type b\n").base?.sequence, 12)
        XCTAssertEqual(try parse("file a seq -3 type b\n").base?.sequence, -3)
        XCTAssertEqual(try parse("file a seq 99999999999999999999 type h\n").history.first?.sequence, Int64.max)
        assertError("file a seq abc type b\n", "Invalid AOF manifest file format", line: 1, "file a seq abc type b")
        assertError("file a seq -1 type i\n", "Found a non-monotonic sequence number", line: 1, "file a seq -1 type i")
    }

    func testEveryFormatError() {
        assertError("", "Found an empty AOF manifest", line: nil)
        assertError("\n", "Invalid AOF manifest file format", line: 1, "")
        assertError("file a seq 1 type b\n  \t\n", "Invalid AOF manifest file format", line: 2, "")
        assertError("file a seq 1 type b", "The AOF manifest file contains too long line", line: nil)
        assertError("file a seq 1\n", "Invalid AOF manifest file format", line: 1, "file a seq 1")
        assertError("file a seq 1 type b x\n", "Invalid AOF manifest file format", line: 1, "file a seq 1 type b x")
        assertError("file \"a seq 1 type b\n", "Invalid AOF manifest file format", line: 1, "file \"a seq 1 type b")
        assertError("file \"a\"b seq 1 type b\n", "Invalid AOF manifest file format", line: 1, "file \"a\"b seq 1 type b")
        assertError("file a seq 0 type b\n", "Invalid AOF manifest file format", line: 1, "file a seq 0 type b")
        assertError("x a seq 1 type b\n", "Invalid AOF manifest file format", line: 1, "x a seq 1 type b")
        assertError("file a seq 1 kind b\n", "Invalid AOF manifest file format", line: 1, "file a seq 1 kind b")
        assertError("file a seq 1 type \"\"\n", "Invalid AOF manifest file format", line: 1, "file a seq 1 type \"\"")
        assertError("file d/a seq 1 type b\n", "File can't be a path, just a filename", line: 1, "file d/a seq 1 type b")
        assertError("file d\\\\a seq 1 type b\n", "File can't be a path, just a filename", line: 1, "file d\\\\a seq 1 type b")
        assertError("file a seq 1 type b\nfile b seq 2 type b\n", "Found duplicate base file information", line: 2,
                    "file b seq 2 type b")
        assertError("file a seq 2 type i\nfile b seq 2 type i\n", "Found a non-monotonic sequence number", line: 2,
                    "file b seq 2 type i")
        assertError("#c\nfile a seq 1 type x\n", "Unknown AOF file type", line: 2, "file a seq 1 type x")
        assertError("file a seq 1 type B\n", "Unknown AOF file type", line: 1, "file a seq 1 type B")
    }

    func testHistoryAndBaseSequencesNeedNotIncrease() throws {
        let m = try parse("file a seq 5 type h\nfile b seq 1 type h\nfile c seq 9 type i\nfile d seq 2 type b\n")
        XCTAssertEqual(m.history.map(\.sequence), [5, 1])
        XCTAssertEqual(m.currentBaseSequence, 2)
    }

    func testLineLengthLimit() throws {
        let prefix = "file "
        let suffix = " seq 1 type b"
        let longest = String(repeating: "n", count: 1023 - prefix.count - suffix.count)
        let ok = prefix + longest + suffix + "\n"
        XCTAssertEqual(ok.utf8.count, 1024)
        XCTAssertEqual(try parse(ok).base?.name, longest)
        let tooLong = prefix + longest + "n" + suffix + "\n"
        assertError(tooLong, "The AOF manifest file contains too long line", line: nil)
        let comment = "#" + String(repeating: "c", count: 1022) + "\n" + ok
        XCTAssertEqual(try parse(comment).base?.name, longest)
    }

    func testLongCommentContinuesAsALine() {
        let comment = "#" + String(repeating: "c", count: 1023) + "tail\n"
        assertError(comment, "Invalid AOF manifest file format", line: 2, "tail")
    }

    func testNulEndsTheLine() {
        assertError("file a seq 1 type b\0\n", "The AOF manifest file contains too long line", line: nil)
    }

    func testLogLines() {
        let withLine = ManifestError(message: "Unknown AOF file type", lineNumber: 3, lineBytes: Array("x y".utf8))
        XCTAssertEqual(withLine.logLines(), [
            "\n*** FATAL AOF MANIFEST FILE ERROR ***\n",
            "Reading the manifest file, at line 3\n",
            ">>> 'x y'\n",
            "Unknown AOF file type\n",
        ])
        XCTAssertEqual(ManifestError(message: "Found an empty AOF manifest").logLines(),
                       ["\n*** FATAL AOF MANIFEST FILE ERROR ***\n", "Found an empty AOF manifest\n"])
    }

    func testSerializedOrderAndQuotingRoundTrip() throws {
        let names = AOFFileNames(fileName: " file seq \n\n.aof ")
        var m = AOFManifest()
        m.startNewBase(names: names, format: .rdb)
        m.startNewBase(names: names, format: .rdb)
        m.startNewIncr(names: names)
        let text = String(decoding: m.serialized(), as: UTF8.self)
        XCTAssertEqual(text, """
            file " file seq \\n\\n.aof .2.base.rdb" seq 2 type b
            file " file seq \\n\\n.aof .1.base.rdb" seq 1 type h
            file " file seq \\n\\n.aof .1.incr.aof" seq 1 type i

            """)
        XCTAssertEqual(try AOFManifest.parse(m.serialized()), m)
        let odd = AOFManifest(base: .init(name: "a\"b c\t\u{7}\u{8}\r\u{1}é", sequence: 1, type: .base))
        XCTAssertEqual(String(decoding: odd.serialized(), as: UTF8.self),
                       "file \"a\\\"b c\\t\\a\\b\\r\\x01\\xc3\\xa9\" seq 1 type b\n")
        XCTAssertEqual(try AOFManifest.parse(odd.serialized()), odd)
        let plain = AOFManifest(base: .init(name: "appendonly.aof.1.base.rdb", sequence: 1, type: .base))
        XCTAssertEqual(String(decoding: plain.serialized(), as: UTF8.self), "file appendonly.aof.1.base.rdb seq 1 type b\n")
    }

    func testSingleQuotesAndHexEscapes() throws {
        XCTAssertEqual(try parse("file 'it\\'s' seq 1 type b\n").base?.name, "it's")
        XCTAssertEqual(try parse("file \"\\x41\\x4a\" seq 1 type b\n").base?.name, "AJ")
        XCTAssertEqual(try parse("file a\u{b}b seq 1 type b\n").base?.name, "a\u{b}b")
    }

    func testRewriteMutationsFollowRedis() {
        let names = AOFFileNames(fileName: "appendonly.aof")
        var m = AOFManifest()
        XCTAssertEqual(m.lastIncrOrNew(names: names), "appendonly.aof.1.incr.aof")
        XCTAssertEqual(m.lastIncrOrNew(names: names), "appendonly.aof.1.incr.aof")
        XCTAssertEqual(m.startNewBase(names: names, format: .rdb), "appendonly.aof.1.base.rdb")
        m.startNewIncr(names: names)
        m.startNewIncr(names: names)
        XCTAssertEqual(m.startNewBase(names: names, format: .aof), "appendonly.aof.2.base.aof")
        m.markIncrsAsHistory(keepingLast: true)
        XCTAssertEqual(m.incrs.map(\.name), ["appendonly.aof.3.incr.aof"])
        XCTAssertEqual(m.history.map(\.name), [
            "appendonly.aof.1.incr.aof", "appendonly.aof.2.incr.aof", "appendonly.aof.1.base.rdb",
        ])
        XCTAssertTrue(m.history.allSatisfy { $0.type == .history })
        m.markIncrsAsHistory(keepingLast: false)
        XCTAssertTrue(m.incrs.isEmpty)
        XCTAssertEqual(m.currentIncrSequence, 3)
        XCTAssertEqual(m.startNewIncr(names: names), "appendonly.aof.4.incr.aof")
        XCTAssertEqual(m.takeHistory().count, 4)
        XCTAssertTrue(m.history.isEmpty)
    }

    func testFileNames() {
        let names = AOFFileNames(fileName: "appendonly.aof")
        XCTAssertEqual(names.manifest, "appendonly.aof.manifest")
        XCTAssertEqual(names.tempManifest, "temp-appendonly.aof.manifest")
        XCTAssertEqual(names.tempIncr, "temp-appendonly.aof.incr")
        XCTAssertEqual(names.base(sequence: 3, format: .rdb), "appendonly.aof.3.base.rdb")
        XCTAssertEqual(names.base(sequence: 3, format: .aof), "appendonly.aof.3.base.aof")
        XCTAssertEqual(names.incr(sequence: 12), "appendonly.aof.12.incr.aof")
        XCTAssertEqual(AOFFileNames.tempRewrite(pid: 42), "temp-rewriteaof-42.aof")
        XCTAssertEqual(AOFFileNames.tempRewriteBackground(pid: 42), "temp-rewriteaof-bg-42.aof")
        XCTAssertEqual(AOFFileNames.path("appendonlydir", "x"), "appendonlydir/x")
    }
}
