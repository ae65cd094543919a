// ByteString: the inline and array forms, and decimal text built in place, must be the same
// strings as the ones built from arrays (equal, same hash, same bytes).

import XCTest
@testable import QuillStore

final class ByteStringTests: XCTestCase {
    func testDecimalTextMatchesTheStringForm() {
        let values: [Int64] = [0, 1, -1, 9, 10, -10, 99, 100, 12_345, -98_765,
                               Int64.max, Int64.min, Int64.max - 1, Int64.min + 1, 1_000_000_000_000]
        for value in values {
            let expected = ByteString(Array(String(value).utf8))
            let built = ByteString(decimal: value)
            XCTAssertEqual(built, expected, "\(value)")
            XCTAssertEqual(built.hashValue, expected.hashValue, "\(value)")
            XCTAssertEqual(built.bytes, Array(String(value).utf8))
            XCTAssertEqual(built.count, String(value).utf8.count)
        }
    }

    func testInlineAndArrayFormsAtTheBoundary() {
        for length in [0, 1, 22, 23, 24, 100] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 1) }
            let string = ByteString(bytes)
            XCTAssertEqual(string.bytes, bytes)
            XCTAssertEqual(Array(string), bytes, "collection view, length \(length)")
            XCTAssertEqual(string.count, length)
            XCTAssertEqual(string.isEmpty, length == 0)
            XCTAssertEqual(string.withContiguousStorageIfAvailable { Array($0) }, bytes)
            var taken = string
            XCTAssertEqual(taken.takeBytes(), bytes)
            XCTAssertTrue(taken.isEmpty)
        }
        XCTAssertNotEqual(ByteString(Array("abc".utf8)), ByteString(Array("abd".utf8)))
        XCTAssertLessThan(ByteString(Array("ab".utf8)), ByteString(Array("abc".utf8)))
    }
}
