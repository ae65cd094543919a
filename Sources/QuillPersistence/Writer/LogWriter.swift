// The writer thread of the append-only file: what Redis's flushAppendOnlyFile does in the
// main thread and bio.c's BIO_AOF_FSYNC job does in the background, moved off the engine.
//
// The engine hands over the records of each event-loop batch (`submit`); this thread writes
// everything handed over since its last write with one write(2), then, by policy: under
// `always` fsyncs at once (group commit: one fsync covers every batch that queued up while
// the previous one ran), under `everysec` has the fsync thread run one about once a second,
// under `no` leaves it to the kernel. Progress goes back to the engine as a `WriterReport`;
// replies are released from it, so no reply reflects a write the file does not have yet.
//
// Under `everysec` and `no`, a batch is written on the engine's thread instead
// (`writeInline`) when nothing else is in flight: no fsync running, no earlier records
// queued, no failure being retried, no control pending. That is Redis's write(2) in
// beforeSleep: the page-cache write costs a few microseconds, where the hand-over to this
// thread and the report back cost two thread wake-ups per batch, and the batch's replies
// waited for both. Whoever writes owns the file state below (`Shared.fileOwned`), so the
// two paths never interleave and records keep their order. A page-cache write can still
// stall behind the disk (a journal commit, dirty-page throttling); after an inline write
// that took `slowInlineWriteMilliseconds` or more, the thread takes every batch for a
// second, so the engine stalls at most once a second on a congested disk.
//
// Failures are survived, never fatal. A failed write keeps the bytes and retries every
// second (a short write is first cut back to the last whole record). A failed fsync means
// the kernel may have dropped the unsynced pages, so the file is not trusted past the last
// good fsync: it is cut back there, and the records since then, which this thread keeps,
// are written to a fresh incr file that the manifest then lists.

import Dispatch
import Logging
import NIOConcurrencyHelpers
import QuillCommands

#if canImport(Glibc)
import Glibc
#endif

/// What the engine learns after each step of the writer.
public struct WriterReport: Sendable {
    /// Log position written to the file.
    public var writtenOffset: Int64 = 0
    /// Log position made durable.
    public var syncedOffset: Int64 = 0
    /// The last write failed (Redis's aof_last_write_status / errno).
    public var writeError: FileError?
    /// The last fsync failed and the log has not yet been moved to a fresh file.
    public var fsyncError: FileError?
    /// Replies that waited for an fsync that failed, up to this position, must get MISCONF.
    public var failedSyncEnd: Int64 = 0
    /// Bytes written since the writer started (for aof_current_size).
    public var bytesWritten: Int64 = 0
    /// aof_delayed_fsync
    public var delayedFsyncs = 0
    /// An fsync is running on the fsync thread (aof_pending_bio_fsync).
    public var fsyncPending = false
    /// Bytes handed over and not yet written (aof_buffer_length).
    public var queuedBytes = 0
    /// Samples for the latency monitor: event name and milliseconds.
    public var latencySamples: [(String, Int)] = []
    /// The manifest after the writer changed it (a new incr file, a finished rewrite).
    public var manifest: AOFManifest?
    /// Control operations finished since the last report, by id, with their failure if any.
    public var finishedControls: [(id: Int, error: FileError?)] = []
    /// The writer that made the report, and its count of reports so far: reports written
    /// inline and reports sent from the writer thread reach the engine by different ways,
    /// so the engine keeps the state of the newest one only.
    public var generation = 0
    public var sequence = 0

    public init(generation: Int = 0) {
        self.generation = generation
    }
}

/// Work on the log's files that must happen at an exact place in the stream of records.
public enum LogControl: Sendable {
    /// Fsyncs and closes the current incr file and continues in a new one named by the
    /// manifest's next incr sequence (a rewrite starts: its snapshot holds everything before).
    case openNextIncr
    /// Changes the files and the manifest (a finished rewrite installs its base); the
    /// manifest is persisted after the change. The change also gets the sequence of the incr
    /// file the last `openNextIncr` started (0 if none, or if that switch failed): the first
    /// one a rewrite must keep.
    case changeManifest(ManifestChange)
}

public typealias ManifestChange = @Sendable (inout AOFManifest, any AOFFileSystem, Int64) throws(FileError) -> Void

