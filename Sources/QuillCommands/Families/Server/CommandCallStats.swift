// Per-command counters for INFO commandstats (server.c's cmdstat_ lines): how often each
// command ran, for how long, how often it answered with an error, and how often it was
// refused before running. Subcommands count under their full name ("client|list"), as in
// Redis; an unknown subcommand counts nowhere. Counters live in an array indexed by each
// command's slot in the command table, so counting costs no hashing on the hot path.

public struct CommandCallStats: Sendable {
    public var calls = 0
    public var microseconds: Int64 = 0
    public var failedCalls = 0
    public var rejectedCalls = 0
    /// Allocated on the first call while latency-tracking is on (LATENCY HISTOGRAM, INFO latencystats).
    public var latencyHistogram: LatencyHistogram?

    public init() {}
}

extension Engine {
    func recordCall(_ spec: CommandSpec, microseconds: Int64, failed: Bool) {
        growCommandCalls(to: spec.statsSlot)
        stats.commandCalls[spec.statsSlot].calls += 1
        stats.commandCalls[spec.statsSlot].microseconds += microseconds
        if failed { stats.commandCalls[spec.statsSlot].failedCalls += 1 }
        recordLatency(of: spec, microseconds: microseconds)
    }

    /// Counts a command refused before it ran (arity, authentication, MULTI rules): Redis's
    /// rejected_calls.
    func recordRejection(_ spec: CommandSpec) {
        growCommandCalls(to: spec.statsSlot)
        stats.commandCalls[spec.statsSlot].rejectedCalls += 1
    }

    /// The counters start empty (and CONFIG RESETSTAT empties them); they grow on first use.
    private func growCommandCalls(to slot: Int) {
        if slot >= stats.commandCalls.count {
            stats.commandCalls += Array(repeating: CommandCallStats(), count: table.slotNames.count - stats.commandCalls.count)
        }
    }

    /// The commands that ran or were refused at least once, by full name, for INFO.
    func commandCallsByName() -> [(name: String, stats: CommandCallStats)] {
        zip(table.slotNames, stats.commandCalls)
            .filter { $0.1.calls > 0 || $0.1.rejectedCalls > 0 || $0.1.failedCalls > 0 }
            .map { (name: $0.0, stats: $0.1) }
            .sorted { $0.name < $1.name }
    }
}
