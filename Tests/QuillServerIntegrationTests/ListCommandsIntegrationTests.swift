// The list family through the real binary, reply for reply as redis-server 7.0.15 gives
// them (every expected value and error below was first observed on redis-server): pushes
// and pops with their null rules in RESP2 and RESP3, ranges and indexes, LREM, LTRIM,
// LINSERT, LPOS's options, LMOVE, RPOPLPUSH, LMPOP, argument errors, and the generic key
// commands applied to lists.

import XCTest

final class ListCommandsIntegrationTests: ServerIntegrationTestCase {
    private let emptyArray = Reply.array([])

    private func elements(_ items: String...) -> Reply { .array(items.map { .bulk($0) }) }

    private func assertCalls(_ cases: [([String], Reply)], file: StaticString = #filePath, line: UInt = #line) throws {
        for (args, expected) in cases {
            XCTAssertEqual(try c.call(strings: args), expected, args.joined(separator: " "), file: file, line: line)
        }
    }

    func testWrongNumberOfArguments() throws {
        let calls: [[String]] = [
            ["LPUSH", "k"], ["RPUSH", "k"], ["LPUSHX", "k"], ["RPUSHX", "k"], ["LPOP"], ["RPOP"],
            ["LPOP", "k", "1", "2"], ["RPOP", "k", "1", "2"], ["LLEN"], ["LLEN", "a", "b"], ["LRANGE", "k", "0"],
            ["LINDEX", "k"], ["LSET", "k", "0"], ["LREM", "k", "0"], ["LTRIM", "k", "0"],
            ["LINSERT", "k", "BEFORE", "p"], ["LPOS", "k"], ["LMOVE", "a", "b", "LEFT"], ["RPOPLPUSH", "a"],
            ["RPOPLPUSH", "a", "b", "c"], ["LMPOP", "1", "k"],
        ]
        for args in calls {
            let name = args[0].lowercased()
            XCTAssertEqual(try c.call(strings: args), .error("ERR wrong number of arguments for '\(name)' command"),
                           args.joined(separator: " "))
        }
    }

    func testWrongTypeEverywhere() throws {
        try c.call("SET", "s", "x")
        let calls: [[String]] = [
            ["LPUSH", "s", "a"], ["RPUSH", "s", "a"], ["LPUSHX", "s", "a"], ["RPUSHX", "s", "a"], ["LPOP", "s"],
            ["RPOP", "s", "2"], ["LLEN", "s"], ["LRANGE", "s", "0", "-1"], ["LINDEX", "s", "0"],
            ["LSET", "s", "0", "v"], ["LREM", "s", "0", "v"], ["LTRIM", "s", "0", "1"],
            ["LINSERT", "s", "BEFORE", "a", "b"], ["LPOS", "s", "a"], ["LMOVE", "s", "d", "LEFT", "RIGHT"],
            ["RPOPLPUSH", "s", "d"], ["LMPOP", "1", "s", "LEFT"],
        ]
        for args in calls {
            XCTAssertEqual(try c.call(strings: args), wrongType, args.joined(separator: " "))
        }
        XCTAssertEqual(try c.call("GET", "s"), .bulk("x"))
        XCTAssertEqual(try c.call("EXISTS", "d"), .integer(0))
    }

    func testPushAndPop() throws {
        try assertCalls([
            (["LPUSH", "l", "a", "b", "c"], .integer(3)),
            (["RPUSH", "l", "x", "y"], .integer(5)),
            (["LRANGE", "l", "0", "-1"], elements("c", "b", "a", "x", "y")),
            (["LPUSHX", "missing", "a"], .integer(0)),
            (["RPUSHX", "missing", "a", "b"], .integer(0)),
            (["EXISTS", "missing"], .integer(0)),
            (["LPUSHX", "l", "p1", "p2"], .integer(7)),
            (["RPUSHX", "l", "z"], .integer(8)),
            (["LLEN", "l"], .integer(8)),
            (["LLEN", "missing"], .integer(0)),
            (["LPOP", "l"], .bulk("p2")),
            (["RPOP", "l"], .bulk("z")),
            (["LPOP", "l", "2"], elements("p1", "c")),
            (["RPOP", "l", "2"], elements("y", "x")),
            (["LPOP", "l", "0"], emptyArray),
            (["RPOP", "l", "0"], emptyArray),
            (["RPOP", "l", "10"], elements("a", "b")),
            (["EXISTS", "l"], .integer(0)),
            (["LPOP", "l"], .null),
            (["RPOP", "l"], .null),
            (["LPOP", "l", "0"], .nullArray),
            (["RPOP", "l", "3"], .nullArray),
            (["RPUSH", "l", "", "bin\u{0}ary"], .integer(2)),
            (["LPOP", "l"], .bulk("")),
            (["LPOP", "l"], .bulk("bin\u{0}ary")),
            (["EXISTS", "l"], .integer(0)),
        ])
    }

