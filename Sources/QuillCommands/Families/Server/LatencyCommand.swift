// LATENCY LATEST | HISTORY | RESET | GRAPH | DOCTOR | HELP (latency.c): the latency
// monitor's samples, as Redis 7.0 replies them. The engine feeds the monitor with the
// duration of every command ("command", or "fast-command" for commands flagged fast), and
// the persistence layer with its own events through `Engine.recordLatency`.
//
// HISTOGRAM (per-command latency histograms) is not provided: Quill keeps no per-command
// latency distribution.

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
                        subcommand("history", arity: 3, summary: "Return timestamp-latency samples for the event.",
                                   handler: history),
                        subcommand("latest", arity: 2, summary: "Return the latest latency samples for all events.",
                                   handler: latest),
                        subcommand("reset", arity: -2, summary: "Reset latency data for one or more events.",
                                   handler: reset),
                    ],
                    handler: nil),
    ]

    private static func subcommand(_ name: String, arity: Int, summary: String,
                                   handler: @escaping CommandHandler) -> CommandSpec {
        CommandSpec(name, arity: arity, flags: [.admin, .noscript, .loading, .stale],
                    categories: ["admin", "slow", "dangerous"], group: "server", summary: summary, since: "2.8.13",
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

    /// The latency a command induced, as call() records it: "fast-command" for commands
    /// flagged fast, "command" for the others, in whole milliseconds.
    func recordCommandLatency(_ spec: CommandSpec, microseconds: Int64) {
        let threshold = config.latencyMonitorThreshold
        if latency.threshold != threshold { latency.threshold = threshold }
        guard threshold > 0, microseconds >= Int64(threshold) * 1000 else { return }
        latency.record(spec.flags.contains(.fast) ? "fast-command" : "command",
                       milliseconds: Int(microseconds / 1000), nowSeconds: unixSeconds)
    }

    /// Wall-clock Unix seconds, as time(NULL) gives latency.c.
    var unixSeconds: Int64 { clock.milliseconds() / 1000 }
}
