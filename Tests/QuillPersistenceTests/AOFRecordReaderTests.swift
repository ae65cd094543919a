// The record reader against the loader's rules: records, annotations, arguments split over
// read chunks, truncation at every point, format errors and read errors.

import XCTest
@testable import QuillPersistence

final class AOFRecordReaderTests: XCTestCase {
    private func encode(_ args: [String]) -> [UInt8] {
        var out = Array("*\(args.count)\r\n".utf8)
        for arg in args { out += Array("$\(arg.utf8.count)\r\n\(arg)\r\n".utf8) }
        return out
    }

    private func reader(_ bytes: [UInt8], fs: MemoryFileSystem = MemoryFileSystem()) throws -> AOFRecordReader {
        fs.createDurableFile("f.aof", bytes)
        return try AOFRecordReader(fileSystem: fs, path: "f.aof")
    }

    private func readAll(_ bytes: [UInt8]) throws -> ([[String]], Int64, AOFReadError?) {
        var r = try reader(bytes)
        defer { r.close() }
        var out: [[String]] = []
        do {
            while let record = try r.next() { out.append(record.arguments.map { String(decoding: $0, as: UTF8.self) }) }
        } catch {
            return (out, r.offset, error)
        }
        return (out, r.offset, nil)
    }

    func testRecordsAndOffsets() throws {
        let first = encode(["SET", "k", "v"])
        let second = encode(["SELECT", "0"])
        var r = try reader(first + second)
        let a = try XCTUnwrap(r.next())
        XCTAssertEqual(a, AOFRecord(arguments: [Array("SET".utf8), [0x6b], [0x76]], startOffset: 0,
                                    endOffset: Int64(first.count)))
        XCTAssertEqual(r.offset, Int64(first.count))
        let b = try XCTUnwrap(r.next())
        XCTAssertEqual(b.startOffset, Int64(first.count))
        XCTAssertEqual(b.endOffset, Int64(first.count + second.count))
        XCTAssertNil(try r.next())
        XCTAssertNil(try r.next())
        r.close()
        XCTAssertEqual(try readAll([]).0, [])
    }

    func testAnnotationsAreSkippedAndExposed() throws {
        let bytes = Array("#TS:1700000000\r\n".utf8) + encode(["PING"]) + Array("#other\r\n#TS:12x\r\n".utf8)
        var r = try reader(bytes)
        guard case .annotation(let ts)? = try r.nextEntry() else { return XCTFail() }
        XCTAssertEqual(ts.timestamp, 1_700_000_000)
        XCTAssertEqual(ts.startOffset, 0)
        XCTAssertEqual(ts.endOffset, 16)
        guard case .record(let ping)? = try r.nextEntry() else { return XCTFail() }
        XCTAssertEqual(ping.arguments, [Array("PING".utf8)])
        guard case .annotation(let other)? = try r.nextEntry() else { return XCTFail() }
        XCTAssertFalse(other.isTimestamp)
        XCTAssertNil(other.timestamp)
        guard case .annotation(let bad)? = try r.nextEntry() else { return XCTFail() }
        XCTAssertTrue(bad.isTimestamp)
        XCTAssertNil(bad.timestamp)
        XCTAssertNil(try r.nextEntry())
        XCTAssertEqual(try readAll(bytes).0, [["PING"]])
    }

    func testTimestampParsingFollowsStrtol() {
        func ts(_ line: String) -> Int64? { AOFAnnotation(line: Array(line.utf8), startOffset: 0, endOffset: 0).timestamp }
        XCTAssertEqual(ts("#TS:\r\n"), 0)
        XCTAssertEqual(ts("#TS: 5\r\n"), 5)
        XCTAssertEqual(ts("#TS:-5\r\n"), -5)
        XCTAssertNil(ts("#TS:5 \r\n"))
        XCTAssertNil(ts("#TS:5\n"))
        XCTAssertNil(ts("#TS:99999999999999999999\r\n"))
    }

