// The sorted set family through the real binary: each command's replies and Redis 7.0's
// exact errors in RESP2 and RESP3, score parsing and formatting, the listpack/skiplist
// encodings, the generic key commands on a zset, ZSCAN's full-iteration guarantee, and a
// long script whose every reply (and the final DEBUG DIGEST) is compared with a live
// redis-server 7.0.15 fed the same commands.

import XCTest

final class SortedSetCommandsIntegrationTests: ServerIntegrationTestCase {
    private let scoreRange = Reply.error("ERR min or max is not a float")
    private let lexRange = Reply.error("ERR min or max not valid string range item")

    private func bulks(_ items: String...) -> Reply { .array(items.map { .bulk($0) }) }

    func testPlainSetsCombineWithScoreOne() throws {
        try c.call("SADD", "plain", "a", "b")
        try c.call("ZADD", "scored", "2", "a")
        XCTAssertEqual(try c.call("ZUNION", "2", "scored", "plain", "WITHSCORES"), bulks("b", "1", "a", "3"))
        XCTAssertEqual(try c.call("ZINTERSTORE", "out", "2", "scored", "plain", "WEIGHTS", "1", "10"), .integer(1))
        XCTAssertEqual(try c.call("ZSCORE", "out", "a"), .bulk("12"))
        XCTAssertEqual(try c.call("ZDIFF", "2", "plain", "scored"), bulks("b"))
        try c.call("SET", "str", "x")
        XCTAssertEqual(try c.call("ZUNION", "2", "scored", "str"), wrongType)
    }

    private func assertCalls(_ cases: [([String], Reply)], file: StaticString = #filePath, line: UInt = #line) throws {
        for (args, expected) in cases {
            XCTAssertEqual(try c.call(strings: args), expected, args.joined(separator: " "), file: file, line: line)
        }
    }

    func testWrongNumberOfArguments() throws {
        let calls: [[String]] = [
            ["ZADD", "k", "1"], ["ZINCRBY", "k", "1"], ["ZREM", "k"], ["ZCARD"], ["ZSCORE", "k"], ["ZMSCORE", "k"],
            ["ZCOUNT", "k", "1"], ["ZLEXCOUNT", "k", "-"], ["ZRANK", "k"], ["ZREVRANK", "k", "a", "b"],
            ["ZRANGE", "k", "0"], ["ZRANGEBYSCORE", "k", "0"], ["ZREVRANGEBYSCORE", "k", "0"],
            ["ZRANGEBYLEX", "k", "-"], ["ZREVRANGEBYLEX", "k", "+"], ["ZREVRANGE", "k", "0"],
            ["ZRANGESTORE", "d", "k", "0"], ["ZREMRANGEBYRANK", "k", "0"], ["ZREMRANGEBYSCORE", "k", "0"],
            ["ZREMRANGEBYLEX", "k", "-"], ["ZPOPMIN"], ["ZPOPMAX"], ["ZMPOP", "1", "k"], ["ZRANDMEMBER"],
            ["ZSCAN", "k"], ["ZUNION", "1"], ["ZINTER", "1"], ["ZDIFF", "1"], ["ZUNIONSTORE", "d", "1"],
            ["ZINTERSTORE", "d", "1"], ["ZDIFFSTORE", "d", "1"], ["ZINTERCARD", "1"],
        ]
        for args in calls {
            XCTAssertEqual(try c.call(strings: args),
                           .error("ERR wrong number of arguments for '\(args[0].lowercased())' command"))
        }
    }

    func testWrongTypeForEveryCommand() throws {
        try c.call("SET", "s", "x")
        let calls: [[String]] = [
            ["ZADD", "s", "1", "a"], ["ZINCRBY", "s", "1", "a"], ["ZREM", "s", "a"], ["ZCARD", "s"],
            ["ZSCORE", "s", "a"], ["ZMSCORE", "s", "a"], ["ZCOUNT", "s", "0", "1"], ["ZLEXCOUNT", "s", "-", "+"],
            ["ZRANK", "s", "a"], ["ZREVRANK", "s", "a"], ["ZRANGE", "s", "0", "1"], ["ZRANGEBYSCORE", "s", "0", "1"],
            ["ZREVRANGEBYSCORE", "s", "1", "0"], ["ZRANGEBYLEX", "s", "-", "+"], ["ZREVRANGEBYLEX", "s", "+", "-"],
            ["ZREVRANGE", "s", "0", "1"], ["ZRANGESTORE", "d", "s", "0", "1"], ["ZREMRANGEBYRANK", "s", "0", "1"],
            ["ZREMRANGEBYSCORE", "s", "0", "1"], ["ZREMRANGEBYLEX", "s", "-", "+"], ["ZPOPMIN", "s"],
            ["ZPOPMAX", "s", "0"], ["ZMPOP", "1", "s", "MIN"], ["ZRANDMEMBER", "s"], ["ZRANDMEMBER", "s", "0"],
            ["ZSCAN", "s", "0"], ["ZUNION", "1", "s"], ["ZINTER", "2", "nokey", "s"], ["ZDIFF", "1", "s"],
            ["ZUNIONSTORE", "d", "1", "s"], ["ZINTERSTORE", "d", "1", "s"], ["ZDIFFSTORE", "d", "1", "s"],
            ["ZINTERCARD", "1", "s"],
        ]
        for args in calls { XCTAssertEqual(try c.call(strings: args), wrongType, args.joined(separator: " ")) }
        try c.call("ZADD", "z", "1", "a")
        XCTAssertEqual(try c.call("GET", "z"), wrongType)
        XCTAssertEqual(try c.call("ZMPOP", "2", "z", "s", "MIN"), .array([.bulk("z"), .array([bulks("a", "1")])]))
    }

