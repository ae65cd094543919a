// Score replies against the C library's "%.17g", which Redis 7.0 prints them with: the
// integer fast path and the printf path must agree with it for every double.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import XCTest
@testable import QuillCommands

/// The score text against the C library's "%.17g", which Redis 7.0 uses for every reply.
final class SortedSetScoreTextTests: XCTestCase {
    private func printf(_ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 40)
        let length = buffer.withUnsafeMutableBufferPointer { chars in
            withVaList([value]) { vsnprintf(chars.baseAddress, chars.count, "%.17g", $0) }
        }
        return String(decoding: buffer[0..<Int(length)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func testScoresFormatLikePrintf() {
        var generator = SystemRandomNumberGenerator()
        var samples: [Double] = [0, -0.0, 1, -1, 0.1, 1.1, 0.1 + 0.2, 1e15, 1e16, 1e17, 1e21, 9_007_199_254_740_991,
                                 9_007_199_254_740_992, -9_007_199_254_740_994, 123_456_789_012_345_680, .leastNonzeroMagnitude, -9_007_199_254_740_992,
                                 .greatestFiniteMagnitude, -2.5, 4_503_599_627_370_496.5]
        for _ in 0..<20000 {
            samples.append(Double(Int.random(in: -1_000_000...1_000_000, using: &generator)))
            samples.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator)))
            samples.append(Double.random(in: -1000...1000, using: &generator))
        }
        for value in samples where value.isFinite {
            XCTAssertEqual(ScoreText.format(value), printf(value), "\(value)")
        }
        XCTAssertEqual(ScoreText.format(.infinity), "inf")
        XCTAssertEqual(ScoreText.format(-.infinity), "-inf")
        XCTAssertEqual(ScoreText.format(-0.0), "-0")
        XCTAssertEqual(ScoreText.format(1.1), "1.1000000000000001")
    }
}
