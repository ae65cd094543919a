// The small file interface every piece of the AOF goes through (open, write, fsync,
// truncate, rename, directory fsync, ...). The real implementation calls the system; the
// fault-injecting one fails chosen calls; the in-memory one can "crash" and lose whatever
// was not fsynced. Durability tests run the same code against all three.

/// How `AOFFileSystem.open` opens a file.
public enum FileOpenMode: Sendable, Equatable {
    /// `O_WRONLY|O_APPEND|O_CREAT`, mode 0644: the INCR file the writer appends to.
    case append
    /// `O_WRONLY|O_TRUNC|O_CREAT`, mode 0644: a file written from scratch (manifest, base).
    case truncate
    /// `O_RDONLY`: loading and checking.
    case read
    /// `O_RDWR` without creating: what redis-check-aof's `fopen(path, "r+")` asks for.
    case readWrite
}

/// All methods are thread-safe; paths are plain strings, relative to the working directory
/// unless absolute.
public protocol AOFFileSystem: AnyObject, Sendable {
    func open(_ path: String, _ mode: FileOpenMode) throws(FileError) -> Int32
    /// One write(2), retried on EINTR; it may return a short count.
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(FileError) -> Int
    /// Reads up to `into.count` bytes at the descriptor's position; 0 at end of file.
    func read(_ fd: Int32, into: UnsafeMutableRawBufferPointer) throws(FileError) -> Int
    /// fdatasync on Linux, fsync elsewhere.
    func fsync(_ fd: Int32) throws(FileError)
    func truncate(_ fd: Int32, to length: Int64) throws(FileError)
    func truncate(path: String, to length: Int64) throws(FileError)
    func close(_ fd: Int32)
    /// The file's size (stat).
    func size(_ path: String) throws(FileError) -> Int64
    func exists(_ path: String) -> Bool
    func isDirectory(_ path: String) -> Bool
    func rename(_ from: String, _ to: String) throws(FileError)
    func unlink(_ path: String) throws(FileError)
    /// mkdir with mode 0755; an existing directory is not an error (an existing file is
    /// ENOTDIR, as in Redis's dirCreateIfMissing).
    func makeDirectory(_ path: String) throws(FileError)
    /// Opens the directory and fsyncs it, so renames and creations inside it are durable.
    func fsyncDirectory(_ path: String) throws(FileError)
}

extension AOFFileSystem {
    /// Writes all of `bytes`, looping over short writes as Redis's manifest writer does.
    public func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(FileError) {
        var offset = 0
        while offset < bytes.count {
            let written: Result<Int, FileError> = bytes.withUnsafeBytes { raw in
                do throws(FileError) { return .success(try write(fd, UnsafeRawBufferPointer(rebasing: raw[offset...]))) } catch { return .failure(error) }
            }
            offset += try written.get()
        }
    }

    /// The whole content of a file (small files: manifests, tests).
    public func readAll(_ path: String) throws(FileError) -> [UInt8] {
        let fd = try open(path, .read)
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = try readChunk(fd, into: &chunk)
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    /// One read into `buffer` (from its start); 0 at end of file.
    public func readChunk(_ fd: Int32, into buffer: inout [UInt8]) throws(FileError) -> Int {
        let result: Result<Int, FileError> = buffer.withUnsafeMutableBytes { raw in
            do throws(FileError) { return .success(try read(fd, into: raw)) } catch { return .failure(error) }
        }
        return try result.get()
    }
}
