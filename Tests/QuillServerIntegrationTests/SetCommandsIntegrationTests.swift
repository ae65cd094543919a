// The set family through the real binary. Deterministic replies are checked against a
// real redis-server 7.0.15 run side by side (RedisComparison), in RESP2 and RESP3: errors,
// arity, WRONGTYPE, the algebra commands and the intset/hashtable encoding rules. What is
// random (SPOP, SRANDMEMBER) or incremental (SSCAN) is checked by its rules, and the
// generic key commands and DEBUG DIGEST are checked on sets.

import XCTest

final class SetCommandsIntegrationTests: ServerIntegrationTestCase {
    private static let script = """
        SET str v
        SADD s
        SREM s
        SCARD
        SISMEMBER s
        SMISMEMBER s
        SMEMBERS
        SPOP
        SRANDMEMBER
        SMOVE a b
        SINTER
        SINTERCARD 1
        SUNION
        SDIFF
        SINTERSTORE d
        SUNIONSTORE d
        SDIFFSTORE d
        SSCAN s
        SADD si 3 1 2 -5 2
        SMEMBERS si
        OBJECT ENCODING si
        SADD si a
        OBJECT ENCODING si
        SREM si a missing
        OBJECT ENCODING si
        SMEMBERS si
        SADD lz 01
        OBJECT ENCODING lz
        SADD neg -0
        OBJECT ENCODING neg
        SADD huge 9223372036854775808
        OBJECT ENCODING huge
        SADD edge -9223372036854775808 9223372036854775807
        OBJECT ENCODING edge
        SMEMBERS edge
        CONFIG SET set-max-intset-entries 2
        SADD s3 1 2
        OBJECT ENCODING s3
        SADD s3 3
        OBJECT ENCODING s3
        SREM s3 3 2
        OBJECT ENCODING s3
        CONFIG SET set-max-intset-entries 0
        SADD s4 1
        OBJECT ENCODING s4
        CONFIG SET set-max-intset-entries 512
        SADD lower 1 2 3
        CONFIG SET set-max-intset-entries 2
        SADD lower 1
        OBJECT ENCODING lower
        SADD lower 4
        OBJECT ENCODING lower
        CONFIG SET set-max-intset-entries 512
        SCARD si
        SCARD nokey
        SISMEMBER si 1
        SISMEMBER si 9
        SISMEMBER nokey 1
        SMISMEMBER si 1 9 2
        SMISMEMBER nokey 1 2
        SMEMBERS nokey
        SREM nokey a
        SADD str a
        SREM str a
        SCARD str
        SISMEMBER str a
        SMISMEMBER str a
        SMEMBERS str
        SPOP str
        SPOP str 2
        SRANDMEMBER str
        SRANDMEMBER str 2
        SSCAN str 0
        SINTERCARD 0 a
        SINTERCARD -1 a
        SINTERCARD x a
        SINTERCARD 2 a
        SINTERCARD 1 a limit -1
        SINTERCARD 1 a limit x
        SINTERCARD 1 a foo 1
        SINTERCARD 1 a limit
        SINTERCARD 1 str
        SINTERCARD 2 nokey str
        SPOP si -1
        SPOP si x
        SPOP si 9223372036854775808
        SPOP nokey 0
        SPOP nokey 5
        SPOP nokey x
        SPOP si 0
        SPOP si 1 2
        SPOP nokey
        SRANDMEMBER si -9223372036854775808
        SRANDMEMBER si 9223372036854775808
        SRANDMEMBER si x
        SRANDMEMBER si 1 2
        SRANDMEMBER nokey 5
        SRANDMEMBER nokey
        SRANDMEMBER si 0
        SRANDMEMBER si 100
        SADD u1 5 3 1
        SADD u2 2 4 3 a
        SADD u3 3 a b
        SUNION u1 u2 nokey
        SINTER u1 u2
        SINTER u2 u3
        SINTER u1 nokey
        SINTER nokey u1
        SDIFF u1 u2
        SDIFF u2 u1 u3
        SDIFF nokey u1
        SDIFF u1 nokey
        SINTERCARD 2 u2 u3
        SINTERCARD 2 u2 u3 LIMIT 1
        SINTERCARD 2 u2 u3 limit 0
        SINTERCARD 2 u2 u3 LIMIT 1 LIMIT 0
        SINTERCARD 1 u1 LIMIT 2
        SINTER nokey str
        SUNION nokey str
        SDIFF nokey str
        SINTERSTORE d str
        SINTERSTORE d nokey str
        SDIFFSTORE d nokey str
        SUNIONSTORE d u1 u2
        SMEMBERS d
        OBJECT ENCODING d
        SDIFFSTORE d u1 u2
        SMEMBERS d
        OBJECT ENCODING d
        SINTERSTORE d u2 u3
        SMEMBERS d
        OBJECT ENCODING d
        SINTERSTORE d u1 nokey
        EXISTS d
        SET d x
        SUNIONSTORE d u1
        TYPE d
        SET d x
        EXPIRE d 100
        SINTERSTORE d u1 u1
        TTL d
        SUNIONSTORE u1 u1 u3
        SMEMBERS u1
        SADD src 1 x
        SMOVE src str 1
        SMOVE str src 1
        SMOVE nokey str 1
        SMOVE nokey si 1
        SMOVE src src 1
        SMOVE src src 99
        SMOVE src dst 99
        SMOVE src dst 1
        OBJECT ENCODING dst
        SMOVE src dst x
        OBJECT ENCODING dst
        EXISTS src
        SMEMBERS dst
        SADD src2 x
        SMOVE src2 dst x
        EXISTS src2
        SSCAN si x
        SSCAN si -
        SSCAN si 0 count 0
        SSCAN si 0 count x
        SSCAN si 0 foo
        SSCAN si 0 match
        SSCAN nokey 0 foo
        SSCAN si 0
        SADD is 1 2 3
        SSCAN is 5 COUNT 1
        SSCAN si 0 MATCH -*
        SSCAN u3 0 MATCH a
        TYPE si
        """

