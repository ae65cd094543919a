// LATENCY through the real binary, beside a real redis-server 7.0.15: the same replies and
// errors, and slow commands (DEBUG SLEEP) recorded as "command" samples once
// latency-monitor-threshold is set.

import XCTest

final class LatencyIntegrationTests: ServerIntegrationTestCase {
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
            """)
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
