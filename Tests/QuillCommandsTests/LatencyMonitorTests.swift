// The latency monitor and the LATENCY command on an engine with a controlled clock. The
// GRAPH and DOCTOR texts are the ones redis-server 7.0.15 printed for the same samples
// (DEBUG SLEEP 0.012, 0.05, 0.02, 0.1, 0.03 at 1795690420, 421, 422, 424, 425, asked at 426).

import NIOCore
import XCTest
import QuillStore
@testable import QuillCommands

/// A clock that moves on by `step` microseconds each time it is read, so every command
/// lasts `step`.
final class SteppingClock: Clock, @unchecked Sendable {
    var now: Int64 = 1_795_690_420_000_000
    var step: Int64 = 0
    func microseconds() -> Int64 {
        now += step
        return now
    }
}

final class LatencyMonitorTests: XCTestCase {
    private func run(_ engine: Engine, _ client: ClientSession, _ args: String...) -> String {
        client.out.buffer.clear()
        engine.execute(args.map { Array($0.utf8) }, for: client)
        return String(decoding: client.out.buffer.readableBytesView, as: UTF8.self)
    }

    private func makeEngine(_ clock: any Clock) -> (Engine, ClientSession) {
        let engine = Engine(config: Configuration(), clock: clock)
        let client = engine.registerClient(remoteAddress: "test", localAddress: "test", fileDescriptor: -1,
                                           allocator: ByteBufferAllocator())
        return (engine, client)
    }

    private func redisSamples() -> LatencyMonitor {
        var monitor = LatencyMonitor()
        monitor.threshold = 10
        for (time, latency) in [(420, 12), (421, 50), (422, 20), (424, 100), (425, 30)] {
            monitor.record("command", milliseconds: latency, nowSeconds: 1_795_690_000 + Int64(time))
        }
        return monitor
    }

    func testRecordsOnlyWhenOnAndAtLeastTheThreshold() {
        var monitor = LatencyMonitor()
        monitor.record("command", milliseconds: 500, nowSeconds: 100)
        XCTAssertTrue(monitor.latest.isEmpty, "threshold 0 is off")
        monitor.threshold = 10
        monitor.record("command", milliseconds: 9, nowSeconds: 100)
        XCTAssertTrue(monitor.latest.isEmpty)
        monitor.record("command", milliseconds: 10, nowSeconds: 100)
        XCTAssertEqual(monitor.history("command"), [.init(time: 100, latency: 10)])
    }

    func testOneSamplePerSecondKeepingTheLargest() {
        var monitor = LatencyMonitor()
        monitor.threshold = 1
        monitor.record("aof-write", milliseconds: 5, nowSeconds: 100)
        monitor.record("aof-write", milliseconds: 9, nowSeconds: 100)
        monitor.record("aof-write", milliseconds: 7, nowSeconds: 100)
        monitor.record("aof-write", milliseconds: 3, nowSeconds: 101)
        monitor.record("command", milliseconds: 2, nowSeconds: 101)
        XCTAssertEqual(monitor.history("aof-write"), [.init(time: 100, latency: 9), .init(time: 101, latency: 3)])
        let latest = monitor.latest
        XCTAssertEqual(latest.map(\.event), ["aof-write", "command"])
        XCTAssertEqual(latest[0].time, 101)
        XCTAssertEqual(latest[0].latency, 3)
        XCTAssertEqual(latest[0].allTimeHigh, 9)
    }

    func testHistoryKeepsTheLast160Samples() {
        var monitor = LatencyMonitor()
        monitor.threshold = 1
        for second in 1...200 { monitor.record("command", milliseconds: second, nowSeconds: Int64(second)) }
        let history = monitor.history("command")
        XCTAssertEqual(history.count, LatencyMonitor.historyLength)
        XCTAssertEqual(history.first, .init(time: 41, latency: 41))
        XCTAssertEqual(history.last, .init(time: 200, latency: 200))
        XCTAssertEqual(monitor.latest[0].allTimeHigh, 200)
    }