    func testPopCountErrors() throws {
        try c.call("RPUSH", "l", "a")
        try assertCalls([
            (["LPOP", "l", "-1"], .error("ERR value is out of range, must be positive")),
            (["RPOP", "l", "abc"], .error("ERR value is out of range, must be positive")),
            (["LPOP", "l", "9999999999999999999"], .error("ERR value is out of range, must be positive")),
            (["LPOP", "missing", "-1"], .error("ERR value is out of range, must be positive")),
            (["LLEN", "l"], .integer(1)),
        ])
    }

    func testNullRepliesInRESP3() throws {
        XCTAssertEqual(try c.call("HELLO", "3").isError, false)
        try c.call("RPUSH", "l", "a", "b", "c")
        try assertCalls([
            (["LPOP", "missing"], .null),
            (["LPOP", "missing", "2"], .null),
            (["RPOP", "missing", "0"], .null),
            (["LPOP", "l", "0"], emptyArray),
            (["LINDEX", "l", "10"], .null),
            (["LINDEX", "missing", "0"], .null),
            (["LPOS", "l", "zz"], .null),
            (["LPOS", "missing", "a", "COUNT", "0"], emptyArray),
            (["LMOVE", "missing", "d", "LEFT", "LEFT"], .null),
            (["LMPOP", "1", "missing", "LEFT"], .null),
            (["LMPOP", "1", "l", "RIGHT", "COUNT", "2"], .array([.bulk("l"), elements("c", "b")])),
            (["RPOP", "l", "5"], elements("a")),
        ])
    }

    func testRangeAndIndex() throws {
        try c.call("RPUSH", "l", "a", "b", "c", "d", "e")
        try assertCalls([
            (["LRANGE", "l", "0", "-1"], elements("a", "b", "c", "d", "e")),
            (["LRANGE", "l", "1", "2"], elements("b", "c")),
            (["LRANGE", "l", "-2", "-1"], elements("d", "e")),
            (["LRANGE", "l", "-100", "1"], elements("a", "b")),
            (["LRANGE", "l", "3", "100"], elements("d", "e")),
            (["LRANGE", "l", "3", "1"], emptyArray),
            (["LRANGE", "l", "5", "10"], emptyArray),
            (["LRANGE", "l", "-1", "-2"], emptyArray),
            (["LRANGE", "l", "0", "-100"], emptyArray),
            (["LRANGE", "missing", "0", "-1"], emptyArray),
            (["LRANGE", "l", "a", "1"], notInteger),
            (["LRANGE", "missing", "0", "x"], notInteger),
            (["LINDEX", "l", "0"], .bulk("a")),
            (["LINDEX", "l", "-1"], .bulk("e")),
            (["LINDEX", "l", "-5"], .bulk("a")),
            (["LINDEX", "l", "5"], .null),
            (["LINDEX", "l", "-6"], .null),
            (["LINDEX", "missing", "abc"], .null),
            (["LINDEX", "l", "abc"], notInteger),
        ])
    }

    func testSet() throws {
        try c.call("RPUSH", "l", "a", "b", "c")
        try assertCalls([
            (["LSET", "l", "0", "A"], .simple("OK")),
            (["LSET", "l", "-1", "C"], .simple("OK")),
            (["LRANGE", "l", "0", "-1"], elements("A", "b", "C")),
            (["LSET", "l", "3", "x"], .error("ERR index out of range")),
            (["LSET", "l", "-4", "x"], .error("ERR index out of range")),
            (["LSET", "l", "abc", "x"], notInteger),
            (["LSET", "missing", "0", "x"], .error("ERR no such key")),
            (["LSET", "missing", "abc", "x"], .error("ERR no such key")),
            (["EXISTS", "missing"], .integer(0)),
        ])
    }

