// The rewrite flow of Redis 7's multi-part AOF, without fork (rewriteAppendOnlyFileBackground
// and backgroundRewriteDoneHandler in aof.c): at the start the log moves to a new incr file
// and a snapshot of the keyspace is taken, both at the same log position; a background
// thread writes the snapshot as the next base; on success the base is installed, the older
// base and incr files become history and are deleted. Failures count, and automatic retries
// back off after three in a row. Triggers: BGREWRITEAOF, the growth rule, a scheduled retry.

import Logging
import NIOConcurrencyHelpers
import QuillCommands
import QuillStore

#if canImport(Glibc)
import Glibc
#endif

extension AppendOnlyFile {
    public func requestRewrite(inTransaction: Bool) -> RewriteRequestResult {
        if rewrite != nil { return .alreadyRunning }
        if inTransaction {
            rewriteScheduled = true
            consecutiveRewriteFailures = 0
            return .scheduled
        }
        return startRewrite() ? .started : .failed
    }

    public var isRewriting: Bool { rewrite != nil }

    /// Starts a rewrite now; false when it could not start (logged).
    @discardableResult
    func startRewrite() -> Bool {
        guard rewrite == nil else { return false }
        do {
            try fileSystem.makeDirectory(directory)
        } catch {
            logger.warning("Can't open or create append-only dir \(directory): \(error)")
            return false
        }
        if waitingForFirstRewrite && writer == nil && !openTemporaryIncr() { return false }
        let snapshotStarted = MonotonicClock.microseconds()
        let snapshot = engine.keyspace
        let keysTotal = snapshot.databases.reduce(0) { $0 + $1.count }
        let job = BackgroundRewrite(keysTotal: keysTotal)
        if let writer, !waitingForFirstRewrite {
            handOff()
            engine.effectLog.selectedDatabase = nil
            nextControlID += 1
            // Without the switch the current incr file holds records the snapshot holds too:
            // the rewrite must not install its base (Redis does not even start it).
            controlCallbacks[nextControlID] = { [unowned self] error in
                guard error != nil, self.rewrite === job else { return }
                self.cancelRewrite(quietly: true)
                self.logger.warning("Background AOF rewrite terminated with error")
                self.rewriteFailed(elapsedSeconds: Int((MonotonicClock.milliseconds() - job.startedMilliseconds) / 1000))
            }
            writer.perform(.openNextIncr, id: nextControlID)
        }
        latestSnapshotMicroseconds = Int(MonotonicClock.microseconds() - snapshotStarted)
        snapshotsTaken += 1
        rewritesStarted += 1
        rewriteScheduled = false
        rewrite = job
        let delay = Int(engine.config.value("rdb-key-save-delay") ?? "0") ?? 0
        let timestamp: Int64? = engine.config.aofTimestampEnabled ? Int64(time(nil)) : nil
        let baseWriter = RESPBaseWriter(keyspace: snapshot, timestampSeconds: timestamp, keyDelayMicroseconds: delay)
        let runOnEngine = self.runOnEngine
        job.start(writer: baseWriter, pieceBytes: delay == 0 ? 64 * 1024 : 1,
                  incrementalFsync: engine.config.value("aof-rewrite-incremental-fsync") != "no",
                  fileSystem: fileSystem, logger: logger) { outcome in
            runOnEngine { aof in aof.rewriteFinished(job, outcome) }
        }
        logger.notice("Background append only file rewriting started by pid \(getpid())")
        updateFsyncSkipping()
        return true
    }

    /// Stops a running rewrite and waits until its files are gone; no outcome is counted
    /// (Redis's killAppendOnlyChild).
    func cancelRewrite(quietly: Bool = false) {
        guard let job = rewrite else { return }
        if !quietly { logger.notice("Killing running AOF rewrite child: \(getpid())") }
        rewrite = nil
        job.cancel()
        // A rewrite that had finished before the cancel leaves its file for the engine.
        updateFsyncSkipping()
        try? fileSystem.unlink(job.tempName)
        try? fileSystem.unlink(job.finishedName)
    }

    func rewriteFinished(_ job: BackgroundRewrite, _ outcome: BackgroundRewrite.Outcome) {
        guard rewrite === job else { return }
        defer { updateFsyncSkipping() }
        let elapsedSeconds = Int((MonotonicClock.milliseconds() - job.startedMilliseconds) / 1000)
        switch outcome {
        case .cancelled:
            rewrite = nil
        case .failure:
            logger.warning("Background AOF rewrite terminated with error")
            rewrite = nil
            rewriteFailed(elapsedSeconds: elapsedSeconds)
            if waitingForFirstRewrite { abandonTemporaryIncr() }
        case .success:
            logger.notice("Background AOF rewrite terminated with success")
            installRewrittenBase(job, elapsedSeconds: elapsedSeconds)
        }
    }

    private func rewriteFailed(elapsedSeconds: Int) {
        lastRewriteFailed = true
        consecutiveRewriteFailures += 1
        lastRewriteSeconds = elapsedSeconds
    }

