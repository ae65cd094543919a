// The error replies a record of the append-only file produced when it was replayed: Redis
// logs each one (afterErrorReply, "== CRITICAL == ... AOF-loading-client"), so the loader
// needs them, including those nested in an EXEC reply. The loader's client speaks RESP2.

import NIOCore

extension ClientSession {
    /// The error messages (without the leading `-`) in the replies written since the last
    /// replayed record, in order; the buffer is emptied.
    public func takeErrorReplies() -> [String] {
        guard out.buffer.readableBytes > 0 else { return [] }
        let bytes = Array(out.buffer.readableBytesView)
        out.buffer.clear()
        var errors: [String] = []
        var i = 0
        while i < bytes.count {
            let type = bytes[i]
            guard let lineEnd = Self.lineEnd(bytes, from: i + 1) else { break }
            let text = bytes[(i + 1)..<lineEnd]
            i = lineEnd + 2
            switch type {
            case UInt8(ascii: "-"):
                errors.append(String(decoding: text, as: UTF8.self))
            case UInt8(ascii: "$"), UInt8(ascii: "="), UInt8(ascii: "!"):
                // Bulk payloads may hold any bytes: skip them by their length.
                if let length = Int(String(decoding: text, as: UTF8.self)), length >= 0 {
                    if type == UInt8(ascii: "!") {
                        errors.append(String(decoding: bytes[i..<min(i + length, bytes.count)], as: UTF8.self))
                    }
                    i += length + 2
                }
            default:
                // Simple values, and aggregate headers whose elements follow.
                break
            }
        }
        return errors
    }

    private static func lineEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var j = start
        while j + 1 < bytes.count {
            if bytes[j] == 0x0d && bytes[j + 1] == 0x0a { return j }
            j += 1
        }
        return nil
    }
}
