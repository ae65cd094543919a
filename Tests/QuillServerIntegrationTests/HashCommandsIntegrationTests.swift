// The hash family through the real binary. Most replies are checked against a real
// redis-server 7.0.15 run side by side (RedisComparison), in RESP2 and RESP3: errors,
// arity, WRONGTYPE, number formatting and the listpack/hashtable encoding rules. What is
// random (HRANDFIELD) or incremental (HSCAN) is checked by its rules, and the generic key
// commands and DEBUG DIGEST are checked on hashes.

import XCTest

final class HashCommandsIntegrationTests: ServerIntegrationTestCase {
    private static let script = """
        SET str v
        HSET h
        HSET h a
        HSET h a 1 b
        HMSET h a
        HSETNX h a
        HGET h
        HMGET h
        HDEL h
        HLEN
        HSTRLEN h
        HEXISTS h
        HKEYS
        HVALS h x
        HGETALL
        HINCRBY h f
        HINCRBYFLOAT h f
        HRANDFIELD
        HSCAN h
        HSET h a 1 b 2 c 3
        HSET h a 10 d 4
        HMSET h e 5 f 6
        HSETNX h a 100
        HSETNX h g 7
        HGET h a
        HGET h missing
        HGET nokey a
        HMGET h a missing b
        HMGET nokey a b
        HLEN h
        HLEN nokey
        HSTRLEN h a
        HSTRLEN h missing
        HSTRLEN nokey a
        HEXISTS h a
        HEXISTS h missing
        HEXISTS nokey a
        HKEYS h
        HVALS h
        HGETALL h
        HKEYS nokey
        HVALS nokey
        HGETALL nokey
        HDEL h a missing a b
        HDEL nokey a
        HDEL h c d e f g
        EXISTS h
        HSET str a 1
        HSETNX str a 1
        HMSET str a 1
        HGET str a
        HMGET str a
        HDEL str a
        HLEN str
        HSTRLEN str a
        HEXISTS str a
        HKEYS str
        HVALS str
        HGETALL str
        HINCRBY str a 1
        HINCRBYFLOAT str a 1
        HRANDFIELD str
        HRANDFIELD str 2
        HSCAN str 0
        HINCRBY c f 5
        HINCRBY c f -12
        HINCRBY c f x
        HINCRBY c f 1.5
        HINCRBY c f 99999999999999999999
        HINCRBY str f x
        HSET c n 9223372036854775807 m -9223372036854775808 s abc sp  1 z 007
        HINCRBY c n 1
        HINCRBY c n 0
        HINCRBY c m -1
        HINCRBY c m 1
        HINCRBY c s 1
        HINCRBY c z 1
        HINCRBYFLOAT c s 1
        HINCRBYFLOAT c fl 10.5
        HINCRBYFLOAT c fl 0.1
        HINCRBYFLOAT c fl -10.6
        HINCRBYFLOAT c fl 1e20
        HINCRBYFLOAT c fl 5.0e3
        HINCRBYFLOAT c fl x
        HINCRBYFLOAT c fl inf
        HINCRBYFLOAT c fl -inf
        HINCRBYFLOAT c fl nan
        HINCRBYFLOAT c fl ''
        HINCRBYFLOAT c big 1e308
        HINCRBYFLOAT c big 1e4932
        HINCRBYFLOAT c big 1e4932
        HINCRBYFLOAT c f 1
        HINCRBYFLOAT c n 1
        HINCRBYFLOAT nokey2 f inf
        EXISTS nokey2
        HGETALL c
        HRANDFIELD c x
        HRANDFIELD c -9223372036854775808
        HRANDFIELD c 1 withvalue
        HRANDFIELD c 1 withvalues x
        HRANDFIELD c x withvalues
        HRANDFIELD c -4611686018427387904 withvalues
        HRANDFIELD nokey -4611686018427387904 withvalues
        HRANDFIELD nokey 4611686018427387904 withvalues
        HRANDFIELD nokey 4611686018427387903 withvalues
        HRANDFIELD c 9223372036854775807 withvalues
        HRANDFIELD c 9223372036854775807
        HRANDFIELD nokey
        HRANDFIELD nokey 3
        HRANDFIELD nokey 3 WITHVALUES
        HRANDFIELD c 0
        HRANDFIELD c 0 withvalues
        HRANDFIELD c 100
        HRANDFIELD c 100 WithValues
        HSCAN c x
        HSCAN c -
        HSCAN c 0 count 0
        HSCAN c 0 count x
        HSCAN c 0 foo
        HSCAN c 0 match
        HSCAN nokey 0 foo
        HSCAN c 0
        HSCAN c 0 MATCH f*
        HSET lp a 1 b 2 c 3
        HSCAN lp 0 COUNT 1
        HSCAN lp 7 MATCH b*
        HSET e 1234567890123456789012345678901234567890123456789012345678901234 v
        OBJECT ENCODING e
        HSET e2 f 12345678901234567890123456789012345678901234567890123456789012345
        OBJECT ENCODING e2
        HDEL e2 f
        EXISTS e2
        CONFIG SET hash-max-listpack-value 4
        HSET e3 abcd 1234
        OBJECT ENCODING e3
        HSETNX e3 abcd 123456
        OBJECT ENCODING e3
        HSETNX e3 new 123456
        OBJECT ENCODING e3
        HINCRBY e4 12345 1
        OBJECT ENCODING e4
        HINCRBYFLOAT e5 f 1.123456
        OBJECT ENCODING e5
        HINCRBY e6 f 99999
        OBJECT ENCODING e6
        CONFIG SET hash-max-listpack-value 64
        HSET e3 x 1
        OBJECT ENCODING e3
        CONFIG SET hash-max-listpack-entries 2
        HSET e7 a 1 b 2
        OBJECT ENCODING e7
        HSET e7 c 3
        OBJECT ENCODING e7
        HDEL e7 c b
        OBJECT ENCODING e7
        CONFIG SET hash-max-listpack-entries 0
        HSET e8 a 1
        OBJECT ENCODING e8
        CONFIG SET hash-max-listpack-entries 512
        HSET lower a 1 b 2 c 3
        CONFIG SET hash-max-listpack-entries 2
        HSET lower a 5
        OBJECT ENCODING lower
        CONFIG SET hash-max-listpack-entries 512
        TYPE c
        """