    func testRepliesMatchRedis() throws {
        let compare = try RedisComparison(quill: server)
        try compare.run(Self.script)
    }

    func testRESP3RepliesMatchRedis() throws {
        let compare = try RedisComparison(quill: server)
        try compare.useRESP3()
        try compare.run(Self.script)
    }

    func testStatisticsMatchRedis() throws {
        let compare = try RedisComparison(quill: server)
        try compare.checkStatistics("""
            SADD s 1 2 3
            SADD s 1
            SADD t 2 x
            SREM s 9
            SREM s 3
            SCARD s
            SCARD nokey
            SISMEMBER s 1
            SMISMEMBER nokey 1
            SMEMBERS s
            SINTER s t nokey
            SUNION s t
            SDIFF s t
            SINTERCARD 2 s nokey
            SINTERSTORE d s t
            SUNIONSTORE d nokey t
            SDIFFSTORE d t s
            SINTERSTORE d nokey
            SINTERSTORE d2 nokey
            SMOVE s t 1
            SMOVE s t 2
            SMOVE s s 9
            SMOVE nokey t 1
            SPOP nokey
            SPOP t 0
            SPOP t 1
            SRANDMEMBER t
            SRANDMEMBER nokey 3
            SSCAN t 0
            SSCAN nokey 0
            SADD u 1 2 3 4 5 6
            SPOP u 6
            """)
    }

    func testExactRepliesAndErrors() throws {
        XCTAssertEqual(try c.call("SADD", "s", "3", "1", "2", "1"), .integer(3))
        XCTAssertEqual(try c.call("SMEMBERS", "s"), .array([.bulk("1"), .bulk("2"), .bulk("3")]))
        XCTAssertEqual(try c.call("OBJECT", "ENCODING", "s"), .bulk("intset"))
        XCTAssertEqual(try c.call("SADD", "s", "x"), .integer(1))
        XCTAssertEqual(try c.call("OBJECT", "ENCODING", "s"), .bulk("hashtable"))
        XCTAssertEqual(try c.call("SINTERCARD", "0", "s"), .error("ERR numkeys should be greater than 0"))
        XCTAssertEqual(try c.call("SINTERCARD", "3", "s"),
                       .error("ERR Number of keys can't be greater than number of args"))
        XCTAssertEqual(try c.call("SINTERCARD", "1", "s", "LIMIT", "-1"), .error("ERR LIMIT can't be negative"))
        XCTAssertEqual(try c.call("SPOP", "s", "-1"), .error("ERR value is out of range, must be positive"))
        XCTAssertEqual(try c.call("SRANDMEMBER", "s", "1", "2"), .error("ERR syntax error"))
        XCTAssertEqual(try c.call("SADD", "s"), .error("ERR wrong number of arguments for 'sadd' command"))
        try c.call("SET", "str", "v")
        XCTAssertEqual(try c.call("SMEMBERS", "str"),
                       .error("WRONGTYPE Operation against a key holding the wrong kind of value"))
        try c.call("HELLO", "3")
        XCTAssertEqual(try c.call("SMEMBERS", "missing"), .set([]))
        XCTAssertEqual(try c.call("SPOP", "missing", "3"), .set([]))
        XCTAssertEqual(try c.call("SRANDMEMBER", "missing", "3"), .array([]))
        guard case .set(let popped) = try c.call("SPOP", "s", "1"), popped.count == 1 else {
            return XCTFail("SPOP with a count is not a set in RESP3")
        }
        guard case .array(let picked) = try c.call("SRANDMEMBER", "s", "-5"), picked.count == 5 else {
            return XCTFail("SRANDMEMBER with a count is not an array in RESP3")
        }
        XCTAssertEqual(try c.call("SADD", "s", popped[0].string ?? ""), .integer(1))
        guard case .set(let members) = try c.call("SUNION", "s") else { return XCTFail("SUNION is not a set in RESP3") }
        XCTAssertEqual(members.count, 4)
    }

