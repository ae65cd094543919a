// What the record reader yields: commands (RESP arrays of bulk strings) and the `#`
// annotation lines between them, each with its place in the file.

public struct AOFRecord: Sendable, Equatable {
    public var arguments: [[UInt8]]
    /// Offset of the record's `*` line.
    public var startOffset: Int64
    /// Offset just after the record's last CRLF.
    public var endOffset: Int64

    public init(arguments: [[UInt8]], startOffset: Int64, endOffset: Int64) {
        self.arguments = arguments
        self.startOffset = startOffset
        self.endOffset = endOffset
    }
}

/// A `#` line at a record boundary, e.g. `#TS:1700000000\r\n`.
public struct AOFAnnotation: Sendable, Equatable {
    /// The line as read, line end included (at most 1023 bytes, as Redis reads it).
    public var line: [UInt8]
    public var startOffset: Int64
    public var endOffset: Int64

    public init(line: [UInt8], startOffset: Int64, endOffset: Int64) {
        self.line = line
        self.startOffset = startOffset
        self.endOffset = endOffset
    }

    /// Whether this is a `#TS:` timestamp annotation.
    public var isTimestamp: Bool { line.starts(with: Array("#TS:".utf8)) }

    /// The timestamp of a `#TS:` annotation as redis-check-aof reads it (strtol, which must
    /// stop at the `\r`); nil when this is no timestamp annotation or it is malformed.
    public var timestamp: Int64? {
        guard isTimestamp else { return nil }
        let digits = CNumberParsing.cString(line[4...])
        let parsed = CNumberParsing.strtol(digits)
        guard !parsed.overflow, parsed.end < digits.endIndex, digits[parsed.end] == 0x0d else { return nil }
        return parsed.value
    }
}

/// One item of an AOF file.
public enum AOFEntry: Sendable, Equatable {
    case record(AOFRecord)
    case annotation(AOFAnnotation)
}

public enum AOFReadError: Error, Sendable, Equatable {
    /// End of file inside a record.
    case truncated
    /// A line that is not what the RESP layout requires there.
    case badFormat
    /// The file could not be read.
    case io(FileError)
}
