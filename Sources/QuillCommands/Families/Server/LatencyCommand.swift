// LATENCY LATEST | HISTORY | RESET | GRAPH | DOCTOR | HELP (latency.c): the latency
// monitor's samples, as Redis 7.0 replies them. The engine feeds the monitor with the
// duration of every command ("command", or "fast-command" for commands flagged fast), and
// the persistence layer with its own events through `Engine.recordLatency`.
//
// HISTOGRAM reports the per-command latency histograms (LatencyHistogram) that
// latency-tracking keeps beside the INFO commandstats counters; INFO latencystats gives
// their percentiles. Like those counters, CONFIG RESETSTAT clears them.

import QuillRESP

enum LatencyCommand {
    static let all: [CommandSpec] = [
        CommandSpec("latency", arity: -2, flags: [], categories: ["slow"], group: "server",
                    summary: "A container for latency diagnostics commands", since: "2.8.13",
                    subcommands: [
                        subcommand("doctor", arity: 2, summary: "Return a human readable latency analysis report.",
                                   handler: doctor),
                        subcommand("graph", arity: 3, summary: "Return a latency graph for the event.", handler: graph),
                        CommandSpec("help", arity: 2, flags: [.loading, .stale], categories: ["slow"], group: "server",
                                    summary: "Show helpful text about the different subcommands.", since: "2.8.13",
                                    handler: help),
                        subcommand("histogram", arity: -2, summary: "Return the cumulative distribution of latencies of a subset of commands or all.",
                                   since: "7.0.0", handler: histogram),
                        subcommand("history", arity: 3, summary: "Return timestamp-latency samples for the event.",
                                   handler: history),
                        subcommand("latest", arity: 2, summary: "Return the latest latency samples for all events.",
                                   handler: latest),
                        subcommand("reset", arity: -2, summary: "Reset latency data for one or more events.",
                                   handler: reset),
                    ],
                    handler: nil),
    ]

    private static func subcommand(_ name: String, arity: Int, summary: String, since: String = "2.8.13",
                                   handler: @escaping CommandHandler) -> CommandSpec {
        CommandSpec(name, arity: arity, flags: [.admin, .noscript, .loading, .stale],
                    categories: ["admin", "slow", "dangerous"], group: "server", summary: summary, since: since,
                    handler: handler)
    }

    static let helpLines = [
        "DOCTOR",
        "    Return a human readable latency analysis report.",
        "GRAPH <event>",
        "    Return an ASCII latency graph for the <event> class.",
        "HISTORY <event>",
        "    Return time-latency samples for the <event> class.",
        "LATEST",
        "    Return the latest latency samples for all events.",
        "RESET [<event> ...]",
        "    Reset latency data of one or more <event> classes.",
        "    (default: reset all data for all event classes)",
        "HISTOGRAM [COMMAND ...]",
        "    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.",
        "    If no commands are specified then all histograms are replied.",
    ]

    static func help(_ c: CommandContext) {
        HelpReply.write(c, command: "LATENCY", lines: helpLines)
    }

    static func latest(_ c: CommandContext) {
        let events = c.engine.latency.latest
        c.reply { out in
            out.arrayHeader(events.count)
            for event in events {
                out.arrayHeader(4)
                out.bulk(event.event)
                out.integer(Int(event.time))
                out.integer(event.latency)
                out.integer(event.allTimeHigh)
            }
        }
    }

    static func history(_ c: CommandContext) {
        let samples = c.engine.latency.history(String(decoding: c.args[2], as: UTF8.self))
        c.reply { out in
            out.arrayHeader(samples.count)
            for sample in samples {
                out.arrayHeader(2)
                out.integer(Int(sample.time))
                out.integer(sample.latency)
            }
        }
    }

    static func reset(_ c: CommandContext) {
        guard c.args.count > 2 else {
            c.integer(c.engine.latency.reset())
            return
        }
        var resets = 0
        for event in c.args[2...] { resets += c.engine.latency.reset(String(decoding: event, as: UTF8.self)) }
        c.integer(resets)
    }

    static func graph(_ c: CommandContext) {
        let event = String(decoding: c.args[2], as: UTF8.self)
        guard let series = c.engine.latency.series(event) else {
            c.error("ERR No samples available for event '\(event)'")
            return
        }
        let text = LatencyGraph.render(event: event, series: series, nowSeconds: c.engine.unixSeconds)
        c.reply { $0.verbatim(text) }
    }

