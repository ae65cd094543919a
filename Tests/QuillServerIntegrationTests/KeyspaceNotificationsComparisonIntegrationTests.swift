// Keyspace notifications compared with a real redis-server 7.0.15: one script touching every
// family runs on both servers with all classes enabled (AKE plus new-key and key-miss events),
// and after each command the notifications each server published must be the same messages
// in the same order, and the replies the same.

import XCTest

final class KeyspaceNotificationsComparisonIntegrationTests: XCTestCase {
    var server: ServerProcess!

    override func setUpWithError() throws { server = try ServerProcess() }
    override func tearDown() { server?.stop() }

    /// Commands one a line; "''" is an empty argument, a leading "~" sends the command without
    /// comparing replies (random choices), and "sleep" waits for short TTLs to pass.
    static let script = """
        DEBUG SET-ACTIVE-EXPIRE 0
        SET s v
        SET s v2 XX GET
        SET s2 v NX
        SET s2 v NX
        SET s3 v EX 100
        SET s3 v KEEPTTL
        SET s3 v PXAT 1
        SETNX s4 v
        SETNX s4 v
        SETEX s5 100 v
        PSETEX s6 100000 v
        GETSET s7 v
        GETSET s7 w
        GETDEL s7
        GETDEL s7
        GETEX s5 PERSIST
        GETEX s5 EX 100
        GETEX s5 PXAT 1
        GETEX nokey EX 10
        MSET m1 a m2 b
        MSETNX m3 a m1 b
        MSETNX m3 a m4 b
        MGET m1 nokey m3
        INCR c
        INCRBY c 5
        DECR c
        DECRBY c 2
        INCRBYFLOAT f 1.5
        INCR s
        LPUSH s x
        APPEND a x
        APPEND a y
        SETRANGE r 3 x
        SETRANGE r 0 ''
        SETRANGE nr 0 ''
        SETRANGE r 1 yy
        GET nokey
        STRLEN nokey
        GETRANGE nokey 0 1
        SETBIT b 7 1
        SETBIT b 7 1
        SETBIT b 100 0
        SETBIT b 7 0
        GETBIT nokey 1
        BITCOUNT nokey
        BITPOS nokey 1
        BITOP AND bo b nokey
        BITOP OR bo b
        BITOP AND bo nokey nokey2
        LCS nokey nokey2
        DEL s s2 nokey
        UNLINK s3
        EXISTS nokey s4
        TYPE nokey
        TTL nokey
        PTTL s4
        TOUCH nokey s4
        OBJECT ENCODING nokey
        EXPIRE s4 100
        PEXPIRE s4 100000 NX
        EXPIRE s4 100 XX
        EXPIREAT s4 1
        EXPIRE nokey 10
        SET p v EX 100
        PERSIST p
        PERSIST p
        RENAME p p2
        RENAME p2 p2
        SET p3 v
        RENAME p2 p3
        RENAMENX p3 m1
        RENAMENX p3 p4
        RENAME nokey x
        MOVE p4 1
        SET p5 v
        MOVE p5 1
        COPY m1 c1
        COPY m1 c1
        COPY m1 c1 REPLACE
        COPY m1 c2 DB 2
        COPY nokey c3
        LPUSH l a b c
        RPUSH l d
        LPUSHX l e
        RPUSHX nolist e
        LPUSHX nolist e
        LINSERT l BEFORE a x
        LINSERT l BEFORE zz x
        LSET l 0 y
        LSET l 100 y
        LSET nolist 0 y
        LREM l 0 zz
        LREM l 1 y
        LTRIM l 0 -1
        LRANGE nolist 0 -1
        LLEN nolist
        LINDEX nolist 0
        LPOS nolist a
        LPOP l
        RPOP l 2
        LPOP l 0
        LPOP nolist
        LMOVE l l2 LEFT RIGHT
        RPOPLPUSH l l2
        LMOVE l2 l2 LEFT LEFT
        RPUSH one x
        LMOVE one one LEFT RIGHT
        LMOVE one dst RIGHT LEFT
        LMOVE nolist dst LEFT LEFT
        LMPOP 2 nolist l2 LEFT COUNT 10
        LMPOP 1 nolist RIGHT
        RPUSH t a b c
        LTRIM t 5 10
        RPUSH t a b a
        LREM t 0 a
        LREM t 0 b
        HSET h a 1 b 2
        HSET h a 1
        HMSET h c 3
        HSETNX h a 1
        HSETNX h d 4
        HINCRBY h n 5
        HINCRBYFLOAT h f 1.5
        HINCRBY h a x
        HGET nohash a
        HMGET nohash a b
        HGETALL nohash
        HLEN nohash
        HEXISTS nohash a
        HSTRLEN nohash a
        HDEL h a zz
        HDEL h zz
        HDEL h b c d n f
        HDEL nohash a
        SADD st a b c
        SADD st a
        SREM st zz
        SREM st a
        SMOVE st st2 b
        SMOVE st st2 zz
        SMOVE st st c
        SMOVE st st2 c
        SMOVE nokey st2 c
        SADD st3 1 2 3
        ~SPOP st3
        SPOP st3 0
        ~SPOP st3 1
        ~SPOP st3 10
        SPOP nokey
        SADD x1 a b
        SADD x2 b c
        SINTERSTORE xd x1 x2
        SUNIONSTORE xd x1 nokey
        SDIFFSTORE xd x1 x1
        SDIFFSTORE xd x1 x1
        SINTERSTORE xd nokey x1
        SINTER x1 nokey
        SUNION nokey
        SISMEMBER nokey a
        SMISMEMBER nokey a
        SCARD nokey
        SMEMBERS nokey
        SRANDMEMBER nokey
        SINTERCARD 2 x1 nokey
        ZADD z 1 a 2 b
        ZADD z 1 a
        ZADD z CH 5 a
        ZADD z XX 1 zz
        ZADD nz XX 1 a
        ZADD z INCR 1 a
        ZINCRBY z 0 a
        ZINCRBY z 1 c
        ZADD z NX 10 a
        ZADD z GT 1 a
        ZREM z zz
        ZREM z c
        ZREMRANGEBYSCORE z 100 200
        ZADD z 3 c 4 d 5 e
        ZREMRANGEBYSCORE z 3 3
        ZREMRANGEBYRANK z 0 0
        ZADD lex 0 a 0 b 0 c
        ZREMRANGEBYLEX lex [a [b
        ZREMRANGEBYLEX lex [a [c
        ZPOPMIN z
        ZPOPMAX z 0
        ZPOPMAX z 10
        ZPOPMIN nz
        ZADD z1 1 a 2 b
        ZADD z2 1 b
        ZUNIONSTORE zd 2 z1 z2
        ZINTERSTORE zd 2 z1 nokey
        ZDIFFSTORE zd 1 z1
        ZDIFFSTORE zd 2 z1 z1
        ZRANGESTORE zr z1 0 -1
        ZRANGESTORE zr z1 5 10
        ZRANGESTORE zr nokey 0 -1
        ZMPOP 2 nz z1 MIN COUNT 5
        ZSCORE nokey a
        ZRANGE nokey 0 -1
        ZRANK nokey a
        ZCARD nokey
        ZCOUNT nokey 0 1
        ZUNION 2 z2 nokey
        ZINTERCARD 1 nokey
        RPUSH sl 3 1 2
        SORT sl STORE so
        SORT nokey STORE so
        SORT sl BY w_* GET o_* GET #
        SORT sl LIMIT 0 0 STORE so2
        SORT_RO nokey
        HRANDFIELD nohash
        HRANDFIELD nohash 2
        HKEYS nohash
        HVALS nohash
        HSCAN nohash 0
        SRANDMEMBER nokey 2
        SSCAN nokey 0
        ZRANDMEMBER nokey
        ZSCAN nokey 0
        ZMSCORE nokey a
        ZREVRANGE nokey 0 -1
        ZRANGEBYSCORE nokey 0 1
        ZLEXCOUNT nokey - +
        ZREVRANK nokey a
        GETEX nokey
        EXPIRETIME nokey
        PEXPIRETIME nokey
        OBJECT FREQ nokey
        OBJECT IDLETIME nokey
        DEBUG DIGEST-VALUE nokey
        DEBUG OBJECT nokey
        WATCH nokey
        UNWATCH
        DEBUG POPULATE 2 pop
        DEBUG POPULATE 3 pop
        SET big 1
        INCRBY big 9223372036854775807
        DECRBY big -9223372036854775808
        RPUSH sl2 b a
        SORT sl2
        SORT sl2 ALPHA STORE sl2
        ZADD zi 1 a
        ZADD zi INCR +inf a
        ZADD zi INCR -inf a
        SET e v PX 1
        RPUSH el a
        PEXPIRE el 1
        sleep
        GET e
        LPUSH el b
        TTL e
        SET e2 v PX 1
        HSET eh a 1
        PEXPIRE eh 1
        SADD es a
        PEXPIRE es 1
        ZADD ez 1 a
        PEXPIRE ez 1
        sleep
        SET e2 w
        HSET eh b 2
        SREM es a
        ZSCORE ez a
        DEL el
        MULTI
        SET tx 1
        INCR tx
        LPUSH tx x
        DEL tx
        EXEC
        SELECT 3
        SET d3 v
        RPUSH d3l a
        DEL d3 d3l
        SELECT 0
        SWAPDB 0 1
        SWAPDB 0 1
        FLUSHDB
        FLUSHALL
        """

