// One rewrite of the log without fork: the engine hands a snapshot of the keyspace (a copy
// of the Keyspace value: its tables and large values share storage with the live data until
// the engine writes to them) to a thread of its own, which writes it as a RESP base to
// `temp-rewriteaof-<pid>.aof` in `dir`, fsyncing every 4 MB, then renames it to
// `temp-rewriteaof-bg-<pid>.aof`, the name the engine installs as the next base.
//
// The snapshot is released on this thread too: dropping millions of keys takes long enough
// to be a pause of its own.
//
// Stopping is synchronous, as Redis's killAppendOnlyChild waits for the child: `cancel`
// returns once the thread has closed and removed its files, so no later rewrite (which
// uses the same names) can meet them. The thread looks at the flag between pieces of
// output; with rdb-key-save-delay a piece is one command, so a held rewrite stops within
// one key's delay and its keys-processed count moves key by key.

import Dispatch
import Logging
import NIOConcurrencyHelpers
import QuillCommands
import QuillStore

#if canImport(Glibc)
import Glibc
#endif

final class BackgroundRewrite: Sendable {
    enum Outcome: Sendable { case success, failure, cancelled }

    let tempName: String
    let finishedName: String
    let startedMilliseconds: Int64
    let keysTotal: Int
    private let cancelled = NIOLockedValueBox(false)
    private let processed = NIOLockedValueBox(0)
    /// Signalled once the thread is done with its files.
    private let stopped = DispatchSemaphore(value: 0)

    var keysProcessed: Int { processed.withLockedValue { $0 } }

    init(keysTotal: Int) {
        let pid = getpid()
        tempName = AOFFileNames.tempRewrite(pid: pid)
        finishedName = AOFFileNames.tempRewriteBackground(pid: pid)
        startedMilliseconds = MonotonicClock.milliseconds()
        self.keysTotal = keysTotal
    }

    /// Stops the thread and waits until it has removed its files.
    func cancel() {
        cancelled.withLockedValue { $0 = true }
        stopped.wait()
        stopped.signal()
    }

    /// Writes the snapshot on a thread of its own and reports the outcome through `done`.
    /// `pieceBytes` is how much output goes between two looks at the cancel flag.
    func start(writer: RESPBaseWriter, pieceBytes: Int, incrementalFsync: Bool, fileSystem: any AOFFileSystem,
               logger: Logger, done: @escaping @Sendable (Outcome) -> Void) {
        DispatchQueue(label: "quill.aof.rewrite").async {
            var writer = writer
            var outcome = self.write(&writer, pieceBytes: pieceBytes, incrementalFsync: incrementalFsync,
                                     fs: fileSystem, logger: logger)
            if self.cancelled.withLockedValue({ $0 }) { outcome = .cancelled }
            if outcome != .success {
                try? fileSystem.unlink(self.tempName)
                try? fileSystem.unlink(self.finishedName)
            }
            self.stopped.signal()
            writer = RESPBaseWriter(keyspace: Keyspace(databaseCount: 1), timestampSeconds: nil)
            done(outcome)
        }
    }

    private func write(_ writer: inout RESPBaseWriter, pieceBytes: Int, incrementalFsync: Bool,
                       fs: any AOFFileSystem, logger: Logger) -> Outcome {
        do throws(FileError) {
            let finished = try Self.writeBaseFile(&writer, to: tempName, pieceBytes: pieceBytes,
                                                  incrementalFsync: incrementalFsync, fs: fs, logger: logger,
                                                  stop: { cancelled.withLockedValue { $0 } },
                                                  progress: { done in processed.withLockedValue { $0 = done } })
            guard finished else { return .cancelled }
            try fs.rename(tempName, finishedName)
        } catch {
            return .failure
        }
        logger.notice("Successfully created the temporary AOF base file \(finishedName)")
        return .success
    }

    /// Writes the base `writer` produces to `path` and fsyncs it (also every 4 MB with
    /// `incrementalFsync`); false when `stop` said so between pieces. A failure is logged
    /// with Redis's lines and thrown; the caller removes the file.
    static func writeBaseFile(_ writer: inout RESPBaseWriter, to path: String, pieceBytes: Int,
                              incrementalFsync: Bool, fs: any AOFFileSystem, logger: Logger,
                              stop: () -> Bool = { false }, progress: (Int) -> Void = { _ in }) throws(FileError) -> Bool {
        let fd: Int32
        do {
            fd = try fs.open(path, .truncate)
        } catch {
            logger.warning("Opening the temp file for AOF rewrite in rewriteAppendOnlyFile(): \(error)")
            throw error
        }
        defer { fs.close(fd) }
        var chunk: [UInt8] = []
        var sinceSync = 0
        var more = true
        do throws(FileError) {
            while more {
                if stop() { return false }
                chunk.removeAll(keepingCapacity: true)
                more = writer.writeNext(into: &chunk, chunkBytes: pieceBytes)
                try fs.writeAll(fd, chunk)
                sinceSync += chunk.count
                if incrementalFsync && sinceSync >= rewriteAutosyncBytes {
                    try fs.fsync(fd)
                    sinceSync = 0
                }
                progress(writer.keysProcessed)
            }
            try fs.fsync(fd)
        } catch {
            logger.warning("Write error writing append only file on disk: \(error)")
            throw error
        }
        return true
    }

    /// Redis's REDIS_AUTOSYNC_BYTES: the rewrite fsyncs this often with aof-rewrite-incremental-fsync.
    static let rewriteAutosyncBytes = 4 * 1024 * 1024
}
