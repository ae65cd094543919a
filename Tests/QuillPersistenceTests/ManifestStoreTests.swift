// Loading and atomically persisting the manifest through the file systems, including the
// crash points of the temp-file, fsync, rename, directory-fsync sequence.

import XCTest
@testable import QuillPersistence

final class ManifestStoreTests: XCTestCase {
    private let names = AOFFileNames(fileName: "appendonly.aof")

    private func manifest(incrs: Int64) -> AOFManifest {
        var m = AOFManifest()
        m.startNewBase(names: names, format: .rdb)
        for _ in 0..<incrs { m.startNewIncr(names: names) }
        return m
    }

    func testLoadReturnsNilWithoutDirectoryOrManifest() throws {
        let fs = MemoryFileSystem()
        XCTAssertNil(try ManifestStore.load(directory: "dir", fileName: "appendonly.aof", fs: fs))
        try fs.makeDirectory("dir")
        XCTAssertNil(try ManifestStore.load(directory: "dir", fileName: "appendonly.aof", fs: fs))
    }

    func testPersistThenLoad() throws {
        let fs = MemoryFileSystem()
        try fs.makeDirectory("dir")
        let m = manifest(incrs: 2)
        try ManifestStore.persist(m, directory: "dir", fileName: "appendonly.aof", fs: fs)
        XCTAssertEqual(fs.fileNames(in: "dir"), ["appendonly.aof.manifest"])
        XCTAssertEqual(try ManifestStore.load(directory: "dir", fileName: "appendonly.aof", fs: fs), m)
        fs.crash()
        XCTAssertEqual(try ManifestStore.load(directory: "dir", fileName: "appendonly.aof", fs: fs), m)
    }

    func testLoadErrors() throws {
        let fs = MemoryFileSystem()
        try fs.makeDirectory("dir")
        fs.createDurableFile("dir/appendonly.aof.manifest", Array("file a seq 1 type z\n".utf8))
        XCTAssertThrowsError(try ManifestStore.load(directory: "dir", fileName: "appendonly.aof", fs: fs)) { error in
            XCTAssertEqual((error as? ManifestLoadError)?.logLines().last, "Unknown AOF file type\n")
        }
        let faulty = FaultInjectingFileSystem(wrapping: fs)
        faulty.inject(.error(EACCES), on: .open, count: 1)
        XCTAssertThrowsError(try ManifestStore.load(directory: "dir", fileName: "appendonly.aof", fs: faulty)) { error in
            XCTAssertEqual((error as? ManifestLoadError)?.logLines(), [
                "Fatal error: can't open the AOF manifest file dir/appendonly.aof.manifest for reading: Permission denied",
            ])
        }
        faulty.inject(.error(EIO), on: .read, count: 1)
        XCTAssertThrowsError(try ManifestStore.load(directory: "dir", fileName: "appendonly.aof", fs: faulty)) { error in
            XCTAssertEqual(error as? ManifestLoadError, .invalid(ManifestError(message: "Read AOF manifest failed")))
        }
    }

    func testCrashBeforeDirectoryFsyncKeepsOldManifest() throws {
        let memory = MemoryFileSystem()
        try memory.makeDirectory("dir")
        let old = manifest(incrs: 1)
        try ManifestStore.persist(old, directory: "dir", fileName: "appendonly.aof", fs: memory)
        let faulty = FaultInjectingFileSystem(wrapping: memory)
        faulty.inject(.error(EIO), on: .fsync, count: 1, after: 1)
        let new = manifest(incrs: 2)
        XCTAssertThrowsError(try ManifestStore.persist(new, directory: "dir", fileName: "appendonly.aof", fs: faulty)) {
            XCTAssertEqual(($0 as? FileError)?.context,
                           "Fail to fsync AOF directory dir/appendonly.aof.manifest: Input/output error.")
        }
        XCTAssertEqual(try ManifestStore.load(directory: "dir", fileName: "appendonly.aof", fs: memory), new)
        memory.crash()
        XCTAssertEqual(try ManifestStore.load(directory: "dir", fileName: "appendonly.aof", fs: memory), old)
    }

    func testEachFailingStepLeavesOldManifestAndLogsRedisLine() throws {
        let cases: [(FaultOperation, InjectedFault, String)] = [
            (.open, .error(ENOSPC), "Can't open the AOF manifest file temp-appendonly.aof.manifest: No space left on device"),
            (.write, .error(ENOSPC),
             "Error trying to write the temporary AOF manifest file temp-appendonly.aof.manifest: No space left on device"),
            (.fsync, .error(EIO), "Fail to fsync the temp AOF file temp-appendonly.aof.manifest: Input/output error."),
            (.rename, .error(EIO),
             "Error trying to rename the temporary AOF manifest file temp-appendonly.aof.manifest into appendonly.aof.manifest: Input/output error"),
        ]
        for (operation, fault, line) in cases {
            let memory = MemoryFileSystem()
            try memory.makeDirectory("dir")
            let old = manifest(incrs: 1)
            try ManifestStore.persist(old, directory: "dir", fileName: "appendonly.aof", fs: memory)
            let faulty = FaultInjectingFileSystem(wrapping: memory)
            faulty.inject(fault, on: operation, count: 1)
            XCTAssertThrowsError(try ManifestStore.persist(manifest(incrs: 3), directory: "dir",
                                                           fileName: "appendonly.aof", fs: faulty)) {
                XCTAssertEqual(($0 as? FileError)?.context, line)
            }
            XCTAssertEqual(try ManifestStore.load(directory: "dir", fileName: "appendonly.aof", fs: memory), old)
            memory.crash()
            XCTAssertEqual(try ManifestStore.load(directory: "dir", fileName: "appendonly.aof", fs: memory), old)
        }
    }

    func testShortWritesAreCompleted() throws {
        let memory = MemoryFileSystem()
        try memory.makeDirectory("dir")
        let faulty = FaultInjectingFileSystem(wrapping: memory)
        faulty.inject(.shortWrite, on: .write, count: nil)
        let m = manifest(incrs: 4)
        try ManifestStore.persist(m, directory: "dir", fileName: "appendonly.aof", fs: faulty)
        XCTAssertEqual(try ManifestStore.load(directory: "dir", fileName: "appendonly.aof", fs: memory), m)
    }

    func testPersistOnRealFileSystem() throws {
        let fs = SystemFileSystem()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quill-manifest-\(UUID().uuidString)").path
        try fs.makeDirectory(dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let m = manifest(incrs: 1)
        try ManifestStore.persist(m, directory: dir, fileName: "appendonly.aof", fs: fs)
        XCTAssertEqual(try ManifestStore.load(directory: dir, fileName: "appendonly.aof", fs: fs), m)
        XCTAssertFalse(fs.exists(dir + "/temp-appendonly.aof.manifest"))
        XCTAssertEqual(String(decoding: try fs.readAll(dir + "/appendonly.aof.manifest"), as: UTF8.self),
                       "file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n")
    }
}
