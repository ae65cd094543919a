// The real file system: thin wrappers over the system calls Redis uses for its AOF files,
// each turning -1 into a FileError carrying errno.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public final class SystemFileSystem: AOFFileSystem {
    public init() {}

    public func open(_ path: String, _ mode: FileOpenMode) throws(FileError) -> Int32 {
        let flags: Int32
        switch mode {
        case .append: flags = O_WRONLY | O_APPEND | O_CREAT
        case .truncate: flags = O_WRONLY | O_TRUNC | O_CREAT
        case .read: flags = O_RDONLY
        case .readWrite: flags = O_RDWR
        }
        while true {
            let fd = systemOpen(path, flags | O_CLOEXEC, 0o644)
            if fd >= 0 { return fd }
            if errno != EINTR { throw FileError.current() }
        }
    }

    public func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(FileError) -> Int {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        while true {
            let written = systemWrite(fd, base, bytes.count)
            if written >= 0 { return written }
            if errno != EINTR { throw FileError.current() }
        }
    }

    public func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(FileError) -> Int {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
        while true {
            let count = systemRead(fd, base, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw FileError.current() }
        }
    }

    public func fsync(_ fd: Int32) throws(FileError) {
        #if os(Linux)
        let result = fdatasync(fd)
        #else
        let result = systemFsync(fd)
        #endif
        if result != 0 { throw FileError.current() }
    }

    public func truncate(_ fd: Int32, to length: Int64) throws(FileError) {
        if ftruncate(fd, off_t(length)) != 0 { throw FileError.current() }
    }

    public func truncate(path: String, to length: Int64) throws(FileError) {
        if systemTruncate(path, off_t(length)) != 0 { throw FileError.current() }
    }

    public func close(_ fd: Int32) {
        _ = systemClose(fd)
    }

    public func size(_ path: String) throws(FileError) -> Int64 {
        var info = stat()
        if stat(path, &info) != 0 { throw FileError.current() }
        return Int64(info.st_size)
    }

    public func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    public func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    public func rename(_ from: String, _ to: String) throws(FileError) {
        if systemRename(from, to) != 0 { throw FileError.current() }
    }

    public func unlink(_ path: String) throws(FileError) {
        if systemUnlink(path) != 0 { throw FileError.current() }
    }

    public func makeDirectory(_ path: String) throws(FileError) {
        if mkdir(path, 0o755) == 0 { return }
        let error = FileError.current()
        guard error.code == EEXIST else { throw error }
        if !isDirectory(path) { throw FileError(code: ENOTDIR) }
    }

    /// Like Redis's fsyncFileDir: systems that refuse to open or fsync a directory
    /// (EISDIR, EBADF, EINVAL) are not errors.
    public func fsyncDirectory(_ path: String) throws(FileError) {
        let fd = systemOpen(path, O_RDONLY | O_CLOEXEC, 0)
        if fd == -1 {
            if errno == EISDIR { return }
            throw FileError.current()
        }
        defer { _ = systemClose(fd) }
        if systemFsync(fd) != 0 && errno != EBADF && errno != EINVAL {
            throw FileError.current()
        }
    }
}

// The system calls under names that do not clash with the protocol's methods.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, buffer, count) }
private func systemFsync(_ fd: Int32) -> Int32 { fsync(fd) }
private func systemTruncate(_ path: String, _ length: off_t) -> Int32 { truncate(path, length) }
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
private func systemRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }
private func systemUnlink(_ path: String) -> Int32 { unlink(path) }
