// Long doubles as text, the way INCRBYFLOAT reads and writes them (util.c's string2ld and
// ld2string with LD_STR_HUMAN). Redis computes in C's long double, which on x86-64 is the
// 80-bit extended format, Swift's Float80; the C library's own strtold and printf are used
// so that every digit matches what redis-server prints on the same platform.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum LongDoubleText {
    /// Redis's MAX_LONG_DOUBLE_CHARS: text this long or longer is never a float.
    static let maximumLength = 5 * 1024

    /// Parses a whole argument as strtold does, with Redis's extra refusals: empty text,
    /// leading space, trailing bytes, overflow or underflow to zero, and NaN. Infinity and
    /// hexadecimal floats are accepted, as strtold accepts them.
    static func parse(_ bytes: [UInt8]) -> Float80? {
        guard let first = bytes.first, bytes.count < maximumLength, !isCSpace(first) else { return nil }
        var terminated = bytes
        terminated.append(0)
        return terminated.withUnsafeBufferPointer { buffer -> Float80? in
            buffer.withMemoryRebound(to: CChar.self) { text -> Float80? in
                guard let start = text.baseAddress else { return nil }
                var end: UnsafeMutablePointer<CChar>?
                errno = 0
                let value = strtold(start, &end)
                let error = errno
                guard let end, end - UnsafeMutablePointer(mutating: start) == bytes.count else { return nil }
                if error == ERANGE && (value.isInfinite || value == 0) { return nil }
                if error == EINVAL || value.isNaN { return nil }
                return value
            }
        }
    }

    /// The text INCRBYFLOAT stores and replies: `%.17Lf`, then trailing zeros (and a bare
    /// point) removed, and "-0" written as "0". `value` must be finite.
    static func humanFriendly(_ value: Float80) -> [UInt8] {
        var text = fixedPoint(value)
        if text.contains(UInt8(ascii: ".")) {
            while text.last == UInt8(ascii: "0") { text.removeLast() }
            if text.last == UInt8(ascii: ".") { text.removeLast() }
        }
        if text == [UInt8(ascii: "-"), UInt8(ascii: "0")] { return [UInt8(ascii: "0")] }
        return text
    }

    /// `value` printed by the C library with `%.17Lf`.
    static func fixedPoint(_ value: Float80) -> [UInt8] {
        let length = Int(withVaList([value]) { vsnprintf(nil, 0, "%.17Lf", $0) })
        var text = [UInt8](repeating: 0, count: length + 1)
        _ = text.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                withVaList([value]) { vsnprintf(chars.baseAddress, chars.count, "%.17Lf", $0) }
            }
        }
        text.removeLast()
        return text
    }

    /// C's isspace in the "C" locale.
    private static func isCSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
}
