// SORT and SORT_RO through the real binary, against a real redis-server 7.0.15 run side by
// side (RedisComparison) in RESP2 and RESP3: numeric and ALPHA order, BY and GET patterns
// over strings and hash fields, "nosort" BY patterns, LIMIT clamping, STORE, the errors and
// their order, the statistics SORT touches, and the keys COMMAND GETKEYS finds.

import XCTest

final class SortIntegrationTests: ServerIntegrationTestCase {
    private static let script = """
        SORT
        SORT_RO
        SET str v
        SORT str
        SORT_RO str
        HSET h f v
        SORT h
        SORT nokey
        SORT nokey STORE dst
        EXISTS dst
        SORT_RO nokey
        RPUSH l 3 1 2 10 -1.5 1e2 0x10 inf -inf
        SORT l
        SORT l DESC
        SORT l ALPHA
        SORT l ALPHA DESC
        SORT l LIMIT 0 3
        SORT l LIMIT 2 3 DESC
        SORT l LIMIT -5 2
        SORT l LIMIT 7 100
        SORT l LIMIT 9 1
        SORT l LIMIT 100 1
        SORT l LIMIT 0 -1
        SORT l LIMIT 0 0
        SORT l LIMIT 1 -5
        SORT l LIMIT 9223372036854775807 9223372036854775807
        SORT l LIMIT -9223372036854775808 -9223372036854775808
        SORT l LIMIT 9223372036854775808 1
        SORT l LIMIT 0 1 LIMIT 2 1
        SORT l DESC ASC
        SORT l LIMIT x 1
        SORT l LIMIT 1 y
        SORT l LIMIT 1
        SORT l LIMIT
        SORT l BOGUS
        SORT l ALPHA BOGUS
        SORT str BOGUS
        SORT str LIMIT x 1
        SORT l STORE
        SORT l BY
        SORT l GET
        SORT_RO l STORE dst
        SORT_RO l
        SORT_RO l DESC LIMIT 1 2
        RPUSH bad 1 two 3
        SORT bad
        SORT bad ALPHA
        SORT bad BY nosort
        SORT bad STORE dst
        EXISTS dst
        RPUSH edge 1 '' 2
        SORT edge
        RPUSH nan 1 nan
        SORT nan
        RPUSH big 1 1e400
        SORT big
        RPUSH tiny 1 1e-400
        SORT tiny
        RPUSH ties b a 1 1.0 01 c
        SORT ties
        SORT ties DESC
        SORT ties ALPHA
        RPUSH u 3 1 2
        MSET w_1 30 w_2 10 w_3 20
        HSET o_1 f z n 5
        HSET o_2 f x n 15
        HSET o_3 f y
        MSET d_1 one d_2 two
        SORT u BY w_*
        SORT u BY w_* DESC
        SORT u BY o_*->n
        SORT u BY o_*->f ALPHA
        SORT u BY o_*->f ALPHA DESC
        SORT u BY o_*->n ALPHA
        SORT u BY o_*->f
        SORT u BY missing_*
        SORT u BY missing_* ALPHA
        SORT u BY w_* GET #
        SORT u BY w_* GET d_* GET # GET o_*->f GET w_* GET o_*->missing
        SORT u GET d_*
        SORT u GET o_*->
        SORT u GET o_*
        SORT u GET d_*->f
        SORT u GET nostar
        SET w->1 x
        SORT u GET w->* GET *->
        MSET 1 a 2 b
        SORT u GET * BY *
        SORT u GET ## GET #x
        SORT u BY w_* LIMIT 1 1 GET d_*
        SORT u BY nosort
        SORT u BY nosort DESC
        SORT u BY nosort LIMIT 1 5
        SORT u BY nosort DESC LIMIT 1 1
        SORT u BY nosort GET d_*
        SORT u BY nosort ALPHA
        SORT u BY w_* BY nosort
        SORT u BY nosort BY w_*
        ZADD z 3 a 1 b 2 c 2 d
        SORT z BY nosort
        SORT z BY nosort DESC
        SORT z BY nosort LIMIT 1 2
        SORT z BY nosort DESC LIMIT 1 2
        SORT z ALPHA
        SORT z ALPHA DESC LIMIT 0 2
        SORT z
        ZADD zn 3 30 1 10 2 20
        SORT zn
        SORT zn DESC
        SADD si 5 3 9 -1
        SORT si
        SORT si DESC
        SORT si BY nosort
        SORT si BY nosort DESC
        SADD sh b c a 10
        SORT sh ALPHA
        SORT sh
        SORT sh BY nosort STORE dst
        LRANGE dst 0 -1
        SORT sh BY nosort DESC STORE dst
        LRANGE dst 0 -1
        SORT l STORE dst
        LRANGE dst 0 -1
        TYPE dst
        SET dst old
        EXPIRE dst 100
        SORT u BY w_* GET d_* GET # STORE dst
        LRANGE dst 0 -1
        TTL dst
        SORT u STORE dst LIMIT 5 5
        EXISTS dst
        SORT u STORE dst STORE dst2
        EXISTS dst dst2
        LRANGE dst2 0 -1
        SORT u store dst ALPHA desc
        LRANGE dst 0 -1
        SORT str STORE dst
        EXISTS dst
        SORT u BY w_* limit 0 2 GET # get d_* ASC
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
            RPUSH l 3 1 2
            MSET w_1 30 w_2 10
            SORT l
            SORT nokey
            SORT l BY w_*
            SORT l BY w_* GET w_* GET #
            SORT l BY nosort GET w_*
            SORT l STORE d
            SORT l STORE d
            SORT nokey STORE d
            SORT nokey STORE d
            SORT l BY w_* LIMIT 0 1 GET w_* STORE d
            SORT_RO l GET #
            """)
    }

    /// Larger inputs with duplicates, mixed number forms and BY weights that tie, so the
    /// tie-breaking rules decide much of the order.
    func testLargeInputsMatchRedis() throws {
        let compare = try RedisComparison(quill: server)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let forms: [(Int) -> String] = [{ "\($0)" }, { "-\($0)" }, { "\($0).5" }, { "\($0)e1" }, { "0\($0)" }]
        var members: [String] = []
        for _ in 0..<400 {
            members.append(forms[next(forms.count)](next(50)))
        }
        try compare.check(["RPUSH", "l"] + members)
        try compare.check(["SADD", "s"] + members)
        try compare.check(["ZADD", "z"] + members.flatMap { [String(next(20)), $0] })
        for member in Set(members) {
            try compare.check(["SET", "w_" + member, String(next(10))])
            try compare.check(["HSET", "h_" + member, "f", String(next(10)), "a", "v\(next(10))"])
        }
        for key in ["l", "s", "z"] {
            for options in [[], ["DESC"], ["ALPHA"], ["ALPHA", "DESC"], ["BY", "w_*"], ["BY", "w_*", "DESC"],
                            ["BY", "h_*->f", "GET", "#", "GET", "h_*->a"],
                            ["LIMIT", "17", "40"], ["BY", "w_*", "LIMIT", "100", "30", "GET", "#"],
                            ["BY", "nosort", "STORE", "dst"], ["BY", "w_*", "STORE", "dst"]] {
                try compare.check(["SORT", key] + options)
                if options.contains("STORE") { try compare.check(["LRANGE", "dst", "0", "-1"]) }
            }
        }
        // ALPHA by BY values that tie keeps the source order, defined only for a list.
        try compare.check(["SORT", "l", "BY", "h_*->a", "ALPHA", "GET", "#", "GET", "w_*"])
        try compare.check(["SORT", "l", "BY", "h_*->a", "ALPHA", "DESC", "GET", "#"])
        for options in [["BY", "nosort"], ["BY", "nosort", "DESC", "LIMIT", "10", "20"]] {
            try compare.check(["SORT", "l"] + options)
            try compare.check(["SORT", "z"] + options)
        }
    }

    func testExactReplies() throws {
        XCTAssertEqual(try c.call("RPUSH", "l", "2", "10", "1"), .integer(3))
        XCTAssertEqual(try c.call("SORT", "l"), .array([.bulk("1"), .bulk("2"), .bulk("10")]))
        XCTAssertEqual(try c.call("SORT", "l", "ALPHA"), .array([.bulk("1"), .bulk("10"), .bulk("2")]))
        XCTAssertEqual(try c.call("SORT", "l", "LIMIT", "1", "1", "DESC"), .array([.bulk("2")]))
        XCTAssertEqual(try c.call("SORT", "l", "LIMIT", "a", "1"), notInteger)
        XCTAssertEqual(try c.call("SORT", "l", "NOPE"), syntax)
        XCTAssertEqual(try c.call("SORT_RO", "l", "STORE", "d"), syntax)
        XCTAssertEqual(try c.call("SORT"), .error("ERR wrong number of arguments for 'sort' command"))
        XCTAssertEqual(try c.call("SET", "s", "x"), .simple("OK"))
        XCTAssertEqual(try c.call("SORT", "s"), wrongType)
        XCTAssertEqual(try c.call("SORT", "s", "NOPE"), syntax)
        XCTAssertEqual(try c.call("RPUSH", "bad", "x"), .integer(1))
        XCTAssertEqual(try c.call("SORT", "bad"), .error("ERR One or more scores can't be converted into double"))
        XCTAssertEqual(try c.call("MSET", "k_1", "b", "k_2", "a"), .simple("OK"))
        XCTAssertEqual(try c.call("HSET", "h_1", "f", "one"), .integer(1))
        XCTAssertEqual(try c.call("SORT", "l", "BY", "k_*", "ALPHA", "GET", "#", "GET", "h_*->f"),
                       .array([.bulk("10"), .null, .bulk("2"), .null, .bulk("1"), .bulk("one")]))
        XCTAssertEqual(try c.call("SORT", "l", "BY", "nosort", "DESC", "STORE", "dst"), .integer(3))
        XCTAssertEqual(try c.call("LRANGE", "dst", "0", "-1"), .array([.bulk("1"), .bulk("10"), .bulk("2")]))
        XCTAssertEqual(try c.call("SORT", "l", "LIMIT", "3", "1", "STORE", "dst"), .integer(0))
        XCTAssertEqual(try c.call("EXISTS", "dst"), .integer(0))
    }

    func testCommandInfoAndKeys() throws {
        let compare = try RedisComparison(quill: server)
        try compare.run("""
            COMMAND INFO sort sort_ro
            COMMAND DOCS sort sort_ro
            COMMAND GETKEYS sort a
            COMMAND GETKEYS sort a BY x GET y STORE d LIMIT 0 1
            COMMAND GETKEYSANDFLAGS sort a STORE d1 STORE d2
            COMMAND GETKEYSANDFLAGS sort a GET store STORE
            COMMAND GETKEYSANDFLAGS sort a LIMIT store x STORE d
            COMMAND GETKEYSANDFLAGS sort_ro a STORE d
            COMMAND GETKEYS sort
            """)
    }
}