    func testRemove() throws {
        try c.call("RPUSH", "l", "a", "b", "a", "c", "a", "b", "a")
        try assertCalls([
            (["LREM", "l", "1", "a"], .integer(1)),
            (["LRANGE", "l", "0", "-1"], elements("b", "a", "c", "a", "b", "a")),
            (["LREM", "l", "-2", "a"], .integer(2)),
            (["LRANGE", "l", "0", "-1"], elements("b", "a", "c", "b")),
            (["LREM", "l", "0", "b"], .integer(2)),
            (["LRANGE", "l", "0", "-1"], elements("a", "c")),
            (["LREM", "l", "0", "zz"], .integer(0)),
            (["LREM", "l", "5", "a"], .integer(1)),
            (["LREM", "l", "-5", "c"], .integer(1)),
            (["EXISTS", "l"], .integer(0)),
            (["LREM", "missing", "0", "a"], .integer(0)),
            (["LREM", "missing", "abc", "a"], notInteger),
        ])
    }

    func testTrim() throws {
        try c.call("RPUSH", "l", "a", "b", "c", "d", "e")
        try assertCalls([
            (["LTRIM", "l", "1", "-2"], .simple("OK")),
            (["LRANGE", "l", "0", "-1"], elements("b", "c", "d")),
            (["LTRIM", "l", "-100", "100"], .simple("OK")),
            (["LRANGE", "l", "0", "-1"], elements("b", "c", "d")),
            (["LTRIM", "l", "-1", "-1"], .simple("OK")),
            (["LRANGE", "l", "0", "-1"], elements("d")),
            (["LTRIM", "l", "1", "0"], .simple("OK")),
            (["EXISTS", "l"], .integer(0)),
            (["LTRIM", "missing", "0", "1"], .simple("OK")),
            (["LTRIM", "missing", "a", "1"], notInteger),
            (["RPUSH", "l", "a", "b"], .integer(2)),
            (["LTRIM", "l", "5", "10"], .simple("OK")),
            (["EXISTS", "l"], .integer(0)),
        ])
    }

    func testInsert() throws {
        try c.call("RPUSH", "l", "a", "b", "a")
        try assertCalls([
            (["LINSERT", "l", "BEFORE", "a", "x"], .integer(4)),
            (["LINSERT", "l", "after", "a", "y"], .integer(5)),
            (["LINSERT", "l", "After", "b", "z"], .integer(6)),
            (["LRANGE", "l", "0", "-1"], elements("x", "a", "y", "b", "z", "a")),
            (["LINSERT", "l", "BEFORE", "nope", "v"], .integer(-1)),
            (["LINSERT", "missing", "BEFORE", "a", "v"], .integer(0)),
            (["LINSERT", "l", "middle", "a", "v"], syntax),
            (["LINSERT", "missing", "middle", "a", "v"], syntax),
            (["EXISTS", "missing"], .integer(0)),
        ])
    }

    func testPos() throws {
        try c.call("RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c")
        try assertCalls([
            (["LPOS", "l", "c"], .integer(2)),
            (["LPOS", "l", "c", "RANK", "2"], .integer(6)),
            (["LPOS", "l", "c", "RANK", "-1"], .integer(7)),
            (["LPOS", "l", "c", "RANK", "-3"], .integer(2)),
            (["LPOS", "l", "c", "RANK", "4"], .null),
            (["LPOS", "l", "c", "COUNT", "0"], .array([.integer(2), .integer(6), .integer(7)])),
            (["LPOS", "l", "c", "COUNT", "2"], .array([.integer(2), .integer(6)])),
            (["LPOS", "l", "c", "COUNT", "2", "RANK", "-1"], .array([.integer(7), .integer(6)])),
            (["LPOS", "l", "c", "RANK", "2", "COUNT", "0"], .array([.integer(6), .integer(7)])),
            (["LPOS", "l", "c", "COUNT", "0", "MAXLEN", "7"], .array([.integer(2), .integer(6)])),
            (["LPOS", "l", "c", "MAXLEN", "2"], .null),
            (["LPOS", "l", "c", "RANK", "-1", "MAXLEN", "1"], .integer(7)),
            (["LPOS", "l", "zz", "COUNT", "0"], emptyArray),
            (["LPOS", "l", "a", "RANK", "-9223372036854775808"], .integer(0)),
            (["LPOS", "l", "c", "RANK", "-9223372036854775808", "COUNT", "1"],
             .array([.integer(7), .integer(6), .integer(2)])),
            (["LPOS", "missing", "a"], .null),
            (["LPOS", "missing", "a", "COUNT", "1"], emptyArray),
            (["LPOS", "l", "a", "RANK", "0"], .error("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list")),
            (["LPOS", "missing", "a", "RANK", "0"], .error("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list")),
            (["LPOS", "l", "a", "RANK", "abc"], notInteger),
            (["LPOS", "l", "a", "COUNT", "-1"], .error("ERR COUNT can't be negative")),
            (["LPOS", "l", "a", "COUNT", "abc"], .error("ERR COUNT can't be negative")),
            (["LPOS", "l", "a", "MAXLEN", "-1"], .error("ERR MAXLEN can't be negative")),
            (["LPOS", "l", "a", "MAXLEN", "x"], .error("ERR MAXLEN can't be negative")),
            (["LPOS", "l", "a", "RANK"], syntax),
            (["LPOS", "l", "a", "foo", "1"], syntax),
            (["LPOS", "l", "a", "COUNT", "1", "RANK"], syntax),
        ])
    }

