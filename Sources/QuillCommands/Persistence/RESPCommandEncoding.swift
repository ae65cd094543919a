// The byte-level encoding of one logged command, as Redis's rio helpers write it
// (rioWriteBulkCount, rioWriteBulkString, rioWriteBulkLongLong, rioWriteBulkDouble): a
// `*<count>` header, then `$<length>` and the bytes of each argument, every line ended by
// CRLF. Appends to a plain byte array because a rewrite fills large buffers that go straight
// to write(2), never to a socket.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QuillRESP

enum RESPCommandEncoding {
    static func appendArrayHeader(_ count: Int, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "*"))
        appendDecimal(count, to: &out)
        appendCRLF(to: &out)
    }

    static func appendBulk<C: Collection>(_ bytes: C, to out: inout [UInt8]) where C.Element == UInt8 {
        out.append(UInt8(ascii: "$"))
        appendDecimal(bytes.count, to: &out)
        appendCRLF(to: &out)
        out.append(contentsOf: bytes)
        appendCRLF(to: &out)
    }

    static func appendBulk(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { appendBulk($0, to: &out) }
    }

    /// An integer argument, written as its decimal text.
    static func appendBulkDecimal(_ value: Int64, to out: inout [UInt8]) {
        var digits: [UInt8] = []
        appendDecimal(value, to: &digits)
        appendBulk(digits, to: &out)
    }

    /// A score argument. Redis 7.0 writes it with "%.17g" (so 0.1 is 0.10000000000000001 and
    /// 1e20 is 1e+20; glibc prints the infinities as "inf" and "-inf"); the shortest form
    /// only arrived with 7.2's fpconv_dtoa.
    static func appendBulkScore(_ value: Double, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { chars in
            let length = withVaList([value]) { vsnprintf(chars.baseAddress, chars.count, "%.17g", $0) }
            let raw = UnsafeRawBufferPointer(start: chars.baseAddress, count: Int(length))
            appendBulk(raw, to: &out)
        }
    }

    static func appendDecimal<I: BinaryInteger>(_ value: I, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(byteCount: DecimalFormatter.maximumLength, alignment: 1) { digits in
            let count = DecimalFormatter.write(value, into: digits, at: 0)
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: digits[0..<count]))
        }
    }

    static func appendCRLF(to out: inout [UInt8]) {
        out.append(0x0D)
        out.append(0x0A)
    }
}