    func testNamesAreExactExceptForReset() {
        var monitor = redisSamples()
        monitor.record("fast-command", milliseconds: 11, nowSeconds: 1)
        XCTAssertTrue(monitor.history("COMMAND").isEmpty)
        XCTAssertEqual(monitor.reset("nosuch"), 0)
        XCTAssertEqual(monitor.reset("COMMAND"), 1)
        XCTAssertEqual(monitor.latest.map(\.event), ["fast-command"])
        monitor.record("command", milliseconds: 11, nowSeconds: 1)
        XCTAssertEqual(monitor.reset(), 2)
        XCTAssertTrue(monitor.latest.isEmpty)
    }

    func testGraphMatchesRedis() throws {
        let series = try XCTUnwrap(redisSamples().series("command"))
        XCTAssertEqual(LatencyGraph.render(event: "command", series: series, nowSeconds: 1_795_690_426),
                       "command - high 100 ms, low 12 ms (all time high 100 ms)\n"
                       + String(repeating: "-", count: 80) + "\n"
                       + "   # \n   | \n # | \n_|o|#\n     \n65421\nsssss\n")
    }

    func testGraphWrapsAfter80ColumnsAndLabelsMinutesHoursDays() throws {
        var monitor = LatencyMonitor()
        monitor.threshold = 1
        let now: Int64 = 10_000_000
        for i in 0..<100 { monitor.record("e", milliseconds: 5, nowSeconds: now - 100 + Int64(i)) }
        monitor.record("old", milliseconds: 5, nowSeconds: now - 90_000)
        monitor.record("old", milliseconds: 6, nowSeconds: now - 7_200)
        monitor.record("old", milliseconds: 7, nowSeconds: now - 120)
        let wrapped = LatencyGraph.render(event: "e", series: try XCTUnwrap(monitor.series("e")), nowSeconds: now)
        let blocks = wrapped.components(separatedBy: "\n\n")
        XCTAssertEqual(blocks.count, 2, wrapped)
        let first = blocks[0].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let second = blocks[1].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(first[2], String(repeating: " ", count: 80))
        XCTAssertEqual(first[5], String(repeating: "_", count: 80), "equal values sit on the bottom row")
        XCTAssertEqual(first.count, 10, "header, rule, four rows, a blank one, three label rows")
        XCTAssertEqual(first[7], String(repeating: "1", count: 41) + "5555555555444444444433333333332222222222".dropLast())
        XCTAssertEqual(first[8], String(repeating: "m", count: 41) + "987654321098765432109876543210987654321")
        XCTAssertEqual(first[9], String(repeating: " ", count: 41) + String(repeating: "s", count: 39))
        XCTAssertEqual(second[3], String(repeating: "_", count: 20))
        XCTAssertEqual(second.count, 9, "four rows, a blank one, two label rows, and the final newline")
        let old = LatencyGraph.render(event: "old", series: try XCTUnwrap(monitor.series("old")), nowSeconds: now)
        XCTAssertTrue(old.hasSuffix("\n  #\n _|\n ||\n_||\n   \n122\ndhm\n"), old)
    }

    func testDoctorMatchesRedis() {
        let clock = SteppingClock()
        clock.now = 1_795_690_426_000_000
        let (engine, client) = makeEngine(clock)
        XCTAssertEqual(run(engine, client, "LATENCY", "DOCTOR"),
                       "$288\r\nI'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we weren't in a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n\r\n")
        _ = run(engine, client, "CONFIG", "SET", "latency-monitor-threshold", "10")
        XCTAssertTrue(run(engine, client, "LATENCY", "DOCTOR").contains("Dave, no latency spike was observed"))
        engine.latency = redisSamples()
        let report = run(engine, client, "LATENCY", "DOCTOR")
        XCTAssertTrue(report.hasSuffix("\r\nDave, I have observed latency spikes in this Redis instance. You don't mind talking about it, do you Dave?\n\n"
            + "1. command: 5 latency spikes (average 42ms, mean deviation 26ms, period 1.20 sec). Worst all time event 100ms.\n"
            + "\nI have a few advices for you:\n\n"
            + "- Check your Slow Log to understand what are the commands you are running which are too slow to execute. Please check https://redis.io/commands/slowlog for more information.\n"
            + "- Deleting, expiring or evicting (because of maxmemory policy) large objects is a blocking operation. If you have very large objects that are often deleted, expired, or evicted, try to fragment those objects into multiple smaller objects.\n\r\n"),
                      report)
        _ = run(engine, client, "CONFIG", "SET", "latency-monitor-threshold", "5")
        XCTAssertTrue(run(engine, client, "LATENCY", "DOCTOR").contains(
            "- Your current Slow Log configuration only logs events that are slower than your configured latency monitor threshold. Please use 'CONFIG SET slowlog-log-slower-than 5000'.\n"))
    }