    func testMove() throws {
        try c.call("RPUSH", "src", "a", "b", "c")
        try c.call("SET", "s", "x")
        try assertCalls([
            (["LMOVE", "src", "dst", "LEFT", "RIGHT"], .bulk("a")),
            (["LMOVE", "src", "dst", "right", "left"], .bulk("c")),
            (["LRANGE", "dst", "0", "-1"], elements("c", "a")),
            (["RPOPLPUSH", "dst", "dst"], .bulk("a")),
            (["LRANGE", "dst", "0", "-1"], elements("a", "c")),
            (["LMOVE", "dst", "dst", "LEFT", "RIGHT"], .bulk("a")),
            (["LRANGE", "dst", "0", "-1"], elements("c", "a")),
            (["RPOPLPUSH", "src", "dst"], .bulk("b")),
            (["EXISTS", "src"], .integer(0)),
            (["LRANGE", "dst", "0", "-1"], elements("b", "c", "a")),
            (["RPOPLPUSH", "missing", "dst"], .null),
            (["LMOVE", "missing", "s", "LEFT", "LEFT"], .null),
            (["LMOVE", "dst", "s", "LEFT", "LEFT"], wrongType),
            (["RPOPLPUSH", "dst", "s"], wrongType),
            (["LLEN", "dst"], .integer(3)),
            (["LMOVE", "dst", "x", "up", "LEFT"], syntax),
            (["LMOVE", "dst", "x", "LEFT", "down"], syntax),
            (["LMOVE", "missing", "x", "LEFT", "down"], syntax),
            (["RPUSH", "one", "only"], .integer(1)),
            (["LMOVE", "one", "one", "LEFT", "RIGHT"], .bulk("only")),
            (["LRANGE", "one", "0", "-1"], elements("only")),
        ])
    }

    func testMultiPop() throws {
        try c.call("RPUSH", "a", "1", "2", "3")
        try c.call("RPUSH", "b", "x")
        try c.call("SET", "s", "v")
        try assertCalls([
            (["LMPOP", "2", "missing", "a", "LEFT"], .array([.bulk("a"), elements("1")])),
            (["LMPOP", "2", "a", "b", "RIGHT", "COUNT", "10"], .array([.bulk("a"), elements("3", "2")])),
            (["EXISTS", "a"], .integer(0)),
            (["LMPOP", "3", "a", "b", "s", "left", "count", "1"], .array([.bulk("b"), elements("x")])),
            (["LMPOP", "2", "a", "b", "LEFT"], .nullArray),
            (["LMPOP", "2", "missing", "s", "LEFT"], wrongType),
            (["RPUSH", "a", "1"], .integer(1)),
            (["LMPOP", "2", "a", "s", "LEFT"], .array([.bulk("a"), elements("1")])),
            (["LMPOP", "0", "a", "LEFT"], .error("ERR numkeys should be greater than 0")),
            (["LMPOP", "-1", "a", "LEFT"], .error("ERR numkeys should be greater than 0")),
            (["LMPOP", "abc", "a", "LEFT"], .error("ERR numkeys should be greater than 0")),
            (["LMPOP", "2", "a", "LEFT"], syntax),
            (["LMPOP", "9223372036854775807", "a", "LEFT"], syntax),
            (["LMPOP", "1", "a", "MIDDLE"], syntax),
            (["LMPOP", "1", "a", "LEFT", "COUNT", "0"], .error("ERR count should be greater than 0")),
            (["LMPOP", "1", "a", "LEFT", "COUNT", "-1"], .error("ERR count should be greater than 0")),
            (["LMPOP", "1", "a", "LEFT", "COUNT", "x"], .error("ERR count should be greater than 0")),
            (["LMPOP", "1", "a", "LEFT", "COUNT", "1", "COUNT", "1"], syntax),
            (["LMPOP", "1", "a", "LEFT", "COUNT"], syntax),
            (["LMPOP", "1", "a", "LEFT", "foo"], syntax),
        ])
    }