    func testSPopAndSRandMemberFollowRedisCountRules() throws {
        let members = (0..<30).map { "m\($0)" }
        try c.call(strings: ["SADD", "s"] + members)
        for _ in 0..<20 {
            XCTAssertTrue(members.contains(try c.call("SRANDMEMBER", "s").string ?? ""))
            let distinct = try c.call("SRANDMEMBER", "s", "10").strings
            XCTAssertEqual(Set(distinct).count, 10)
            XCTAssertTrue(Set(distinct).isSubset(of: members))
            let repeated = try c.call("SRANDMEMBER", "s", "-60").strings
            XCTAssertEqual(repeated.count, 60)
            XCTAssertTrue(Set(repeated).isSubset(of: members))
        }
        XCTAssertEqual(Set(try c.call("SRANDMEMBER", "s", "31").strings), Set(members))
        var remaining = Set(members)
        let one = try c.call("SPOP", "s").string ?? ""
        XCTAssertNotNil(remaining.remove(one))
        let few = try c.call("SPOP", "s", "4").strings
        XCTAssertEqual(few.count, 4)
        for m in few { XCTAssertNotNil(remaining.remove(m)) }
        let many = try c.call("SPOP", "s", "23").strings
        XCTAssertEqual(many.count, 23)
        for m in many { XCTAssertNotNil(remaining.remove(m)) }
        XCTAssertEqual(Set(try c.call("SMEMBERS", "s").strings), remaining)
        XCTAssertEqual(try c.call("SCARD", "s"), .integer(2))
        XCTAssertEqual(Set(try c.call("SPOP", "s", "5").strings), remaining)
        XCTAssertEqual(try c.call("EXISTS", "s"), .integer(0))

        // Popping most of a hashtable set rebuilds the rest, which may be an intset again.
        // Popping only a few keeps the encoding.
        try c.call(strings: ["SADD", "mixed", "a", "b", "c"] + (1...7).map(String.init))
        XCTAssertEqual(try c.call("OBJECT", "ENCODING", "mixed"), .bulk("hashtable"))
        XCTAssertEqual(try c.call("SREM", "mixed", "a", "b", "c"), .integer(3))
        XCTAssertEqual(try c.call("SPOP", "mixed", "1").strings.count, 1)
        XCTAssertEqual(try c.call("OBJECT", "ENCODING", "mixed"), .bulk("hashtable"))
        XCTAssertEqual(try c.call("SPOP", "mixed", "5").strings.count, 5)
        XCTAssertEqual(try c.call("OBJECT", "ENCODING", "mixed"), .bulk("intset"))
        XCTAssertEqual(try c.call("SCARD", "mixed"), .integer(1))
    }

    func testSScanReturnsEveryMemberPresentThroughout() throws {
        let stable = (0..<1000).map { "stable:\($0)" }
        for start in stride(from: 0, to: stable.count, by: 100) {
            try c.call(strings: ["SADD", "big"] + stable[start..<start + 100])
        }
        var seen = Set<String>()
        var cursor = "0"
        var calls = 0
        repeat {
            let reply = try c.call("SSCAN", "big", cursor)
            guard let parts = reply.array, parts.count == 2, let next = parts[0].string else {
                return XCTFail("unexpected SSCAN reply \(reply)")
            }
            seen.formUnion(parts[1].strings)
            cursor = next
            calls += 1
            try c.call("SADD", "big", "churn:\(calls)")
            if calls > 3 { try c.call("SREM", "big", "churn:\(calls - 3)") }
        } while cursor != "0" && calls < 10_000
        XCTAssertGreaterThan(calls, 1)
        XCTAssertTrue(Set(stable).isSubset(of: seen))
        try c.call(strings: ["SADD", "ints"] + (1...600).map(String.init))
        XCTAssertEqual(try c.call("OBJECT", "ENCODING", "ints"), .bulk("hashtable"))
        let matched = try c.call("SSCAN", "ints", "0", "MATCH", "59?", "COUNT", "100000")
        XCTAssertEqual(matched.array?.first, .bulk("0"))
        XCTAssertEqual(Set(matched.array?.last?.strings ?? []), Set((590...599).map(String.init)))
    }

