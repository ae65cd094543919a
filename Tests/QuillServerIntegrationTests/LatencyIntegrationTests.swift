// LATENCY through the real binary, beside a real redis-server 7.0.15: the same replies and
// errors, and slow commands (DEBUG SLEEP) recorded as "command" samples once
// latency-monitor-threshold is set.

import XCTest

final class LatencyIntegrationTests: ServerIntegrationTestCase {
    /// Without the append-only file, so no disk event can add samples beside the commands'.
    override func setUpWithError() throws {
        server = try ServerProcess(arguments: ["--appendonly", "no"])
        c = try server.client()
    }

    func testRepliesAndErrorsMatchRedis() throws {
        let compare = try RedisComparison(quill: server)
        try compare.run("""
            LATENCY HELP
            LATENCY
            LATENCY foo
            LATENCY HISTORY
            LATENCY HISTORY a b
            LATENCY LATEST x
            LATENCY HELP x
            LATENCY GRAPH
            LATENCY DOCTOR x
            LATENCY RESET
            LATENCY RESET a b
            LATENCY LATEST
            LATENCY HISTORY command
            LATENCY GRAPH command
            LATENCY DOCTOR
            CONFIG GET latency-monitor-threshold
            CONFIG SET latency-monitor-threshold -1
            CONFIG SET latency-monitor-threshold abc
            COMMAND INFO latency|latest
            COMMAND INFO latency|help
            COMMAND INFO latency|reset
            COMMAND INFO latency|graph
            COMMAND DOCS latency|reset
            COMMAND DOCS latency|history
            CONFIG SET latency-monitor-threshold 100
            LATENCY DOCTOR
            LATENCY HISTOGRAM nosuch a|b|c config|nosuch
            COMMAND INFO latency|histogram
            COMMAND DOCS latency|histogram
            CONFIG GET latency-tracking
            CONFIG GET latency-tracking-info-percentiles
            CONFIG SET latency-tracking maybe
            CONFIG SET latency-tracking-info-percentiles 101
            CONFIG SET latency-tracking-info-percentiles 5,0
            CONFIG SET latency-tracking-info-percentiles 0.0001
            CONFIG GET latency-tracking-info-percentiles
            CONFIG SET latency-tracking-info-percentiles 12.50
            CONFIG GET latency-tracking-info-percentiles
            CONFIG SET latency-tracking-info-percentiles ''
            CONFIG GET latency-tracking-info-percentiles
            CONFIG SET latency-tracking no
            SET k v
            LATENCY HISTOGRAM set
            """)
        let list = try compare.check(["CONFIG", "SET", "latency-tracking-info-percentiles", "0 33.3333333 100"])
        XCTAssertEqual(list, .simple("OK"))
        try compare.check(["CONFIG", "GET", "latency-tracking-info-percentiles"])
        try compare.check(["CONFIG", "SET", "latency-tracking-info-percentiles", "50 "])
    }

    func testCommandLatenciesAreTracked() throws {
        for _ in 0..<5 { XCTAssertEqual(try c.call("SET", "k", "v"), .simple("OK")) }
        XCTAssertEqual(try c.call("DEBUG", "SLEEP", "0.01"), .simple("OK"))
        guard case .array(let reply) = try c.call("LATENCY", "HISTOGRAM", "set", "debug"), reply.count == 4,
              case .array(let setFields) = reply[1], case .array(let debugFields) = reply[3],
              case .array(let setBuckets) = setFields[3], case .array(let debugBuckets) = debugFields[3] else {
            return XCTFail("unexpected LATENCY HISTOGRAM reply")
        }
        XCTAssertEqual(reply[0], .bulk("set"))
        XCTAssertEqual(Array(setFields[0...2]), [.bulk("calls"), .integer(5), .bulk("histogram_usec")])
        let counts = stride(from: 1, to: setBuckets.count, by: 2).compactMap { setBuckets[$0].integer }
        XCTAssertEqual(counts, counts.sorted())
        XCTAssertEqual(counts.last, 5)
        XCTAssertEqual(reply[2], .bulk("debug"))
        XCTAssertEqual(debugFields[1], .integer(1))
        XCTAssertEqual(debugBuckets.count, 2)
        XCTAssertTrue([16_908, 33_816].contains(debugBuckets[0].integer ?? 0), "\(debugBuckets)")

        let info = try c.call("INFO", "latencystats").string ?? ""
        let line = info.split(separator: "\r\n").first { $0.hasPrefix("latency_percentiles_usec_set:") } ?? ""
        XCTAssertNotNil(line.wholeMatch(of: /latency_percentiles_usec_set:p50=\d+\.\d{3},p99=\d+\.\d{3},p99\.9=\d+\.\d{3}/), info)
    }

    func testSlowCommandsAreRecorded() throws {
        XCTAssertEqual(try c.call("DEBUG", "SLEEP", "0.05"), .simple("OK"))
        XCTAssertEqual(try c.call("LATENCY", "LATEST"), .array([]), "the monitor is off by default")
        XCTAssertEqual(try c.call("CONFIG", "SET", "latency-monitor-threshold", "10"), .simple("OK"))
        let before = Int(Date().timeIntervalSince1970)
        XCTAssertEqual(try c.call("DEBUG", "SLEEP", "0.05"), .simple("OK"))
        XCTAssertEqual(try c.call("DEBUG", "SLEEP", "0"), .simple("OK"))
        let after = Int(Date().timeIntervalSince1970)
        guard case .array(let events) = try c.call("LATENCY", "LATEST"), events.count == 1,
              case .array(let fields) = events[0], fields.count == 4,
              case .integer(let time) = fields[1], case .integer(let latency) = fields[2],
              case .integer(let high) = fields[3] else {
            return XCTFail("unexpected LATENCY LATEST reply")
        }
        XCTAssertEqual(fields[0], .bulk("command"))
        XCTAssertTrue((before...after).contains(time), "\(time) in \(before)...\(after)")
        XCTAssertTrue((50..<1000).contains(latency), "\(latency)")
        XCTAssertEqual(high, latency)
        XCTAssertEqual(try c.call("LATENCY", "HISTORY", "command"), .array([.array([.integer(time), .integer(latency)])]))
        XCTAssertEqual(try c.call("LATENCY", "HISTORY", "COMMAND"), .array([]))

        let graph = try c.call("LATENCY", "GRAPH", "command").string ?? ""
        XCTAssertTrue(graph.hasPrefix("command - high \(latency) ms, low \(latency) ms (all time high \(latency) ms)\n"
                                      + String(repeating: "-", count: 80) + "\n \n \n \n_\n \n"), graph)
        let doctor = try c.call("LATENCY", "DOCTOR").string ?? ""
        XCTAssertTrue(doctor.contains("1. command: 1 latency spikes (average \(latency)ms, mean deviation 0ms, period "),
                      doctor)

        XCTAssertEqual(try c.call("LATENCY", "RESET", "COMMAND", "other"), .integer(1))
        XCTAssertEqual(try c.call("LATENCY", "LATEST"), .array([]))
        XCTAssertEqual(try c.call("CONFIG", "SET", "latency-monitor-threshold", "0"), .simple("OK"))
        XCTAssertEqual(try c.call("DEBUG", "SLEEP", "0.05"), .simple("OK"))
        XCTAssertEqual(try c.call("LATENCY", "LATEST"), .array([]), "switched off again")
    }
}
