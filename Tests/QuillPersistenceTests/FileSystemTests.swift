// The three file systems behind AOFFileSystem: the real one on a temporary directory, the
// fault injector's rules, and the in-memory one's crash model.

import Foundation
import XCTest
@testable import QuillPersistence

final class SystemFileSystemTests: XCTestCase {
    private var directory = ""
    private let fs = SystemFileSystem()

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("quill-fs-\(UUID().uuidString)").path
        try fs.makeDirectory(directory)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testAppendTruncateReadRoundTrip() throws {
        let path = directory + "/a.aof"
        var fd = try fs.open(path, .append)
        try fs.writeAll(fd, Array("hello ".utf8))
        fs.close(fd)
        fd = try fs.open(path, .append)
        try fs.writeAll(fd, Array("world".utf8))
        try fs.fsync(fd)
        fs.close(fd)
        XCTAssertEqual(try fs.readAll(path), Array("hello world".utf8))
        XCTAssertEqual(try fs.size(path), 11)
        try fs.truncate(path: path, to: 5)
        XCTAssertEqual(try fs.readAll(path), Array("hello".utf8))
        fd = try fs.open(path, .truncate)
        XCTAssertEqual(try fs.size(path), 0)
        try fs.writeAll(fd, Array("abc".utf8))
        try fs.truncate(fd, to: 1)
        fs.close(fd)
        XCTAssertEqual(try fs.readAll(path), Array("a".utf8))
    }

    func testErrorsCarryErrnoAndStrerror() {
        XCTAssertThrowsError(try fs.open(directory + "/missing", .read)) { error in
            XCTAssertEqual((error as? FileError)?.code, ENOENT)
            XCTAssertEqual((error as? FileError)?.description, "No such file or directory")
        }
        XCTAssertThrowsError(try fs.size(directory + "/missing")) { XCTAssertEqual(($0 as? FileError)?.code, ENOENT) }
        XCTAssertThrowsError(try fs.unlink(directory + "/missing")) { XCTAssertEqual(($0 as? FileError)?.code, ENOENT) }
        XCTAssertThrowsError(try fs.rename(directory + "/missing", directory + "/x")) {
            XCTAssertEqual(($0 as? FileError)?.code, ENOENT)
        }
    }

    func testDirectoriesRenameAndUnlink() throws {
        let sub = directory + "/appendonlydir"
        XCTAssertFalse(fs.exists(sub))
        try fs.makeDirectory(sub)
        try fs.makeDirectory(sub)
        XCTAssertTrue(fs.isDirectory(sub))
        let file = sub + "/f"
        let fd = try fs.open(file, .truncate)
        fs.close(fd)
        XCTAssertThrowsError(try fs.makeDirectory(file)) { XCTAssertEqual(($0 as? FileError)?.code, ENOTDIR) }
        XCTAssertFalse(fs.isDirectory(file))
        try fs.rename(file, sub + "/g")
        XCTAssertFalse(fs.exists(file))
        XCTAssertTrue(fs.exists(sub + "/g"))
        try fs.fsyncDirectory(sub)
        try fs.unlink(sub + "/g")
        XCTAssertFalse(fs.exists(sub + "/g"))
    }

    func testReadReturnsZeroAtEndOfFile() throws {
        let path = directory + "/r"
        let w = try fs.open(path, .truncate)
        try fs.writeAll(w, [1, 2, 3])
        fs.close(w)
        let fd = try fs.open(path, .read)
        defer { fs.close(fd) }
        var buffer = [UInt8](repeating: 0, count: 2)
        XCTAssertEqual(try fs.readChunk(fd, into: &buffer), 2)
        XCTAssertEqual(buffer, [1, 2])
        XCTAssertEqual(try fs.readChunk(fd, into: &buffer), 1)
        XCTAssertEqual(buffer[0], 3)
        XCTAssertEqual(try fs.readChunk(fd, into: &buffer), 0)
    }
}

final class FaultInjectingFileSystemTests: XCTestCase {
    func testErrorRuleFailsCountCallsThenPassesThrough() throws {
        let memory = MemoryFileSystem()
        let fs = FaultInjectingFileSystem(wrapping: memory)
        let fd = try fs.open("f", .append)
        fs.inject(.error(ENOSPC), on: .write, count: 2)
        for _ in 0..<2 {
            XCTAssertThrowsError(try fs.writeAll(fd, [1])) { error in
                XCTAssertEqual(error as? FileError, FileError(code: ENOSPC))
                XCTAssertEqual((error as? FileError)?.description, "No space left on device")
            }
        }
        try fs.writeAll(fd, [7])
        XCTAssertEqual(memory.contents("f"), [7])
    }

