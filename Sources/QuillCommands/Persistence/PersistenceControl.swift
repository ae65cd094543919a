// What commands need from the append-only file, which lives in the layer above the
// commands (QuillPersistence): its INFO fields, DEBUG LOADAOF and the other controls. The
// server installs the implementation in `Engine.persistence`; without one (unit tests) the
// commands answer as a server with the log off.

public protocol PersistenceControl: AnyObject {
    /// INFO persistence: the `aof_*` fields from `aof_enabled` to `aof_last_cow_size`.
    func appendOnlyInfo() -> [(String, String)]
    /// INFO persistence: what follows `module_fork_last_cow_size`: the size and buffer fields
    /// while the log is enabled, then the `loading_*` progress fields while a load runs.
    func appendOnlyDetailInfo() -> [(String, String)]
    /// Bytes of effects not yet written (INFO's mem_aof_buffer and aof_buffer_length).
    var bufferedBytes: Int { get }
    /// DEBUG LOADAOF: write out what is pending, empty the dataset and replay the files on
    /// disk. False when the files could not be loaded (the dataset is then empty).
    func reloadFromDisk() -> Bool
    /// DEBUG AOF-FLUSH-SLEEP: a pause before each write of the buffer, for tests.
    func setFlushSleep(microseconds: Int)
    /// DEBUG AOF-FAULT: makes the file layer fail or stall (`write enospc`, `fsync eio`,
    /// `write short`, `rename slow`, `off`); returns an error message when the words are not
    /// understood.
    func injectFault(_ words: [String]) -> String?
    /// BGREWRITEAOF: start a rewrite of the log now, or schedule it (inside EXEC).
    func requestRewrite(inTransaction: Bool) -> RewriteRequestResult
    /// INFO's rewrite progress and snapshot figures.
    func rewriteProgress() -> RewriteProgress
    /// True (and logged) when shutting down now would leave no usable log: it was switched
    /// on at runtime and its first base is still being written. `force` exits anyway.
    func refusesShutdown(force: Bool) -> Bool
}

public enum RewriteRequestResult: Sendable {
    case started, scheduled, alreadyRunning, failed
}

public struct RewriteProgress: Sendable {
    public var keysProcessed: Int
    public var keysTotal: Int
    /// How long the last snapshot took on the engine (INFO's latest_fork_usec).
    public var latestSnapshotMicroseconds: Int
    /// Snapshots taken (INFO's total_forks).
    public var snapshots: Int

    public init(keysProcessed: Int, keysTotal: Int, latestSnapshotMicroseconds: Int, snapshots: Int) {
        self.keysProcessed = keysProcessed
        self.keysTotal = keysTotal
        self.latestSnapshotMicroseconds = latestSnapshotMicroseconds
        self.snapshots = snapshots
    }
}

/// How far the log has reached, as the network layer needs it to release replies.
public struct LogDurability: Sendable {
    /// Log position written to the file with write(2).
    public var writtenOffset: Int64 = 0
    /// Log position made durable with fsync.
    public var syncedOffset: Int64 = 0
    /// Under `appendfsync always` a reply waits for fsync, otherwise only for write(2).
    public var repliesWaitForFsync = false

    public init() {}

    public func allows(_ offset: Int64) -> Bool {
        offset <= (repliesWaitForFsync ? syncedOffset : writtenOffset)
    }
}
