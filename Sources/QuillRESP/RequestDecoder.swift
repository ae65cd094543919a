// Incremental decoder for client requests: RESP multibulk (`*2\r\n$3\r\nGET\r\n$1\r\nk\r\n`)
// and inline commands (`GET k\r\n`), following processMultibulkBuffer() and
// processInlineBuffer() in Redis's networking.c.
//
// The decoder never allocates for a length a client merely claims: a bulk of 500 MB is
// only materialised once all its bytes are in the buffer. State survives between calls, so
// a request split over many reads resumes where it stopped, without re-scanning.

import NIOCore

#if canImport(Glibc)
import Glibc
#endif

public struct RequestDecoder: Sendable {
    /// Largest line (inline request or count header) before the request is refused.
    public static let inlineMaxBytes = 64 * 1024

    /// `proto-max-bulk-len`: the largest bulk string a client may send.
    public var maxBulkLength: Int
    /// Largest number of arguments in one multibulk request.
    public var maxMultibulkLength: Int = Int(Int32.max)

    private var pendingArgumentCount = 0
    private var pendingBulkLength = -1
    private var arguments: [[UInt8]] = []
    private var lastCommandName: [UInt8] = []

    public init(maxBulkLength: Int = 512 * 1024 * 1024) {
        self.maxBulkLength = maxBulkLength
    }

    /// True while part of a request has been consumed and the rest is awaited.
    public var isInsideRequest: Bool { pendingArgumentCount > 0 }

    /// Reads the next complete request from `buffer`. Returns nil when more bytes are needed.
    /// An empty array is a request with no arguments (an empty line or `*0`), which callers skip.
    public mutating func next(_ buffer: inout ByteBuffer) throws(RESPProtocolError) -> [[UInt8]]? {
        if pendingArgumentCount == 0 {
            guard let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { return nil }
            if first != UInt8(ascii: "*") { return try nextInline(&buffer) }
            guard let count = try readCountLine(&buffer, tooBig: .tooBigMultibulkCountString) else { return nil }
            guard let count, count <= maxMultibulkLength else { throw .invalidMultibulkLength }
            if count <= 0 { return [] }
            pendingArgumentCount = count
            // The caller has normally dropped the previous request by now, so this reuses its
            // storage instead of allocating a new array for every request.
            arguments.removeAll(keepingCapacity: true)
            arguments.reserveCapacity(min(count, 1024))
        }
        while pendingArgumentCount > 0 {
            if pendingBulkLength < 0 {
                guard let marker = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { return nil }
                if marker != UInt8(ascii: "$") { throw .expectedDollar(got: marker) }
                guard let length = try readCountLine(&buffer, tooBig: .tooBigBulkCountString) else { return nil }
                guard let length, length >= 0, length <= maxBulkLength else { throw .invalidBulkLength }
                pendingBulkLength = length
            }
            // The bulk and its CRLF terminator; Redis skips the two terminator bytes unchecked.
            guard buffer.readableBytes >= pendingBulkLength + 2 else { return nil }
            if arguments.isEmpty {
                arguments.append(readCommandName(&buffer, length: pendingBulkLength))
            } else {
                arguments.append(buffer.readBytes(length: pendingBulkLength)!)
            }
            buffer.moveReaderIndex(forwardBy: 2)
            pendingBulkLength = -1
            pendingArgumentCount -= 1
        }
        return arguments
    }

    /// The first argument, the command's name. A connection mostly repeats a few names, so
    /// when the bytes equal the previous request's name that array is shared instead of
    /// allocating a new one: one allocation fewer per command on a pipelined stream.
    private mutating func readCommandName(_ buffer: inout ByteBuffer, length: Int) -> [UInt8] {
        let matchesLast = length > 0 && length == lastCommandName.count && buffer.withUnsafeReadableBytes { raw in
            lastCommandName.withUnsafeBytes { last in memcmp(raw.baseAddress!, last.baseAddress!, length) == 0 }
        }
        if matchesLast {
            buffer.moveReaderIndex(forwardBy: length)
        } else {
            lastCommandName = buffer.readBytes(length: length)!
        }
        return lastCommandName
    }

    /// Parses `*<n>\r\n` or `$<n>\r\n` starting at the reader index. Returns nil (outer) when
    /// the line is incomplete, and nil (inner) when the number is not a valid integer.
    private func readCountLine(_ buffer: inout ByteBuffer, tooBig: RESPProtocolError) throws(RESPProtocolError) -> Int?? {
        let view = buffer.readableBytesView
        guard let cr = view.firstIndex(of: UInt8(ascii: "\r")) else {
            if view.count > Self.inlineMaxBytes { throw tooBig }
            return nil
        }
        if cr - view.startIndex > Self.inlineMaxBytes { throw tooBig }
        guard cr + 1 < view.endIndex else { return nil }
        let digits = view[(view.startIndex + 1)..<cr]
        let value = DecimalParser.int(digits)
        buffer.moveReaderIndex(to: cr + 2)
        return .some(value)
    }

    private mutating func nextInline(_ buffer: inout ByteBuffer) throws(RESPProtocolError) -> [[UInt8]]? {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if view.count > Self.inlineMaxBytes { throw .tooBigInlineRequest }
            return nil
        }
        if newline - view.startIndex > Self.inlineMaxBytes { throw .tooBigInlineRequest }
        var lineEnd = newline
        if lineEnd > view.startIndex && view[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
        let line = Array(view[view.startIndex..<lineEnd])
        buffer.moveReaderIndex(to: newline + 1)
        guard let args = InlineSplitter.split(line) else { throw .unbalancedQuotes }
        return args
    }
}