    func testRepliesMatchRedis() throws {
        let compare = try RedisComparison(quill: server)
        try compare.run(Self.script)
    }

    func testRESP3RepliesMatchRedis() throws {
        let compare = try RedisComparison(quill: server)
        try compare.useRESP3()
        try compare.run(Self.script)
        XCTAssertEqual(try compare.quill.call("HGETALL", "c").description.first, "{")
    }

    func testStatisticsMatchRedis() throws {
        let compare = try RedisComparison(quill: server)
        try compare.checkStatistics("""
            HSET h a 1 b 2
            HSET h a 1
            HMSET h c 3 d 4
            HSETNX h a 9
            HSETNX h e 5
            HGET h a
            HGET nokey a
            HMGET h a x
            HLEN nokey
            HSTRLEN h a
            HEXISTS h x
            HKEYS h
            HVALS nokey
            HGETALL h
            HINCRBY h n 1
            HINCRBY h a x
            HINCRBY h e 1
            HINCRBYFLOAT h f 1.5
            HDEL h x
            HDEL h a b
            HRANDFIELD h
            HRANDFIELD nokey 2
            HSCAN h 0
            HSCAN nokey 0
            HDEL h c d e n f
            """)
    }

    func testSmallHashesListInRedisOrder() throws {
        let compare = try RedisComparison(quill: server)
        try compare.run("""
            HSET h z 1 a 2 m 3
            HSET h a 20 q 4
            HDEL h z
            HSETNX h z 5
            HINCRBY h b 1
            HINCRBYFLOAT h m 0.5
            """)
        for args in [["HGETALL", "h"], ["HKEYS", "h"], ["HVALS", "h"], ["HSCAN", "h", "0"], ["HRANDFIELD", "h", "10"],
                     ["HRANDFIELD", "h", "10", "WITHVALUES"]] {
            XCTAssertEqual(try compare.quill.call(strings: args), try compare.redis.call(strings: args),
                           args.joined(separator: " "))
        }
        XCTAssertEqual(try compare.quill.call("HKEYS", "h").strings, ["a", "m", "q", "z", "b"])
    }

