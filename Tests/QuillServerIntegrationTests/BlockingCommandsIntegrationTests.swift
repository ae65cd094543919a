// BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP, BZPOPMIN, BZPOPMAX, BZMPOP and CLIENT UNBLOCK
// through the real binary with several connections: immediate pops, the order waiters are
// served in, timeouts, transactions, keys changing type, chained moves, disconnections,
// CLIENT KILL and UNBLOCK, RESP3, every error string, and multi-client sequences played
// on Quill and on a real redis-server 7.0.15 with their transcripts compared.

import Foundation
import XCTest

final class BlockingCommandsIntegrationTests: ServerIntegrationTestCase {
    /// Waits until the server reports `count` blocked clients (a blocking request sent on
    /// one connection may still be in flight when another connection writes).
    static func waitForBlocked(_ count: Int, via client: RESPClient, file: StaticString = #filePath,
                               line: UInt = #line) throws {
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if (try client.call("INFO", "clients").string ?? "").contains("blocked_clients:\(count)\r\n") { return }
            usleep(5_000)
        }
        XCTFail("blocked_clients never reached \(count)", file: file, line: line)
    }

    private func waitForBlocked(_ count: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        try Self.waitForBlocked(count, via: c, file: file, line: line)
    }

    private func infoField(_ name: String) throws -> String? {
        let info = try c.call("INFO", "clients").string ?? ""
        return info.split(separator: "\r\n").first { $0.hasPrefix(name + ":") }.map { String($0.dropFirst(name.count + 1)) }
    }

    // MARK: Compared with redis-server

    func testErrorsAndImmediateRepliesMatchRedis() throws {
        let comparison = try RedisComparison(quill: server)
        try comparison.run("""
        BLPOP
        BLPOP k
        BLPOP k abc
        BLPOP k -1
        BLPOP k inf
        BLPOP k -inf
        BLPOP k 1e30
        BLPOP k ''
        BLPOP k nan
        BLPOP k 1x
        BRPOP k -0.5
        BLMOVE a b
        BLMOVE a b up left 0
        BLMOVE a b left down 0
        BLMOVE a b left right x
        BLMOVE a b left right -1
        BRPOPLPUSH a b x
        BRPOPLPUSH a b -2
        BLMPOP 0 1 k
        BLMPOP 0 0 k left
        BLMPOP 0 x k left
        BLMPOP 0 -1 k left
        BLMPOP 0 2 k left
        BLMPOP 0 1 k up
        BLMPOP 0 1 k left count 0
        BLMPOP 0 1 k left count x
        BLMPOP 0 1 k left count 1 count 2
        BLMPOP 0 1 k left count
        BLMPOP 0 1 k left foo
        BLMPOP x 1 k left
        BLMPOP -1 1 k left
        BZPOPMIN k
        BZPOPMIN k x
        BZPOPMAX k -3
        BZMPOP 0 0 k min
        BZMPOP 0 1 k foo
        BZMPOP 0 1 k min count 0
        BZMPOP x 1 k min
        BZMPOP 0 1 k min count
        BZMPOP 0 3 a b min
        SET s str
        BLPOP s 0
        BLPOP missing s 0
        BRPOP s 0
        BLMOVE s d left left 0
        BRPOPLPUSH s d 0
        BLMPOP 0 1 s left
        BZPOPMIN s 0
        BZMPOP 0 2 missing s max
        RPUSH l a b c d e f
        BLPOP s l 0
        BLPOP l s 0
        BRPOP missing l 0
        BLMOVE l s left left 0
        BLMOVE l d Left rIght 0
        BRPOPLPUSH l d 0
        LRANGE d 0 -1
        BLMPOP 0.5 2 missing l right COUNT 10
        EXISTS l
        ZADD z 1 a 2 b 3 c 4 d
        BZPOPMIN missing z 0
        BZPOPMAX z 0
        BZMPOP 0 1 z MIN COUNT 1
        BZMPOP 0 1 z max
        EXISTS z
        BLMOVE d d right left 0
        LRANGE d 0 -1
        CLIENT UNBLOCK
        CLIENT UNBLOCK x
        CLIENT UNBLOCK 1 foo
        CLIENT UNBLOCK x foo
        CLIENT UNBLOCK 999999
        CLIENT UNBLOCK 0
        CLIENT UNBLOCK -5 ERROR
        CLIENT UNBLOCK 1 2 3
        """)
    }

    func testInsideMultiAndRESP3TimeoutsMatchRedis() throws {
        let comparison = try RedisComparison(quill: server)
        try comparison.run("""
        MULTI
        BLPOP l 0
        BRPOP l 0
        BLMOVE l d left left 0
        BRPOPLPUSH l d 0
        BLMPOP 0 1 l left
        BZPOPMIN z 0
        BZPOPMAX z 0
        BZMPOP 0 1 z min
        RPUSH l x
        BLPOP l 0
        BLPOP l x
        EXEC
        BLPOP l 0.01
        BRPOPLPUSH l d 0.01
        BZMPOP 0.01 1 z max
        """)
        try comparison.useRESP3()
        try comparison.run("""
        BLPOP l 0.01
        BLMOVE l d left left 0.01
        BZPOPMAX z 0.01
        ZADD z 1.5 a 2.5 b 3 c
        BZPOPMIN z 0
        BZMPOP 0 1 z max count 5
        RPUSH l a b
        BLMPOP 0 1 l left count 5
        """)
    }

    func testCommandInfoAndDocsMatchRedis() throws {
        let comparison = try RedisComparison(quill: server)
        for name in ["blpop", "brpop", "blmove", "brpoplpush", "blmpop", "bzpopmin", "bzpopmax", "bzmpop"] {
            try comparison.check(["COMMAND", "INFO", name])
            try comparison.check(["COMMAND", "DOCS", name])
        }
        try comparison.check(["COMMAND", "INFO", "client|unblock"])
        try comparison.check(["COMMAND", "DOCS", "client|unblock"])
        try comparison.check(["COMMAND", "GETKEYS", "BLMPOP", "0", "2", "a", "b", "LEFT"])
        try comparison.check(["COMMAND", "GETKEYS", "BZMPOP", "0", "1", "z", "MIN", "COUNT", "2"])
        try comparison.check(["COMMAND", "GETKEYS", "BLPOP", "a", "b", "c", "0"])
    }

    /// Plays one multi-client sequence on the server at `port` and returns every reply.
    private static func blockingTranscript(port: Int) throws -> [String] {
        let a = try RESPClient(port: port), b = try RESPClient(port: port), d = try RESPClient(port: port)
        let c = try RESPClient(port: port)
        var out: [String] = []
        func record(_ reply: Reply) { out.append(reply.description) }
        func waitFor(_ n: Int) throws { try waitForBlocked(n, via: c) }
        try c.call("CONFIG", "RESETSTAT")

        // Three waiters on one key, fed by a transaction that also pops.
        try a.send(strings: ["BLPOP", "q", "0"])
        try waitFor(1)
        try b.send(strings: ["BRPOP", "q", "0"])
        try waitFor(2)
        try d.send(strings: ["BLMPOP", "0", "1", "q", "LEFT", "COUNT", "2"])
        try waitFor(3)
        try c.call("MULTI")
        try c.call("RPUSH", "q", "1", "2", "3", "4", "5")
        try c.call("LPOP", "q")
        record(try c.call("EXEC"))
        record(try a.read())
        record(try b.read())
        record(try d.read())
        try waitFor(0)
        record(try c.call("LRANGE", "q", "0", "-1"))

        // A key created with another type keeps the waiter blocked.
        try a.send(strings: ["BLPOP", "t", "0"])
        try waitFor(1)
        record(try c.call("SET", "t", "x"))
        record(try c.call("DEL", "t"))
        record(try c.call("ZADD", "t", "1", "m"))
        try waitFor(1)
        record(try c.call("DEL", "t"))
        record(try c.call("RPUSH", "t", "v"))
        record(try a.read())

        // A move served after waiting feeds the client waiting on its destination.
        try a.send(strings: ["BLMOVE", "src", "dst", "LEFT", "RIGHT", "0"])
        try waitFor(1)
        try b.send(strings: ["BRPOP", "dst", "other", "0"])
        try waitFor(2)
        record(try c.call("LPUSH", "src", "x", "y"))
        record(try a.read())
        record(try b.read())
        record(try c.call("LRANGE", "src", "0", "-1"))
        record(try c.call("EXISTS", "dst"))

        // A destination of another type: WRONGTYPE, nothing moves.
        try c.call("SET", "d2", "str")
        try a.send(strings: ["BRPOPLPUSH", "s2", "d2", "0"])
        try waitFor(1)
        record(try c.call("RPUSH", "s2", "y"))
        record(try a.read())
        record(try c.call("LLEN", "s2"))

        // Sorted sets: a BZMPOP waiter first, a BZPOPMAX waiter after it.
        try a.send(strings: ["BZMPOP", "0", "2", "z1", "z2", "MAX", "COUNT", "2"])
        try waitFor(1)
        try b.send(strings: ["BZPOPMAX", "z2", "0"])
        try waitFor(2)
        record(try c.call("ZADD", "z2", "1", "a", "2", "b", "3", "c"))
        record(try a.read())
        record(try b.read())

        // A list waiter is skipped for a sorted set and the other way round.
        try a.send(strings: ["BZPOPMIN", "k", "0"])
        try waitFor(1)
        try b.send(strings: ["BLPOP", "k", "0"])
        try waitFor(2)
        record(try c.call("RPUSH", "k", "e"))
        record(try b.read())
        record(try c.call("ZADD", "k", "7", "m"))
        record(try a.read())

        // RESP3 replies when served.
        try a.call("HELLO", "3")
        try a.send(strings: ["BZPOPMIN", "r", "0"])
        try waitFor(1)
        try c.call("ZADD", "r", "2.5", "m")
        record(try a.read())

        // CLIENT UNBLOCK, a timeout and a disconnection, and how each counts in commandstats.
        let id = try XCTUnwrap(try a.call("CLIENT", "ID").integer)
        try a.send(strings: ["BLPOP", "u", "0"])
        try waitFor(1)
        record(try c.call("CLIENT", "UNBLOCK", String(id)))
        record(try a.read())
        try a.send(strings: ["BRPOP", "u", "0"])
        try waitFor(1)
        record(try c.call("CLIENT", "UNBLOCK", String(id), "ERROR"))
        record(try a.read())
        var leaving: RESPClient? = try RESPClient(port: port)
        try leaving!.send(strings: ["BLMPOP", "0", "1", "u", "LEFT"])
        try waitFor(1)
        leaving = nil
        try waitFor(0)
        record(try a.call("BZMPOP", "0.01", "1", "u", "MIN"))
        let stats = try c.call("INFO", "commandstats").string ?? ""
        let counted = stats.split(separator: "\r\n").filter { $0.hasPrefix("cmdstat_b") || $0.hasPrefix("cmdstat_client|unblock") }
        out += counted.map {
            $0.replacingOccurrences(of: #"usec=\d+,usec_per_call=[0-9.]+,"#, with: "", options: .regularExpression)
        }.sorted()
        return out
    }

    func testMultiClientSequencesMatchRedis() throws {
        let redis = try RedisServerProcess()
        defer { redis.stop() }
        let fromRedis = try Self.blockingTranscript(port: redis.port)
        let fromQuill = try Self.blockingTranscript(port: server.port)
        XCTAssertEqual(fromQuill, fromRedis)
        XCTAssertEqual(fromQuill.count, 41)
    }

    /// Keys made by commands other than pushes wake their waiters too: RENAME, MOVE, COPY,
    /// SWAPDB, SORT … STORE, ZUNIONSTORE and LMOVE.
    private static func creationTranscript(port: Int) throws -> [String] {
        let a = try RESPClient(port: port), c = try RESPClient(port: port)
        var out: [String] = []
        func record(_ reply: Reply) { out.append(reply.description) }
        func served(_ request: [String], by writes: [[String]]) throws {
            try a.send(strings: request)
            try waitForBlocked(1, via: c)
            for write in writes { record(try c.call(strings: write)) }
            record(try a.read())
        }
        try c.call("FLUSHALL")
        try served(["BLPOP", "renamed", "0"], by: [["RPUSH", "tmp", "1"], ["RENAME", "tmp", "renamed"]])
        try a.call("SELECT", "1")
        try served(["BLPOP", "moved", "0"], by: [["RPUSH", "moved", "2"], ["MOVE", "moved", "1"]])
        try served(["BRPOP", "copied", "0"], by: [["RPUSH", "orig", "3"], ["COPY", "orig", "copied", "DB", "1"]])
        try served(["BLPOP", "swapped", "0"], by: [["RPUSH", "swapped", "4"], ["SWAPDB", "0", "1"]])
        try c.call("SELECT", "1")
        try served(["BLPOP", "sorted", "0"], by: [["RPUSH", "src", "3", "1", "2"], ["SORT", "src", "STORE", "sorted"]])
        try served(["BZPOPMAX", "union", "0"], by: [["ZADD", "z1", "1", "a"], ["ZUNIONSTORE", "union", "1", "z1"]])
        try served(["BLMPOP", "0", "1", "moved2", "RIGHT", "COUNT", "3"],
                   by: [["RPUSH", "s", "x", "y"], ["LMOVE", "s", "moved2", "LEFT", "LEFT"]])
        record(try c.call("LRANGE", "s", "0", "-1"))
        return out
    }

    func testKeysCreatedByOtherCommandsWakeWaitersLikeRedis() throws {
        let redis = try RedisServerProcess()
        defer { redis.stop() }
        let fromRedis = try Self.creationTranscript(port: redis.port)
        let fromQuill = try Self.creationTranscript(port: server.port)
        XCTAssertEqual(fromQuill, fromRedis)
        XCTAssertEqual(fromQuill.count, 22)
    }

    // MARK: Quill alone

    func testThreeWaitersAreServedInTheOrderTheyBlocked() throws {
        let waiters = try (0..<3).map { _ in try server.client() }
        for (i, waiter) in waiters.enumerated() {
            try waiter.send(strings: ["BLPOP", "q", "0"])
            try waitForBlocked(i + 1)
        }
        XCTAssertEqual(try c.call("RPUSH", "q", "a"), .integer(1))
        XCTAssertEqual(try waiters[0].read(), .array([.bulk("q"), .bulk("a")]))
        try waitForBlocked(2)
        XCTAssertEqual(try c.call("RPUSH", "q", "b", "c"), .integer(2))
        XCTAssertEqual(try waiters[1].read(), .array([.bulk("q"), .bulk("b")]))
        XCTAssertEqual(try waiters[2].read(), .array([.bulk("q"), .bulk("c")]))
        try waitForBlocked(0)
        XCTAssertEqual(try c.call("EXISTS", "q"), .integer(0))
    }

    func testFractionalTimeoutRepliesNullAfterTheTimeout() throws {
        let started = Date()
        XCTAssertEqual(try c.call("BLPOP", "none", "0.3"), .nullArray)
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertGreaterThanOrEqual(elapsed, 0.3)
        XCTAssertLessThan(elapsed, 2)
        XCTAssertEqual(try c.call("BZPOPMIN", "none", "0.05"), .nullArray)
        XCTAssertEqual(try c.call("BLMOVE", "none", "d", "LEFT", "LEFT", "0.05"), .nullArray)
        XCTAssertEqual(try c.call("BLPOP", "none", "0.0001"), .nullArray)
        try c.call("HELLO", "3")
        XCTAssertEqual(try c.call("BRPOPLPUSH", "none", "d", "0.05"), .null)
    }

    func testZeroWaitsUntilServedAndPipelinedRequestsWait() throws {
        let waiter = try server.client()
        try waiter.sendRaw(RESPClient.encode([Array("BLPOP".utf8), Array("k".utf8), Array("0".utf8)])
            + RESPClient.encode([Array("PING".utf8)]) + RESPClient.encode([Array("LLEN".utf8), Array("k".utf8)]))
        try waitForBlocked(1)
        usleep(300_000)
        XCTAssertEqual(try infoField("blocked_clients"), "1")
        XCTAssertEqual(try infoField("clients_in_timeout_table"), "0")
        let list = try c.call("CLIENT", "LIST").string ?? ""
        XCTAssertTrue(list.contains("flags=b db=0"), list)
        XCTAssertTrue(list.contains("cmd=blpop"), list)
        XCTAssertTrue(list.contains("argv-mem=7 "), list)
        XCTAssertEqual(try c.call("RPUSH", "k", "v", "w"), .integer(2))
        XCTAssertEqual(try waiter.read(), .array([.bulk("k"), .bulk("v")]))
        XCTAssertEqual(try waiter.read(), .simple("PONG"))
        XCTAssertEqual(try waiter.read(), .integer(1))
        XCTAssertEqual(try infoField("blocked_clients"), "0")
    }

    func testPushesInsideExecWakeWaitersOnlyAfterExec() throws {
        let waiter = try server.client()
        try waiter.send(strings: ["BLPOP", "q", "0"])
        try waitForBlocked(1)
        try c.call("MULTI")
        try c.call("RPUSH", "q", "1")
        try c.call("LPOP", "q")
        XCTAssertEqual(try c.call("EXEC"), .array([.integer(1), .bulk("1")]))
        try waitForBlocked(1)
        try c.call("MULTI")
        try c.call("RPUSH", "q", "2")
        try c.call("RPUSH", "q", "3")
        XCTAssertEqual(try c.call("EXEC"), .array([.integer(1), .integer(2)]))
        XCTAssertEqual(try waiter.read(), .array([.bulk("q"), .bulk("2")]))
        XCTAssertEqual(try c.call("LRANGE", "q", "0", "-1"), .array([.bulk("3")]))
    }

    func testKeyDeletedWhileWaitingKeepsTheClientBlocked() throws {
        let waiter = try server.client()
        try waiter.send(strings: ["BRPOP", "a", "b", "0"])
        try waitForBlocked(1)
        try c.call("SET", "a", "x")
        try c.call("DEL", "a")
        try c.call("HSET", "b", "f", "v")
        try waitForBlocked(1)
        try c.call("RPUSH", "a", "1", "2")
        XCTAssertEqual(try waiter.read(), .array([.bulk("a"), .bulk("2")]))
    }

    func testDisconnectWhileBlockedLeavesTheDataAlone() throws {
        var waiter: RESPClient? = try server.client()
        try waiter!.send(strings: ["BLPOP", "k", "0"])
        try waitForBlocked(1)
        waiter = nil
        try waitForBlocked(0)
        XCTAssertEqual(try c.call("RPUSH", "k", "v"), .integer(1))
        XCTAssertEqual(try c.call("LLEN", "k"), .integer(1))
    }

    func testClientKillAndUnblock() throws {
        let waiter = try server.client()
        let id = try waiter.call("CLIENT", "ID").integer ?? 0
        try waiter.send(strings: ["BZPOPMIN", "z", "10"])
        try waitForBlocked(1)
        XCTAssertEqual(try infoField("clients_in_timeout_table"), "1")
        XCTAssertEqual(try c.call("CLIENT", "UNBLOCK", String(id), "ERROR"), .integer(1))
        XCTAssertEqual(try waiter.read(), .error("UNBLOCKED client unblocked via CLIENT UNBLOCK"))
        XCTAssertEqual(try c.call("CLIENT", "UNBLOCK", String(id)), .integer(0))
        try waiter.send(strings: ["BLMOVE", "s", "d", "LEFT", "LEFT", "0"])
        try waitForBlocked(1)
        XCTAssertEqual(try c.call("CLIENT", "UNBLOCK", String(id), "timeout"), .integer(1))
        XCTAssertEqual(try waiter.read(), .nullArray)
        XCTAssertEqual(try waiter.call("PING"), .simple("PONG"))
        let errors = try c.call("INFO", "errorstats").string ?? ""
        XCTAssertTrue(errors.contains("errorstat_UNBLOCKED:count=1"), errors)

        try waiter.send(strings: ["BLPOP", "k", "0"])
        try waitForBlocked(1)
        XCTAssertEqual(try c.call("CLIENT", "KILL", "ID", String(id)), .integer(1))
        try waitForBlocked(0)
        XCTAssertEqual(try c.call("RPUSH", "k", "v"), .integer(1))
        XCTAssertEqual(try c.call("LLEN", "k"), .integer(1))
        XCTAssertThrowsError(try waiter.read())
    }

    func testHelpListsUnblock() throws {
        let help = try c.call("CLIENT", "HELP").strings
        let index = try XCTUnwrap(help.firstIndex(of: "UNBLOCK <clientid> [TIMEOUT|ERROR]"))
        XCTAssertEqual(help[index + 1], "    Unblock the specified blocked client.")
    }
}
