// C's strtol/atoll over bytes, because the manifest parser and redis-check-aof accept
// exactly what those functions accept (leading white space, a sign, saturation on
// overflow, the end pointer that the callers inspect).

enum CNumberParsing {
    /// isspace(3) in the C locale.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0d)
    }

    /// strtol(s, &end, 10) on a 64-bit system: the value, the index `end` points to, and
    /// whether errno would be ERANGE. Reading stops at `bytes.endIndex` as at a NUL.
    static func strtol(_ bytes: ArraySlice<UInt8>) -> (value: Int64, end: Int, overflow: Bool) {
        var index = bytes.startIndex
        while index < bytes.endIndex && isSpace(bytes[index]) { index += 1 }
        var negative = false
        if index < bytes.endIndex && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        let digitsStart = index
        var magnitude: UInt64 = 0
        var overflow = false
        let limit: UInt64 = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
        while index < bytes.endIndex, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            let digit = UInt64(bytes[index] - UInt8(ascii: "0"))
            if !overflow {
                let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(digit)
                if o1 || o2 || sum > limit { overflow = true } else { magnitude = sum }
            }
            index += 1
        }
        if index == digitsStart { return (0, bytes.startIndex, false) }
        if overflow { return (negative ? Int64.min : Int64.max, index, true) }
        let value = negative ? (magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)) : Int64(magnitude)
        return (value, index, false)
    }

    /// atoll(3): strtol without the end pointer (glibc saturates on overflow).
    static func atoll(_ bytes: ArraySlice<UInt8>) -> Int64 { strtol(bytes).value }

    /// The bytes of a C string held in `bytes`: everything before the first NUL.
    static func cString(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard let nul = bytes.firstIndex(of: 0) else { return bytes }
        return bytes[bytes.startIndex..<nul]
    }
}
