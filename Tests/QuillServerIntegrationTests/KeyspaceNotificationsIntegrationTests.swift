// Keyspace notifications through the real binary: a listener connection subscribed to
// `__key*__:*` and a writer connection. Covers the two channel kinds and their order, every
// class letter of notify-keyspace-events, the events of each command family in Redis's order,
// lazy and active expiry, databases, RESP3 push messages and commands that change nothing.

import XCTest

final class KeyspaceNotificationsIntegrationTests: ServerIntegrationTestCase {
    var listener: NotificationListener!

    override func setUpWithError() throws {
        try super.setUpWithError()
        listener = try NotificationListener(try server.client())
    }

    func enable(_ letters: String) throws {
        XCTAssertEqual(try c.call("CONFIG", "SET", "notify-keyspace-events", letters), .simple("OK"))
    }

    /// Runs each command on the writer and returns the key events they caused.
    func events(_ commands: [String]...) throws -> [String] {
        for command in commands { _ = try c.call(strings: command) }
        return try listener.events(through: c)
    }

    func testNothingIsPublishedByDefault() throws {
        XCTAssertEqual(try c.call("CONFIG", "GET", "notify-keyspace-events").strings, ["notify-keyspace-events", ""])
        _ = try c.call("SET", "k", "v")
        _ = try c.call("DEL", "k")
        _ = try c.call("GET", "nokey")
        XCTAssertEqual(try listener.drain(through: c), [])
    }

    func testKeyspaceMessageComesBeforeKeyeventMessage() throws {
        try enable("KEA")
        _ = try c.call("SET", "k", "v")
        XCTAssertEqual(try listener.drain(through: c), ["__keyspace@0__:k set", "__keyevent@0__:set k"])
        try enable("K$")
        _ = try c.call("SET", "k", "v")
        XCTAssertEqual(try listener.drain(through: c), ["__keyspace@0__:k set"])
        try enable("E$")
        _ = try c.call("SET", "k", "v")
        XCTAssertEqual(try listener.drain(through: c), ["__keyevent@0__:set k"])
        // Classes without K or E select nothing to publish.
        try enable("A")
        _ = try c.call("SET", "k", "v")
        XCTAssertEqual(try listener.drain(through: c), [])
    }

    func testPatternAndChannelSubscribersGetTheirMessageForms() throws {
        try enable("KEA")
        let exact = try server.client()
        _ = try exact.call("SUBSCRIBE", "__keyevent@0__:del")
        _ = try c.call("SET", "key", "v")
        _ = try c.call("DEL", "key")
        XCTAssertEqual(try exact.read(), .array([.bulk("message"), .bulk("__keyevent@0__:del"), .bulk("key")]))
        XCTAssertEqual(try listener.client.read(),
                       .array([.bulk("pmessage"), .bulk("__key*__:*"), .bulk("__keyspace@0__:key"), .bulk("set")]))
        XCTAssertEqual(try listener.drain(through: c), ["__keyevent@0__:set key", "__keyspace@0__:key del",
                                                         "__keyevent@0__:del key"])
        XCTAssertEqual(try c.call("PUBSUB", "NUMPAT"), .integer(1))
    }

    func testEachClassLetterSelectsItsEvents() throws {
        let script: [[String]] = [
            ["SET", "s", "v"], ["EXPIRE", "s", "100"], ["RPUSH", "l", "a"], ["SADD", "t", "a"],
            ["HSET", "h", "f", "v"], ["ZADD", "z", "1", "a"], ["GET", "missing"], ["DEL", "s", "l", "t", "h", "z"],
        ]
        let expected: [String: [String]] = [
            "g": ["expire s", "del s", "del l", "del t", "del h", "del z"],
            "$": ["set s"],
            "l": ["rpush l"],
            "s": ["sadd t"],
            "h": ["hset h"],
            "z": ["zadd z"],
            "n": ["new s", "new l", "new t", "new h", "new z"],
            "m": ["keymiss missing"],
            "A": ["set s", "expire s", "rpush l", "sadd t", "hset h", "zadd z", "del s", "del l", "del t", "del h",
                  "del z"],
        ]
        for (letter, events) in expected.sorted(by: { $0.key < $1.key }) {
            try enable("E" + letter)
            for command in script { _ = try c.call(strings: command) }
            XCTAssertEqual(try listener.events(through: c), events, "class \(letter)")
        }
    }