    func testZaddOptionsAndErrors() throws {
        try assertCalls([
            (["ZADD", "z", "1", "a", "2", "b"], .integer(2)),
            (["ZADD", "z", "NX", "XX", "1", "a"], .error("ERR XX and NX options at the same time are not compatible")),
            (["ZADD", "z", "GT", "LT", "1", "a"], .error("ERR GT, LT, and/or NX options at the same time are not compatible")),
            (["ZADD", "z", "NX", "GT", "1", "a"], .error("ERR GT, LT, and/or NX options at the same time are not compatible")),
            (["ZADD", "z", "INCR", "1", "a", "2", "b"], .error("ERR INCR option supports a single increment-element pair")),
            (["ZADD", "z", "NX", "1"], syntax),
            (["ZADD", "z", "1", "a", "2"], syntax),
            (["ZADD", "z", "x", "a"], notFloat),
            (["ZADD", "z", "nan", "a"], notFloat),
            (["ZADD", "z", "1", "a", "nan", "b"], notFloat),
            (["ZADD", "z", " 1", "a"], notFloat),
            (["ZADD", "z", "1 ", "a"], notFloat),
            (["ZADD", "z", "", "a"], notFloat),
            (["ZADD", "z", "1e400", "a"], notFloat),
            (["ZADD", "z", "NX", "5", "a", "3", "c"], .integer(1)),
            (["ZADD", "z", "XX", "5", "a", "4", "d"], .integer(0)),
            (["ZADD", "z", "XX", "CH", "6", "a", "4", "d"], .integer(1)),
            (["ZADD", "z", "GT", "CH", "1", "a", "9", "b", "7", "e"], .integer(2)),
            (["ZADD", "z", "LT", "CH", "1", "a", "10", "b"], .integer(1)),
            (["ZADD", "z", "CH", "1", "a", "1", "a"], .integer(0)),
            (["ZRANGE", "z", "0", "-1", "WITHSCORES"], bulks("a", "1", "c", "3", "e", "7", "b", "9")),
            (["ZADD", "z", "INCR", "2.5", "a"], .bulk("3.5")),
            (["ZADD", "z", "NX", "INCR", "1", "a"], .null),
            (["ZADD", "z", "XX", "INCR", "1", "new"], .null),
            (["ZADD", "z", "GT", "INCR", "-1", "a"], .null),
            (["ZADD", "z", "GT", "INCR", "1", "fresh"], .bulk("1")),
            (["ZADD", "z", "inf", "a"], .integer(0)),
            (["ZADD", "z", "INCR", "-inf", "a"], .error("ERR resulting score is not a number (NaN)")),
            (["ZINCRBY", "z", "-inf", "a"], .error("ERR resulting score is not a number (NaN)")),
            (["ZSCORE", "z", "a"], .bulk("inf")),
            (["ZADD", "missing", "XX", "1", "a"], .integer(0)),
            (["ZADD", "missing", "XX", "INCR", "1", "a"], .null),
            (["EXISTS", "missing"], .integer(0)),
            (["ZADD", "z", "nx", "ch", "incr", "1", "other"], .bulk("1")),
        ])
    }

    func testZincrbyAndScoreFormatting() throws {
        try assertCalls([
            (["ZINCRBY", "z", "0.1", "a"], .bulk("0.10000000000000001")),
            (["ZINCRBY", "z", "0.2", "a"], .bulk("0.30000000000000004")),
            (["ZINCRBY", "z", "x", "a"], notFloat),
            (["ZINCRBY", "z", "nan", "a"], notFloat),
            (["ZADD", "z", "1.1", "b", "1e21", "c", "12345678901234567890", "d", "-inf", "e", "0x10", "f", "-1.5e-7", "g"],
             .integer(6)),
            (["ZMSCORE", "z", "b", "c", "d", "e", "f", "g", "none"],
             .array([.bulk("1.1000000000000001"), .bulk("1e+21"), .bulk("1.2345678901234567e+19"), .bulk("-inf"),
                     .bulk("16"), .bulk("-1.4999999999999999e-07"), .null])),
            (["ZMSCORE", "missing", "a", "b"], .array([.null, .null])),
        ])
        try c.call("HELLO", "3")
        try assertCalls([
            (["ZSCORE", "z", "b"], .double("1.1000000000000001")),
            (["ZSCORE", "z", "e"], .double("-inf")),
            (["ZINCRBY", "z", "1", "f"], .double("17")),
            (["ZADD", "z", "INCR", "1", "f"], .double("18")),
            (["ZMSCORE", "z", "c", "none"], .array([.double("1e+21"), .null])),
        ])
    }

