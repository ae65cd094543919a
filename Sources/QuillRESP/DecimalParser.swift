// Strict decimal integer parsing with the rules of Redis's string2ll(): an optional '-',
// then digits with no leading zero (only "0" itself may start with 0), no '+', no spaces,
// and the value must fit in 64 bits. "01", "-0", " 1" and "1 " are all rejected, as Redis
// rejects them, both for protocol lengths and for command arguments.

public enum DecimalParser {
    @inlinable
    public static func int64<C: Collection>(_ bytes: C) -> Int64? where C.Element == UInt8 {
        var index = bytes.startIndex
        guard index != bytes.endIndex else { return nil }
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index = bytes.index(after: index)
            guard index != bytes.endIndex else { return nil }
        }
        let first = bytes[index]
        if first == UInt8(ascii: "0") {
            return (!negative && bytes.index(after: index) == bytes.endIndex) ? 0 : nil
        }
        guard first >= UInt8(ascii: "1") && first <= UInt8(ascii: "9") else { return nil }
        // Accumulate as a negative number so Int64.min parses without overflow.
        var value: Int64 = 0
        while index != bytes.endIndex {
            let d = bytes[index]
            guard d >= UInt8(ascii: "0") && d <= UInt8(ascii: "9") else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.subtractingReportingOverflow(Int64(d &- UInt8(ascii: "0")))
            if o1 || o2 { return nil }
            value = s
            index = bytes.index(after: index)
        }
        if negative { return value }
        return value == Int64.min ? nil : -value
    }

    public static func int<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
        int64(bytes).map { Int($0) }
    }
}
