// The bit helpers behind SETBIT/GETBIT/BITCOUNT/BITPOS/BITOP, checked against a naive
// bit-by-bit reading of the same bytes, plus the LCS table walk.

import XCTest
@testable import QuillCommands

final class BitmapTests: XCTestCase {
    private func naiveBit(_ bytes: [UInt8], _ position: Int) -> UInt8 { (bytes[position / 8] >> (7 - position % 8)) & 1 }

    func testMasksSelectBitsFromTheMostSignificant() {
        XCTAssertEqual(Bitmap.mask(from: 0, through: 7), 0xFF)
        XCTAssertEqual(Bitmap.mask(from: 0, through: 0), 0x80)
        XCTAssertEqual(Bitmap.mask(from: 7, through: 7), 0x01)
        XCTAssertEqual(Bitmap.mask(from: 2, through: 5), 0x3C)
    }

    func testBitAtReadsZeroBeyondTheEnd() {
        let bytes: [UInt8] = [0b1010_0000]
        XCTAssertEqual(Bitmap.bit(at: 0, in: bytes), 1)
        XCTAssertEqual(Bitmap.bit(at: 1, in: bytes), 0)
        XCTAssertEqual(Bitmap.bit(at: 2, in: bytes), 1)
        XCTAssertEqual(Bitmap.bit(at: 100, in: bytes), 0)
    }

    func testCountOnesMatchesANaiveCount() {
        var generator = StringFuzzRandom(seed: 7)
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 1...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let bitCount = bytes.count * 8
            let first = Int.random(in: 0..<bitCount, using: &generator)
            let last = Int.random(in: first..<bitCount, using: &generator)
            let expected = (first...last).reduce(0) { $0 + Int(naiveBit(bytes, $1)) }
            XCTAssertEqual(Bitmap.countOnes(in: bytes, bits: first...last), expected, "\(bytes) \(first)...\(last)")
        }
        XCTAssertEqual(Bitmap.countOnes(in: Array("foobar".utf8), bits: 0...47), 26)
    }

    func testFirstBitMatchesANaiveSearch() {
        var generator = StringFuzzRandom(seed: 11)
        for _ in 0..<2000 {
            let fill: [UInt8] = [0x00, 0xFF, 0x00, 0xFF, 0x10, 0xEF]
            let bytes = (0..<Int.random(in: 1...40, using: &generator)).map { _ in
                Bool.random(using: &generator) ? fill.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            let bitCount = bytes.count * 8
            let first = Int.random(in: 0..<bitCount, using: &generator)
            let last = Int.random(in: first..<bitCount, using: &generator)
            for target: UInt8 in [0, 1] {
                let expected = (first...last).first { naiveBit(bytes, $0) == target }
                XCTAssertEqual(Bitmap.firstBit(target, in: bytes, bits: first...last), expected,
                               "\(bytes) \(first)...\(last) looking for \(target)")
            }
        }
    }

    func testCombinePadsShorterSourcesWithZeros() {
        let a: [UInt8] = Array("abc".utf8)
        let b: [UInt8] = Array("AB".utf8)
        XCTAssertEqual(Bitmap.combine(.and, [a, b]), [0x41, 0x42, 0x00])
        XCTAssertEqual(Bitmap.combine(.or, [a, b, []]), Array("abc".utf8))
        XCTAssertEqual(Bitmap.combine(.xor, [a, b]), [0x20, 0x20, 0x63])
        XCTAssertEqual(Bitmap.combine(.not, [a]), [0x9E, 0x9D, 0x9C])
        XCTAssertEqual(Bitmap.combine(.and, [[], []]), [])
        XCTAssertEqual(Bitmap.combine(.and, [[], [0xFF]]), [0x00])
    }

    func testLongestCommonSubsequenceAndItsRuns() {
        let result = LongestCommonSubsequence(Array("ohmytext".utf8), Array("mynewtext".utf8))
        XCTAssertEqual(result.length, 6)
        XCTAssertEqual(String(decoding: result.subsequence, as: UTF8.self), "mytext")
        XCTAssertEqual(result.matches, [.init(first: 4...7, second: 5...8), .init(first: 2...3, second: 0...1)])
        XCTAssertEqual(LongestCommonSubsequence([], Array("abc".utf8)).length, 0)
        XCTAssertEqual(LongestCommonSubsequence(Array("abc".utf8), Array("abc".utf8)).matches,
                       [.init(first: 0...2, second: 0...2)])
    }
}

/// A small seeded generator so randomized tests are reproducible.
struct StringFuzzRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
