// The append-only file as the engine's thread sees it: the state (on or off), the manifest,
// the start-up sequence (migrate an old single file, load, open or create the files), the
// hand-over of each batch's records to the writer (LogWriter), the writer's reports
// (durable positions, write errors that refuse writes with MISCONF), runtime switches, DEBUG
// LOADAOF, shutdown, and the INFO fields. Everything here runs on the engine's thread; the
// file I/O of the steady state happens in LogWriter, on its threads or, for a batch written
// inline under everysec and no, on this one.

import Logging
import QuillCommands
import QuillStore

#if canImport(Glibc)
import Glibc
#endif

public final class AppendOnlyFile: PersistenceControl {
    public let engine: Engine
    public let fileSystem: FaultInjectingFileSystem
    let logger: Logger
    /// Runs a closure later on the engine's thread (the server's event loop).
    public var schedule: (@escaping () -> Void) -> Void = { $0() }
    /// Delivers a writer report to the engine's thread; set by the server.
    public var deliverReport: @Sendable (WriterReport) -> Void = { _ in }
    /// Called on the engine's thread after the durable positions moved: held replies may go.
    public var onDurabilityChanged: () -> Void = {}
    /// Called when an fsync failed: held replies waiting up to the position must get the error.
    public var onFailedSync: (_ end: Int64, _ error: String) -> Void = { _, _ in }

    public private(set) var isOn = false
    /// Redis's AOF_WAIT_REWRITE: the log was switched on at runtime and its first base is
    /// being written; records go to `temp-<F>.incr` until that rewrite succeeds.
    public internal(set) var waitingForFirstRewrite = false
    var manifest = AOFManifest()
    var writer: LogWriter?
    /// Counts the writers started, so that a late report of a stopped one changes nothing.
    var writerGeneration = 0
    var lastReport = WriterReport()
    /// Bytes of base and incr files when the writer started, for aof_current_size.
    var sizeAtOpen: Int64 = 0
    var baseSize: Int64 = 0
    var loadJob: AOFLoadJob?
    var flushSleepMicroseconds = 0
    /// Runs a closure on the engine's thread from any thread; set by the server.
    public var runOnEngine: @Sendable (@escaping @Sendable (AppendOnlyFile) -> Void) -> Void = { _ in }

    // Rewrite state (Rewrite/AppendOnlyFile+Rewrite.swift).
    var rewrite: BackgroundRewrite?
    var rewriteScheduled = false
    var rewritesStarted = 0
    var consecutiveRewriteFailures = 0
    var lastRewriteFailed = false
    var lastRewriteSeconds = -1
    var latestSnapshotMicroseconds = 0
    var snapshotsTaken = 0
    var rewriteRetryDelayMinutes = 0
    var rewriteRetryAtSeconds: Int64 = 0
    var nextControlID = 0
    var controlCallbacks: [Int: (FileError?) -> Void] = [:]

    public init(engine: Engine, logger: Logger, fileSystem: FaultInjectingFileSystem) {
        self.engine = engine
        self.logger = logger
        self.fileSystem = fileSystem
        engine.effectLog.timestampsEnabled = engine.config.aofTimestampEnabled
        engine.config.onChange.append { [unowned self] name in self.configChanged(name) }
    }

    var names: AOFFileNames { AOFFileNames(fileName: engine.config.value("appendfilename") ?? "appendonly.aof") }
    var directory: String { engine.config.value("appenddirname") ?? "appendonlydir" }

    // MARK: Start-up

