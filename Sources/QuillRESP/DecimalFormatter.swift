// Writes the decimal text of an integer straight into memory, without a String or an array:
// replies (lengths, counts, integers) and the values counters store are built this way on
// every command, where `String(n)` would allocate twice.

public enum DecimalFormatter {
    /// Most bytes a 64-bit integer takes: 19 digits and a sign.
    public static let maximumLength = 20

    /// Writes the decimal digits of `value` at `start` (room for `maximumLength` bytes) and
    /// returns how many were written. Inlinable, so callers in other modules get a version
    /// specialised for their integer type instead of generic code that asks the type's
    /// witness table for every operation.
    @inlinable @inline(__always)
    public static func write<I: BinaryInteger>(_ value: I, into out: UnsafeMutableRawBufferPointer, at start: Int) -> Int {
        var magnitude = UInt64(value.magnitude)
        var digits = 0
        var rest = magnitude
        repeat {
            digits += 1
            rest /= 10
        } while rest > 0
        let negative = value < 0
        let total = negative ? digits + 1 : digits
        var position = start + total - 1
        repeat {
            out[position] = UInt8(ascii: "0") &+ UInt8(magnitude % 10)
            magnitude /= 10
            position -= 1
        } while magnitude > 0
        if negative { out[start] = UInt8(ascii: "-") }
        return total
    }
}
