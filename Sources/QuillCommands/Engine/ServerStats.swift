// Counters INFO reports under "stats" and "clients"; CONFIG RESETSTAT zeroes the resettable ones.

public struct ServerStats: Sendable {
    public var totalConnectionsReceived = 0
    public var totalCommandsProcessed = 0
    public var totalNetInputBytes = 0
    public var totalNetOutputBytes = 0
    public var rejectedConnections = 0
    public var expiredKeys = 0
    public var expiredStalePercent = 0.0
    public var expiredTimeCapReachedCount = 0
    public var expireCycleCPUMilliseconds = 0
    public var evictedKeys = 0
    public var keyspaceHits = 0
    public var keyspaceMisses = 0
    public var totalErrorReplies = 0
    public var unexpectedErrorReplies = 0
    public var dirtyBeforeReset = 0
    /// Commands counted at the last ops/sec sample, and when, for instantaneous_ops_per_sec.
    public var opsSampleCommands = 0
    public var opsSampleMilliseconds: Int64 = 0
    public var instantaneousOpsPerSecond = 0
    /// Errors by their code (the first word of the reply), for INFO errorstats.
    public var errorCounts: [String: Int] = [:]
    /// Highest heap use seen by INFO, for used_memory_peak.
    public var peakMemory = 0
    /// Calls, time and failures by full command name ("get", "client|list"), for INFO commandstats.
    public var commandCalls: [CommandCallStats] = []

    public init() {}

    public mutating func reset() {
        self = ServerStats()
    }
}