    /// Reads the manifest (migrating an old single-file log first), then, with the log on,
    /// replays the files in slices through `schedule`; `done` gets false when the server
    /// must exit (Redis exits with code 1 on a failed load).
    public func loadAtStartup(done: @escaping (Bool) -> Void) {
        removeStaleRewriteFiles()
        do {
            manifest = try loadManifestFromDisk() ?? AOFManifest()
        } catch {
            done(false)
            return
        }
        guard engine.config.appendOnly else {
            done(true)
            return
        }
        guard migrateOldStyleFileIfNeeded() else {
            done(false)
            return
        }
        let job = AOFLoadJob(manifest: manifest, directory: directory, fileSystem: fileSystem, logger: logger,
                             truncateAllowed: engine.config.aofLoadTruncated, oldStyleName: names.fileName)
        if job.outcome == .notExist {
            done(true)
            return
        }
        loadJob = job
        engine.loading = true
        let started = MonotonicClock.milliseconds()
        // Clients are served between slices (Redis does so every 1024 commands); a slice runs
        // 1024-command steps for up to 20 ms, so that the pause for the event loop (a timed
        // task, see QuillServer) costs little when the commands are quick.
        func slice() {
            let sliceStarted = MonotonicClock.milliseconds()
            var finished = job.step(engine: engine, limit: 1024)
            while !finished && MonotonicClock.milliseconds() - sliceStarted < 20 {
                finished = job.step(engine: engine, limit: 1024)
            }
            if finished {
                engine.loading = false
                loadJob = nil
                let outcome = job.outcome ?? .failed
                if outcome == .failed || outcome == .openError {
                    done(false)
                    return
                }
                baseSize = job.baseSize
                sizeAtOpen = job.totalBytes
                logger.notice("DB loaded from append only file: \(String(format3: Double(MonotonicClock.milliseconds() - started) / 1000)) seconds")
                done(true)
            } else {
                schedule(slice)
            }
        }
        slice()
    }

    /// Redis's aofOpenIfNeededOnServerStart with the log on: create the directory, an empty
    /// base when the manifest lists nothing, open the last incr file or create one, persist
    /// the manifest, then drop history files. False when the server must exit.
    public func openAtStartup() -> Bool {
        guard engine.config.appendOnly else { return true }
        do {
            try fileSystem.makeDirectory(directory)
        } catch {
            logger.warning("Can't open or create append-only dir \(directory): \(error)")
            return false
        }
        var changed = manifest
        if changed.isEmpty {
            do {
                let name = try writeBase(into: &changed, from: Keyspace(databaseCount: engine.config.databases))
                logger.notice("Creating AOF base file \(name) on server start")
            } catch {
                return false
            }
        }
        let creating = changed.incrs.isEmpty
        let incrName = changed.lastIncrOrNew(names: names)
        do {
            try startWriter(manifest: changed, incrName: incrName)
        } catch {
            // A failed manifest write was logged with its own line.
            if error.context == nil { logger.warning("Can't open the append-only file \(incrName): \(error)") }
            return false
        }
        logger.notice("\(creating ? "Creating" : "Opening") AOF incr file \(incrName) on server start")
        deleteHistoryFiles()
        // As in Redis, the history is gone before the server says it is ready.
        writer?.drain()
        return true
    }

    /// Opens `incrName` for appending (from empty with `truncate`), persists `newManifest` if
    /// it differs, starts the writer.
    func startWriter(manifest newManifest: AOFManifest, incrName: String, truncate: Bool = false,
                     persistManifest: Bool = true) throws(FileError) {
        let path = AOFFileNames.path(directory, incrName)
        let fd = try fileSystem.open(path, truncate ? .truncate : .append)
        let incrSize = (try? fileSystem.size(path)) ?? 0
        if persistManifest && (newManifest != manifest || !fileSystem.exists(AOFFileNames.path(directory, names.manifest))) {
            do {
                try ManifestStore.persist(newManifest, directory: directory, fileName: names.fileName, fs: fileSystem)
            } catch {
                fileSystem.close(fd)
                logger.warning("\(error.context ?? error.description)")
                throw error
            }
        }
        manifest = newManifest
        if sizeAtOpen == 0 { sizeAtOpen = currentFilesSize() }
        engine.effectLog.selectedDatabase = nil
        engine.effectLog.isRecording = true
        let start = engine.effectLog.endOffset
        engine.logDurability = LogDurability()
        engine.logDurability.writtenOffset = start
        engine.logDurability.syncedOffset = start
        engine.logDurability.repliesWaitForFsync = engine.config.appendFsync == .always
        writerGeneration += 1
        lastReport = WriterReport(generation: writerGeneration)
        lastReport.writtenOffset = start
        lastReport.syncedOffset = start
        let target = LogWriter.Target(directory: directory, names: names, manifest: manifest, fd: fd, incrSize: incrSize)
        let writer = LogWriter(target: target, startOffset: start, policy: engine.config.appendFsync,
                               fileSystem: fileSystem, logger: logger, generation: writerGeneration,
                               report: deliverReport)
        writer.setFlushSleep(microseconds: flushSleepMicroseconds)
        self.writer = writer
        isOn = true
    }