    func testGenericKeyCommandsOnLists() throws {
        try c.call("RPUSH", "l", "a", "b", "c")
        try assertCalls([
            (["TYPE", "l"], .simple("list")),
            (["OBJECT", "ENCODING", "l"], .bulk("quicklist")),
            (["EXPIRE", "l", "100"], .integer(1)),
            (["RPUSH", "l", "d"], .integer(4)),
            (["LPOP", "l"], .bulk("a")),
            (["LSET", "l", "0", "B"], .simple("OK")),
            (["TTL", "l"], .integer(100)),
            (["RENAME", "l", "l2"], .simple("OK")),
            (["COPY", "l2", "l3"], .integer(1)),
            (["RPUSH", "l3", "e"], .integer(4)),
            (["LRANGE", "l2", "0", "-1"], elements("B", "c", "d")),
            (["LRANGE", "l3", "0", "-1"], elements("B", "c", "d", "e")),
            (["MOVE", "l3", "1"], .integer(1)),
            (["SET", "str", "v"], .simple("OK")),
            (["SCAN", "0", "TYPE", "list"], .array([.bulk("0"), elements("l2")])),
            (["DEL", "l2"], .integer(1)),
            (["EXISTS", "l2"], .integer(0)),
            (["SELECT", "1"], .simple("OK")),
            (["LLEN", "l3"], .integer(4)),
            (["EXPIRE", "l3", "100"], .integer(1)),
            (["RPOP", "l3", "4"], elements("e", "d", "c", "B")),
            (["RPUSH", "l3", "new"], .integer(1)),
            (["TTL", "l3"], .integer(-1)),
            (["PEXPIRE", "l3", "1"], .integer(1)),
        ])
        usleep(20_000)
        try assertCalls([
            (["LPUSHX", "l3", "x"], .integer(0)),
            (["LLEN", "l3"], .integer(0)),
            (["LPUSH", "l3", "y"], .integer(1)),
            (["TTL", "l3"], .integer(-1)),
        ])
    }

    func testEncodingIsQuicklistWhateverTheSize() throws {
        try c.call("RPUSH", "small", "1")
        try c.call(strings: ["RPUSH", "big"] + (0..<600).map { "element-\($0)" })
        try c.call("RPUSH", "long", String(repeating: "x", count: 10_000))
        for key in ["small", "big", "long"] {
            XCTAssertEqual(try c.call("OBJECT", "ENCODING", key), .bulk("quicklist"), key)
        }
    }

    func testListsInTransactionsAndWatch() throws {
        try c.call("RPUSH", "l", "a")
        let other = try server.client()
        XCTAssertEqual(try c.call("WATCH", "l"), .simple("OK"))
        XCTAssertEqual(try other.call("LPUSHX", "l", "b"), .integer(2))
        try c.call("MULTI")
        try c.call("LPOP", "l")
        XCTAssertEqual(try c.call("EXEC"), .nullArray)
        XCTAssertEqual(try c.call("WATCH", "l"), .simple("OK"))
        XCTAssertEqual(try other.call("LINSERT", "l", "BEFORE", "nope", "x"), .integer(-1))
        XCTAssertEqual(try other.call("LREM", "l", "0", "nope"), .integer(0))
        try c.call("MULTI")
        try c.call("RPOP", "l", "5")
        XCTAssertEqual(try c.call("EXEC"), .array([elements("a", "b")]), "failed edits do not touch the key")
    }