    func testCommandsSlowerThanTheThresholdAreRecorded() {
        let clock = SteppingClock()
        let (engine, client) = makeEngine(clock)
        clock.step = 30_000
        XCTAssertEqual(run(engine, client, "SET", "k", "v"), "+OK\r\n")
        XCTAssertEqual(run(engine, client, "LATENCY", "LATEST"), "*0\r\n", "off by default")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "latency-monitor-threshold", "40"), "+OK\r\n")
        _ = run(engine, client, "LATENCY", "RESET")
        XCTAssertEqual(run(engine, client, "SET", "k", "v"), "+OK\r\n")
        XCTAssertEqual(run(engine, client, "LATENCY", "LATEST"), "*0\r\n", "30 ms is under 40")
        clock.step = 45_000
        XCTAssertEqual(run(engine, client, "GET", "k"), "$1\r\nv\r\n")
        clock.step = 0
        clock.now += 5_000_000
        let seconds = clock.now / 1_000_000
        XCTAssertEqual(run(engine, client, "LATENCY", "LATEST"), "*1\r\n*4\r\n$12\r\nfast-command\r\n:\(seconds - 5)\r\n:45\r\n:45\r\n")
        clock.step = 70_000
        _ = run(engine, client, "KEYS", "*")
        clock.step = 0
        XCTAssertEqual(run(engine, client, "LATENCY", "HISTORY", "command"), "*1\r\n*2\r\n:\(seconds)\r\n:70\r\n")
        XCTAssertEqual(run(engine, client, "LATENCY", "HISTORY", "nosuch"), "*0\r\n")
        XCTAssertEqual(run(engine, client, "LATENCY", "RESET", "Command", "nosuch", "fast-command"), ":2\r\n")
        XCTAssertEqual(run(engine, client, "LATENCY", "LATEST"), "*0\r\n")
    }

    func testRecordLatencyFollowsTheConfiguredThreshold() {
        let (engine, client) = makeEngine(SteppingClock())
        engine.recordLatency("aof-write", milliseconds: 500)
        XCTAssertTrue(engine.latency.latest.isEmpty)
        XCTAssertNil(engine.config.set("latency-monitor-threshold", "100", atStartup: true))
        engine.recordLatency("aof-write", milliseconds: 99)
        engine.recordLatency("aof-write", milliseconds: 100)
        XCTAssertEqual(engine.latency.history("aof-write").map(\.latency), [100])
        XCTAssertEqual(run(engine, client, "LATENCY", "GRAPH", "nosuch"), "-ERR No samples available for event 'nosuch'\r\n")
        XCTAssertTrue(run(engine, client, "LATENCY", "GRAPH", "aof-write").contains("aof-write - high 100 ms, low 100 ms (all time high 100 ms)\n"))
    }

    func testHelpAndErrorsMatchRedis() {
        let (engine, client) = makeEngine(SteppingClock())
        let help = run(engine, client, "LATENCY", "HELP")
        XCTAssertTrue(help.hasPrefix("*17\r\n+LATENCY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n+DOCTOR\r\n"), help)
        XCTAssertTrue(help.hasSuffix("+HISTOGRAM [COMMAND ...]\r\n+    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.\r\n+    If no commands are specified then all histograms are replied.\r\n+HELP\r\n+    Prints this help.\r\n"), help)
        XCTAssertEqual(run(engine, client, "LATENCY"), "-ERR wrong number of arguments for 'latency' command\r\n")
        XCTAssertEqual(run(engine, client, "LATENCY", "foo"), "-ERR unknown subcommand 'foo'. Try LATENCY HELP.\r\n")
        XCTAssertEqual(run(engine, client, "LATENCY", "HISTORY"), "-ERR wrong number of arguments for 'latency|history' command\r\n")
        XCTAssertEqual(run(engine, client, "LATENCY", "LATEST", "x"), "-ERR wrong number of arguments for 'latency|latest' command\r\n")
        XCTAssertEqual(run(engine, client, "LATENCY", "HELP", "x"), "-ERR wrong number of arguments for 'latency|help' command\r\n")
        XCTAssertEqual(run(engine, client, "LATENCY", "GRAPH"), "-ERR wrong number of arguments for 'latency|graph' command\r\n")
        XCTAssertEqual(run(engine, client, "LATENCY", "RESET"), ":0\r\n")
    }
}