    func currentFilesSize() -> Int64 {
        var total: Int64 = 0
        for entry in [manifest.base].compactMap({ $0 }) + manifest.incrs {
            total += (try? fileSystem.size(AOFFileNames.path(directory, entry.name))) ?? 0
        }
        return total
    }

    // MARK: Steady state

    /// Called once per event-loop batch: the records of the batch are written here when the
    /// writer allows it (everysec and no, nothing in flight), else go to the writer thread.
    public func handOff() {
        guard let writer, !engine.effectLog.pending.isEmpty else { return }
        let start = engine.effectLog.pendingStartDatabase
        let bytes = engine.effectLog.takePending()
        let end = engine.effectLog.endOffset
        if let report = writer.writeInline(bytes, endOffset: end, startDatabase: start) {
            apply(report)
        } else {
            writer.submit(bytes, endOffset: end, startDatabase: start)
        }
    }

    /// A report from the writer, on the engine's thread. Its events (finished controls,
    /// latency samples, a new manifest) always count; its state only if it is the newest
    /// report of the current writer.
    public func apply(_ report: WriterReport) {
        guard isOn else { return }
        let failedBefore = lastReport.fsyncError != nil
        if report.generation == writerGeneration && report.sequence > lastReport.sequence {
            lastReport = report
            engine.logDurability.writtenOffset = report.writtenOffset
            engine.logDurability.syncedOffset = report.syncedOffset
            engine.logReached(engine.logDurability.repliesWaitForFsync ? report.syncedOffset : report.writtenOffset)
            if let error = report.writeError ?? report.fsyncError {
                engine.writeRefusal = "MISCONF Errors writing to the AOF file: \(error)"
            } else {
                engine.writeRefusal = nil
            }
        }
        if let manifest = report.manifest { self.manifest = manifest }
        for (id, error) in report.finishedControls {
            controlCallbacks.removeValue(forKey: id)?(error)
        }
        for (event, milliseconds) in report.latencySamples {
            engine.recordLatency(event, milliseconds: milliseconds)
        }
        engine.wakeLogWaiters()
        if lastReport.fsyncError != nil && !failedBefore {
            onFailedSync(lastReport.failedSyncEnd, engine.writeRefusal ?? "")
        }
        onDurabilityChanged()
    }

    // MARK: Runtime control

    private func configChanged(_ name: String) {
        switch name {
        case "appendfsync":
            writer?.setPolicy(engine.config.appendFsync)
            updateFsyncSkipping()
        case "no-appendfsync-on-rewrite":
            updateFsyncSkipping()
        case "aof-timestamp-enabled":
            engine.effectLog.timestampsEnabled = engine.config.aofTimestampEnabled
        case "aof-disable-auto-gc":
            // Redis removes them before CONFIG SET replies.
            deleteHistoryFiles()
            writer?.drain()
        case "appendonly":
            if engine.config.appendOnly && !isOn && !waitingForFirstRewrite && !engine.loading {
                if !start() { logger.warning("Redis needs to enable the AOF but can't trigger a background AOF rewrite operation. Check the above logs for more info about the error.") }
            } else if !engine.config.appendOnly && (isOn || waitingForFirstRewrite) {
                stop()
            }
        default:
            break
        }
    }