public final class LogWriter: @unchecked Sendable {
    /// Where the log goes; the manifest changes when a failed fsync moves the log to a new file.
    public struct Target: Sendable {
        public var directory: String
        public var names: AOFFileNames
        public var manifest: AOFManifest
        public var fd: Int32
        /// Size of the current incr file.
        public var incrSize: Int64
        public init(directory: String, names: AOFFileNames, manifest: AOFManifest, fd: Int32, incrSize: Int64) {
            self.directory = directory
            self.names = names
            self.manifest = manifest
            self.fd = fd
            self.incrSize = incrSize
        }
    }

    /// State shared with the engine's thread, under `condition`; the value is 1 when the
    /// writer has something to look at.
    private struct Shared {
        var queue: [UInt8] = []
        var queueEnd: Int64 = 0
        var queueStartDatabase: Int?
        var policy: AppendFsyncPolicy
        var skipFsync = false
        var flushSleepMicroseconds = 0
        var stopRequested = false
        var fsyncRunning = false
        var fsyncResult: (end: Int64, size: Int64, error: FileError?)?
        var drainWaiters: [DispatchSemaphore] = []
        /// Control operations, each after the records up to its log position.
        var controls: [(id: Int, after: Int64, control: LogControl)] = []
        /// The writer thread or an inline write is using the state owned by the writer.
        var fileOwned = false
    }

    private let condition = ConditionLock(value: 0)
    private var shared: Shared
    private let fs: any AOFFileSystem
    private let logger: Logger
    private let report: @Sendable (WriterReport) -> Void
    private let fsyncQueue = DispatchQueue(label: "quill.aof.fsync")
    private let stopped = DispatchSemaphore(value: 0)

    // Owned by whoever holds `Shared.fileOwned`: the writer thread, or an inline write.
    private var target: Target
    private var progress = WriterReport()
    /// Records written since the last good fsync, and the database selected where they start.
    private var unsynced: [UInt8] = []
    private var unsyncedStartDatabase: Int?
    private var syncedIncrSize: Int64
    /// Bytes handed over but not yet written because the last write failed.
    private var carried: [UInt8] = []
    private var carriedEnd: Int64 = 0
    private var carriedStartDatabase: Int?
    private var lastFsyncMilliseconds: Int64
    private var lastRetryMilliseconds: Int64 = 0
    private var postponedSinceMilliseconds: Int64 = 0
    private var lastErrorLogMilliseconds: Int64 = 0
    private var pendingControls: [(id: Int, after: Int64, control: LogControl)] = []
    private var lastOpenedIncrSequence: Int64 = 0
    /// No inline write before this time: the last one was slow.
    private var inlinePausedUntilMilliseconds: Int64 = 0

    /// Wall time, so it also counts the engine's thread being preempted during the write;
    /// 2 ms tripped several times a second under load on a 2-core machine, where a busy
    /// client takes the CPU for a scheduler slice of a few milliseconds.
    static let slowInlineWriteMilliseconds: Int64 = 10

    public init(target: Target, startOffset: Int64, policy: AppendFsyncPolicy, fileSystem: any AOFFileSystem,
                logger: Logger, generation: Int = 0, report: @escaping @Sendable (WriterReport) -> Void) {
        self.target = target
        self.fs = fileSystem
        self.logger = logger
        self.report = report
        self.shared = Shared(queueEnd: startOffset, policy: policy)
        self.syncedIncrSize = target.incrSize
        self.lastFsyncMilliseconds = MonotonicClock.milliseconds()
        progress.generation = generation
        progress.writtenOffset = startOffset
        progress.syncedOffset = startOffset
        DispatchQueue(label: "quill.aof.writer").async { self.run() }
    }

    // MARK: Engine side (any thread)

    /// Hands over the records of one batch; `endOffset` is the log position after them and
    /// `startDatabase` the database selected where they begin.
    public func submit(_ bytes: [UInt8], endOffset: Int64, startDatabase: Int?) {
        condition.lock()
        if shared.queue.isEmpty {
            shared.queue = bytes
            shared.queueStartDatabase = startDatabase
        } else {
            shared.queue.append(contentsOf: bytes)
        }
        shared.queueEnd = endOffset
        condition.unlock(withValue: 1)
    }

