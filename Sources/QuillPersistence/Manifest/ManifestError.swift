// Why a manifest was rejected, with what Redis logs about it: a FATAL banner, the line
// number and the offending (trimmed) line when the parser had reached one, then the reason.

public struct ManifestError: Error, Sendable, Equatable {
    /// Redis's reason, e.g. "Found a non-monotonic sequence number".
    public let message: String
    /// The 1-based line (fgets chunk) being parsed, when the error concerns one.
    public let lineNumber: Int?
    /// The trimmed line, when the error concerns one.
    public let line: String?
    /// The same line as raw bytes, for byte-exact output.
    public let lineBytes: [UInt8]?

    public init(message: String, lineNumber: Int? = nil, lineBytes: [UInt8]? = nil) {
        self.message = message
        self.lineNumber = lineNumber
        self.lineBytes = lineBytes
        self.line = lineBytes.map { String(decoding: $0, as: UTF8.self) }
    }

    static let empty = "Found an empty AOF manifest"
    static let readFailed = "Read AOF manifest failed"
    static let tooLong = "The AOF manifest file contains too long line"
    static let invalidFormat = "Invalid AOF manifest file format"
    static let notBaseName = "File can't be a path, just a filename"
    static let duplicateBase = "Found duplicate base file information"
    static let nonMonotonic = "Found a non-monotonic sequence number"
    static let unknownType = "Unknown AOF file type"

    /// The WARNING log messages Redis emits for this error, in order (each already ends in
    /// "\n", as Redis's format strings do; the logger adds its own line end).
    public func logLines() -> [String] {
        logLineBytes().map { String(decoding: $0, as: UTF8.self) }
    }

    /// `logLines()` as bytes, keeping a line's non-UTF-8 bytes intact.
    public func logLineBytes() -> [[UInt8]] {
        var lines: [[UInt8]] = [Array("\n*** FATAL AOF MANIFEST FILE ERROR ***\n".utf8)]
        if let lineNumber, let lineBytes {
            lines.append(Array("Reading the manifest file, at line \(lineNumber)\n".utf8))
            lines.append(Array(">>> '".utf8) + lineBytes + Array("'\n".utf8))
        }
        lines.append(Array("\(message)\n".utf8))
        return lines
    }
}

/// Why loading the manifest from disk failed: it could not be opened, or it is invalid.
public enum ManifestLoadError: Error, Sendable, Equatable {
    case unreadable(path: String, FileError)
    case invalid(ManifestError)

    /// The WARNING log messages Redis emits before exiting.
    public func logLines() -> [String] {
        switch self {
        case .unreadable(let path, let error):
            return ["Fatal error: can't open the AOF manifest file \(path) for reading: \(error)"]
        case .invalid(let error):
            return error.logLines()
        }
    }
}