    /// The base joins the manifest; every incr file but the one being written becomes
    /// history (all of them when the log is off), then history files go.
    private func installRewrittenBase(_ job: BackgroundRewrite, elapsedSeconds: Int) {
        let names = self.names
        let directory = self.directory
        let logger = self.logger
        let finishedName = job.finishedName
        let initial = waitingForFirstRewrite
        // Milliseconds each rename took, for the latency monitor's aof-rename event.
        let renameTimes = NIOLockedValueBox<[Int]>([])
        @Sendable func timedRename(_ fs: any AOFFileSystem, _ from: String, _ to: String) throws(FileError) {
            let started = MonotonicClock.milliseconds()
            defer { renameTimes.withLockedValue { $0.append(Int(MonotonicClock.milliseconds() - started)) } }
            try fs.rename(from, to)
        }
        changeManifest({ manifest, fs, firstKeptIncr throws(FileError) in
            // 0: the switch to a new incr file that goes with this snapshot failed (a first
            // rewrite has no switch: its records wait in the temporary incr file).
            guard initial || firstKeptIncr > 0 else {
                try? fs.unlink(finishedName)
                throw FileError(code: ENOENT)
            }
            var changed = manifest
            let baseName = changed.startNewBase(names: names, format: .aof)
            do throws(FileError) {
                try timedRename(fs, finishedName, AOFFileNames.path(directory, baseName))
            } catch {
                logger.warning("Error trying to rename the temporary AOF base file \(finishedName) into \(baseName): \(error)")
                try? fs.unlink(finishedName)
                throw error
            }
            logger.notice("Successfully renamed the temporary AOF base file \(finishedName) into \(baseName)")
            // The incr files from the one the rewrite opened on hold what the snapshot lacks;
            // a first rewrite's records are all in the temporary incr file instead.
            let firstKept = initial ? Int64.max : firstKeptIncr
            let kept = changed.incrs.filter { $0.sequence >= firstKept }
            changed.incrs.removeAll { $0.sequence >= firstKept }
            changed.markIncrsAsHistory(keepingLast: false)
            changed.incrs = kept
            if initial {
                // The records written while the base was made become the first incr file.
                let incrName = changed.startNewIncr(names: names)
                do throws(FileError) {
                    try timedRename(fs, AOFFileNames.path(directory, names.tempIncr), AOFFileNames.path(directory, incrName))
                } catch {
                    logger.warning("Error trying to rename the temporary AOF incr file \(names.tempIncr) into \(incrName): \(error)")
                    throw error
                }
                logger.notice("Successfully renamed the temporary AOF incr file \(names.tempIncr) into \(incrName)")
            }
            manifest = changed
        }, then: { [unowned self] error in
            for milliseconds in renameTimes.withLockedValue({ $0 }) {
                self.engine.recordLatency("aof-rename", milliseconds: milliseconds)
            }
            guard self.rewrite === job else { return }
            if error != nil {
                self.rewrite = nil
                self.updateFsyncSkipping()
                self.rewriteFailed(elapsedSeconds: elapsedSeconds)
                if self.waitingForFirstRewrite { self.abandonTemporaryIncr() }
                return
            }
            self.waitingForFirstRewrite = false
            self.baseSize = (try? self.fileSystem.size(AOFFileNames.path(directory, self.manifest.base?.name ?? ""))) ?? 0
            if self.isOn {
                let lastIncr = self.manifest.incrs.last.map { (try? self.fileSystem.size(AOFFileNames.path(directory, $0.name))) ?? 0 } ?? 0
                self.sizeAtOpen = self.baseSize + lastIncr - self.lastReport.bytesWritten
                self.baseSize += lastIncr
            }
            self.lastRewriteFailed = false
            self.consecutiveRewriteFailures = 0
            self.lastRewriteSeconds = elapsedSeconds
            self.removeStaleRewriteFiles()
            self.deleteHistoryFiles { [unowned self] in
                if self.rewrite === job { self.rewrite = nil }
                self.updateFsyncSkipping()
                self.logger.notice("Background AOF rewrite finished successfully")
            }
        })
    }

    /// From the server's cron: a scheduled rewrite, or the growth rule (Redis's serverCron).
    public func rewriteCron() {
        guard rewrite == nil, !engine.loading else { return }
        if rewriteScheduled && !rewriteLimited() {
            startRewrite()
            return
        }
        let percentage = Int64(engine.config.value("auto-aof-rewrite-percentage") ?? "100") ?? 100
        let minimum = Int64(engine.config.value("auto-aof-rewrite-min-size") ?? "67108864") ?? 67_108_864
        let current = sizeAtOpen + lastReport.bytesWritten
        guard isOn, !waitingForFirstRewrite, percentage > 0, current > minimum else { return }
        let base = baseSize > 0 ? baseSize : 1
        let growth = current * 100 / base - 100
        if growth >= percentage && !rewriteLimited() {
            logger.notice("Starting automatic rewriting of AOF on \(growth)% growth")
            startRewrite()
        }
    }

    /// Redis's aofRewriteLimited: after three failures in a row, wait 1, 2, 4 … 60 minutes.
    private func rewriteLimited() -> Bool {
        if consecutiveRewriteFailures < 3 {
            rewriteRetryDelayMinutes = 0
            rewriteRetryAtSeconds = 0
            return false
        }
        let now = Int64(time(nil))
        if rewriteRetryAtSeconds != 0 {
            if now < rewriteRetryAtSeconds { return true }
            rewriteRetryAtSeconds = 0
            return false
        }
        rewriteRetryDelayMinutes = rewriteRetryDelayMinutes == 0 ? 1 : min(rewriteRetryDelayMinutes * 2, 60)
        rewriteRetryAtSeconds = now + Int64(rewriteRetryDelayMinutes) * 60
        logger.warning("Background AOF rewrite has repeatedly failed and triggered the limit, will retry in \(rewriteRetryDelayMinutes) minutes")
        return true
    }

    public func rewriteProgress() -> RewriteProgress {
        RewriteProgress(keysProcessed: rewrite?.keysProcessed ?? 0, keysTotal: rewrite?.keysTotal ?? 0,
                        latestSnapshotMicroseconds: latestSnapshotMicroseconds, snapshots: snapshotsTaken)
    }
}