    /// Writes one batch on the calling thread and returns the report at once, when the
    /// policy is `everysec` or `no` and nothing is in flight; nil when the batch must be
    /// handed over with `submit` instead.
    public func writeInline(_ bytes: [UInt8], endOffset: Int64, startDatabase: Int?) -> WriterReport? {
        condition.lock()
        let policy = shared.policy
        guard policy != .always, !shared.fileOwned, shared.queue.isEmpty, shared.controls.isEmpty,
              !shared.fsyncRunning, shared.fsyncResult == nil, shared.drainWaiters.isEmpty,
              !shared.stopRequested, shared.flushSleepMicroseconds == 0 else {
            condition.unlock()
            return nil
        }
        shared.fileOwned = true
        // Handed over from here on, whether the write succeeds or is left to the retries: a
        // control performed next belongs after these records.
        shared.queueEnd = endOffset
        let skipFsync = shared.skipFsync
        condition.unlock()
        let started = MonotonicClock.milliseconds()
        guard carried.isEmpty, pendingControls.isEmpty, progress.writeError == nil, progress.fsyncError == nil,
              started >= inlinePausedUntilMilliseconds else {
            releaseFileAfterInlineWrite()
            return nil
        }
        carried = bytes
        carriedEnd = endOffset
        carriedStartDatabase = startDatabase
        writeCarried(fsyncRunning: false)
        let now = MonotonicClock.milliseconds()
        if now - started >= Self.slowInlineWriteMilliseconds {
            inlinePausedUntilMilliseconds = now + 1000
        }
        if progress.writeError == nil && !skipFsync {
            syncIfDue(policy: policy, forced: false, fsyncRunning: false, now: now)
        }
        progress.queuedBytes = carried.count
        let report = takeReport()
        releaseFileAfterInlineWrite()
        return report
    }

    /// An inline write gives the file state back. The writer thread may have woken and gone
    /// back to sleep meanwhile, so it is woken again if anything waits for it, including
    /// the bytes of a failed inline write, which it retries.
    private func releaseFileAfterInlineWrite() {
        condition.lock()
        shared.fileOwned = false
        let work = !carried.isEmpty || !shared.queue.isEmpty || !shared.controls.isEmpty || shared.fsyncResult != nil
            || !shared.drainWaiters.isEmpty || shared.stopRequested
        if work {
            condition.unlock(withValue: 1)
        } else {
            condition.unlock()
        }
    }

    /// Runs `control` once every record handed over so far is written; its outcome comes back
    /// in a report's `finishedControls` under `id`.
    public func perform(_ control: LogControl, id: Int) {
        condition.lock()
        shared.controls.append((id, shared.queueEnd, control))
        condition.unlock(withValue: 1)
    }

    public func setPolicy(_ policy: AppendFsyncPolicy) {
        condition.lock()
        shared.policy = policy
        condition.unlock(withValue: 1)
    }

    /// `no-appendfsync-on-rewrite` while a rewrite runs: no fsync at all.
    public func setSkipFsync(_ skip: Bool) {
        condition.lock()
        shared.skipFsync = skip
        condition.unlock(withValue: 1)
    }

    public func setFlushSleep(microseconds: Int) {
        condition.lock()
        shared.flushSleepMicroseconds = microseconds
        condition.unlock(withValue: 1)
    }

    /// Blocks until everything handed over is written and fsynced (or has failed): SHUTDOWN,
    /// turning the log off, DEBUG LOADAOF.
    public func drain() {
        let done = DispatchSemaphore(value: 0)
        condition.lock()
        shared.drainWaiters.append(done)
        condition.unlock(withValue: 1)
        done.wait()
    }

    /// Drains, stops the thread and closes the file.
    public func stop() {
        drain()
        condition.lock()
        shared.stopRequested = true
        condition.unlock(withValue: 1)
        stopped.wait()
    }

    // MARK: Writer thread