    /// A map from command name to {calls, histogram_usec: {bucket: cumulative calls}}.
    static func histogram(_ c: CommandContext) {
        let histograms = c.engine.latencyHistograms(named: c.args.count > 2 ? Array(c.args[2...]) : nil)
        c.reply { out in
            out.mapHeader(histograms.count)
            for (name, histogram) in histograms {
                out.bulk(name)
                out.mapHeader(2)
                out.bulk("calls")
                out.integer(Int(histogram.totalCount))
                out.bulk("histogram_usec")
                let buckets = histogram.cumulativeBuckets
                out.mapHeader(buckets.count)
                for bucket in buckets {
                    out.integer(Int(bucket.microseconds))
                    out.integer(Int(bucket.count))
                }
            }
        }
    }

    static func doctor(_ c: CommandContext) {
        let text = LatencyDoctor.report(c.engine)
        c.reply { $0.verbatim(text) }
    }
}

extension Engine {
    /// Records a latency sample for `event` now, under the configured threshold: the entry
    /// point for latency sources outside the command dispatcher (AOF writes, fsyncs, renames).
    public func recordLatency(_ event: String, milliseconds: Int) {
        latency.threshold = config.latencyMonitorThreshold
        latency.record(event, milliseconds: milliseconds, nowSeconds: unixSeconds)
    }

    /// The latency a command induced, as call() records it: a "fast-command" sample for
    /// commands flagged fast or a "command" sample for the others, in whole milliseconds,
    /// and, while latency-tracking is on, a count in the command's histogram.
    func recordLatency(of spec: CommandSpec, microseconds: Int64) {
        if config.latencyTracking {
            if stats.commandCalls[spec.statsSlot].latencyHistogram == nil {
                stats.commandCalls[spec.statsSlot].latencyHistogram = LatencyHistogram()
            }
            stats.commandCalls[spec.statsSlot].latencyHistogram?.record(microseconds: microseconds)
        }
        let threshold = config.latencyMonitorThreshold
        if latency.threshold != threshold { latency.threshold = threshold }
        guard threshold > 0, microseconds >= Int64(threshold) * 1000 else { return }
        latency.record(spec.flags.contains(.fast) ? "fast-command" : "command",
                       milliseconds: Int(microseconds / 1000), nowSeconds: unixSeconds)
    }

    /// The commands with a latency histogram, by full name: those named (a container brings
    /// its subcommands along; unknown names are skipped), or all of them in name order.
    func latencyHistograms(named names: [[UInt8]]?) -> [(name: String, histogram: LatencyHistogram)] {
        func histogram(_ spec: CommandSpec) -> LatencyHistogram? {
            spec.statsSlot < stats.commandCalls.count ? stats.commandCalls[spec.statsSlot].latencyHistogram : nil
        }
        func withSubcommands(_ spec: CommandSpec) -> [(name: String, histogram: LatencyHistogram)] {
            ([spec] + spec.subcommands).compactMap { command in histogram(command).map { (command.fullName, $0) } }
        }
        guard let names else {
            return table.commands.values.sorted { $0.name < $1.name }.flatMap(withSubcommands)
        }
        return names.flatMap { name -> [(name: String, histogram: LatencyHistogram)] in
            let parts = name.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false)
            guard parts.count <= 2, let spec = table.lookup(Array(parts[0])) else { return [] }
            guard parts.count == 2 else { return withSubcommands(spec) }
            let subName = String(decoding: parts[1], as: UTF8.self).lowercased()
            guard let sub = spec.subcommands.first(where: { $0.name == subName }) else { return [] }
            return withSubcommands(sub)
        }
    }

    /// INFO latencystats: each tracked command's configured percentiles, in microseconds.
    func latencyStatsFields() -> [(String, String)] {
        let percentiles = config.latencyTrackingPercentiles
        return latencyHistograms(named: nil).map { name, histogram in
            let values = percentiles.map { percentile in
                "p\(LatencyTrackingPercentiles.format(percentile))="
                    + ProcessStats.fixed(Double(histogram.value(atPercentile: percentile)) / 1000, digits: 3)
            }
            return ("latency_percentiles_usec_\(name)", values.joined(separator: ","))
        }
    }

    /// Wall-clock Unix seconds, as time(NULL) gives latency.c.
    var unixSeconds: Int64 { clock.milliseconds() / 1000 }
}