    func testArgumentsSpanningChunksAndManyRecords() throws {
        let big = String(repeating: "x", count: 200_000)
        var bytes = encode(["SET", "big", big])
        for i in 0..<20_000 { bytes += encode(["RPUSH", "list", "\(i)"]) }
        let (records, offset, error) = try readAll(bytes)
        XCTAssertNil(error)
        XCTAssertEqual(records.count, 20_001)
        XCTAssertEqual(records[0][2].count, 200_000)
        XCTAssertEqual(records.last, ["RPUSH", "list", "19999"])
        XCTAssertEqual(offset, Int64(bytes.count))
    }

    func testTruncationAtEveryByte() throws {
        let first = encode(["SET", "k", "v"])
        let second = encode(["SET", "key", "value"])
        let all = first + second
        for cut in (first.count + 1)..<all.count {
            let (records, offset, error) = try readAll(Array(all[0..<cut]))
            XCTAssertEqual(records, [["SET", "k", "v"]], "cut \(cut)")
            XCTAssertEqual(offset, Int64(first.count), "cut \(cut)")
            XCTAssertEqual(error, .truncated, "cut \(cut)")
        }
    }

    func testFormatErrors() throws {
        let ok = encode(["PING"])
        for bad in ["x\r\n", "*0\r\n", "*-1\r\n", "*abc\r\n", "*\n", "*1\r\nfoo\r\n", "*1\r\n$-1\r\n",
                    "\r\n", "*99999999999\r\n"] {
            let (records, offset, error) = try readAll(ok + Array(bad.utf8) + ok)
            XCTAssertEqual(records, [["PING"]], bad)
            XCTAssertEqual(offset, Int64(ok.count), bad)
            XCTAssertEqual(error, .badFormat, bad)
        }
    }

    func testLoaderLeniency() throws {
        XCTAssertEqual(try readAll(Array("*1\r\n$3\r\nfooXY*1\r\n$abc\r\n\r\n".utf8)).0, [["foo"], [""]])
        XCTAssertEqual(try readAll(Array("*2 junk\r\n$1 junk\r\na\r\n$0\r\n\r\n".utf8)).0, [["a", ""]])
    }

    func testLongAnnotationContinuesAsAFormatError() throws {
        let long = "#" + String(repeating: "a", count: 1100) + "\r\n"
        let (_, offset, error) = try readAll(Array(long.utf8))
        XCTAssertEqual(error, .badFormat)
        XCTAssertEqual(offset, 1023)
    }

    func testReadErrors() throws {
        let memory = MemoryFileSystem()
        memory.createDurableFile("f.aof", encode(["PING"]))
        let faulty = FaultInjectingFileSystem(wrapping: memory)
        faulty.inject(.error(EIO), on: .read, count: 1)
        var r = try AOFRecordReader(fileSystem: faulty, path: "f.aof")
        XCTAssertThrowsError(try r.next()) { XCTAssertEqual($0 as? AOFReadError, .io(FileError(code: EIO))) }
        XCTAssertThrowsError(try AOFRecordReader(fileSystem: memory, path: "missing")) {
            XCTAssertEqual(($0 as? FileError)?.code, ENOENT)
        }
    }

    func testSkipPreamble() throws {
        var r = try reader(Array("REDIS0010junk".utf8) + encode(["PING"]))
        try r.skip(13)
        XCTAssertEqual(r.offset, 13)
        XCTAssertEqual(try r.next()?.arguments, [Array("PING".utf8)])
        var short = try reader(Array("REDIS".utf8))
        XCTAssertThrowsError(try short.skip(10)) { XCTAssertEqual($0 as? AOFReadError, .truncated) }
    }

    func testRealFileSystem() throws {
        let fs = SystemFileSystem()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("quill-reader-\(UUID().uuidString)").path
        defer { try? fs.unlink(path) }
        let fd = try fs.open(path, .truncate)
        var bytes: [UInt8] = []
        for i in 0..<5000 { bytes += encode(["SET", "key:\(i)", String(repeating: "v", count: i % 97)]) }
        try fs.writeAll(fd, bytes)
        fs.close(fd)
        var r = try AOFRecordReader(fileSystem: fs, path: path)
        defer { r.close() }
        var count = 0
        while let record = try r.next() {
            XCTAssertEqual(record.arguments[1], Array("key:\(count)".utf8))
            count += 1
        }
        XCTAssertEqual(count, 5000)
        XCTAssertEqual(r.offset, Int64(bytes.count))
    }
}