    func testNotificationSequencesMatchRedis() throws {
        let comparison = try RedisComparison(quill: server)
        let listeners = [try NotificationListener(try server.client()),
                         try NotificationListener(try RESPClient(port: comparison.redisServer.port))]
        for client in [comparison.quill, comparison.redis] {
            XCTAssertEqual(try client.call("CONFIG", "SET", "notify-keyspace-events", "AKEnm"), .simple("OK"))
        }
        var published = 0
        var queuing = false
        for text in Self.script.split(separator: "\n") {
            if text == "sleep" {
                usleep(20_000)
                continue
            }
            let compareReplies = !text.hasPrefix("~")
            let args = text.drop { $0 == "~" }.split(separator: " ").map { $0 == "''" ? "" : String($0) }
            if compareReplies {
                try comparison.check(args)
            } else {
                _ = try comparison.quill.call(strings: args)
                _ = try comparison.redis.call(strings: args)
            }
            // Inside MULTI the marker's PUBLISH would be queued too: the events come with EXEC.
            queuing = (queuing || text == "MULTI") && text != "EXEC"
            if queuing { continue }
            let fromQuill = try listeners[0].drain(through: comparison.quill)
            let fromRedis = try listeners[1].drain(through: comparison.redis)
            XCTAssertEqual(fromQuill, fromRedis, String(text))
            published += fromRedis.count
        }
        XCTAssertGreaterThan(published, 300)
    }

