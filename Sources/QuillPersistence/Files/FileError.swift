// The one error type of the file layer: an errno value, because that is what the AOF code
// reports (Redis logs strerror(errno) and MISCONF replies carry it), plus, where a
// multi-step operation failed, the exact line Redis logs for that step.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The errno value of the failed call.
    public let code: Int32
    /// Redis's log line for the step that failed (for example "Fail to fsync the temp AOF
    /// file temp-appendonly.aof.manifest: Input/output error."), when the failing operation
    /// has one; nil for a single system call.
    public let context: String?

    public init(code: Int32, context: String? = nil) {
        self.code = code
        self.context = context
    }

    /// The current errno of the calling thread.
    static func current() -> FileError { FileError(code: errno) }

    /// `strerror(code)`, as Redis prints it.
    public var description: String { Self.message(for: code) }

    /// The same error with Redis's log line for the step that failed.
    func with(context: String) -> FileError { FileError(code: code, context: context) }

    public static func message(for code: Int32) -> String {
        guard let text = strerror(code) else { return "Unknown error \(code)" }
        return String(cString: text)
    }
}
