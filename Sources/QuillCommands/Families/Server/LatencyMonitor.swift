// The latency monitor (latency.c): for each named event ("command", "fast-command",
// "aof-write", "aof-fsync-always", …) a ring of the last 160 samples, at most one per
// second, plus the highest latency ever seen. A sample is kept only when the monitor is on
// (latency-monitor-threshold > 0, in milliseconds) and the latency reaches the threshold, so
// fast operations cost one comparison. Several samples in the same second keep the largest.
//
// Event names are compared byte for byte when recording and reading (HISTORY, GRAPH) and
// without regard to case by RESET, as Redis does. Events are listed in the order they first
// occurred.

public struct LatencyMonitor: Sendable {
    /// Samples kept per event (LATENCY_TS_LEN).
    public static let historyLength = 160

    public struct Sample: Sendable, Equatable {
        /// Unix time in seconds.
        public var time: Int64
        /// Milliseconds.
        public var latency: Int
    }

    struct TimeSeries: Sendable {
        var samples = [Sample](repeating: Sample(time: 0, latency: 0), count: LatencyMonitor.historyLength)
        /// Where the next sample goes.
        var next = 0
        var allTimeHigh = 0

        mutating func add(_ milliseconds: Int, at seconds: Int64) {
            allTimeHigh = max(allTimeHigh, milliseconds)
            let previous = (next + LatencyMonitor.historyLength - 1) % LatencyMonitor.historyLength
            if samples[previous].time == seconds {
                samples[previous].latency = max(samples[previous].latency, milliseconds)
                return
            }
            samples[next] = Sample(time: seconds, latency: milliseconds)
            next = (next + 1) % LatencyMonitor.historyLength
        }

        var last: Sample { samples[(next + LatencyMonitor.historyLength - 1) % LatencyMonitor.historyLength] }

        /// The samples present, oldest first.
        var history: [Sample] {
            (0..<LatencyMonitor.historyLength).map { samples[(next + $0) % LatencyMonitor.historyLength] }
                .filter { $0.time != 0 }
        }
    }

    /// latency-monitor-threshold in milliseconds; 0 switches the monitor off.
    public var threshold = 0
    private(set) var events: [(name: String, series: TimeSeries)] = []

    public init() {}

    /// Records `milliseconds` for `event` at `nowSeconds` if the monitor is on and the
    /// latency reaches the threshold.
    public mutating func record(_ event: String, milliseconds: Int, nowSeconds: Int64) {
        guard threshold > 0, milliseconds >= threshold else { return }
        addSample(event, milliseconds: milliseconds, nowSeconds: nowSeconds)
    }

    /// Adds a sample whatever the threshold (latencyAddSample).
    mutating func addSample(_ event: String, milliseconds: Int, nowSeconds: Int64) {
        let index: Int
        if let found = events.firstIndex(where: { $0.name.utf8.elementsEqual(event.utf8) }) {
            index = found
        } else {
            events.append((event, TimeSeries()))
            index = events.count - 1
        }
        events[index].series.add(milliseconds, at: nowSeconds)
    }

    /// For each event: its name, the time and latency of its last sample, and its all-time high.
    public var latest: [(event: String, time: Int64, latency: Int, allTimeHigh: Int)] {
        events.map { ($0.name, $0.series.last.time, $0.series.last.latency, $0.series.allTimeHigh) }
    }

    /// The samples of `event`, oldest first; empty when it has none.
    public func history(_ event: String) -> [Sample] {
        events.first { $0.name.utf8.elementsEqual(event.utf8) }?.series.history ?? []
    }

    func series(_ event: String) -> TimeSeries? {
        events.first { $0.name.utf8.elementsEqual(event.utf8) }?.series
    }

    /// Forgets `event` (compared without case), or every event when nil; returns how many
    /// were forgotten.
    @discardableResult
    public mutating func reset(_ event: String? = nil) -> Int {
        let before = events.count
        if let event {
            let wanted = Self.asciiLowercased(event)
            events.removeAll { Self.asciiLowercased($0.name) == wanted }
        } else {
            events.removeAll()
        }
        return before - events.count
    }

    private static func asciiLowercased(_ s: String) -> [UInt8] {
        s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
    }
}
