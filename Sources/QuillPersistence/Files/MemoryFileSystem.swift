// An in-memory file system for durability tests. Each file keeps the bytes a crash would
// leave (those fsynced) apart from its current bytes, and each directory keeps the entries
// a crash would leave (those present at its last fsyncDirectory) apart from its current
// ones, so `crash()` can show exactly what an un-fsynced write, create or rename loses.
// Directories themselves are durable as soon as they are made.

import NIOConcurrencyHelpers

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public final class MemoryFileSystem: AOFFileSystem {
    private struct Inode: Sendable {
        var current: [UInt8] = []
        var durable: [UInt8] = []
    }

    private struct OpenFile: Sendable {
        var inode: Int
        var mode: FileOpenMode
        var position: Int
    }

    private struct State: Sendable {
        var inodes: [Int: Inode] = [:]
        /// Path → inode as the running system sees it.
        var entries: [String: Int] = [:]
        /// Path → inode as it would be found after a crash.
        var durableEntries: [String: Int] = [:]
        var directories: Set<String> = [".", "/"]
        var descriptors: [Int32: OpenFile] = [:]
        var nextInode = 1
        var nextDescriptor: Int32 = 3

        func isFile(_ path: String) -> Bool { entries[path] != nil }

        mutating func descriptor(_ fd: Int32) throws(FileError) -> OpenFile {
            guard let file = descriptors[fd] else { throw FileError(code: EBADF) }
            return file
        }
    }

    private let state = NIOLockedValueBox(State())

    public init() {}

    /// Runs `body` under the lock, keeping its typed error.
    private func locked<T>(_ body: (inout State) throws(FileError) -> T) throws(FileError) -> T {
        let result: Result<T, FileError> = state.withLockedValue { state in
            do throws(FileError) { return .success(try body(&state)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    static func directory(of path: String) -> String { PathNames.directory(of: path) }

    // MARK: Test helpers

    /// Creates (or replaces) a file whose content and directory entry are already durable.
    public func createDurableFile(_ path: String, _ bytes: [UInt8]) {
        state.withLockedValue { state in
            let inode = state.nextInode
            state.nextInode += 1
            state.inodes[inode] = Inode(current: bytes, durable: bytes)
            state.entries[path] = inode
            state.durableEntries[path] = inode
        }
    }

    /// The file's current content, nil when there is no such file.
    public func contents(_ path: String) -> [UInt8]? {
        state.withLockedValue { state in state.entries[path].flatMap { state.inodes[$0]?.current } }
    }

    /// The names currently in a directory, sorted.
    public func fileNames(in directory: String) -> [String] {
        state.withLockedValue { state in
            state.entries.keys.filter { Self.directory(of: $0) == directory }
                .map { String($0.split(separator: "/").last ?? Substring($0)) }.sorted()
        }
    }

    /// Simulates a power loss: every file goes back to its fsynced bytes, every directory
    /// to its entries at its last fsync, and all descriptors are gone.
    public func crash() {
        state.withLockedValue { state in
            state.entries = state.durableEntries
            let live = Set(state.entries.values)
            state.inodes = state.inodes.filter { live.contains($0.key) }
            for key in Array(state.inodes.keys) {
                state.inodes[key]!.current = state.inodes[key]!.durable
            }
            state.descriptors.removeAll()
        }
    }

    // MARK: AOFFileSystem

    public func open(_ path: String, _ mode: FileOpenMode) throws(FileError) -> Int32 {
        try locked { (state) throws(FileError) in
            if state.directories.contains(path) { throw FileError(code: EISDIR) }
            var inode = state.entries[path]
            if inode == nil {
                guard mode == .append || mode == .truncate else { throw FileError(code: ENOENT) }
                guard state.directories.contains(Self.directory(of: path)) else { throw FileError(code: ENOENT) }
                let created = state.nextInode
                state.nextInode += 1
                state.inodes[created] = Inode()
                state.entries[path] = created
                inode = created
            }
            guard let inode else { throw FileError(code: ENOENT) }
            if mode == .truncate { state.inodes[inode]!.current = [] }
            let fd = state.nextDescriptor
            state.nextDescriptor += 1
            state.descriptors[fd] = OpenFile(inode: inode, mode: mode, position: 0)
            return fd
        }
    }

    public func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(FileError) -> Int {
        try locked { (state) throws(FileError) in
            var file = try state.descriptor(fd)
            guard file.mode != .read else { throw FileError(code: EBADF) }
            var data = state.inodes[file.inode]?.current ?? []
            if file.mode == .append { file.position = data.count }
            if file.position > data.count {
                data.append(contentsOf: repeatElement(0, count: file.position - data.count))
            }
            let overlap = min(bytes.count, data.count - file.position)
            data.replaceSubrange(file.position..<(file.position + overlap), with: bytes)
            file.position += bytes.count
            state.inodes[file.inode]?.current = data
            state.descriptors[fd] = file
            return bytes.count
        }
    }

    public func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(FileError) -> Int {
        try locked { (state) throws(FileError) in
            var file = try state.descriptor(fd)
            guard file.mode == .read || file.mode == .readWrite else { throw FileError(code: EBADF) }
            let data = state.inodes[file.inode]?.current ?? []
            let count = max(0, min(buffer.count, data.count - file.position))
            if count > 0 {
                data.withUnsafeBytes { raw in
                    buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[file.position..<(file.position + count)]))
                }
            }
            file.position += count
            state.descriptors[fd] = file
            return count
        }
    }

    public func fsync(_ fd: Int32) throws(FileError) {
        try locked { (state) throws(FileError) in
            let file = try state.descriptor(fd)
            if let inode = state.inodes[file.inode] { state.inodes[file.inode]!.durable = inode.current }
        }
    }

    public func truncate(_ fd: Int32, to length: Int64) throws(FileError) {
        try locked { (state) throws(FileError) in
            let file = try state.descriptor(fd)
            guard file.mode != .read else { throw FileError(code: EINVAL) }
            Self.resize(&state.inodes[file.inode]!.current, to: length)
        }
    }

    public func truncate(path: String, to length: Int64) throws(FileError) {
        try locked { (state) throws(FileError) in
            guard let inode = state.entries[path] else {
                throw FileError(code: state.directories.contains(path) ? EISDIR : ENOENT)
            }
            Self.resize(&state.inodes[inode]!.current, to: length)
        }
    }

    private static func resize(_ data: inout [UInt8], to length: Int64) {
        let target = Int(max(0, length))
        if target < data.count {
            data.removeSubrange(target...)
        } else {
            data.append(contentsOf: repeatElement(0, count: target - data.count))
        }
    }

    public func close(_ fd: Int32) {
        _ = state.withLockedValue { $0.descriptors.removeValue(forKey: fd) }
    }

    public func size(_ path: String) throws(FileError) -> Int64 {
        try locked { (state) throws(FileError) in
            if let inode = state.entries[path] { return Int64(state.inodes[inode]?.current.count ?? 0) }
            if state.directories.contains(path) { return 0 }
            throw FileError(code: ENOENT)
        }
    }

    public func exists(_ path: String) -> Bool {
        state.withLockedValue { $0.isFile(path) || $0.directories.contains(path) }
    }

    public func isDirectory(_ path: String) -> Bool {
        state.withLockedValue { $0.directories.contains(path) }
    }

    public func rename(_ from: String, _ to: String) throws(FileError) {
        try locked { (state) throws(FileError) in
            guard let inode = state.entries[from] else { throw FileError(code: ENOENT) }
            guard state.directories.contains(Self.directory(of: to)) else { throw FileError(code: ENOENT) }
            if state.directories.contains(to) { throw FileError(code: EISDIR) }
            state.entries[from] = nil
            state.entries[to] = inode
        }
    }

    public func unlink(_ path: String) throws(FileError) {
        try locked { (state) throws(FileError) in
            if state.directories.contains(path) { throw FileError(code: EISDIR) }
            guard state.entries.removeValue(forKey: path) != nil else { throw FileError(code: ENOENT) }
        }
    }

    public func makeDirectory(_ path: String) throws(FileError) {
        try locked { (state) throws(FileError) in
            if state.directories.contains(path) { return }
            if state.isFile(path) { throw FileError(code: ENOTDIR) }
            guard state.directories.contains(Self.directory(of: path)) else { throw FileError(code: ENOENT) }
            state.directories.insert(path)
        }
    }

    public func fsyncDirectory(_ path: String) throws(FileError) {
        try locked { (state) throws(FileError) in
            guard state.directories.contains(path) else { throw FileError(code: ENOENT) }
            for (name, _) in state.durableEntries where Self.directory(of: name) == path {
                state.durableEntries[name] = nil
            }
            for (name, inode) in state.entries where Self.directory(of: name) == path {
                state.durableEntries[name] = inode
            }
        }
    }
}