    private func run() {
        while true {
            if !condition.lock(whenValue: 1, timeoutSeconds: 0.1) { condition.lock() }
            if shared.fileOwned {
                // An inline write is running; it wakes this thread if it leaves work behind.
                condition.unlock(withValue: 0)
                continue
            }
            shared.fileOwned = true
            defer {
                condition.lock()
                shared.fileOwned = false
                condition.unlock()
            }
            var batch = shared.queue
            let batchEnd = shared.queueEnd
            let batchStartDatabase = shared.queueStartDatabase
            shared.queue = []
            shared.queueStartDatabase = nil
            let policy = shared.policy
            let skipFsync = shared.skipFsync
            let flushSleep = shared.flushSleepMicroseconds
            let stopRequested = shared.stopRequested
            let waiters = shared.drainWaiters
            shared.drainWaiters = []
            let finishedFsync = shared.fsyncResult
            shared.fsyncResult = nil
            let fsyncRunning = shared.fsyncRunning
            pendingControls += shared.controls
            shared.controls = []
            condition.unlock(withValue: 0)

            if let finishedFsync { absorbBackgroundFsync(finishedFsync) }
            if !batch.isEmpty {
                if carried.isEmpty {
                    carriedStartDatabase = batchStartDatabase
                    carried = batch
                } else {
                    carried.append(contentsOf: batch)
                }
                carriedEnd = batchEnd
                batch = []
            }
            let now = MonotonicClock.milliseconds()
            if progress.fsyncError != nil && now - lastRetryMilliseconds >= 1000 {
                lastRetryMilliseconds = now
                moveToFreshIncrFile()
            }
            let forced = !waiters.isEmpty || stopRequested
            if !carried.isEmpty && progress.fsyncError == nil
                && (progress.writeError == nil || forced || now - lastRetryMilliseconds >= 1000) {
                if progress.writeError != nil { lastRetryMilliseconds = now }
                if !forced && policy == .everysec && fsyncRunning && !mayWriteDespitePendingFsync(now) {
                    publish()
                    continue
                }
                postponedSinceMilliseconds = 0
                if flushSleep > 0 { usleep(UInt32(flushSleep)) }
                writeCarried(fsyncRunning: fsyncRunning)
            }
            while runDueControls(fsyncRunning: fsyncRunning) && !carried.isEmpty && progress.writeError == nil {
                writeCarried(fsyncRunning: false)
            }
            if progress.writeError == nil && progress.fsyncError == nil && !skipFsync {
                syncIfDue(policy: policy, forced: forced, fsyncRunning: fsyncRunning, now: now)
            }
            if forced && fsyncRunning { waitForBackgroundFsync() }
            publish()
            for waiter in waiters { waiter.signal() }
            if stopRequested {
                fs.close(target.fd)
                stopped.signal()
                return
            }
        }
    }

    /// Redis's everysec rule: while a background fsync runs, a write may wait up to 2 s
    /// (a write(2) behind a slow fsync would block anyway); after that it goes ahead, counted.
    private func mayWriteDespitePendingFsync(_ now: Int64) -> Bool {
        if postponedSinceMilliseconds == 0 {
            postponedSinceMilliseconds = now
            return false
        }
        if now - postponedSinceMilliseconds < 2000 { return false }
        progress.delayedFsyncs += 1
        logger.notice("Asynchronous AOF fsync is taking too long (disk is busy?). Writing the AOF buffer without waiting for fsync to complete, this may slow down Redis.")
        return true
    }

    /// Controls run in order, each once the records before it are written; the records
    /// handed over after a control stay queued behind it.
    @discardableResult
    private func runDueControls(fsyncRunning: Bool) -> Bool {
        var ran = false
        while let next = pendingControls.first, progress.fsyncError == nil, progress.writtenOffset >= next.after {
            ran = true
            pendingControls.removeFirst()
            var failure: FileError?
            switch next.control {
            case .openNextIncr:
                failure = openNextIncr(fsyncRunning: fsyncRunning)
            case .changeManifest(let change):
                var manifest = target.manifest
                do throws(FileError) {
                    try change(&manifest, fs, lastOpenedIncrSequence)
                    try ManifestStore.persist(manifest, directory: target.directory, fileName: target.names.fileName, fs: fs)
                    target.manifest = manifest
                    progress.manifest = manifest
                } catch {
                    failure = error
                }
            }
            progress.finishedControls.append((next.id, failure))
        }
        return ran
    }

    private func openNextIncr(fsyncRunning: Bool) -> FileError? {
        // A failed switch leaves no incr file for the rewrite to keep from.
        lastOpenedIncrSequence = 0
        if fsyncRunning { waitForBackgroundFsync() }
        if target.incrSize != syncedIncrSize { syncNow() }
        if let error = progress.fsyncError { return error }
        do throws(FileError) {
            let name = try continueInNewIncr(startingWith: [])
            lastOpenedIncrSequence = target.manifest.currentIncrSequence
            logger.notice("Creating AOF incr file \(name) on background rewrite")
            return nil
        } catch {
            logger.warning("Can't open the next append-only incr file: \(error)")
            return error
        }
    }