    func testDigestMatchesRedis() throws {
        // DEBUG DIGEST-VALUE and DEBUG DIGEST of this one list on redis-server 7.0.15.
        try c.call("RPUSH", "l", "a", "1", "-7", "hello world", "")
        XCTAssertEqual(try c.call("DEBUG", "DIGEST-VALUE", "l"),
                       .array([.simple("d55e1233f469825a1d7b5c120f91cd33f8d9abb6")]))
        XCTAssertEqual(try c.call("DEBUG", "DIGEST"), .simple("cd56f0ea8e9da190f49fee9cfebacad8f404b292"))
        try c.call("FLUSHALL")
        try c.call("RPUSH", "l", "x", "y", "12345678901")
        try c.call("RPUSH", "m", "z")
        try c.call("EXPIRE", "m", "1000")
        try c.call("SET", "s", "v")
        XCTAssertEqual(try c.call("DEBUG", "DIGEST-VALUE", "l", "m", "s"), .array([
            .simple("a12496bf9738f75eeca1e5b7a61cb16601815a49"), .simple("961c4611e07772210461bba50ac9c351136bca91"),
            .simple("d79ee9fe5d5ad902d7f6620efc3b07b75ddd742f"),
        ]))
        XCTAssertEqual(try c.call("DEBUG", "DIGEST"), .simple("67a42102fca68a755b1c38356b01830021d25aec"))
    }

    func testDebugObjectReportsRedisQuicklistFigures() throws {
        // Each line's tail as redis-server 7.0.15 printed it for the same pushes.
        try c.call("RPUSH", "l", "a", "1", "-7", "hello world", "")
        try c.call(strings: ["RPUSH", "n"] + (1...3000).map(String.init))
        try c.call("RPUSH", "big", String(repeating: "x", count: 9000), "a", "b")
        try c.call("RPUSH", "mid", String(repeating: "y", count: 200), "100000", "-100000", "5000000000", "-3000")
        let expected = [
            "l": "serializedlength:33 ql_nodes:1 ql_avg_node:5.00 ql_listpack_max:-2 ql_compressed:0 ql_uncompressed_size:30",
            "n": "serializedlength:8894 ql_nodes:2 ql_avg_node:1500.00 ql_listpack_max:-2 ql_compressed:0 ql_uncompressed_size:8887",
            "big": "serializedlength:144 ql_nodes:2 ql_avg_node:1.50 ql_listpack_max:-2 ql_compressed:0 ql_uncompressed_size:9027",
            "mid": "serializedlength:46 ql_nodes:1 ql_avg_node:5.00 ql_listpack_max:-2 ql_compressed:0 ql_uncompressed_size:234",
        ]
        for (key, tail) in expected { try assertDebugObject(key, endsWith: tail) }
        // Every listpack integer width and its boundaries, non-canonical numbers, and the
        // string length classes.
        try c.call(strings: ["RPUSH", "ints"] + [
            "0", "127", "128", "-1", "-4096", "4095", "4096", "-4097", "32767", "-32768", "32768", "-32769",
            "8388607", "-8388608", "8388608", "2147483647", "-2147483648", "2147483648", "9223372036854775807",
            "-9223372036854775808", "9223372036854775808", "007", "-0", "+5", "1.5",
        ])
        try assertDebugObject("ints", endsWith: "serializedlength:148 ql_nodes:1 ql_avg_node:25.00 ql_listpack_max:-2 ql_compressed:0 ql_uncompressed_size:146")
        try c.call(strings: ["RPUSH", "strs"] + [(63, "a"), (64, "b"), (4095, "c"), (4096, "d"), (126, "e")]
            .map { String(repeating: $0.1, count: $0.0) })
        try assertDebugObject("strs", endsWith: "serializedlength:164 ql_nodes:2 ql_avg_node:2.50 ql_listpack_max:-2 ql_compressed:0 ql_uncompressed_size:8478")
        XCTAssertEqual(try c.call("CONFIG", "SET", "list-max-listpack-size", "5"), .simple("OK"))
        try c.call(strings: ["RPUSH", "c5"] + (1...23).map(String.init))
        try assertDebugObject("c5", endsWith: "serializedlength:92 ql_nodes:5 ql_avg_node:4.60 ql_listpack_max:5 ql_compressed:0 ql_uncompressed_size:81")
    }

    private func assertDebugObject(_ key: String, endsWith tail: String, line: UInt = #line) throws {
        let reply = try c.call("DEBUG", "OBJECT", key).description
        XCTAssertTrue(reply.contains(" encoding:quicklist "), reply, line: line)
        let figures = reply.replacingOccurrences(of: #" lru:\d+ lru_seconds_idle:\d+"#, with: "", options: .regularExpression)
        XCTAssertTrue(figures.hasSuffix(tail), "\(key): \(reply)", line: line)
    }
}
