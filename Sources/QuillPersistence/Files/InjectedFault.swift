// What a fault-injection rule does and to which operation, and the parser for the words a
// test or the server's DEBUG subcommand uses to set one ("write enospc", "fsync eio",
// "write short", "rename slow", "off").

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The kinds of file-system call a fault can hit.
public enum FaultOperation: String, Sendable, CaseIterable {
    case open, write, read, fsync, truncate, rename
}

public enum InjectedFault: Sendable, Equatable {
    /// The call fails with this errno.
    case error(Int32)
    /// A write writes half the bytes (at least one) and returns the short count.
    case shortWrite
    /// The disk fills up in the middle of a write: half the bytes are written, and the
    /// caller's next write fails with ENOSPC.
    case diskFull
    /// The call succeeds after a pause of `slowMilliseconds`, as on a busy disk; it puts
    /// the log's latency events (aof-write, aof-fsync-always, aof-rename) within reach of
    /// a test.
    case slow

    public static let slowMilliseconds = 50

    /// The errno names a fault word may use.
    static let errnoNames: [String: Int32] = [
        "enospc": ENOSPC, "eio": EIO, "edquot": EDQUOT, "efbig": EFBIG, "erofs": EROFS,
        "eacces": EACCES, "eperm": EPERM, "enoent": ENOENT, "ebadf": EBADF, "einval": EINVAL,
        "emfile": EMFILE, "enotdir": ENOTDIR, "eexist": EEXIST,
    ]

    /// Parses `<operation> <fault>` (`write enospc`, `write short`, `fsync eio`, ...) or the
    /// single word `off`, case-insensitively; nil when the words mean nothing.
    public static func parse(operation: String, fault: String = "") -> FaultRequest? {
        let operationWord = operation.lowercased()
        let faultWord = fault.lowercased()
        if operationWord == "off" { return faultWord.isEmpty ? .clear : nil }
        guard let target = FaultOperation(rawValue: operationWord) else { return nil }
        if faultWord == "slow" { return .inject(.slow, on: target) }
        if faultWord == "short" || faultWord == "full" {
            return target == .write ? .inject(faultWord == "short" ? .shortWrite : .diskFull, on: target) : nil
        }
        guard let code = errnoNames[faultWord] else { return nil }
        return .inject(.error(code), on: target)
    }
}

/// A parsed fault command: set a rule, or clear them all.
public enum FaultRequest: Sendable, Equatable {
    case inject(InjectedFault, on: FaultOperation)
    case clear
}
