// Scores as text, the way t_zset.c and util.c read and write them. Scores are C doubles:
// an argument is parsed with strtod (so "inf", "-inf", "1e3" and hexadecimal floats are
// accepted, NaN never), and a reply prints the double with "%.17g" (1.1 is
// "1.1000000000000001") and infinities as "inf" and "-inf", as Redis 7.0 does. The C
// library's own strtod and printf are used so every digit matches redis-server's. This file
// also reads the two ends of a score range and of a lex range as the range commands take them.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QuillRESP
import QuillStore

enum ScoreText {
    /// The text of a score reply.
    static func format(_ value: Double) -> String {
        withText(value) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the text of a score reply, formatted without a heap buffer.
    static func withText<R>(_ value: Double, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        if value.isInfinite {
            let text = value < 0 ? "-inf" : "inf"
            return text.utf8CString.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
        }
        // Integral scores below 2^53 print as plain integers under "%.17g"; writing them
        // directly skips printf, the costliest part of replying a range with scores.
        if value.magnitude < 9_007_199_254_740_992, value == value.rounded(.towardZero),
           value != 0 || value.sign == .plus {
            return withUnsafeTemporaryAllocation(byteCount: DecimalFormatter.maximumLength, alignment: 1) { digits in
                let count = DecimalFormatter.write(Int(value), into: digits, at: 0)
                return body(UnsafeRawBufferPointer(rebasing: digits[0..<count]))
            }
        }
        return withPrintf(value, body)
    }

    /// A score as DEBUG DIGEST prints it: "%.17g" for every value, infinities included.
    static func digestText(_ value: Double) -> String {
        withPrintf(value) { String(decoding: $0, as: UTF8.self) }
    }

    private static func withPrintf<R>(_ value: Double, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { chars in
            let length = withVaList([value]) { vsnprintf(chars.baseAddress, chars.count, "%.17g", $0) }
            return body(UnsafeRawBufferPointer(start: chars.baseAddress, count: Int(length)))
        }
    }

    /// A score argument as string2d accepts it: the whole text must be a number, without
    /// leading space; overflow and underflow to zero and NaN are refused.
    static func parse(_ bytes: [UInt8]) -> Double? {
        guard let first = bytes.first, !isCSpace(first) else { return nil }
        guard let (value, consumed, rangeError) = readDouble(bytes[...]), consumed == bytes.count else { return nil }
        if rangeError && (value.isInfinite || value == 0) { return nil }
        return value.isNaN ? nil : value
    }

    /// One end of a score range (zslParseRange): "(" makes it exclusive; the rest is read by
    /// strtod up to the end of the C string, so leading space is allowed and empty text is 0.
    static func parseBound(_ bytes: [UInt8]) -> ScoreBound? {
        let exclusive = bytes.first == UInt8(ascii: "(")
        var text = bytes[(exclusive ? 1 : 0)...]
        if let nul = text.firstIndex(of: 0) { text = text[..<nul] }
        guard let (value, consumed, _) = readDouble(text), consumed == text.count, !value.isNaN else { return nil }
        return ScoreBound(value: value, exclusive: exclusive)
    }

    private static func isCSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// The C library's strtod on `text`: the value, how many bytes it read, and whether it
    /// set ERANGE.
    static func readDouble(_ text: ArraySlice<UInt8>) -> (Double, Int, Bool)? {
        var terminated = Array(text)
        terminated.append(0)
        return terminated.withUnsafeBufferPointer { buffer -> (Double, Int, Bool)? in
            buffer.withMemoryRebound(to: CChar.self) { chars -> (Double, Int, Bool)? in
                guard let start = chars.baseAddress else { return nil }
                var end: UnsafeMutablePointer<CChar>?
                errno = 0
                let value = strtod(start, &end)
                let rangeError = errno == ERANGE
                guard let end else { return nil }
                return (value, end - UnsafeMutablePointer(mutating: start), rangeError)
            }
        }
    }
}

/// One end of a score range.
struct ScoreBound {
    var value: Double
    var exclusive: Bool
}

/// One end of a lexicographic range (zslParseLexRangeItem): "-" and "+" are the smallest and
/// largest strings, "[" and "(" prefix an inclusive or exclusive member.
enum LexBound {
    case minimum, maximum
    case member([UInt8], exclusive: Bool)

    init?(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return nil }
        switch first {
        case UInt8(ascii: "+") where bytes.count == 1: self = .maximum
        case UInt8(ascii: "-") where bytes.count == 1: self = .minimum
        case UInt8(ascii: "("): self = .member(Array(bytes.dropFirst()), exclusive: true)
        case UInt8(ascii: "["): self = .member(Array(bytes.dropFirst()), exclusive: false)
        default: return nil
        }
    }

    /// True when `member` is not below this bound used as a range's minimum.
    var admitsFromBelow: ([UInt8]) -> Bool {
        switch self {
        case .minimum: return { _ in true }
        case .maximum: return { _ in false }
        case .member(let bound, let exclusive):
            return exclusive ? { ScoreOrderTree.bytesPrecede(bound, $0) } : { !ScoreOrderTree.bytesPrecede($0, bound) }
        }
    }

    /// True when `member` is not above this bound used as a range's maximum.
    var admitsFromAbove: ([UInt8]) -> Bool {
        switch self {
        case .minimum: return { _ in false }
        case .maximum: return { _ in true }
        case .member(let bound, let exclusive):
            return exclusive ? { ScoreOrderTree.bytesPrecede($0, bound) } : { !ScoreOrderTree.bytesPrecede(bound, $0) }
        }
    }

    /// A range that can hold nothing whatever the set (min above max, or equal with an
    /// exclusive end), which Redis answers without looking at the set.
    static func isEmptyRange(_ min: LexBound, _ max: LexBound) -> Bool {
        let order: Int
        let exclusive: Bool
        switch (min, max) {
        case (.minimum, .minimum): return true
        case (.maximum, .maximum): return true
        case (.maximum, _), (_, .minimum): return true
        case (.minimum, _), (_, .maximum): return false
        case (.member(let a, let aExclusive), .member(let b, let bExclusive)):
            order = ScoreOrderTree.bytesPrecede(a, b) ? -1 : (a == b ? 0 : 1)
            exclusive = aExclusive || bExclusive
        }
        return order > 0 || (order == 0 && exclusive)
    }
}