    /// Creates the manifest's next incr file holding `content` (fsynced), persists the
    /// manifest that lists it and makes it the file the log goes on in; on failure nothing
    /// changes. Returns the new file's name.
    private func continueInNewIncr(startingWith content: [UInt8]) throws(FileError) -> String {
        var manifest = target.manifest
        let name = manifest.startNewIncr(names: target.names)
        let path = AOFFileNames.path(target.directory, name)
        let fd = try fs.open(path, .truncate)
        do throws(FileError) {
            if !content.isEmpty {
                try fs.writeAll(fd, content)
                try fs.fsync(fd)
            }
            try fs.fsyncDirectory(target.directory)
            try ManifestStore.persist(manifest, directory: target.directory, fileName: target.names.fileName, fs: fs)
        } catch {
            fs.close(fd)
            try? fs.unlink(path)
            throw error
        }
        fs.close(target.fd)
        target.fd = fd
        target.manifest = manifest
        target.incrSize = Int64(content.count)
        syncedIncrSize = target.incrSize
        unsynced = []
        progress.manifest = manifest
        return name
    }

    private func writeCarried(fsyncRunning: Bool) {
        // Records handed over after a pending control belong after it: write up to it only.
        var count = carried.count
        if let control = pendingControls.first, control.after < carriedEnd {
            count = Int(control.after - progress.writtenOffset)
        }
        guard count > 0 else { return }
        let started = MonotonicClock.milliseconds()
        var written = 0
        var failure: FileError?
        carried.withUnsafeBytes { whole in
            let raw = UnsafeRawBufferPointer(rebasing: whole[0..<count])
            while written < raw.count {
                do throws(FileError) {
                    let n = try fs.write(target.fd, UnsafeRawBufferPointer(rebasing: raw[written...]))
                    if n <= 0 { failure = FileError(code: ENOSPC); break }
                    written += n
                } catch {
                    failure = error
                    break
                }
            }
        }
        let elapsed = Int(MonotonicClock.milliseconds() - started)
        if elapsed > 0 {
            progress.latencySamples.append(("aof-write", elapsed))
            progress.latencySamples.append((fsyncRunning ? "aof-write-pending-fsync" : "aof-write-alone", elapsed))
        }
        if let failure {
            handleWriteFailure(failure, written: written)
            return
        }
        if progress.writeError != nil {
            logger.warning("AOF write error looks solved, Redis can write again.")
            progress.writeError = nil
        }
        acceptWritten(count)
        if unsynced.isEmpty { unsyncedStartDatabase = carriedStartDatabase }
        unsynced.append(contentsOf: carried[0..<count])
        progress.writtenOffset += Int64(count)
        if count == carried.count {
            carried = []
        } else {
            carried.removeFirst(count)
            // The records after a rewrite's switch start with their own SELECT.
            carriedStartDatabase = nil
        }
    }

    private func acceptWritten(_ count: Int) {
        target.incrSize += Int64(count)
        progress.bytesWritten += Int64(count)
    }

    /// Redis's write-error handling, minus the exit: a partial write is cut back to the last
    /// whole record so the file stays loadable; the bytes stay queued for the retry.
    private func handleWriteFailure(_ failure: FileError, written: Int) {
        let now = MonotonicClock.milliseconds()
        let shouldLog = now - lastErrorLogMilliseconds >= 30_000 || progress.writeError == nil
        var error = failure
        if written > 0 {
            if shouldLog {
                logger.warning("Short write while writing to the AOF file: (nwritten=\(written), expected=\(carried.count))")
            }
            do {
                try fs.truncate(target.fd, to: target.incrSize)
            } catch let truncateError {
                if shouldLog {
                    logger.warning("Could not remove short write from the append-only file.  Redis may refuse to load the AOF the next time it starts.  ftruncate: \(truncateError)")
                }
                // The prefix stays in the file: it counts as written, and only the rest is retried.
                acceptWritten(written)
                if unsynced.isEmpty { unsyncedStartDatabase = carriedStartDatabase }
                unsynced.append(contentsOf: carried[0..<written])
                carried.removeFirst(written)
            }
            error = FileError(code: ENOSPC)
        } else if shouldLog {
            logger.warning("Error writing to the AOF file: \(failure)")
        }
        if shouldLog { lastErrorLogMilliseconds = now }
        if progress.writeError == nil { lastRetryMilliseconds = now }
        progress.writeError = error
    }