    func testExpiredClassAndExpiry() throws {
        try enable("Ex")
        XCTAssertEqual(try c.call("DEBUG", "SET-ACTIVE-EXPIRE", "0"), .simple("OK"))
        _ = try c.call("SET", "lazy", "v", "PX", "1")
        usleep(20_000)
        XCTAssertEqual(try events(["GET", "lazy"]), ["expired lazy"])
        try enable("Exm")
        _ = try c.call("SET", "lazy", "v", "PX", "1")
        usleep(20_000)
        XCTAssertEqual(try events(["EXISTS", "lazy"]), ["expired lazy", "keymiss lazy"])
        XCTAssertEqual(try c.call("DEBUG", "SET-ACTIVE-EXPIRE", "1"), .simple("OK"))
        _ = try c.call("SET", "active", "v", "PX", "10")
        let deadline = Date().addingTimeInterval(5)
        while try c.call("DBSIZE") != .integer(0) && Date() < deadline { usleep(20_000) }
        XCTAssertEqual(try listener.client.read(),
                       .array([.bulk("pmessage"), .bulk("__key*__:*"), .bulk("__keyevent@0__:expired"),
                               .bulk("active")]))
    }

    func testExpiredKeyOverwrittenReportsExpiredThenNew() throws {
        try enable("KEA" + "n")
        XCTAssertEqual(try c.call("DEBUG", "SET-ACTIVE-EXPIRE", "0"), .simple("OK"))
        _ = try c.call("SET", "k", "v", "PX", "1")
        _ = try c.call("RPUSH", "l", "a")
        _ = try c.call("PEXPIRE", "l", "1")
        _ = try listener.events(through: c)
        usleep(20_000)
        XCTAssertEqual(try events(["SET", "k", "w"]), ["expired k", "new k", "set k"])
        XCTAssertEqual(try events(["LPUSH", "l", "b"]), ["expired l", "new l", "lpush l"])
    }

    func testStringEvents() throws {
        try enable("KEA")
        XCTAssertEqual(try events(["SET", "k", "v", "EX", "100"], ["SETEX", "k", "10", "v"], ["PSETEX", "k", "10000", "v"]),
                       ["set k", "expire k", "set k", "expire k", "set k", "expire k"])
        XCTAssertEqual(try events(["SET", "k", "v", "NX"], ["SET", "new", "v", "XX"], ["SETNX", "k", "v"]), [])
        XCTAssertEqual(try events(["GETSET", "k", "w"], ["GETDEL", "k"], ["GETDEL", "k"]), ["set k", "del k"])
        XCTAssertEqual(try events(["MSET", "a", "1", "b", "2"], ["MSETNX", "a", "1", "c", "3"]), ["set a", "set b"])
        XCTAssertEqual(try events(["INCR", "n"], ["DECRBY", "n", "5"], ["INCRBYFLOAT", "n", "1.5"]),
                       ["incrby n", "incrby n", "incrbyfloat n"])
        XCTAssertEqual(try events(["APPEND", "s", "x"], ["SETRANGE", "s", "0", ""], ["SETRANGE", "s", "3", "y"]),
                       ["append s", "setrange s"])
        XCTAssertEqual(try events(["GETEX", "s", "EX", "100"], ["GETEX", "s", "PERSIST"], ["GETEX", "s", "PERSIST"],
                                  ["GETEX", "s", "PXAT", "1"]),
                       ["expire s", "persist s", "del s"])
        XCTAssertEqual(try events(["SETBIT", "b", "1", "1"], ["SETBIT", "b", "1", "1"], ["SETBIT", "b", "20", "0"]),
                       ["setbit b", "setbit b"])
        XCTAssertEqual(try events(["BITOP", "OR", "d", "b"], ["BITOP", "AND", "d", "none"], ["BITOP", "AND", "d", "none"]),
                       ["set d", "del d"])
    }