    func testExactRepliesAndErrors() throws {
        XCTAssertEqual(try c.call("HSET", "h", "a", "1", "b", "2"), .integer(2))
        XCTAssertEqual(try c.call("HSET", "h", "a", "x", "c", "3"), .integer(1))
        XCTAssertEqual(try c.call("HMSET", "h", "d", "4"), .simple("OK"))
        XCTAssertEqual(try c.call("HINCRBY", "h", "a", "1"), .error("ERR hash value is not an integer"))
        XCTAssertEqual(try c.call("HINCRBYFLOAT", "h", "a", "1"), .error("ERR hash value is not a float"))
        XCTAssertEqual(try c.call("HINCRBYFLOAT", "h", "n", "1.5"), .bulk("1.5"))
        XCTAssertEqual(try c.call("HINCRBYFLOAT", "h", "n", "inf"), .error("ERR value is NaN or Infinity"))
        XCTAssertEqual(try c.call("HSET", "h", "max", "9223372036854775807"), .integer(1))
        XCTAssertEqual(try c.call("HINCRBY", "h", "max", "1"), .error("ERR increment or decrement would overflow"))
        XCTAssertEqual(try c.call("HSET", "h", "odd"), .error("ERR wrong number of arguments for 'hset' command"))
        XCTAssertEqual(try c.call("HMSET", "h", "a", "1", "b"),
                       .error("ERR wrong number of arguments for 'hmset' command"))
        XCTAssertEqual(try c.call("SET", "s", "v"), .simple("OK"))
        XCTAssertEqual(try c.call("HGET", "s", "a"),
                       .error("WRONGTYPE Operation against a key holding the wrong kind of value"))
        XCTAssertEqual(try c.call("HRANDFIELD", "h", "-9223372036854775808"),
                       .error("ERR value is out of range, value must between -9223372036854775807 and "
                              + "9223372036854775807"))
        XCTAssertEqual(try c.call("HSCAN", "h", "abc"), .error("ERR invalid cursor"))
        XCTAssertEqual(try c.call("HGETALL", "h").array?.count, 12)
        try c.call("HELLO", "3")
        guard case .map(let entries) = try c.call("HGETALL", "h") else {
            return XCTFail("HGETALL is not a map in RESP3")
        }
        XCTAssertEqual(entries.count, 6)
        XCTAssertEqual(try c.call("HGETALL", "missing"), .map([]))
    }

    func testHRandFieldFollowsRedisCountRules() throws {
        let fields = (0..<20).map { "f\($0)" }
        try c.call(strings: ["HSET", "h"] + fields.flatMap { [$0, "v" + $0] })
        for _ in 0..<20 {
            let one = try c.call("HRANDFIELD", "h")
            XCTAssertTrue(fields.contains(one.string ?? ""))
            let distinct = try c.call("HRANDFIELD", "h", "7").strings
            XCTAssertEqual(distinct.count, 7)
            XCTAssertEqual(Set(distinct).count, 7)
            XCTAssertTrue(Set(distinct).isSubset(of: fields))
            let repeated = try c.call("HRANDFIELD", "h", "-50").strings
            XCTAssertEqual(repeated.count, 50)
            XCTAssertTrue(Set(repeated).isSubset(of: fields))
            XCTAssertLessThan(Set(repeated).count, 50)
        }
        XCTAssertEqual(Set(try c.call("HRANDFIELD", "h", "25").strings), Set(fields))
        let pairs = try c.call("HRANDFIELD", "h", "-5", "WITHVALUES").strings
        XCTAssertEqual(pairs.count, 10)
        for i in stride(from: 0, to: pairs.count, by: 2) { XCTAssertEqual(pairs[i + 1], "v" + pairs[i]) }
        try c.call("HELLO", "3")
        let nested = try c.call("HRANDFIELD", "h", "3", "WITHVALUES").array ?? []
        XCTAssertEqual(nested.count, 3)
        for pair in nested {
            let parts = pair.strings
            XCTAssertEqual(parts.count, 2)
            XCTAssertEqual(parts.last, "v" + (parts.first ?? ""))
        }
        XCTAssertEqual(try c.call("HRANDFIELD", "missing"), .null)
        XCTAssertEqual(try c.call("HRANDFIELD", "missing", "2"), .array([]))
    }