    func testNegativeZeroFollowsTheEncoding() throws {
        try assertCalls([
            (["ZADD", "small", "-0", "a"], .integer(1)),
            (["ZSCORE", "small", "a"], .bulk("0")),
            (["CONFIG", "SET", "zset-max-listpack-entries", "0"], .simple("OK")),
            (["ZADD", "big", "-0", "a"], .integer(1)),
            (["OBJECT", "ENCODING", "big"], .bulk("skiplist")),
            (["ZSCORE", "big", "a"], .bulk("-0")),
        ])
    }

    func testCardScoreRankAndCounts() throws {
        try c.call("ZADD", "z", "1", "a", "2", "b", "2", "c", "3", "d")
        try c.call("ZADD", "lex", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e")
        try assertCalls([
            (["ZCARD", "z"], .integer(4)),
            (["ZCARD", "missing"], .integer(0)),
            (["ZSCORE", "z", "c"], .bulk("2")),
            (["ZSCORE", "z", "x"], .null),
            (["ZSCORE", "missing", "x"], .null),
            (["ZRANK", "z", "c"], .integer(2)),
            (["ZREVRANK", "z", "c"], .integer(1)),
            (["ZRANK", "z", "x"], .null),
            (["ZREVRANK", "missing", "x"], .null),
            (["ZCOUNT", "z", "-inf", "+inf"], .integer(4)),
            (["ZCOUNT", "z", "(1", "3"], .integer(3)),
            (["ZCOUNT", "z", "(1", "(3"], .integer(2)),
            (["ZCOUNT", "z", "2", "2"], .integer(2)),
            (["ZCOUNT", "z", "(2", "2"], .integer(0)),
            (["ZCOUNT", "z", "3", "1"], .integer(0)),
            (["ZCOUNT", "z", "", "1"], .integer(1)),
            (["ZCOUNT", "z", " 2", "inf"], .integer(3)),
            (["ZCOUNT", "z", "x", "1"], scoreRange),
            (["ZCOUNT", "z", "1", "nan"], scoreRange),
            (["ZCOUNT", "z", "[1", "2"], scoreRange),
            (["ZCOUNT", "missing", "1", "2"], .integer(0)),
            (["ZLEXCOUNT", "lex", "-", "+"], .integer(5)),
            (["ZLEXCOUNT", "lex", "[b", "(d"], .integer(2)),
            (["ZLEXCOUNT", "lex", "(b", "[d"], .integer(2)),
            (["ZLEXCOUNT", "lex", "+", "-"], .integer(0)),
            (["ZLEXCOUNT", "lex", "b", "d"], lexRange),
            (["ZLEXCOUNT", "lex", "", "+"], lexRange),
            (["ZLEXCOUNT", "lex", "-x", "+"], lexRange),
            (["ZLEXCOUNT", "missing", "-", "+"], .integer(0)),
        ])
    }

    func testRangeFamily() throws {
        try c.call("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e")
        try c.call("ZADD", "lex", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e")
        try assertCalls([
            (["ZRANGE", "z", "0", "-1"], bulks("a", "b", "c", "d", "e")),
            (["ZRANGE", "z", "1", "2", "WITHSCORES"], bulks("b", "2", "c", "3")),
            (["ZRANGE", "z", "-2", "100"], bulks("d", "e")),
            (["ZRANGE", "z", "-100", "0"], bulks("a")),
            (["ZRANGE", "z", "3", "1"], bulks()),
            (["ZRANGE", "z", "0", "1", "REV"], bulks("e", "d")),
            (["ZREVRANGE", "z", "0", "1", "WITHSCORES"], bulks("e", "5", "d", "4")),
            (["ZRANGE", "z", "(1", "4", "BYSCORE"], bulks("b", "c", "d")),
            (["ZRANGE", "z", "4", "(1", "BYSCORE", "REV"], bulks("d", "c", "b")),
            (["ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "1", "2"], bulks("b", "c")),
            (["ZRANGE", "z", "+inf", "-inf", "BYSCORE", "REV", "LIMIT", "1", "2", "WITHSCORES"], bulks("d", "4", "c", "3")),
            (["ZRANGEBYSCORE", "z", "-inf", "inf", "LIMIT", "-1", "2"], bulks()),
            (["ZRANGEBYSCORE", "z", "-inf", "inf", "LIMIT", "3", "-1"], bulks("d", "e")),
            (["ZRANGEBYSCORE", "z", "-inf", "inf", "LIMIT", "1", "0"], bulks()),
            (["ZRANGEBYSCORE", "z", "-inf", "inf", "LIMIT", "5", "1"], bulks()),
            (["ZRANGEBYSCORE", "z", "2", "3", "WITHSCORES"], bulks("b", "2", "c", "3")),
            (["ZREVRANGEBYSCORE", "z", "3", "2"], bulks("c", "b")),
            (["ZREVRANGEBYSCORE", "z", "2", "3"], bulks()),
            (["ZRANGE", "lex", "[b", "(d", "BYLEX"], bulks("b", "c")),
            (["ZRANGE", "lex", "(d", "[b", "BYLEX", "REV"], bulks("c", "b")),
            (["ZRANGEBYLEX", "lex", "-", "+", "LIMIT", "1", "2"], bulks("b", "c")),
            (["ZREVRANGEBYLEX", "lex", "+", "-", "LIMIT", "0", "2"], bulks("e", "d")),
            (["ZRANGEBYLEX", "lex", "[aa", "[c"], bulks("b", "c")),
            (["ZRANGE", "missing", "0", "-1"], bulks()),
            (["ZRANGE", "z", "0", "-1", "LIMIT", "0", "-1"], bulks("a", "b", "c", "d", "e")),
            (["ZRANGE", "z", "0", "-1", "LIMIT", "0", "2"],
             .error("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX")),
            (["ZREVRANGE", "z", "0", "-1", "LIMIT", "0", "2"],
             .error("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX")),
            (["ZRANGEBYLEX", "lex", "-", "+", "WITHSCORES"],
             .error("ERR syntax error, WITHSCORES not supported in combination with BYLEX")),
            (["ZRANGE", "lex", "-", "+", "BYLEX", "WITHSCORES"],
             .error("ERR syntax error, WITHSCORES not supported in combination with BYLEX")),
            (["ZRANGE", "z", "x", "1", "BYSCORE"], scoreRange),
            (["ZRANGEBYSCORE", "z", "1", "x"], scoreRange),
            (["ZRANGE", "lex", "a", "+", "BYLEX"], lexRange),
            (["ZRANGE", "z", "a", "1"], notInteger),
            (["ZRANGE", "z", "0", "1", "LIMIT", "x", "1"], notInteger),
            (["ZRANGE", "z", "0", "1", "LIMIT", "1"], syntax),
            (["ZRANGE", "z", "0", "1", "BYSCORE", "BYLEX"], syntax),
            (["ZRANGE", "z", "0", "1", "REV", "REV"], syntax),
            (["ZRANGEBYSCORE", "z", "0", "1", "BYSCORE"], syntax),
            (["ZREVRANGEBYSCORE", "z", "1", "0", "REV"], syntax),
            (["ZRANGE", "z", "0", "1", "BOGUS"], syntax),
        ])
        try c.call("HELLO", "3")
        try assertCalls([
            (["ZRANGE", "z", "0", "1", "WITHSCORES"],
             .array([.array([.bulk("a"), .double("1")]), .array([.bulk("b"), .double("2")])])),
            (["ZRANGE", "z", "0", "1"], bulks("a", "b")),
        ])
    }

    func testRangeStore() throws {
        try c.call("ZADD", "z", "1", "a", "2", "b", "3", "c")
        try c.call("SET", "s", "x")
        try assertCalls([
            (["ZRANGESTORE", "d", "z", "0", "1"], .integer(2)),
            (["ZRANGE", "d", "0", "-1", "WITHSCORES"], bulks("a", "1", "b", "2")),
            (["ZRANGESTORE", "d", "z", "(1", "+inf", "BYSCORE", "LIMIT", "0", "1"], .integer(1)),
            (["ZRANGE", "d", "0", "-1", "WITHSCORES"], bulks("b", "2")),
            (["ZRANGESTORE", "d", "z", "0", "-1", "WITHSCORES"], syntax),
            (["ZRANGESTORE", "d", "z", "5", "6"], .integer(0)),
            (["EXISTS", "d"], .integer(0)),
            (["ZRANGESTORE", "s", "z", "0", "0"], .integer(1)),
            (["TYPE", "s"], .simple("zset")),
            (["ZRANGESTORE", "d", "missing", "0", "-1"], .integer(0)),
        ])
    }

    func testRemovals() throws {
        try c.call("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e", "6", "f")
        try c.call("ZADD", "lex", "0", "a", "0", "b", "0", "c")
        try assertCalls([
            (["ZREM", "z", "a", "x", "a"], .integer(1)),
            (["ZREM", "missing", "a"], .integer(0)),
            (["ZREMRANGEBYRANK", "z", "0", "0"], .integer(1)),
            (["ZREMRANGEBYRANK", "z", "-1", "-1"], .integer(1)),
            (["ZREMRANGEBYRANK", "z", "5", "9"], .integer(0)),
            (["ZREMRANGEBYRANK", "z", "x", "1"], notInteger),
            (["ZREMRANGEBYSCORE", "z", "(3", "4"], .integer(1)),
            (["ZREMRANGEBYSCORE", "z", "a", "4"], scoreRange),
            (["ZRANGE", "z", "0", "-1"], bulks("c", "e")),
            (["ZREMRANGEBYLEX", "lex", "(a", "+"], .integer(2)),
            (["ZREMRANGEBYLEX", "lex", "a", "+"], lexRange),
            (["ZREMRANGEBYLEX", "lex", "-", "+"], .integer(1)),
            (["EXISTS", "lex"], .integer(0)),
            (["ZREMRANGEBYSCORE", "z", "-inf", "+inf"], .integer(2)),
            (["EXISTS", "z"], .integer(0)),
            (["ZREMRANGEBYRANK", "missing", "0", "-1"], .integer(0)),
        ])
    }

    func testPops() throws {
        try c.call("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e")
        try assertCalls([
            (["ZPOPMIN", "z"], bulks("a", "1")),
            (["ZPOPMAX", "z", "2"], bulks("e", "5", "d", "4")),
            (["ZPOPMIN", "z", "0"], bulks()),
            (["ZPOPMIN", "z", "-1"], .error("ERR value is out of range, must be positive")),
            (["ZPOPMIN", "z", "x"], .error("ERR value is out of range, must be positive")),
            (["ZPOPMIN", "z", "1", "2"], syntax),
            (["ZPOPMIN", "missing"], bulks()),
            (["ZMPOP", "0", "z", "MIN"], .error("ERR numkeys should be greater than 0")),
            (["ZMPOP", "x", "z", "MIN"], .error("ERR numkeys should be greater than 0")),
            (["ZMPOP", "1", "z", "MIN", "COUNT", "0"], .error("ERR count should be greater than 0")),
            (["ZMPOP", "1", "z", "MIN", "COUNT", "x"], .error("ERR count should be greater than 0")),
            (["ZMPOP", "2", "z", "MIN"], syntax),
            (["ZMPOP", "9223372036854775807", "z", "MIN"], syntax),
            (["ZMPOP", "1", "z", "MIDDLE"], syntax),
            (["ZMPOP", "1", "z", "MIN", "COUNT", "1", "COUNT", "1"], syntax),
            (["ZMPOP", "1", "missing", "MIN"], .nullArray),
            (["ZMPOP", "2", "missing", "z", "MAX", "COUNT", "10"],
             .array([.bulk("z"), .array([bulks("c", "3"), bulks("b", "2")])])),
            (["EXISTS", "z"], .integer(0)),
        ])
        try c.call("ZADD", "z", "1", "a", "2", "b", "3", "c")
        try c.call("HELLO", "3")
        try assertCalls([
            (["ZPOPMIN", "z"], .array([.bulk("a"), .double("1")])),
            (["ZPOPMIN", "z", "1"], .array([.array([.bulk("b"), .double("2")])])),
            (["ZMPOP", "1", "z", "MIN"], .array([.bulk("z"), .array([.array([.bulk("c"), .double("3")])])])),
            (["ZMPOP", "1", "z", "MIN"], .null),
        ])
    }

    func testRandomMember() throws {
        try c.call("ZADD", "z", "1", "a", "2", "b", "3", "c")
        let members: Set<String> = ["a", "b", "c"]
        for _ in 0..<20 { XCTAssertTrue(members.contains(try c.call("ZRANDMEMBER", "z").string ?? "")) }
        let distinct = try c.call("ZRANDMEMBER", "z", "2").strings
        XCTAssertEqual(distinct.count, 2)
        XCTAssertEqual(Set(distinct).count, 2)
        XCTAssertEqual(Set(try c.call("ZRANDMEMBER", "z", "10").strings), members)
        let repeated = try c.call("ZRANDMEMBER", "z", "-10").strings
        XCTAssertEqual(repeated.count, 10)
        XCTAssertTrue(Set(repeated).isSubset(of: members))
        let withScores = try c.call("ZRANDMEMBER", "z", "-4", "WITHSCORES").strings
        XCTAssertEqual(withScores.count, 8)
        for pair in stride(from: 0, to: 8, by: 2) {
            XCTAssertEqual(try c.call("ZSCORE", "z", withScores[pair]).string, withScores[pair + 1])
        }
        try assertCalls([
            (["ZRANDMEMBER", "missing"], .null),
            (["ZRANDMEMBER", "missing", "3"], bulks()),
            (["ZRANDMEMBER", "z", "0"], bulks()),
            (["ZRANDMEMBER", "z", "x"], notInteger),
            (["ZRANDMEMBER", "z", "-9223372036854775808"],
             .error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807")),
            (["ZRANDMEMBER", "z", "-9223372036854775807", "WITHSCORES"], .error("ERR value is out of range")),
            (["ZRANDMEMBER", "z", "1", "WITHSCORE"], syntax),
            (["ZRANDMEMBER", "z", "1", "WITHSCORES", "x"], syntax),
        ])
        try c.call("HELLO", "3")
        let pairs = try c.call("ZRANDMEMBER", "z", "1", "WITHSCORES")
        XCTAssertEqual(pairs.array?.count, 1)
        if case .array(let pair)? = pairs.array?.first {
            XCTAssertEqual(pair.count, 2)
            if case .double = pair[1] {} else { XCTFail("score is not a RESP3 double: \(pair[1])") }
        } else {
            XCTFail("not nested pairs: \(pairs)")
        }
    }

    func testScanSmallAndLargeSets() throws {
        try c.call("ZADD", "small", "1", "a", "2.5", "b", "3", "c")
        try assertCalls([
            (["ZSCAN", "small", "0"], .array([.bulk("0"), bulks("a", "1", "b", "2.5", "c", "3")])),
            (["ZSCAN", "small", "0", "MATCH", "b*"], .array([.bulk("0"), bulks("b", "2.5")])),
            (["ZSCAN", "small", "x"], .error("ERR invalid cursor")),
            (["ZSCAN", "small", "0", "COUNT", "0"], syntax),
            (["ZSCAN", "small", "0", "COUNT", "x"], notInteger),
            (["ZSCAN", "small", "0", "MATCH"], syntax),
            (["ZSCAN", "small", "0", "TYPE", "zset"], syntax),
            (["ZSCAN", "missing", "0"], .array([.bulk("0"), bulks()])),
        ])
        var expected: [String: String] = [:]
        for chunk in stride(from: 0, to: 1000, by: 100) {
            var args = ["ZADD", "big"]
            for i in chunk..<(chunk + 100) {
                args += [String(i), "member:\(i)"]
                expected["member:\(i)"] = String(i)
            }
            try c.call(strings: args)
        }
        XCTAssertEqual(try c.call("OBJECT", "ENCODING", "big"), .bulk("skiplist"))
        var seen: [String: String] = [:]
        var cursor = "0"
        var calls = 0
        repeat {
            let reply = try c.call("ZSCAN", "big", cursor, "COUNT", "50")
            guard let parts = reply.array, parts.count == 2, let next = parts[0].string else {
                return XCTFail("unexpected ZSCAN reply \(reply)")
            }
            let items = parts[1].strings
            for i in stride(from: 0, to: items.count, by: 2) { seen[items[i]] = items[i + 1] }
            cursor = next
            calls += 1
            if calls == 3 {
                try c.call("ZREM", "big", "gone")
                try c.call("ZADD", "big", "5000", "added-during-scan")
            }
        } while cursor != "0" && calls < 1000
        XCTAssertGreaterThan(calls, 10)
        for (member, score) in expected { XCTAssertEqual(seen[member], score, member) }
    }

    func testSetOperations() throws {
        try c.call("ZADD", "a", "1", "x", "2", "y", "3", "z")
        try c.call("ZADD", "b", "10", "y", "20", "w")
        try assertCalls([
            (["ZUNION", "2", "a", "b", "WITHSCORES"], bulks("x", "1", "z", "3", "y", "12", "w", "20")),
            (["ZINTER", "2", "a", "b", "WITHSCORES"], bulks("y", "12")),
            (["ZINTER", "2", "a", "b", "AGGREGATE", "MAX", "WITHSCORES"], bulks("y", "10")),
            (["ZUNION", "2", "a", "b", "AGGREGATE", "MIN", "WITHSCORES"], bulks("x", "1", "y", "2", "z", "3", "w", "20")),
            (["ZUNION", "2", "a", "b", "WEIGHTS", "2", "0.5", "WITHSCORES"], bulks("x", "2", "z", "6", "y", "9", "w", "10")),
            (["ZUNION", "2", "a", "b", "WEIGHTS", "inf", "-inf", "WITHSCORES"], bulks("w", "-inf", "y", "0", "x", "inf", "z", "inf")),
            (["ZDIFF", "2", "a", "b", "WITHSCORES"], bulks("x", "1", "z", "3")),
            (["ZDIFF", "2", "b", "a"], bulks("w")),
            (["ZUNION", "1", "missing"], bulks()),
            (["ZINTERCARD", "2", "a", "b"], .integer(1)),
            (["ZINTERCARD", "1", "a", "LIMIT", "2"], .integer(2)),
            (["ZINTERCARD", "1", "a", "LIMIT", "0"], .integer(3)),
            (["ZUNIONSTORE", "d", "2", "a", "b"], .integer(4)),
            (["ZRANGE", "d", "0", "-1", "WITHSCORES"], bulks("x", "1", "z", "3", "y", "12", "w", "20")),
            (["ZINTERSTORE", "d", "2", "a", "b", "WEIGHTS", "1", "2"], .integer(1)),
            (["ZRANGE", "d", "0", "-1", "WITHSCORES"], bulks("y", "22")),
            (["ZDIFFSTORE", "d", "2", "a", "b"], .integer(2)),
            (["ZRANGE", "d", "0", "-1", "WITHSCORES"], bulks("x", "1", "z", "3")),
            (["ZINTERSTORE", "d", "2", "a", "missing"], .integer(0)),
            (["EXISTS", "d"], .integer(0)),
            (["ZUNION", "0", "a"], .error("ERR at least 1 input key is needed for 'zunion' command")),
            (["ZUNIONSTORE", "d", "0", "a"], .error("ERR at least 1 input key is needed for 'zunionstore' command")),
            (["ZINTERCARD", "0", "a"], .error("ERR at least 1 input key is needed for 'zintercard' command")),
            (["ZUNION", "x", "a"], notInteger),
            (["ZUNION", "3", "a", "b"], syntax),
            (["ZUNION", "2", "a", "b", "WEIGHTS", "1"], syntax),
            (["ZUNION", "2", "a", "b", "WEIGHTS", "1", "x"], .error("ERR weight value is not a float")),
            (["ZUNION", "2", "a", "b", "WEIGHTS", "1", "2", "3"], syntax),
            (["ZUNION", "2", "a", "b", "AGGREGATE", "AVG"], syntax),
            (["ZUNION", "2", "a", "b", "AGGREGATE"], syntax),
            (["ZDIFF", "2", "a", "b", "WEIGHTS", "1", "2"], syntax),
            (["ZDIFF", "2", "a", "b", "AGGREGATE", "SUM"], syntax),
            (["ZUNIONSTORE", "d", "2", "a", "b", "WITHSCORES"], syntax),
            (["ZINTERCARD", "1", "a", "WITHSCORES"], syntax),
            (["ZINTERCARD", "1", "a", "LIMIT", "-1"], .error("ERR LIMIT can't be negative")),
            (["ZINTERCARD", "1", "a", "LIMIT", "x"], .error("ERR LIMIT can't be negative")),
        ])
        try c.call("HELLO", "3")
        XCTAssertEqual(try c.call("ZINTER", "2", "a", "b", "WITHSCORES"), .array([.array([.bulk("y"), .double("12")])]))
    }

    func testEncodingsFollowTheConfiguredLimits() throws {
        try assertCalls([
            (["CONFIG", "SET", "zset-max-listpack-entries", "3"], .simple("OK")),
            (["ZADD", "z", "1", "a", "2", "b", "3", "c"], .integer(3)),
            (["OBJECT", "ENCODING", "z"], .bulk("listpack")),
            (["ZADD", "z", "4", "d"], .integer(1)),
            (["OBJECT", "ENCODING", "z"], .bulk("skiplist")),
            (["ZREM", "z", "a", "b", "c"], .integer(3)),
            (["OBJECT", "ENCODING", "z"], .bulk("skiplist")),
            (["ZUNIONSTORE", "u", "1", "z"], .integer(1)),
            (["OBJECT", "ENCODING", "u"], .bulk("listpack")),
            (["CONFIG", "SET", "zset-max-listpack-value", "3"], .simple("OK")),
            (["ZADD", "v", "1", "abc"], .integer(1)),
            (["OBJECT", "ENCODING", "v"], .bulk("listpack")),
            (["ZADD", "v", "1", "abcd"], .integer(1)),
            (["OBJECT", "ENCODING", "v"], .bulk("skiplist")),
            (["ZADD", "w", "1", "abcd"], .integer(1)),
            (["OBJECT", "ENCODING", "w"], .bulk("skiplist")),
        ])
    }

    func testGenericKeyCommandsOnASortedSet() throws {
        try c.call("ZADD", "z", "1", "a", "2", "b")
        try assertCalls([
            (["TYPE", "z"], .simple("zset")),
            (["OBJECT", "ENCODING", "z"], .bulk("listpack")),
            (["SCAN", "0", "TYPE", "zset"], .array([.bulk("0"), bulks("z")])),
            (["COPY", "z", "z2"], .integer(1)),
            (["ZADD", "z2", "3", "c"], .integer(1)),
            (["ZCARD", "z"], .integer(2)),
            (["RENAME", "z2", "z3"], .simple("OK")),
            (["ZRANGE", "z3", "0", "-1"], bulks("a", "b", "c")),
            (["MOVE", "z3", "1"], .integer(1)),
            (["SELECT", "1"], .simple("OK")),
            (["ZCARD", "z3"], .integer(3)),
            (["SELECT", "0"], .simple("OK")),
            (["PEXPIRE", "z", "400"], .integer(1)),
            (["ZADD", "z", "5", "e"], .integer(1)),
        ])
        XCTAssertGreaterThan(try c.call("PTTL", "z").integer ?? 0, 0)
        usleep(600_000)
        try assertCalls([
            (["ZCARD", "z"], .integer(0)),
            (["EXISTS", "z"], .integer(0)),
            (["ZADD", "d", "1", "a"], .integer(1)),
            (["DEL", "d"], .integer(1)),
            (["ZSCORE", "d", "a"], .null),
        ])
    }

    func testWatchSeesOnlyRealChanges() throws {
        try c.call("ZADD", "z", "1", "a")
        try c.call("WATCH", "z")
        try c.call("ZADD", "z", "NX", "5", "a")
        try c.call("ZREM", "z", "nothing")
        try c.call("MULTI")
        try c.call("PING")
        XCTAssertEqual(try c.call("EXEC"), .array([.simple("PONG")]))
        try c.call("WATCH", "z")
        try c.call("ZINCRBY", "z", "1", "a")
        try c.call("MULTI")
        try c.call("PING")
        XCTAssertEqual(try c.call("EXEC"), .nullArray)
    }

    // MARK: Against redis-server

    /// Commands whose replies are deterministic, as "word word …" lines.
    private static let script = """
        ZADD z 1.1 a 0.30000000000000004 b 1e21 c -0 d inf e -inf f 3 g 12345678901234567890 h
        ZRANGE z 0 -1 WITHSCORES
        ZSCAN z 0
        ZADD z2 1 a 2 b 3 c 4 d 5 e
        ZADD z2 GT CH 5 b 0 c 9 e
        ZADD z2 LT CH 5 b 0 c 9 e
        ZADD z2 CH 1 x 1 x 2 x
        ZADD z2 INCR 0 b
        ZRANGE z2 0 -1 WITHSCORES
        ZRANGE z2 (1 5 BYSCORE REV
        ZRANGE z2 5 (1 BYSCORE REV WITHSCORES LIMIT 1 10
        ZREVRANGEBYSCORE z2 +inf -inf WITHSCORES LIMIT 1 2
        ZRANGEBYSCORE z2 (0 (5
        ZCOUNT z2 -inf (5
        ZMSCORE z2 a nope e
        ZRANK z2 e
        ZREVRANK z2 e
        ZADD lex 0 a 0 b 0 c 0 d 0 e 0 f 0 g
        ZRANGEBYLEX lex [b (f
        ZREVRANGEBYLEX lex (f [b LIMIT 1 2
        ZLEXCOUNT lex (a [z
        ZREMRANGEBYLEX lex [b (d
        ZRANGE lex 0 -1
        ZADD mixed 1 d 2 a 3 c 4 b 5 e
        ZRANGEBYLEX mixed - [c
        ZRANGEBYLEX mixed [b [d
        ZLEXCOUNT mixed [b [d
        ZREVRANGEBYLEX mixed [d [b
        ZRANGEBYLEX mixed (b (b
        ZREMRANGEBYLEX mixed [c +
        ZRANGE mixed 0 -1
        ZRANGESTORE dst z2 (1 +inf BYSCORE LIMIT 0 2
        ZRANGE dst 0 -1 WITHSCORES
        ZREMRANGEBYRANK z2 0 0
        ZREMRANGEBYSCORE z2 (1 2
        ZPOPMIN z
        ZPOPMAX z 2
        ZPOPMIN z 2
        ZMPOP 2 nokey z MAX COUNT 2
        ZADD u1 1 a 2 b 3 c
        ZADD u2 10 b 20 d
        ZUNION 2 u1 u2 WITHSCORES
        ZUNION 2 u1 u2 WEIGHTS 0.1 0.2 AGGREGATE SUM WITHSCORES
        ZINTER 2 u1 u2 WEIGHTS 3 0.7 WITHSCORES
        ZDIFF 2 u1 u2 WITHSCORES
        ZUNIONSTORE d 2 u1 u2 AGGREGATE MAX
        ZINTERCARD 2 u1 u2 LIMIT 5
        ZADD fl 0.1 a 1e-300 b 2.5e-308 c 123456789.123 d -1.5 e 0x1p-3 f
        ZINCRBY fl 0.2 a
        ZRANGE fl 0 -1 WITHSCORES
        ZADD dg 1.1 a 2 b -0 c inf d
        PEXPIRE dg 100000000
        WATCH z2
        ZADD z2 NX 100 a
        MULTI
        PING
        EXEC
        DEBUG DIGEST-VALUE z z2 lex dst d fl dg
        DEBUG DIGEST
        """

    func testRepliesMatchRealRedis() throws {
        let redis = try RedisServerProcess()
        defer { redis.stop() }
        let redisClient = try RESPClient(port: redis.port)
        for resp in ["2", "3"] {
            for client in [c!, redisClient] {
                try client.call("HELLO", resp)
                try client.call("FLUSHALL")
            }
            for line in Self.script.split(separator: "\n") {
                let args = line.split(separator: " ").map { Array($0.utf8) }
                XCTAssertEqual(try c.call(args), try redisClient.call(args), "RESP\(resp): \(line)")
            }
            XCTAssertNotEqual(try c.call("DEBUG", "DIGEST"), .simple(String(repeating: "0", count: 40)))
        }
    }
}
