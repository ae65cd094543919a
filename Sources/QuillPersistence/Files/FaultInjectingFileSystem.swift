// A file system that forwards to another one but fails the calls a test (or DEBUG) chose:
// an errno for any operation, a short write, or a slow call. Rules can be changed from any
// thread while the writer runs, so they live behind a lock.

import NIOConcurrencyHelpers

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public final class FaultInjectingFileSystem: AOFFileSystem {
    private struct Rule: Sendable {
        var fault: InjectedFault
        /// Matching calls still to let through before the fault applies.
        var skip: Int
        /// Calls still to fail; nil fails until the rules are cleared.
        var remaining: Int?
    }

    public let underlying: any AOFFileSystem
    private let rules = NIOLockedValueBox<[FaultOperation: Rule]>([:])

    /// Set by a `diskFull` write: the next write fails with ENOSPC.
    private let diskFilled = NIOLockedValueBox(false)

    public init(wrapping underlying: any AOFFileSystem) {
        self.underlying = underlying
    }

    /// Fails the next `count` calls of `operation` (all of them when nil) after letting
    /// `after` calls through. A new rule for an operation replaces the previous one.
    public func inject(_ fault: InjectedFault, on operation: FaultOperation, count: Int?, after: Int = 0) {
        rules.withLockedValue { $0[operation] = Rule(fault: fault, skip: after, remaining: count) }
    }

    public func clearFaults() {
        rules.withLockedValue { $0.removeAll() }
    }

    /// Applies a parsed DEBUG request: a rule until cleared, or clearing.
    public func apply(_ request: FaultRequest) {
        switch request {
        case .inject(let fault, let operation): inject(fault, on: operation, count: nil)
        case .clear: clearFaults()
        }
    }

    /// The fault this call of `operation` must suffer, consuming one use of the rule.
    private func take(_ operation: FaultOperation) -> InjectedFault? {
        rules.withLockedValue { rules in
            guard var rule = rules[operation] else { return nil }
            if rule.skip > 0 {
                rule.skip -= 1
                rules[operation] = rule
                return nil
            }
            if let remaining = rule.remaining {
                rule.remaining = remaining - 1
                rules[operation] = remaining > 1 ? rule : nil
            }
            return rule.fault
        }
    }

    /// Throws the injected errno or pauses, if the rule says so; a short write is not an
    /// error for other calls.
    private func check(_ operation: FaultOperation) throws(FileError) {
        switch take(operation) {
        case .error(let code): throw FileError(code: code)
        case .slow: Self.pause()
        case .shortWrite, .diskFull, nil: break
        }
    }

    private static func pause() {
        usleep(UInt32(InjectedFault.slowMilliseconds * 1000))
    }

    public func open(_ path: String, _ mode: FileOpenMode) throws(FileError) -> Int32 {
        try check(.open)
        return try underlying.open(path, mode)
    }

    public func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(FileError) -> Int {
        if diskFilled.withLockedValue({ filled in defer { filled = false }; return filled }) {
            throw FileError(code: ENOSPC)
        }
        switch take(.write) {
        case .error(let code): throw FileError(code: code)
        case .shortWrite:
            guard bytes.count > 1 else { return try underlying.write(fd, bytes) }
            return try underlying.write(fd, UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count / 2)]))
        case .diskFull:
            let written = try underlying.write(fd, UnsafeRawBufferPointer(rebasing: bytes[0..<max(bytes.count / 2, 1)]))
            diskFilled.withLockedValue { $0 = true }
            return written
        case .slow:
            Self.pause()
            fallthrough
        case nil: return try underlying.write(fd, bytes)
        }
    }

    public func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(FileError) -> Int {
        try check(.read)
        return try underlying.read(fd, into: buffer)
    }

    public func fsync(_ fd: Int32) throws(FileError) {
        try check(.fsync)
        try underlying.fsync(fd)
    }

    public func truncate(_ fd: Int32, to length: Int64) throws(FileError) {
        try check(.truncate)
        try underlying.truncate(fd, to: length)
    }

    public func truncate(path: String, to length: Int64) throws(FileError) {
        try check(.truncate)
        try underlying.truncate(path: path, to: length)
    }

    public func close(_ fd: Int32) { underlying.close(fd) }

    public func size(_ path: String) throws(FileError) -> Int64 { try underlying.size(path) }

    public func exists(_ path: String) -> Bool { underlying.exists(path) }

    public func isDirectory(_ path: String) -> Bool { underlying.isDirectory(path) }

    public func rename(_ from: String, _ to: String) throws(FileError) {
        try check(.rename)
        try underlying.rename(from, to)
    }

    public func unlink(_ path: String) throws(FileError) { try underlying.unlink(path) }

    public func makeDirectory(_ path: String) throws(FileError) { try underlying.makeDirectory(path) }

    /// A directory fsync is an fsync: `.fsync` rules hit it too.
    public func fsyncDirectory(_ path: String) throws(FileError) {
        try check(.fsync)
        try underlying.fsyncDirectory(path)
    }
}