    /// A RESP3 client subscribed to its own events: for these commands Redis 7.0 has written
    /// the push messages by the time it replies, so they arrive first.
    func testIssuingRESP3ClientGetsPushesBeforeTheReplyLikeRedis() throws {
        let comparison = try RedisComparison(quill: server)
        try comparison.useRESP3()
        for client in [comparison.quill, comparison.redis] {
            XCTAssertEqual(try client.call("CONFIG", "SET", "notify-keyspace-events", "KEA" + "m"), .simple("OK"))
            XCTAssertEqual(try client.call("PSUBSCRIBE", "__keyevent@0__:*"),
                           .push([.bulk("psubscribe"), .bulk("__keyevent@0__:*"), .integer(1)]))
        }
        for command in [["SET", "k", "v"], ["INCR", "n"], ["GET", "nokey"], ["SADD", "s", "a"], ["DEL", "k", "n", "s"]] {
            var streams: [[String]] = []
            for client in [comparison.quill, comparison.redis] {
                try client.send(strings: command)
                var stream: [String] = []
                while true {
                    let reply = try client.read()
                    stream.append(reply.description)
                    if case .push = reply { continue }
                    break
                }
                streams.append(stream)
            }
            XCTAssertEqual(streams[0], streams[1], command.joined(separator: " "))
            XCTAssertGreaterThan(streams[1].count, 1)
        }
    }

    /// The sources of the sorted-set STORE commands are read lookups in Redis: hits, misses
    /// and `keymiss` events alike.
    func testStoreSourcesCountHitsAndMissesLikeRedis() throws {
        let comparison = try RedisComparison(quill: server)
        try comparison.run("ZADD z 1 a")
        try comparison.checkStatistics("""
            ZUNIONSTORE d 2 z nokey
            ZINTERSTORE d 2 nokey z
            ZDIFFSTORE d 2 z nokey
            ZRANGESTORE d nokey 0 -1
            """)
    }

    func testOnlySelectedClassesMatchRedis() throws {
        let comparison = try RedisComparison(quill: server)
        let listeners = [try NotificationListener(try server.client()),
                         try NotificationListener(try RESPClient(port: comparison.redisServer.port))]
        // Without the sleeps, keys given a 1 ms TTL may or may not be due: those lines are left out.
        let lines = Self.script.split(separator: "\n").filter {
            !$0.hasPrefix("~") && $0 != "sleep" && !$0.hasPrefix("PEXPIRE") && !$0.hasSuffix(" PX 1")
        }
        for letters in ["Kg", "E$l", "Kshz", "Enm", "KEx"] {
            for client in [comparison.quill, comparison.redis] {
                XCTAssertEqual(try client.call("CONFIG", "SET", "notify-keyspace-events", letters), .simple("OK"))
                _ = try client.call("FLUSHALL")
            }
            _ = try listeners[0].drain(through: comparison.quill)
            _ = try listeners[1].drain(through: comparison.redis)
            for text in lines {
                let args = text.split(separator: " ").map { $0 == "''" ? "" : String($0) }
                _ = try comparison.quill.call(strings: args)
                _ = try comparison.redis.call(strings: args)
            }
            XCTAssertEqual(try listeners[0].drain(through: comparison.quill),
                           try listeners[1].drain(through: comparison.redis), letters)
        }
    }
}