    /// Turns the log on at runtime the way Redis does (startAppendOnly): a rewrite writes the
    /// first base from the live data while new records go to a temporary incr file; the
    /// manifest lists both once the rewrite succeeds.
    func start() -> Bool {
        if rewrite != nil {
            logger.notice("AOF was enabled but there is already an AOF rewriting in background. Stopping background AOF and starting a rewrite now.")
            cancelRewrite()
        }
        waitingForFirstRewrite = true
        guard startRewrite() else {
            waitingForFirstRewrite = false
            stopWriter()
            return false
        }
        return true
    }

    /// `no-appendfsync-on-rewrite yes` while a rewrite runs: no fsync at all, as in Redis, so
    /// replies under `always` stop waiting for one.
    func updateFsyncSkipping() {
        let skip = rewrite != nil && engine.config.value("no-appendfsync-on-rewrite") == "yes"
        writer?.setSkipFsync(skip)
        engine.logDurability.repliesWaitForFsync = isOn && engine.config.appendFsync == .always && !skip
        onDurabilityChanged()
    }

    /// Records go to `temp-<F>.incr` while the first base is written.
    func openTemporaryIncr() -> Bool {
        do {
            try fileSystem.makeDirectory(directory)
            sizeAtOpen = 0
            try startWriter(manifest: manifest, incrName: names.tempIncr, truncate: true, persistManifest: false)
            return true
        } catch {
            logger.warning("Can't open the append-only file \(names.tempIncr): \(error)")
            return false
        }
    }

    /// The first rewrite failed: its records are dropped (the retry snapshots everything)
    /// and the temporary incr file goes; the log waits for the next attempt.
    func abandonTemporaryIncr() {
        stopWriter()
        logger.notice("Removing the temp incr aof file \(names.tempIncr) in the background")
        try? fileSystem.unlink(AOFFileNames.path(directory, names.tempIncr))
        rewriteScheduled = true
    }

    public func refusesShutdown(force: Bool) -> Bool {
        guard waitingForFirstRewrite && rewrite != nil else { return false }
        if force {
            logger.warning("Writing initial AOF. Exit anyway.")
            return false
        }
        logger.warning("Writing initial AOF, can't exit.")
        return true
    }

    /// Turns the log off: flush, fsync, close; the files stay on disk.
    func stop() {
        cancelRewrite()
        rewriteScheduled = false
        waitingForFirstRewrite = false
        stopWriter()
    }

    private func stopWriter() {
        handOff()
        writer?.stop()
        writer = nil
        isOn = false
        engine.effectLog.isRecording = false
        engine.effectLog.discardPending()
        engine.writeRefusal = nil
        engine.logDurability.writtenOffset = engine.effectLog.endOffset
        engine.logDurability.syncedOffset = engine.effectLog.endOffset
        engine.logDurability.repliesWaitForFsync = false
        engine.failLogWaiters()
        onDurabilityChanged()
    }

    /// SHUTDOWN and SIGTERM: everything pending is written and fsynced before the exit.
    public func shutdown() {
        if rewrite != nil {
            logger.warning("There is a child rewriting the AOF. Killing it!")
            cancelRewrite()
        }
        guard isOn else { return }
        logger.notice("Calling fsync() on the AOF file.")
        handOff()
        writer?.stop()
        writer = nil
        isOn = false
    }

    public func reloadFromDisk() -> Bool {
        handOff()
        writer?.drain()
        engine.keyspace = Keyspace(databaseCount: engine.config.databases)
        do {
            manifest = try loadManifestFromDisk() ?? AOFManifest()
        } catch {
            return false
        }
        deleteHistoryFiles()
        writer?.drain()
        let job = AOFLoadJob(manifest: manifest, directory: directory, fileSystem: fileSystem, logger: logger,
                             truncateAllowed: engine.config.aofLoadTruncated, oldStyleName: names.fileName)
        let recording = engine.effectLog.isRecording
        engine.effectLog.isRecording = false
        engine.loading = true
        loadJob = job
        while !job.step(engine: engine, limit: 1 << 20) {}
        loadJob = nil
        engine.loading = false
        engine.effectLog.isRecording = recording
        guard job.outcome == .ok || job.outcome == .empty else { return false }
        logger.notice("Append Only File loaded by DEBUG LOADAOF")
        return true
    }

