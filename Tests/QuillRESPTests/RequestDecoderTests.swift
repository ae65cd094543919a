// The request decoder in isolation: incremental input, limits, and Redis's error cases.

import NIOCore
import XCTest
@testable import QuillRESP

final class RequestDecoderTests: XCTestCase {
    private func decodeAll(_ text: String, decoder: inout RequestDecoder) throws -> [[String]] {
        var buffer = ByteBuffer(string: text)
        var out: [[String]] = []
        while let request = try decoder.next(&buffer) {
            out.append(request.map { String(decoding: $0, as: UTF8.self) })
        }
        return out
    }

    func testMultibulkAndInlineRequests() throws {
        var decoder = RequestDecoder()
        XCTAssertEqual(try decodeAll("*2\r\n$3\r\nGET\r\n$1\r\nk\r\nSET a b\r\n", decoder: &decoder),
                       [["GET", "k"], ["SET", "a", "b"]])
    }

    func testRepeatedAndEmptyCommandNamesDecodeExactly() throws {
        var decoder = RequestDecoder()
        let text = "*1\r\n$0\r\n\r\n*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nPINX\r\n*1\r\n$3\r\nPIN\r\n"
        XCTAssertEqual(try decodeAll(text, decoder: &decoder), [[""], ["PING"], ["PING"], ["PINX"], ["PIN"]])
    }

    func testByteAtATimeInputResumes() throws {
        var decoder = RequestDecoder()
        let text = Array("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n".utf8)
        var buffer = ByteBuffer()
        var results: [[[UInt8]]] = []
        for byte in text {
            buffer.writeInteger(byte)
            if let r = try decoder.next(&buffer) { results.append(r) }
        }
        XCTAssertEqual(results, [[Array("SET".utf8), Array("key".utf8), Array("value".utf8)]])
        XCTAssertFalse(decoder.isInsideRequest)
    }

    func testClaimedBulkLengthIsNotAllocatedUpFront() throws {
        var decoder = RequestDecoder()
        var buffer = ByteBuffer(string: "*1\r\n$536870912\r\nabc")
        XCTAssertNil(try decoder.next(&buffer))
        XCTAssertTrue(decoder.isInsideRequest)
        XCTAssertEqual(buffer.readableBytes, 3)
    }

    func testErrors() {
        func error(_ text: String, maxBulk: Int = 512 * 1024 * 1024) -> RESPProtocolError? {
            var decoder = RequestDecoder(maxBulkLength: maxBulk)
            var buffer = ByteBuffer(string: text)
            do {
                while try decoder.next(&buffer) != nil {}
                return nil
            } catch {
                return error
            }
        }
        XCTAssertEqual(error("*abc\r\n"), .invalidMultibulkLength)
        XCTAssertEqual(error("*01\r\n"), .invalidMultibulkLength)
        XCTAssertEqual(error("*1\r\n$-1\r\n"), .invalidBulkLength)
        XCTAssertEqual(error("*1\r\n$11\r\n", maxBulk: 10), .invalidBulkLength)
        XCTAssertEqual(error("*1\r\n:1\r\n"), .expectedDollar(got: UInt8(ascii: ":")))
        XCTAssertEqual(error("GET \"x\r\n"), .unbalancedQuotes)
        XCTAssertEqual(error("GET \"x\"y\r\n"), .unbalancedQuotes)
        XCTAssertEqual(error(String(repeating: "x", count: 65 * 1024)), .tooBigInlineRequest)
        XCTAssertEqual(error("*1\r\n$" + String(repeating: "1", count: 65 * 1024)), .tooBigBulkCountString)
        XCTAssertNil(error("*1\r\n$3\r\nabc\r\n"))
    }

    func testExpectedDollarMessageSanitisesLineBreaks() {
        XCTAssertEqual(RESPProtocolError.expectedDollar(got: 0x0A).message, "ERR Protocol error: expected '$', got ' '")
    }

    func testStrictIntegerParsing() {
        XCTAssertEqual(DecimalParser.int64(Array("-9223372036854775808".utf8)), Int64.min)
        XCTAssertEqual(DecimalParser.int64(Array("9223372036854775807".utf8)), Int64.max)
        XCTAssertNil(DecimalParser.int64(Array("9223372036854775808".utf8)))
        XCTAssertNil(DecimalParser.int64(Array("-0".utf8)))
        XCTAssertNil(DecimalParser.int64(Array("+1".utf8)))
        XCTAssertNil(DecimalParser.int64(Array(" 1".utf8)))
        XCTAssertNil(DecimalParser.int64(Array("".utf8)))
        XCTAssertEqual(DecimalParser.int64(Array("0".utf8)), 0)
    }
}