    func testRuleUntilClearedAndAfter() throws {
        let fs = FaultInjectingFileSystem(wrapping: MemoryFileSystem())
        let fd = try fs.open("f", .append)
        fs.inject(.error(EIO), on: .fsync, count: nil, after: 1)
        try fs.fsync(fd)
        for _ in 0..<5 {
            XCTAssertThrowsError(try fs.fsync(fd)) { XCTAssertEqual(($0 as? FileError)?.code, EIO) }
        }
        XCTAssertThrowsError(try fs.fsyncDirectory(".")) { XCTAssertEqual(($0 as? FileError)?.code, EIO) }
        fs.clearFaults()
        try fs.fsync(fd)
        try fs.fsyncDirectory(".")
    }

    func testShortWriteWritesHalfAndAtLeastOneByte() throws {
        let memory = MemoryFileSystem()
        let fs = FaultInjectingFileSystem(wrapping: memory)
        let fd = try fs.open("f", .append)
        fs.inject(.shortWrite, on: .write, count: nil)
        let written = try [UInt8](repeating: 9, count: 10).withUnsafeBytes { try fs.write(fd, $0) }
        XCTAssertEqual(written, 5)
        let one = try [UInt8]([4]).withUnsafeBytes { try fs.write(fd, $0) }
        XCTAssertEqual(one, 1)
        XCTAssertEqual(memory.contents("f")?.count, 6)
    }

    func testSlowCallsPauseThenSucceed() throws {
        let memory = MemoryFileSystem()
        let fs = FaultInjectingFileSystem(wrapping: memory)
        let fd = try fs.open("f", .append)
        fs.inject(.slow, on: .write, count: 1)
        fs.inject(.slow, on: .rename, count: 1)
        var started = Date()
        XCTAssertEqual(try [UInt8]([1, 2, 3]).withUnsafeBytes { try fs.write(fd, $0) }, 3)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), Double(InjectedFault.slowMilliseconds) / 1000)
        started = Date()
        try fs.rename("f", "g")
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), Double(InjectedFault.slowMilliseconds) / 1000)
        XCTAssertEqual(memory.contents("g"), [1, 2, 3])
        started = Date()
        XCTAssertEqual(try [UInt8]([4]).withUnsafeBytes { try fs.write(fd, $0) }, 1)
        XCTAssertLessThan(Date().timeIntervalSince(started), Double(InjectedFault.slowMilliseconds) / 1000, "the rule was used up")
    }

    func testOtherOperations() throws {
        let memory = MemoryFileSystem()
        let fs = FaultInjectingFileSystem(wrapping: memory)
        fs.inject(.error(EACCES), on: .open, count: 1)
        XCTAssertThrowsError(try fs.open("f", .append)) { XCTAssertEqual(($0 as? FileError)?.code, EACCES) }
        let fd = try fs.open("f", .append)
        fs.inject(.error(EIO), on: .truncate, count: 2)
        XCTAssertThrowsError(try fs.truncate(fd, to: 0))
        XCTAssertThrowsError(try fs.truncate(path: "f", to: 0))
        try fs.truncate(fd, to: 0)
        fs.inject(.error(EXDEV), on: .rename, count: 1)
        XCTAssertThrowsError(try fs.rename("f", "g")) { XCTAssertEqual(($0 as? FileError)?.code, EXDEV) }
        try fs.rename("f", "g")
        XCTAssertTrue(fs.exists("g"))
    }

    func testParseWords() {
        XCTAssertEqual(InjectedFault.parse(operation: "write", fault: "enospc"), .inject(.error(ENOSPC), on: .write))
        XCTAssertEqual(InjectedFault.parse(operation: "WRITE", fault: "EIO"), .inject(.error(EIO), on: .write))
        XCTAssertEqual(InjectedFault.parse(operation: "write", fault: "Short"), .inject(.shortWrite, on: .write))
        XCTAssertEqual(InjectedFault.parse(operation: "fsync", fault: "eio"), .inject(.error(EIO), on: .fsync))
        XCTAssertEqual(InjectedFault.parse(operation: "rename", fault: "enospc"), .inject(.error(ENOSPC), on: .rename))
        XCTAssertEqual(InjectedFault.parse(operation: "rename", fault: "SLOW"), .inject(.slow, on: .rename))
        XCTAssertEqual(InjectedFault.parse(operation: "OFF"), .clear)
        XCTAssertNil(InjectedFault.parse(operation: "off", fault: "eio"))
        XCTAssertNil(InjectedFault.parse(operation: "fsync", fault: "short"))
        XCTAssertNil(InjectedFault.parse(operation: "write", fault: "nope"))
        XCTAssertNil(InjectedFault.parse(operation: "seek", fault: "eio"))
    }

    func testApplyRequest() throws {
        let fs = FaultInjectingFileSystem(wrapping: MemoryFileSystem())
        let fd = try fs.open("f", .append)
        fs.apply(InjectedFault.parse(operation: "write", fault: "eio")!)
        XCTAssertThrowsError(try fs.writeAll(fd, [1]))
        XCTAssertThrowsError(try fs.writeAll(fd, [1]))
        fs.apply(InjectedFault.parse(operation: "off")!)
        try fs.writeAll(fd, [1])
    }

    func testRulesChangeFromOtherThreads() throws {
        let fs = FaultInjectingFileSystem(wrapping: MemoryFileSystem())
        let fd = try fs.open("f", .append)
        DispatchQueue.concurrentPerform(iterations: 200) { i in
            if i % 2 == 0 {
                fs.inject(.error(EIO), on: .write, count: 1)
            } else {
                _ = try? fs.writeAll(fd, [UInt8(i & 0xff)])
            }
        }
        fs.clearFaults()
        try fs.writeAll(fd, [1])
    }
}