/// Per-command latency histograms (LATENCY HISTOGRAM, INFO latencystats). The expected
/// numbers follow HdrHistogram's slots as Redis 7.0.15 reports them (e.g. a DEBUG SLEEP 0.1
/// that took 100,139 µs shows as p99=100139.007 there and here).
final class LatencyHistogramTests: XCTestCase {
    private func run(_ engine: Engine, _ client: ClientSession, _ args: String...) -> String {
        client.out.buffer.clear()
        engine.execute(args.map { Array($0.utf8) }, for: client)
        return String(decoding: client.out.buffer.readableBytesView, as: UTF8.self)
    }

    func testBucketsAndPercentilesFollowHdrSlots() {
        var histogram = LatencyHistogram()
        for microseconds: Int64 in [3, 7, 7, 100_139] { histogram.record(microseconds: microseconds) }
        XCTAssertEqual(histogram.totalCount, 4)
        XCTAssertEqual(histogram.cumulativeBuckets.map { [$0.microseconds, $0.count] },
                       [[4, 1], [8, 3], [135_266, 4]])
        XCTAssertEqual(histogram.value(atPercentile: 0), 2_992)
        XCTAssertEqual(histogram.value(atPercentile: 50), 7_007)
        XCTAssertEqual(histogram.value(atPercentile: 99), 100_139_007)
        XCTAssertEqual(histogram.value(atPercentile: 100), 100_139_007)
    }

    func testExtremesAreClampedAndASecondOrMoreIsNeverBucketed() {
        var histogram = LatencyHistogram()
        histogram.record(microseconds: 0)
        histogram.record(microseconds: 5_000_000)
        XCTAssertEqual(histogram.totalCount, 2)
        XCTAssertEqual(histogram.cumulativeBuckets.map { [$0.microseconds, $0.count] }, [[1, 1]])
        XCTAssertEqual(histogram.value(atPercentile: 0), 1)
        XCTAssertEqual(histogram.value(atPercentile: 100), 1_002_438_655)
        XCTAssertEqual(LatencyHistogram.index(of: LatencyHistogram.highestValue), 3_054)
        XCTAssertLessThan(LatencyHistogram.index(of: LatencyHistogram.highestValue), LatencyHistogram.countsLength)
    }

