// Crash safety through the real binary: clients write with pipelining while the test kills
// the server with SIGKILL at random moments; after every restart each acknowledged write is
// there and the counter never goes backwards. Under `always` and `everysec` alike: a
// killed process loses nothing the kernel has (replies wait for write(2)), and `always`
// also covers a machine crash (replies wait for fsync).

import Foundation
import XCTest

final class AOFCrashIntegrationTests: XCTestCase {
    func testSigkillUnderAlwaysLosesNothingAcknowledged() throws {
        try crashRounds(policy: "always", rounds: 20)
    }

    func testSigkillUnderEverysecLosesNothingAcknowledged() throws {
        try crashRounds(policy: "everysec", rounds: 20)
    }

    /// What the writers saw acknowledged before the kill.
    private final class Acknowledged: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var counter = 0
        private(set) var keys: [String] = []

        func record(counter value: Int?, key: String?) {
            lock.lock()
            if let value { counter = max(counter, value) }
            if let key { keys.append(key) }
            lock.unlock()
        }
    }

    private func crashRounds(policy: String, rounds: Int) throws {
        let arguments = ["--appendfsync", policy]
        var directory: URL?
        var lastCounter = 0
        var mustExist: [String] = []
        for round in 0..<rounds {
            let server = try directory.map { try ServerProcess.restart(in: $0, arguments: arguments) }
                ?? ServerProcess(arguments: arguments)
            directory = server.directory
            try server.waitUntilLoaded()
            let checker = try server.client()
            let counter = Int(try checker.call("GET", "counter").string ?? "0") ?? 0
            XCTAssertGreaterThanOrEqual(counter, lastCounter, "round \(round): the counter went backwards")
            for chunk in stride(from: 0, to: mustExist.count, by: 500) {
                let keys = Array(mustExist[chunk..<min(chunk + 500, mustExist.count)])
                XCTAssertEqual(try checker.call(strings: ["EXISTS"] + keys), .integer(keys.count),
                               "round \(round): acknowledged keys are missing")
            }
            lastCounter = counter

            let acknowledged = Acknowledged()
            let killDelay = Int.random(in: 30...250)
            let victim = CrossThread(server)
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(killDelay)) { victim.value.kill() }
            let group = DispatchGroup()
            for writer in 0..<3 {
                let connection = CrossThread(try server.client())
                group.enter()
                DispatchQueue.global().async {
                    defer { group.leave() }
                    let client = connection.value
                    var sequence = 0
                    while true {
                        var keys: [String] = []
                        do {
                            for _ in 0..<8 {
                                let key = "r\(round)w\(writer)n\(sequence)"
                                sequence += 1
                                keys.append(key)
                                try client.send(strings: ["INCR", "counter"])
                                try client.send(strings: ["SET", key, "v"])
                            }
                            for key in keys {
                                let value = try client.read().integer
                                let stored = try client.read()
                                acknowledged.record(counter: value, key: stored == .simple("OK") ? key : nil)
                            }
                        } catch {
                            return
                        }
                    }
                }
            }
            group.wait()
            _ = server.waitForExit(timeout: 10)
            // A round killed before its first reply acknowledged nothing new.
            lastCounter = max(lastCounter, acknowledged.counter)
            mustExist += acknowledged.keys
        }
        let final = try ServerProcess.restart(in: directory!, arguments: arguments)
        defer { final.stop() }
        let c = try final.client()
        XCTAssertGreaterThanOrEqual(Int(try c.call("GET", "counter").string ?? "0") ?? 0, lastCounter)
        XCTAssertGreaterThan(mustExist.count, 0, "the writers never got a reply")
        for chunk in stride(from: 0, to: mustExist.count, by: 500) {
            let keys = Array(mustExist[chunk..<min(chunk + 500, mustExist.count)])
            XCTAssertEqual(try c.call(strings: ["EXISTS"] + keys), .integer(keys.count))
        }
        let check = try ServerProcess.run("redis-check-aof", [final.appendOnlyDirectory.appendingPathComponent("appendonly.aof.manifest").path])
        XCTAssertEqual(check.status, 0, check.output)
    }
}