    func testGenericKeyCommandsWorkOnSets() throws {
        XCTAssertEqual(try c.call("SADD", "s", "1", "2"), .integer(2))
        XCTAssertEqual(try c.call("TYPE", "s"), .simple("set"))
        XCTAssertEqual(try c.call("OBJECT", "ENCODING", "s"), .bulk("intset"))
        XCTAssertEqual(try c.call("COPY", "s", "s2"), .integer(1))
        XCTAssertEqual(try c.call("SADD", "s2", "x"), .integer(1))
        XCTAssertEqual(try c.call("SCARD", "s"), .integer(2))
        XCTAssertEqual(try c.call("OBJECT", "ENCODING", "s"), .bulk("intset"))
        XCTAssertEqual(try c.call("RENAME", "s2", "s3"), .simple("OK"))
        XCTAssertEqual(try c.call("SISMEMBER", "s3", "x"), .integer(1))
        XCTAssertEqual(try c.call("MOVE", "s3", "1"), .integer(1))
        XCTAssertEqual(try c.call("EXISTS", "s3"), .integer(0))
        try c.call("SET", "str", "v")
        XCTAssertEqual(try c.call("SCAN", "0", "TYPE", "set", "COUNT", "1000").array?.last?.strings, ["s"])
        XCTAssertEqual(try c.call("EXPIRE", "s", "100"), .integer(1))
        XCTAssertEqual(try c.call("SADD", "s", "3"), .integer(1))
        XCTAssertGreaterThan(try c.call("TTL", "s").integer ?? -1, 0)
        XCTAssertEqual(try c.call("SREM", "s", "1", "2", "3"), .integer(3))
        XCTAssertEqual(try c.call("EXISTS", "s"), .integer(0))
        XCTAssertEqual(try c.call("SELECT", "1"), .simple("OK"))
        XCTAssertEqual(try c.call("SCARD", "s3"), .integer(3))
        XCTAssertEqual(try c.call("DEL", "s3"), .integer(1))
    }

    func testWatchSeesSetWrites() throws {
        let other = try server.client()
        try c.call("SADD", "a", "1")
        try c.call("SADD", "b", "1")
        try c.call("WATCH", "a", "b")
        try other.call("SADD", "a", "1")
        try other.call("SREM", "b", "9")
        try c.call("MULTI")
        try c.call("SCARD", "a")
        XCTAssertEqual(try c.call("EXEC"), .array([.integer(1)]))
        try c.call("WATCH", "b")
        try other.call("SMOVE", "a", "b", "1")
        try c.call("MULTI")
        try c.call("SCARD", "b")
        XCTAssertEqual(try c.call("EXEC"), .nullArray)
        XCTAssertEqual(try c.call("EXISTS", "a"), .integer(0))
    }

    func testDigestMatchesRedis() throws {
        let compare = try RedisComparison(quill: server)
        try compare.run("""
            SADD ints 1 2 3 -7
            SADD words a b c ''
            SADD '' ''
            SADD ttl x
            EXPIRE ttl 1000
            HSET h f v
            """)
        try compare.check(["SADD", "big"] + (0..<700).map { "m\($0)" })
        try compare.check(["DEBUG", "DIGEST"])
        try compare.check(["DEBUG", "DIGEST-VALUE", "ints", "words", "", "ttl", "h", "big", "missing"])
    }
}

/// Counts that would ask for an impossible number of random picks are refused instead of
/// exhausting the server's memory (Redis 7.0 tries, and stops answering).
final class RandomPickLimitIntegrationTests: ServerIntegrationTestCase {
    func testHugeNegativeCountsAreRefusedAndTheServerStaysUp() throws {
        try c.call("SADD", "s", "a", "b")
        try c.call("HSET", "h", "f", "v")
        try c.call("ZADD", "z", "1", "m")
        let refused = Reply.error("ERR value is out of range")
        XCTAssertEqual(try c.call("SRANDMEMBER", "s", "-9223372036854775807"), refused)
        XCTAssertEqual(try c.call("HRANDFIELD", "h", "-9223372036854775807"), refused)
        XCTAssertEqual(try c.call("ZRANDMEMBER", "z", "-9223372036854775807"), refused)
        XCTAssertEqual(try c.call("SRANDMEMBER", "s", "-67108865"), refused)
        XCTAssertEqual(try c.call("SRANDMEMBER", "s", "-3").array?.count, 3)
        XCTAssertEqual(try c.call("PING"), .simple("PONG"))
    }
}