    func testHistogramCommandAndLatencyStats() {
        let clock = SteppingClock()
        let engine = Engine(config: Configuration(), clock: clock)
        let client = engine.registerClient(remoteAddress: "t", localAddress: "t", fileDescriptor: -1,
                                           allocator: ByteBufferAllocator())
        XCTAssertEqual(run(engine, client, "LATENCY", "HISTOGRAM", "set"), "*0\r\n")
        clock.step = 30_000
        _ = run(engine, client, "SET", "k", "v")
        _ = run(engine, client, "CONFIG", "GET", "hz")
        clock.step = 0
        XCTAssertEqual(run(engine, client, "LATENCY", "HISTOGRAM", "SET", "nosuch", "config|nosuch", "a|b|c"),
                       "*2\r\n$3\r\nset\r\n*4\r\n$5\r\ncalls\r\n:1\r\n$14\r\nhistogram_usec\r\n*2\r\n:33816\r\n:1\r\n")
        XCTAssertEqual(run(engine, client, "LATENCY", "HISTOGRAM", "config"), run(engine, client, "LATENCY", "HISTOGRAM", "config|get"))
        XCTAssertTrue(run(engine, client, "LATENCY", "HISTOGRAM", "config").hasPrefix("*2\r\n$10\r\nconfig|get\r\n"))
        let all = run(engine, client, "LATENCY", "HISTOGRAM")
        XCTAssertTrue(all.hasPrefix("*6\r\n$10\r\nconfig|get\r\n"), all)
        XCTAssertTrue(all.contains("$17\r\nlatency|histogram\r\n"))

        XCTAssertTrue(run(engine, client, "INFO", "latencystats").contains(
            "latency_percentiles_usec_set:p50=30015.487,p99=30015.487,p99.9=30015.487\r\n"))
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "latency-tracking-info-percentiles", "0 12.50 1e2"), "+OK\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "GET", "latency-tracking-info-percentiles"),
                       "*2\r\n$33\r\nlatency-tracking-info-percentiles\r\n$10\r\n0 12.5 100\r\n")
        XCTAssertTrue(run(engine, client, "INFO", "latencystats").contains(
            "latency_percentiles_usec_set:p0=29884.416,p12.5=30015.487,p100=30015.487\r\n"))
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "latency-tracking-info-percentiles", ""), "+OK\r\n")
        XCTAssertTrue(run(engine, client, "INFO", "latencystats").contains("latency_percentiles_usec_set:\r\n"))

        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "latency-tracking", "no"), "+OK\r\n")
        _ = run(engine, client, "GET", "k")
        XCTAssertEqual(run(engine, client, "LATENCY", "HISTOGRAM", "get"), "*0\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "RESETSTAT"), "+OK\r\n")
        XCTAssertEqual(run(engine, client, "LATENCY", "HISTOGRAM"), "*0\r\n")
    }

    func testPercentilesParameterMatchesRedis() {
        let config = Configuration()
        XCTAssertEqual(config.value("latency-tracking-info-percentiles"), "50 99 99.9")
        XCTAssertEqual(config.setAtomically([("latency-tracking-info-percentiles", "50 abc")], protectedAllowed: false),
                       "CONFIG SET failed (possibly related to argument 'latency-tracking-info-percentiles') - Invalid latency-tracking-info-percentiles parameters")
        XCTAssertEqual(config.setAtomically([("latency-tracking-info-percentiles", "101")], protectedAllowed: false),
                       "CONFIG SET failed (possibly related to argument 'latency-tracking-info-percentiles') - latency-tracking-info-percentiles parameters should sit between [0.0,100.0]")
        XCTAssertNotNil(config.setAtomically([("latency-tracking-info-percentiles", "50  99")], protectedAllowed: false))
        XCTAssertNotNil(config.setAtomically([("latency-tracking-info-percentiles", " 50")], protectedAllowed: false))
        XCTAssertEqual(config.value("latency-tracking-info-percentiles"), "50 99 99.9", "a refused value changes nothing")
        XCTAssertNil(config.set("latency-tracking-info-percentiles", arguments: ["0.0001", "33.3333333"]))
        XCTAssertEqual(config.value("latency-tracking-info-percentiles"), "0.0001 33.333333")
        XCTAssertEqual(config.latencyTrackingPercentiles, [0.0001, 33.3333333])
        XCTAssertNil(config.set("latency-tracking-info-percentiles", arguments: [""]))
        XCTAssertEqual(config.latencyTrackingPercentiles, [])
        XCTAssertNil(config.set("latency-tracking", arguments: ["no"]))
        XCTAssertFalse(config.latencyTracking)
    }
}