    func testFailedCommandsPublishNothing() throws {
        try enable("KEA")
        _ = try c.call("SET", "s", "text")
        _ = try c.call("RPUSH", "l", "a")
        _ = try listener.events(through: c)
        XCTAssertEqual(try c.call("LPUSH", "s", "x"), wrongType)
        XCTAssertEqual(try c.call("INCR", "s"), notInteger)
        XCTAssertEqual(try c.call("SET", "s", "v", "EX", "nope"), notInteger)
        XCTAssertEqual(try c.call("SET", "s", "v", "XX", "NX"), syntax)
        XCTAssertEqual(try c.call("HINCRBYFLOAT", "l", "f", "1"), wrongType)
        XCTAssertEqual(try c.call("ZADD", "z", "x", "m"), notFloat)
        XCTAssertEqual(try c.call("LSET", "l", "5", "x"), .error("ERR index out of range"))
        XCTAssertEqual(try c.call("RENAME", "missing", "x"), .error("ERR no such key"))
        XCTAssertEqual(try c.call("EXPIRE", "s", "10", "GT", "LT"),
                       .error("ERR GT and LT options at the same time are not compatible"))
        XCTAssertEqual(try listener.drain(through: c), [])
        XCTAssertEqual(try c.call("CONFIG", "SET", "notify-keyspace-events", "KEq"),
                       .error("ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event class character. Use 'Ag$lshzxeKEtmdn'."))
    }

    func testListEvents() throws {
        try enable("KEA")
        XCTAssertEqual(try events(["LPUSH", "l", "a", "b"], ["RPUSHX", "l", "c"], ["LPUSHX", "none", "x"]),
                       ["lpush l", "rpush l"])
        XCTAssertEqual(try events(["LINSERT", "l", "AFTER", "a", "x"], ["LSET", "l", "0", "y"], ["LREM", "l", "0", "zz"],
                                  ["LREM", "l", "1", "x"]),
                       ["linsert l", "lset l", "lrem l"])
        XCTAssertEqual(try events(["LMOVE", "l", "m", "LEFT", "RIGHT"], ["RPOPLPUSH", "l", "m"]),
                       ["rpush m", "lpop l", "lpush m", "rpop l"])
        XCTAssertEqual(try events(["LPOP", "l", "0"], ["LPOP", "l"], ["RPOP", "none"]), ["lpop l", "del l"])
        XCTAssertEqual(try events(["LMPOP", "2", "none", "m", "RIGHT", "COUNT", "5"]), ["rpop m", "del m"])
        XCTAssertEqual(try events(["RPUSH", "t", "a"], ["LMOVE", "t", "t", "LEFT", "RIGHT"], ["LTRIM", "t", "1", "0"]),
                       ["rpush t", "rpush t", "lpop t", "ltrim t", "del t"])
    }

    func testHashSetAndSortedSetEvents() throws {
        try enable("KEA")
        XCTAssertEqual(try events(["HSET", "h", "a", "1"], ["HSETNX", "h", "a", "2"], ["HINCRBY", "h", "n", "1"],
                                  ["HINCRBYFLOAT", "h", "n", "0.5"], ["HDEL", "h", "zz"], ["HDEL", "h", "a", "n"]),
                       ["hset h", "hincrby h", "hincrbyfloat h", "hdel h", "del h"])
        XCTAssertEqual(try events(["SADD", "s", "a", "b"], ["SADD", "s", "a"], ["SMOVE", "s", "t", "a"],
                                  ["SMOVE", "s", "t", "b"], ["SPOP", "t", "0"], ["SPOP", "t", "5"]),
                       ["sadd s", "srem s", "sadd t", "srem s", "del s", "sadd t", "spop t", "del t"])
        XCTAssertEqual(try events(["SADD", "x", "1"], ["SUNIONSTORE", "d", "x"], ["SINTERSTORE", "d", "x", "none"],
                                  ["SDIFFSTORE", "d", "x", "x"]),
                       ["sadd x", "sunionstore d", "del d"])
        XCTAssertEqual(try events(["ZADD", "z", "1", "a", "2", "b"], ["ZADD", "z", "1", "a"], ["ZADD", "z", "INCR", "1", "a"],
                                  ["ZINCRBY", "z", "0", "a"], ["ZREM", "z", "zz"], ["ZREMRANGEBYRANK", "z", "0", "0"]),
                       ["zadd z", "zincr z", "zremrangebyrank z"])
        XCTAssertEqual(try events(["ZUNIONSTORE", "u", "1", "z"], ["ZRANGESTORE", "r", "z", "0", "-1"],
                                  ["ZPOPMAX", "z"], ["ZRANGESTORE", "r", "none", "0", "-1"]),
                       ["zunionstore u", "zrangestore r", "zpopmax z", "del z", "del r"])
    }