    func testHScanReturnsEveryFieldPresentThroughout() throws {
        XCTAssertEqual(try c.call("HSET", "small", "a", "1", "b", "2", "c", "3"), .integer(3))
        let small = try c.call("HSCAN", "small", "0", "COUNT", "1")
        XCTAssertEqual(small.array?.first, .bulk("0"))
        XCTAssertEqual(small.array?.last?.strings.count, 6)

        let stable = (0..<1000).map { "stable:\($0)" }
        for start in stride(from: 0, to: stable.count, by: 100) {
            try c.call(strings: ["HSET", "big"] + stable[start..<start + 100].flatMap { [$0, "x"] })
        }
        XCTAssertEqual(try c.call("OBJECT", "ENCODING", "big"), .bulk("hashtable"))
        var seen: [String: String] = [:]
        var cursor = "0"
        var calls = 0
        repeat {
            let reply = try c.call("HSCAN", "big", cursor, "COUNT", "10")
            guard let parts = reply.array, parts.count == 2, let next = parts[0].string else {
                return XCTFail("unexpected HSCAN reply \(reply)")
            }
            let page = parts[1].strings
            XCTAssertEqual(page.count % 2, 0)
            for i in stride(from: 0, to: page.count, by: 2) { seen[page[i]] = page[i + 1] }
            cursor = next
            calls += 1
            try c.call("HSET", "big", "churn:\(calls)", "y")
            if calls > 3 { try c.call("HDEL", "big", "churn:\(calls - 3)") }
        } while cursor != "0" && calls < 10_000
        XCTAssertGreaterThan(calls, 1)
        for field in stable { XCTAssertEqual(seen[field], "x", field) }
        let matched = try c.call("HSCAN", "big", "0", "MATCH", "stable:99*", "COUNT", "100000")
        XCTAssertEqual(matched.array?.first, .bulk("0"))
        let matchedFields = matched.array?.last?.strings.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        XCTAssertEqual(Set(matchedFields ?? []),
                       ["stable:99", "stable:990", "stable:991", "stable:992", "stable:993", "stable:994",
                        "stable:995", "stable:996", "stable:997", "stable:998", "stable:999"])
    }

    func testGenericKeyCommandsWorkOnHashes() throws {
        XCTAssertEqual(try c.call("HSET", "h", "a", "1", "b", "2"), .integer(2))
        XCTAssertEqual(try c.call("TYPE", "h"), .simple("hash"))
        XCTAssertEqual(try c.call("OBJECT", "ENCODING", "h"), .bulk("listpack"))
        XCTAssertEqual(try c.call("COPY", "h", "h2"), .integer(1))
        XCTAssertEqual(try c.call("HSET", "h2", "c", "3"), .integer(1))
        XCTAssertEqual(try c.call("HLEN", "h"), .integer(2))
        XCTAssertEqual(try c.call("RENAME", "h2", "h3"), .simple("OK"))
        XCTAssertEqual(try c.call("HGET", "h3", "c"), .bulk("3"))
        XCTAssertEqual(try c.call("MOVE", "h3", "1"), .integer(1))
        XCTAssertEqual(try c.call("EXISTS", "h3"), .integer(0))
        try c.call("SET", "s", "v")
        XCTAssertEqual(try c.call("SCAN", "0", "TYPE", "hash", "COUNT", "1000").array?.last?.strings, ["h"])
        XCTAssertEqual(try c.call("EXPIRE", "h", "100"), .integer(1))
        XCTAssertEqual(try c.call("HSET", "h", "z", "9"), .integer(1))
        XCTAssertGreaterThan(try c.call("TTL", "h").integer ?? -1, 0)
        XCTAssertEqual(try c.call("DEL", "h"), .integer(1))
        XCTAssertEqual(try c.call("SELECT", "1"), .simple("OK"))
        XCTAssertEqual(try c.call("HGETALL", "h3").strings.count, 6)
    }

    func testWatchSeesHashWritesAndEmptiedHashesDisappear() throws {
        let other = try server.client()
        try c.call("HSET", "h", "a", "1")
        try c.call("WATCH", "h")
        try other.call("HSETNX", "h", "a", "2")
        try c.call("MULTI")
        try c.call("HGET", "h", "a")
        XCTAssertEqual(try c.call("EXEC"), .array([.bulk("1")]))
        try c.call("WATCH", "h")
        try other.call("HINCRBY", "h", "n", "1")
        try c.call("MULTI")
        try c.call("HGET", "h", "a")
        XCTAssertEqual(try c.call("EXEC"), .nullArray)
        XCTAssertEqual(try c.call("HDEL", "h", "a", "n"), .integer(2))
        XCTAssertEqual(try c.call("EXISTS", "h"), .integer(0))
        XCTAssertEqual(try c.call("TYPE", "h"), .simple("none"))
    }

    func testDigestMatchesRedis() throws {
        let compare = try RedisComparison(quill: server)
        try compare.run("""
            HSET h a 1 b 2 c ''
            HSET '' '' ''
            HSET num 1 100 2 -5
            HSET ttl f v
            EXPIRE ttl 1000
            SET str 12
            """)
        let big = (0..<600).flatMap { ["f\($0)", "v\($0)"] }
        try compare.check(["HSET", "big"] + big)
        try compare.check(["DEBUG", "DIGEST"])
        try compare.check(["DEBUG", "DIGEST-VALUE", "h", "", "num", "ttl", "str", "big", "missing"])
        XCTAssertNotEqual(try compare.quill.call("DEBUG", "DIGEST-VALUE", "h"),
                          try compare.quill.call("DEBUG", "DIGEST-VALUE", "num"))
    }
}
