// Loading every file the manifest lists, base first, then the incr files in order (Redis's
// loadAppendOnlyFiles), in slices so the server keeps answering other clients, with the
// progress INFO reports (loading_loaded_perc, loading_eta_seconds). Like Redis 7.0, the log
// gets one line per file and none in between, and an empty file gets none.

import Logging
import QuillCommands

#if canImport(Glibc)
import Glibc
#endif

final class AOFLoadJob {
    struct File {
        let name: String
        let isBase: Bool
    }

    private let files: [File]
    private let directory: String
    private let fs: any AOFFileSystem
    private let logger: Logger
    private let truncateAllowed: Bool
    private let oldStyleName: String?
    private var index = 0
    private var current: AOFFileReplay?
    private var client: ClientSession?
    private var fileStarted: Int64 = 0
    private var loadedBeforeCurrent: Int64 = 0
    private(set) var totalBytes: Int64 = 0
    private let startedWallSeconds = Int64(time(nil))
    private(set) var outcome: AOFLoadOutcome?
    private(set) var baseSize: Int64 = 0

    init(manifest: AOFManifest, directory: String, fileSystem: any AOFFileSystem, logger: Logger, truncateAllowed: Bool,
         oldStyleName: String? = nil) {
        var list: [File] = []
        if let base = manifest.base { list.append(File(name: base.name, isBase: true)) }
        list += manifest.incrs.map { File(name: $0.name, isBase: false) }
        self.files = list
        self.directory = directory
        self.fs = fileSystem
        self.logger = logger
        self.truncateAllowed = truncateAllowed
        self.oldStyleName = oldStyleName
        if list.isEmpty {
            outcome = .notExist
            return
        }
        for file in list {
            do {
                let size = try fs.size(AOFFileNames.path(directory, file.name))
                if file.isBase { baseSize = size }
                totalBytes += size
            } catch {
                logger.warning("Unable to obtain the AOF file \(file.name) length. stat: \(error)")
                outcome = .failed
                return
            }
        }
        if totalBytes == 0 { outcome = .empty }
    }

    var loadedBytes: Int64 { loadedBeforeCurrent + (current?.offset ?? 0) }

    /// Replays up to `limit` records; true when the whole load is over (see `outcome`).
    func step(engine: Engine, limit: Int) -> Bool {
        if outcome != nil { return true }
        var budget = limit
        while budget > 0 {
            if current == nil {
                guard index < files.count else {
                    outcome = .ok
                    return true
                }
                let file = files[index]
                var replay = AOFFileReplay(path: AOFFileNames.path(directory, file.name), displayName: file.name,
                                           isLastFile: index == files.count - 1, isOldStyle: file.name == oldStyleName,
                                           truncateAllowed: truncateAllowed,
                                           fileSystem: fs, logger: logger)
                fileStarted = MonotonicClock.milliseconds()
                client = ClientSession(id: Engine.loaderClientID, remoteAddress: "", localAddress: "", fileDescriptor: -1,
                                       authenticated: true, now: engine.clock.milliseconds())
                if let early = replay.open() {
                    if !finishFile(early) { return true }
                    continue
                }
                current = replay
            }
            let done = current!.step(engine: engine, client: client!, limit: budget,
                                     delayMicroseconds: Self.keyLoadDelay(engine))
            budget = 0
            if done {
                let result = current!.outcome ?? .failed
                loadedBeforeCurrent += current!.offset
                current = nil
                if !finishFile(result) { return true }
                budget = 1
            }
        }
        return outcome != nil
    }

    /// Ends one file; false when the whole load stops here.
    private func finishFile(_ result: AOFLoadOutcome) -> Bool {
        let file = files[index]
        index += 1
        switch result {
        case .ok, .empty, .truncated:
            if result != .empty {
                let seconds = Double(MonotonicClock.milliseconds() - fileStarted) / 1000
                logger.notice("DB loaded from \(file.isBase ? "base" : "incr") file \(file.name): \(String(format3: seconds)) seconds")
            }
            if index == files.count { outcome = result == .truncated ? .truncated : .ok }
            return index < files.count
        case .notExist, .openError, .failed:
            outcome = result == .notExist ? .failed : result
            return false
        }
    }

    /// The hidden `key-load-delay`: microseconds slept after each replayed command, so
    /// tests can hold a load open.
    static func keyLoadDelay(_ engine: Engine) -> Int {
        Int(engine.config.value("key-load-delay") ?? "0") ?? 0
    }

    /// INFO's loading_* fields, in Redis's order and with its arithmetic: the percentage is
    /// of total+1 bytes, the estimate uses whole elapsed seconds and is 1 in the first second.
    func infoFields() -> [(String, String)] {
        let loaded = loadedBytes
        let elapsed = Int64(time(nil)) - startedWallSeconds
        let percent = totalBytes > 0 ? Double(loaded) / Double(totalBytes + 1) * 100 : 0
        let remaining = totalBytes > 0 ? totalBytes - loaded : 1
        let eta = elapsed == 0 ? 1 : elapsed * remaining / (loaded + 1)
        return [
            ("loading_start_time", String(startedWallSeconds)),
            ("loading_total_bytes", String(totalBytes)),
            ("loading_rdb_used_mem", "0"),
            ("loading_loaded_bytes", String(loaded)),
            ("loading_loaded_perc", String(format2: percent)),
            ("loading_eta_seconds", String(eta)),
        ]
    }
}

extension String {
    /// `%.3f`
    init(format3 value: Double) { self = Self.fixed(value, digits: 3) }
    /// `%.2f`
    init(format2 value: Double) { self = Self.fixed(value, digits: 2) }

    private static func fixed(_ value: Double, digits: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.\(digits)f", $0) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
