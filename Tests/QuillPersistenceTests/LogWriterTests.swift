// LogWriter on an in-memory file system: a batch written inline on the caller's thread
// (everysec and no, nothing in flight) and the writer thread's path, their order, and the
// hand-over to the thread after a failed or slow inline write.

import Logging
import NIOConcurrencyHelpers
import QuillCommands
import XCTest
@testable import QuillPersistence

#if canImport(Glibc)
import Glibc
#endif

final class LogWriterTests: XCTestCase {
    private let directory = "log"
    private let incr = "log/appendonly.aof.1.incr.aof"
    private var memory = MemoryFileSystem()
    private var files: FaultInjectingFileSystem!
    private let reports = NIOLockedValueBox<[WriterReport]>([])

    override func setUpWithError() throws {
        memory = MemoryFileSystem()
        files = FaultInjectingFileSystem(wrapping: memory)
        try files.makeDirectory(directory)
    }

    private func makeWriter(policy: AppendFsyncPolicy) throws -> LogWriter {
        let names = AOFFileNames(fileName: "appendonly.aof")
        var manifest = AOFManifest()
        _ = manifest.lastIncrOrNew(names: names)
        let fd = try files.open(incr, .append)
        let target = LogWriter.Target(directory: directory, names: names, manifest: manifest, fd: fd, incrSize: 0)
        let box = reports
        return LogWriter(target: target, startOffset: 0, policy: policy, fileSystem: files,
                         logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), generation: 7) { report in
            box.withLockedValue { $0.append(report) }
        }
    }

    private func record(_ text: String) -> [UInt8] {
        Array("*1\r\n$\(text.utf8.count)\r\n\(text)\r\n".utf8)
    }

    private func waitForReport(_ predicate: (WriterReport) -> Bool, seconds: Double = 5) -> WriterReport? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let found = reports.withLockedValue({ $0.last(where: predicate) }) { return found }
            usleep(2_000)
        }
        return nil
    }

    /// `second` follows `first`: the inline write must refuse it, and once submitted the
    /// writer thread writes it behind `first`, as the engine's hand-over relies on.
    private func checkThreadTakesBatch(_ writer: LogWriter, after first: [UInt8], _ second: [UInt8],
                                       _ message: String) throws {
        let end = Int64(first.count + second.count)
        XCTAssertNil(writer.writeInline(second, endOffset: end, startDatabase: 0), message)
        writer.submit(second, endOffset: end, startDatabase: 0)
        XCTAssertNotNil(waitForReport { $0.writtenOffset == end })
        XCTAssertEqual(try memory.readAll(incr), first + second)
    }

    func testAnEverysecBatchIsWrittenInlineAndReportedAtOnce() throws {
        let writer = try makeWriter(policy: .everysec)
        defer { writer.stop() }
        let first = record("one")
        let report = try XCTUnwrap(writer.writeInline(first, endOffset: Int64(first.count), startDatabase: 0))
        XCTAssertEqual(report.writtenOffset, Int64(first.count))
        XCTAssertEqual(report.generation, 7)
        XCTAssertNil(report.writeError)
        XCTAssertEqual(try memory.readAll(incr), first, "the bytes are in the file when the call returns")
        let second = record("two")
        let next = try XCTUnwrap(writer.writeInline(second, endOffset: Int64(first.count + second.count), startDatabase: 0))
        XCTAssertGreaterThan(next.sequence, report.sequence, "each report is newer than the one before")
        XCTAssertEqual(try memory.readAll(incr), first + second)
    }

    func testAlwaysNeverWritesInline() throws {
        let writer = try makeWriter(policy: .always)
        defer { writer.stop() }
        let bytes = record("one")
        XCTAssertNil(writer.writeInline(bytes, endOffset: Int64(bytes.count), startDatabase: 0))
        writer.submit(bytes, endOffset: Int64(bytes.count), startDatabase: 0)
        let synced = waitForReport { $0.syncedOffset == Int64(bytes.count) }
        XCTAssertNotNil(synced, "the writer thread writes and fsyncs what was submitted")
    }

    func testAnInlineWriteNeverOvertakesRecordsTheThreadStillHolds() throws {
        let writer = try makeWriter(policy: .everysec)
        defer { writer.stop() }
        // The thread sleeps 200 ms before writing the first batch; the sleep is switched
        // off once the thread has taken the batch, so only the thread's hold on the file
        // (or the batch still queued) can refuse the inline write.
        writer.setFlushSleep(microseconds: 200_000)
        let first = record("first")
        writer.submit(first, endOffset: Int64(first.count), startDatabase: 0)
        usleep(50_000)
        writer.setFlushSleep(microseconds: 0)
        try checkThreadTakesBatch(writer, after: first, record("second"), "the thread holds the first batch")
    }

    func testASlowInlineWriteHandsTheNextBatchesToTheThread() throws {
        let writer = try makeWriter(policy: .everysec)
        defer { writer.stop() }
        files.inject(.slow, on: .write, count: 1)
        let first = record("slow")
        let report = try XCTUnwrap(writer.writeInline(first, endOffset: Int64(first.count), startDatabase: 0))
        XCTAssertEqual(report.writtenOffset, Int64(first.count), "the slow write itself completes inline")
        try checkThreadTakesBatch(writer, after: first, record("after"),
                                  "after a slow write the engine's thread stays off the disk for a while")
    }

    func testAFailedInlineWriteIsRetriedByTheWriterThread() throws {
        let writer = try makeWriter(policy: .no)
        defer { writer.stop() }
        files.inject(.error(ENOSPC), on: .write, count: 1)
        let bytes = record("kept")
        let failed = try XCTUnwrap(writer.writeInline(bytes, endOffset: Int64(bytes.count), startDatabase: 0))
        XCTAssertEqual(failed.writeError, FileError(code: ENOSPC))
        XCTAssertEqual(failed.writtenOffset, 0)
        XCTAssertEqual(failed.queuedBytes, bytes.count, "the bytes stay queued for the retry")
        let more = record("more")
        let end = Int64(bytes.count + more.count)
        XCTAssertNil(writer.writeInline(more, endOffset: end, startDatabase: 0), "no inline write while a retry is due")
        writer.submit(more, endOffset: end, startDatabase: 0)
        let recovered = waitForReport { $0.writeError == nil && $0.writtenOffset == end }
        XCTAssertNotNil(recovered, "the thread's retry writes both batches once the disk has room")
        XCTAssertEqual(try memory.readAll(incr), bytes + more)
        let last = record("last")
        XCTAssertNotNil(writer.writeInline(last, endOffset: end + Int64(last.count), startDatabase: 0),
                        "inline writes resume after the recovery")
    }
}