    private func syncIfDue(policy: AppendFsyncPolicy, forced: Bool, fsyncRunning: Bool, now: Int64) {
        guard target.incrSize != syncedIncrSize || progress.syncedOffset != progress.writtenOffset else { return }
        switch policy {
        case .always:
            syncNow()
        case .everysec:
            if forced {
                if !fsyncRunning { syncNow() }
            } else if now - lastFsyncMilliseconds >= 1000 && !fsyncRunning {
                startBackgroundFsync()
                lastFsyncMilliseconds = now
            }
        case .no:
            if forced { syncNow() }
        }
    }

    private func syncNow() {
        let started = MonotonicClock.milliseconds()
        do {
            try fs.fsync(target.fd)
            let elapsed = Int(MonotonicClock.milliseconds() - started)
            if elapsed > 0 { progress.latencySamples.append(("aof-fsync-always", elapsed)) }
            markSynced(end: progress.writtenOffset, size: target.incrSize)
        } catch {
            fsyncFailed(error)
        }
        lastFsyncMilliseconds = MonotonicClock.milliseconds()
    }

    private func startBackgroundFsync() {
        let fd = target.fd
        let end = progress.writtenOffset
        let size = target.incrSize
        condition.lock()
        shared.fsyncRunning = true
        condition.unlock()
        progress.fsyncPending = true
        fsyncQueue.async {
            var failure: FileError?
            do throws(FileError) { try self.fs.fsync(fd) } catch { failure = error }
            self.condition.lock()
            self.shared.fsyncRunning = false
            self.shared.fsyncResult = (end, size, failure)
            self.condition.unlock(withValue: 1)
        }
    }

    private func waitForBackgroundFsync() {
        fsyncQueue.sync {}
        condition.lock()
        let result = shared.fsyncResult
        shared.fsyncResult = nil
        condition.unlock()
        if let result { absorbBackgroundFsync(result) }
        if progress.fsyncError == nil && target.incrSize != syncedIncrSize { syncNow() }
    }

    private func absorbBackgroundFsync(_ result: (end: Int64, size: Int64, error: FileError?)) {
        progress.fsyncPending = false
        if let error = result.error {
            fsyncFailed(error)
        } else if progress.fsyncError == nil {
            markSynced(end: result.end, size: result.size)
        }
    }

    private func markSynced(end: Int64, size: Int64) {
        let dropped = Int(size - syncedIncrSize)
        if dropped > 0 && dropped <= unsynced.count {
            unsynced.removeFirst(dropped)
        }
        syncedIncrSize = size
        progress.syncedOffset = max(progress.syncedOffset, end)
    }

    private func fsyncFailed(_ error: FileError) {
        if progress.fsyncError == nil {
            logger.warning("Fail to fsync the AOF file: \(error)")
            logger.warning("The records since the last successful fsync are kept in memory and will be written to a new AOF incr file.")
        }
        progress.fsyncError = error
        progress.failedSyncEnd = progress.writtenOffset
        lastRetryMilliseconds = MonotonicClock.milliseconds()
    }

    /// After a failed fsync: cut the current file back to what is known durable, write the
    /// records since then to a new incr file, fsync it, and list it in the manifest. Any
    /// failure leaves things as they were, for the next retry.
    private func moveToFreshIncrFile() {
        do throws(FileError) {
            try fs.truncate(target.fd, to: syncedIncrSize)
            try fs.fsync(target.fd)
            var content: [UInt8] = []
            if let db = unsyncedStartDatabase {
                content = EffectLog.selectRecord(db)
            }
            content.append(contentsOf: unsynced)
            let name = try continueInNewIncr(startingWith: content)
            progress.syncedOffset = progress.writtenOffset
            progress.fsyncError = nil
            logger.warning("AOF fsync error recovered: the records since the last successful fsync were written to \(name), Redis can write again.")
        } catch {
            logger.warning("Unable to move the AOF to a new incr file after an fsync error: \(error.context ?? error.description)")
        }
    }

    private func publish() {
        condition.lock()
        progress.queuedBytes = shared.queue.count + carried.count
        condition.unlock()
        report(takeReport())
    }

    /// The progress so far as the next report; the events it carries are not sent twice.
    private func takeReport() -> WriterReport {
        progress.sequence += 1
        let report = progress
        progress.latencySamples = []
        progress.manifest = nil
        progress.finishedControls = []
        return report
    }
}
