// INCRBYFLOAT's number text: what strtold accepts and how `%.17Lf` results are trimmed.
// Expected strings were taken from redis-server 7.0.15 on x86-64.

import XCTest
@testable import QuillCommands

final class LongDoubleTextTests: XCTestCase {
    private func parse(_ text: String) -> Float80? { LongDoubleText.parse(Array(text.utf8)) }
    private func format(_ value: Float80) -> String { String(decoding: LongDoubleText.humanFriendly(value), as: UTF8.self) }

    func testParsingAcceptsWhatStrtoldAccepts() {
        XCTAssertEqual(parse("10.5"), 10.5)
        XCTAssertEqual(parse("5.0e3"), 5000)
        XCTAssertEqual(parse("+1.5"), 1.5)
        XCTAssertEqual(parse(".5"), 0.5)
        XCTAssertEqual(parse("1."), 1)
        XCTAssertEqual(parse("0x10"), 16)
        XCTAssertEqual(parse("-0"), 0)
        XCTAssertEqual(parse("inf"), .infinity)
        XCTAssertEqual(parse("-Infinity"), -.infinity)
        XCTAssertNotNil(parse("4e-4940"), "a subnormal is still a float")
    }

    func testParsingRejectsWhatRedisRejects() {
        for text in ["", " 1", "1 ", "\t1", "abc", "1x", "nan", "NaN", "-nan", "1e5000", "1e-5000", "1,5", "--1"] {
            XCTAssertNil(parse(text), "'\(text)' should not parse")
        }
        XCTAssertNil(LongDoubleText.parse([0x31, 0x00, 0x32]), "an embedded NUL ends the number early")
        XCTAssertNil(parse(String(repeating: "1", count: LongDoubleText.maximumLength)))
        XCTAssertNotNil(parse(String(repeating: "1", count: 100)))
    }

    func testHumanFriendlyFormatting() {
        XCTAssertEqual(format(10.5 + parse("0.1")!), "10.6")
        XCTAssertEqual(format(5000), "5000")
        XCTAssertEqual(format(0), "0")
        XCTAssertEqual(format(-0.0), "0")
        XCTAssertEqual(format(1.5), "1.5")
        XCTAssertEqual(format(-2.25), "-2.25")
        XCTAssertEqual(format(parse("1e-20")!), "0", "17 decimals round tiny values to zero")
        XCTAssertEqual(format(parse("-1e-20")!), "0", "and a rounded negative zero prints as 0")
        XCTAssertEqual(format(parse("10.6")! + parse("5.0e3")!), "5010.60000000000000009")
        XCTAssertEqual(format(parse("123456789012345678901234567890")!), "123456789012345678899921813504")
        XCTAssertEqual(format(parse("3.0000000000000000001")!), "3")
        XCTAssertEqual(format(parse("0.1")! + parse("0.2")!), "0.3")
    }

    func testFixedPointKeepsAllDigitsOfLargeValues() {
        let text = LongDoubleText.fixedPoint(parse("1e300")!)
        XCTAssertEqual(text.count, 301 + 18)
        XCTAssertEqual(text.first, UInt8(ascii: "1"))
        XCTAssertEqual(Array(text.suffix(18)), Array(".00000000000000000".utf8))
    }
}