    func testGenericKeyEventsAndNewKeys() throws {
        try enable("KEA" + "n")
        // As in Redis, `n` is not printed next to `A`, yet it stays selected.
        XCTAssertEqual(try c.call("CONFIG", "GET", "notify-keyspace-events").strings, ["notify-keyspace-events", "AKE"])
        XCTAssertEqual(try events(["SET", "a", "1"], ["SET", "b", "2"], ["RENAME", "a", "b"], ["RENAME", "b", "b"]),
                       ["new a", "set a", "new b", "set b", "new b", "rename_from a", "rename_to b"])
        XCTAssertEqual(try events(["COPY", "b", "c"], ["COPY", "b", "c"], ["EXPIRE", "c", "100"], ["PERSIST", "c"],
                                  ["EXPIRE", "c", "-1"]),
                       ["new c", "copy_to c", "expire c", "persist c", "del c"])
        XCTAssertEqual(try events(["DEL", "b", "none"], ["UNLINK", "none"], ["FLUSHALL"], ["SWAPDB", "0", "1"]), ["del b"])
        _ = try c.call("SET", "m", "v")
        _ = try listener.events(through: c)
        _ = try c.call("MOVE", "m", "2")
        XCTAssertEqual(try listener.drain(through: c), [
            "__keyspace@2__:m new", "__keyevent@2__:new m", "__keyspace@0__:m move_from", "__keyevent@0__:move_from m",
            "__keyspace@2__:m move_to", "__keyevent@2__:move_to m",
        ])
        _ = try c.call("SELECT", "5")
        _ = try c.call("SET", "x", "1")
        XCTAssertEqual(try listener.drain(through: c), ["__keyspace@5__:x new", "__keyevent@5__:new x",
                                                         "__keyspace@5__:x set", "__keyevent@5__:set x"])
    }

    func testReadMissesPublishKeymissButObjectDoesNot() throws {
        try enable("Em")
        XCTAssertEqual(try events(["GET", "a"], ["MGET", "b", "c"], ["EXISTS", "d"], ["TYPE", "e"], ["TTL", "f"],
                                  ["OBJECT", "ENCODING", "g"], ["SET", "h", "v"], ["GET", "h"], ["LRANGE", "i", "0", "-1"]),
                       ["keymiss a", "keymiss b", "keymiss c", "keymiss d", "keymiss e", "keymiss f", "keymiss i"])
    }

    func testTransactionEventsArriveInCommandOrder() throws {
        try enable("KEA")
        _ = try c.call("MULTI")
        _ = try c.call("SET", "k", "1")
        _ = try c.call("INCR", "k")
        _ = try c.call("DEL", "k")
        XCTAssertEqual(try c.call("EXEC"), .array([.simple("OK"), .integer(2), .integer(1)]))
        XCTAssertEqual(try listener.events(through: c), ["set k", "incrby k", "del k"])
    }

    func testRESP3SubscriberGetsPushMessagesForItsOwnCommandsBeforeTheReply() throws {
        try enable("KEA")
        let own = try server.client()
        _ = try own.call("HELLO", "3")
        XCTAssertEqual(try own.call("PSUBSCRIBE", "__keyevent@0__:*"),
                       .push([.bulk("psubscribe"), .bulk("__keyevent@0__:*"), .integer(1)]))
        // As in Redis 7.0, the notification reaches the connection before the command's reply.
        XCTAssertEqual(try own.call("SET", "k", "v"), .push([.bulk("pmessage"), .bulk("__keyevent@0__:*"),
                                                             .bulk("__keyevent@0__:set"), .bulk("k")]))
        XCTAssertEqual(try own.read(), .simple("OK"))
        try own.send(strings: ["PING"])
        try own.send(strings: ["INCR", "n"])
        XCTAssertEqual(try own.read(), .simple("PONG"))
        XCTAssertEqual(try own.read(), .push([.bulk("pmessage"), .bulk("__keyevent@0__:*"), .bulk("__keyevent@0__:incrby"),
                                              .bulk("n")]))
        XCTAssertEqual(try own.read(), .integer(1))
        let resp3 = try NotificationListener(try server.client(), resp3: true)
        _ = try c.call("DEL", "k")
        XCTAssertEqual(try own.read(), .push([.bulk("pmessage"), .bulk("__keyevent@0__:*"), .bulk("__keyevent@0__:del"),
                                              .bulk("k")]))
        XCTAssertEqual(try resp3.client.read(), .push([.bulk("pmessage"), .bulk("__key*__:*"),
                                                       .bulk("__keyspace@0__:k"), .bulk("del")]))
        XCTAssertEqual(try resp3.drain(through: c), ["__keyevent@0__:del k"])
    }
}