    public func setFlushSleep(microseconds: Int) {
        flushSleepMicroseconds = microseconds
        writer?.setFlushSleep(microseconds: microseconds)
    }

    public func injectFault(_ words: [String]) -> String? {
        guard words.count <= 3, let request = InjectedFault.parse(operation: words[0], fault: words.count > 1 ? words[1] : "") else {
            return "ERR syntax error"
        }
        switch request {
        case .clear:
            fileSystem.clearFaults()
        case .inject(let fault, let operation):
            var count: Int?
            if words.count == 3 {
                guard let n = Int(words[2]), n > 0 else { return "ERR value is out of range, must be positive" }
                count = n
            }
            fileSystem.inject(fault, on: operation, count: count)
        }
        return nil
    }

    // MARK: Files

    /// Writes a RESP base of `keyspace` to a temp file in `dir`, fsyncs it and renames it to
    /// the manifest's next base; returns the base's name.
    func writeBase(into manifest: inout AOFManifest, from keyspace: Keyspace) throws(FileError) -> String {
        let tempName = AOFFileNames.tempRewrite(pid: getpid())
        var writer = RESPBaseWriter(keyspace: keyspace, timestampSeconds: engine.config.aofTimestampEnabled ? Int64(time(nil)) : nil)
        do {
            _ = try BackgroundRewrite.writeBaseFile(&writer, to: tempName, pieceBytes: BackgroundRewrite.rewriteAutosyncBytes,
                                                   incrementalFsync: true, fs: fileSystem, logger: logger)
        } catch {
            try? fileSystem.unlink(tempName)
            throw error
        }
        let name = manifest.startNewBase(names: names, format: .aof)
        do {
            try fileSystem.rename(tempName, AOFFileNames.path(directory, name))
            try fileSystem.fsyncDirectory(directory)
        } catch {
            try? fileSystem.unlink(tempName)
            logger.warning("Error trying to rename the temporary AOF base file \(tempName) into \(name): \(error)")
            throw error
        }
        return name
    }

    /// Redis's aofDelHistoryFiles: history files go unless `aof-disable-auto-gc yes`;
    /// `then` runs once they are gone (at once when there is nothing to do).
    func deleteHistoryFiles(then finished: @escaping () -> Void = {}) {
        guard !manifest.history.isEmpty, engine.config.value("aof-disable-auto-gc") != "yes" else { return finished() }
        let directory = self.directory
        let logger = self.logger
        changeManifest({ manifest, fs, _ throws(FileError) in
            for entry in manifest.history {
                logger.notice("Removing the history file \(entry.name) in the background")
                try? fs.unlink(AOFFileNames.path(directory, entry.name))
            }
            manifest.history = []
        }, then: { [logger] error in
            if let error { logger.warning("\(error.context ?? error.description)") }
            finished()
        })
    }

    /// Changes the files and the manifest in order with the records: through the writer
    /// when the log is on (it owns the files then), at once otherwise.
    func changeManifest(_ change: @escaping ManifestChange, then done: @escaping (FileError?) -> Void) {
        if let writer {
            nextControlID += 1
            controlCallbacks[nextControlID] = done
            writer.perform(.changeManifest(change), id: nextControlID)
            return
        }
        var changed = manifest
        do throws(FileError) {
            try change(&changed, fileSystem, Int64.max)
            try fileSystem.makeDirectory(directory)
            try ManifestStore.persist(changed, directory: directory, fileName: names.fileName, fs: fileSystem)
            manifest = changed
            done(nil)
        } catch {
            done(error)
        }
    }
}
