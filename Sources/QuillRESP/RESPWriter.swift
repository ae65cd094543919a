// Encodes replies in RESP2 or RESP3 into a ByteBuffer. Commands call the semantic
// methods (map, double, null, boolean) and the writer picks the wire form for the
// client's protocol, the way Redis's addReply* family does:
//
//     RESP2: null -> $-1        map -> *2n        double -> $<len> "1.5"   true -> :1
//     RESP3: null -> _          map -> %n         double -> ,1.5           true -> #t

import NIOCore

public struct RESPWriter: Sendable {
    public var buffer: ByteBuffer
    /// 2 or 3, as set by HELLO.
    public var protocolVersion: Int

    public init(buffer: ByteBuffer, protocolVersion: Int = 2) {
        self.buffer = buffer
        self.protocolVersion = protocolVersion
    }

    public var isRESP3: Bool { protocolVersion >= 3 }

    public mutating func simpleString(_ s: String) {
        buffer.writeInteger(UInt8(ascii: "+"))
        buffer.writeString(s)
        crlf()
    }

    public mutating func ok() { buffer.writeStaticString("+OK\r\n") }

    /// An error line. `message` starts with its code (`ERR`, `WRONGTYPE`, …); CR and LF
    /// are replaced by spaces so a message can never break the protocol.
    public mutating func error(_ message: String) {
        buffer.writeInteger(UInt8(ascii: "-"))
        for b in message.utf8 { buffer.writeInteger((b == 0x0D || b == 0x0A) ? UInt8(ascii: " ") : b) }
        crlf()
    }

    public mutating func integer(_ value: Int) { framed(UInt8(ascii: ":"), value, payload: nil) }

    public mutating func bulk(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { framed(UInt8(ascii: "$"), $0.count, payload: $0) }
    }

    public mutating func bulk(raw bytes: UnsafeRawBufferPointer) {
        framed(UInt8(ascii: "$"), bytes.count, payload: bytes)
    }

    public mutating func bulk<C: Collection>(bytes: C) where C.Element == UInt8 {
        let written: Void? = bytes.withContiguousStorageIfAvailable {
            framed(UInt8(ascii: "$"), $0.count, payload: UnsafeRawBufferPointer($0))
        }
        if written == nil { bulk(Array(bytes)) }
    }

    public mutating func bulk(_ string: String) { bulk(bytes: string.utf8) }

    /// A bulk holding the decimal form of `value`.
    public mutating func bulkDecimal(_ value: Int) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { raw in
            let count = DecimalFormatter.write(value, into: raw, at: 0)
            framed(UInt8(ascii: "$"), count, payload: UnsafeRawBufferPointer(rebasing: raw[0..<count]))
        }
    }

    /// Null bulk string in RESP2, null in RESP3.
    public mutating func null() {
        if isRESP3 { buffer.writeStaticString("_\r\n") } else { buffer.writeStaticString("$-1\r\n") }
    }

    /// Null array in RESP2 (`*-1`), null in RESP3.
    public mutating func nullArray() {
        if isRESP3 { buffer.writeStaticString("_\r\n") } else { buffer.writeStaticString("*-1\r\n") }
    }

    public mutating func arrayHeader(_ count: Int) { header(UInt8(ascii: "*"), count) }

    /// A map of `count` pairs: `%` in RESP3, a flat array of 2×count in RESP2.
    public mutating func mapHeader(_ count: Int) {
        if isRESP3 { header(UInt8(ascii: "%"), count) } else { header(UInt8(ascii: "*"), count * 2) }
    }

    /// A set: `~` in RESP3, an array in RESP2.
    public mutating func setHeader(_ count: Int) {
        header(isRESP3 ? UInt8(ascii: "~") : UInt8(ascii: "*"), count)
    }

    /// An out-of-band push (`>`) in RESP3; an array in RESP2.
    public mutating func pushHeader(_ count: Int) {
        header(isRESP3 ? UInt8(ascii: ">") : UInt8(ascii: "*"), count)
    }

    public mutating func boolean(_ value: Bool) {
        if isRESP3 { buffer.writeStaticString(value ? "#t\r\n" : "#f\r\n") } else { integer(value ? 1 : 0) }
    }

    /// A double already formatted the Redis way; a RESP3 double or a RESP2 bulk string.
    public mutating func double(formatted: String) {
        if isRESP3 {
            buffer.writeInteger(UInt8(ascii: ","))
            buffer.writeString(formatted)
            crlf()
        } else {
            bulk(formatted)
        }
    }

    /// Verbatim text (`=len\r\ntxt:…`) in RESP3, a bulk string in RESP2.
    public mutating func verbatim(_ text: String, format: String = "txt") {
        if isRESP3 {
            let utf8 = text.utf8
            buffer.writeInteger(UInt8(ascii: "="))
            writeDecimal(utf8.count + 4)
            crlf()
            buffer.writeString(format)
            buffer.writeInteger(UInt8(ascii: ":"))
            buffer.writeBytes(utf8)
            crlf()
        } else {
            bulk(text)
        }
    }

    /// Bytes already in RESP form, written unchanged.
    public mutating func raw(_ bytes: [UInt8]) { buffer.writeBytes(bytes) }

    private mutating func header(_ type: UInt8, _ count: Int) { framed(type, count, payload: nil) }

    /// `type`, the decimal `value` and CRLF, then `payload` and CRLF when there is one, in one
    /// reservation of the buffer: a reply of many short bulks (LRANGE, HGETALL, MGET) pays the
    /// ByteBuffer's bookkeeping once per element instead of once per piece.
    @inline(__always)
    private mutating func framed(_ type: UInt8, _ value: Int, payload: UnsafeRawBufferPointer?) {
        let payloadCount = payload?.count ?? 0
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: payloadCount + 26) { out in
            out[0] = type
            var position = 1 + DecimalFormatter.write(value, into: out, at: 1)
            out[position] = 0x0D
            out[position + 1] = 0x0A
            position += 2
            if let payload {
                if payloadCount > 0 {
                    (out.baseAddress! + position).copyMemory(from: payload.baseAddress!, byteCount: payloadCount)
                }
                position += payloadCount
                out[position] = 0x0D
                out[position + 1] = 0x0A
                position += 2
            }
            return position
        }
    }

    private mutating func crlf() { buffer.writeInteger(UInt16(0x0D0A)) }

    private mutating func writeDecimal(_ value: Int) { RESPWriter.appendDecimal(value, to: &buffer) }

    /// Appends the decimal digits of `value` without allocating a String.
    public static func appendDecimal(_ value: Int, to buffer: inout ByteBuffer) {
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: DecimalFormatter.maximumLength) {
            DecimalFormatter.write(value, into: $0, at: 0)
        }
    }
}