final class MemoryFileSystemTests: XCTestCase {
    func testCrashDropsUnsyncedBytes() throws {
        let fs = MemoryFileSystem()
        try fs.makeDirectory("/d")
        let fd = try fs.open("/d/f", .append)
        try fs.writeAll(fd, Array("abc".utf8))
        try fs.fsync(fd)
        try fs.fsyncDirectory("/d")
        try fs.writeAll(fd, Array("def".utf8))
        XCTAssertEqual(fs.contents("/d/f"), Array("abcdef".utf8))
        fs.crash()
        XCTAssertEqual(fs.contents("/d/f"), Array("abc".utf8))
        XCTAssertThrowsError(try fs.writeAll(fd, [1])) { XCTAssertEqual(($0 as? FileError)?.code, EBADF) }
    }

    func testCreateIsDurableOnlyAfterDirectoryFsync() throws {
        let fs = MemoryFileSystem()
        try fs.makeDirectory("/d")
        var fd = try fs.open("/d/new", .truncate)
        try fs.writeAll(fd, [1, 2])
        try fs.fsync(fd)
        fs.crash()
        XCTAssertFalse(fs.exists("/d/new"))
        fd = try fs.open("/d/new", .truncate)
        try fs.writeAll(fd, [1, 2])
        try fs.fsync(fd)
        try fs.fsyncDirectory("/d")
        fs.crash()
        XCTAssertEqual(fs.contents("/d/new"), [1, 2])
    }

    func testRenameAndUnlinkAreDurableOnlyAfterDirectoryFsync() throws {
        let fs = MemoryFileSystem()
        try fs.makeDirectory("/d")
        fs.createDurableFile("/d/m", [1])
        fs.createDurableFile("/d/t", [2])
        try fs.rename("/d/t", "/d/m")
        try fs.unlink("/d/m")
        XCTAssertFalse(fs.exists("/d/m"))
        fs.crash()
        XCTAssertEqual(fs.contents("/d/m"), [1])
        XCTAssertEqual(fs.contents("/d/t"), [2])
        try fs.rename("/d/t", "/d/m")
        try fs.fsyncDirectory("/d")
        fs.crash()
        XCTAssertEqual(fs.contents("/d/m"), [2])
        XCTAssertNil(fs.contents("/d/t"))
        XCTAssertEqual(fs.fileNames(in: "/d"), ["m"])
    }

    func testTruncateModesAndErrors() throws {
        let fs = MemoryFileSystem()
        XCTAssertThrowsError(try fs.open("/nodir/f", .append)) { XCTAssertEqual(($0 as? FileError)?.code, ENOENT) }
        XCTAssertThrowsError(try fs.open("f", .read)) { XCTAssertEqual(($0 as? FileError)?.code, ENOENT) }
        fs.createDurableFile("f", Array("hello".utf8))
        var fd = try fs.open("f", .truncate)
        XCTAssertEqual(try fs.size("f"), 0)
        try fs.writeAll(fd, Array("xy".utf8))
        fs.close(fd)
        fd = try fs.open("f", .readWrite)
        var buffer = [UInt8](repeating: 0, count: 8)
        XCTAssertEqual(try fs.readChunk(fd, into: &buffer), 2)
        try fs.truncate(fd, to: 1)
        fs.close(fd)
        XCTAssertEqual(fs.contents("f"), Array("x".utf8))
        fs.crash()
        XCTAssertEqual(fs.contents("f"), Array("hello".utf8))
        try fs.truncate(path: "f", to: 2)
        XCTAssertEqual(try fs.size("f"), 2)
        XCTAssertThrowsError(try fs.size("g")) { XCTAssertEqual(($0 as? FileError)?.code, ENOENT) }
        XCTAssertThrowsError(try fs.makeDirectory("f")) { XCTAssertEqual(($0 as? FileError)?.code, ENOTDIR) }
        XCTAssertThrowsError(try fs.fsyncDirectory("/nodir")) { XCTAssertEqual(($0 as? FileError)?.code, ENOENT) }
    }

    func testDirectoryOfPath() {
        XCTAssertEqual(MemoryFileSystem.directory(of: "a"), ".")
        XCTAssertEqual(MemoryFileSystem.directory(of: "/a"), "/")
        XCTAssertEqual(MemoryFileSystem.directory(of: "/a/b"), "/a")
        XCTAssertEqual(MemoryFileSystem.directory(of: "d/b"), "d")
    }
}
