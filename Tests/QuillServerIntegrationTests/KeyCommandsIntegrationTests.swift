// The generic key commands through the real binary: every command's replies and Redis's
// exact errors, expiry in real time (lazy and active), KEYS globbing, and SCAN's guarantee
// that a full iteration returns every key present throughout it.

import XCTest

final class KeyCommandsIntegrationTests: ServerIntegrationTestCase {
    private func arityError(_ name: String) -> Reply { .error("ERR wrong number of arguments for '\(name)' command") }

    /// Runs a full SCAN iteration with `options`, calling `between` after each call.
    private func scanAll(_ options: [String] = [], between: (Int) throws -> Void = { _ in }) throws -> [String] {
        var cursor = "0"
        var keys: [String] = []
        var calls = 0
        repeat {
            let reply = try c.call(strings: ["SCAN", cursor] + options)
            guard let parts = reply.array, parts.count == 2, let next = parts[0].string else {
                XCTFail("unexpected SCAN reply \(reply)")
                return keys
            }
            cursor = next
            keys += parts[1].strings
            calls += 1
            try between(calls)
        } while cursor != "0"
        return keys
    }

    /// Sets each key to "1", pipelining in batches small enough not to fill the socket buffers.
    private func setPipelined(_ keys: [String]) throws {
        for start in stride(from: 0, to: keys.count, by: 500) {
            let chunk = keys[start..<min(start + 500, keys.count)]
            var batch: [UInt8] = []
            for k in chunk { batch += RESPClient.encode([Array("SET".utf8), Array(k.utf8), [49]]) }
            try c.sendRaw(batch)
            for _ in chunk { XCTAssertEqual(try c.read(), .simple("OK")) }
        }
    }

    // MARK: Existence and deletion

    func testDelUnlinkAndExistsCountKeys() throws {
        for k in ["a", "b", "c", "d"] { try c.call("SET", k, "v") }
        XCTAssertEqual(try c.call("EXISTS", "a", "a", "missing", "b"), .integer(3))
        XCTAssertEqual(try c.call("DEL", "a", "missing", "a"), .integer(1))
        XCTAssertEqual(try c.call("UNLINK", "b", "c", "b"), .integer(2))
        XCTAssertEqual(try c.call("EXISTS", "a", "b", "c", "d"), .integer(1))
        XCTAssertEqual(try c.call("DEL", "nothing"), .integer(0))
        XCTAssertEqual(try c.call("DEL"), arityError("del"))
        XCTAssertEqual(try c.call("UNLINK"), arityError("unlink"))
        XCTAssertEqual(try c.call("EXISTS"), arityError("exists"))
    }

    func testTypeAndTouch() throws {
        try c.call("SET", "s", "v")
        XCTAssertEqual(try c.call("TYPE", "s"), .simple("string"))
        XCTAssertEqual(try c.call("TYPE", "missing"), .simple("none"))
        XCTAssertEqual(try c.call("TYPE"), arityError("type"))
        XCTAssertEqual(try c.call("TYPE", "a", "b"), arityError("type"))
        XCTAssertEqual(try c.call("TOUCH", "s", "missing", "s"), .integer(2))
        XCTAssertEqual(try c.call("TOUCH"), arityError("touch"))
    }

    // MARK: Renaming and relocation

    func testRenameAndRenameNX() throws {
        XCTAssertEqual(try c.call("RENAME", "missing", "x"), .error("ERR no such key"))
        XCTAssertEqual(try c.call("RENAME", "missing", "missing"), .error("ERR no such key"))
        XCTAssertEqual(try c.call("RENAMENX", "missing", "x"), .error("ERR no such key"))
        try c.call("SET", "src", "1")
        XCTAssertEqual(try c.call("RENAME", "src", "src"), .simple("OK"))
        XCTAssertEqual(try c.call("RENAMENX", "src", "src"), .integer(0))
        try c.call("SET", "src", "1", "EX", "100")
        XCTAssertEqual(try c.call("RENAME", "src", "dst"), .simple("OK"))
        XCTAssertEqual(try c.call("EXISTS", "src"), .integer(0))
        XCTAssertEqual(try c.call("GET", "dst"), .bulk("1"))
        let ttl = try c.call("TTL", "dst").integer ?? -1
        XCTAssertTrue((99...100).contains(ttl), "RENAME keeps the TTL, got \(ttl)")
        try c.call("SET", "other", "2")
        XCTAssertEqual(try c.call("RENAMENX", "dst", "other"), .integer(0))
        XCTAssertEqual(try c.call("GET", "other"), .bulk("2"))
        XCTAssertEqual(try c.call("RENAMENX", "dst", "fresh"), .integer(1))
        XCTAssertEqual(try c.call("RENAME", "fresh", "other"), .simple("OK"))
        XCTAssertEqual(try c.call("GET", "other"), .bulk("1"))
        XCTAssertEqual(try c.call("EXISTS", "fresh", "dst"), .integer(0))
        XCTAssertEqual(try c.call("RENAME", "a"), arityError("rename"))
        XCTAssertEqual(try c.call("RENAMENX", "a", "b", "c"), arityError("renamenx"))
    }

    func testMove() throws {
        try c.call("SET", "k", "v", "EX", "100")
        XCTAssertEqual(try c.call("MOVE", "k", "0"), .error("ERR source and destination objects are the same"))
        XCTAssertEqual(try c.call("MOVE", "missing", "0"), .error("ERR source and destination objects are the same"))
        XCTAssertEqual(try c.call("MOVE", "k", "16"), .error("ERR DB index is out of range"))
        XCTAssertEqual(try c.call("MOVE", "k", "-1"), .error("ERR DB index is out of range"))
        XCTAssertEqual(try c.call("MOVE", "k", "x"), .error("ERR value is not an integer or out of range"))
        XCTAssertEqual(try c.call("MOVE", "k", "99999999999"),
                       .error("ERR value is out of range, value must between -2147483648 and 2147483647"))
        XCTAssertEqual(try c.call("MOVE", "missing", "1"), .integer(0))
        XCTAssertEqual(try c.call("MOVE", "k", "1"), .integer(1))
        XCTAssertEqual(try c.call("EXISTS", "k"), .integer(0))
        try c.call("SET", "k", "again")
        XCTAssertEqual(try c.call("MOVE", "k", "1"), .integer(0), "the target database already holds the key")
        XCTAssertEqual(try c.call("GET", "k"), .bulk("again"))
        XCTAssertEqual(try c.call("SELECT", "1"), .simple("OK"))
        XCTAssertEqual(try c.call("GET", "k"), .bulk("v"))
        XCTAssertTrue((99...100).contains(try c.call("TTL", "k").integer ?? -1))
        XCTAssertEqual(try c.call("MOVE", "k"), arityError("move"))
    }

    func testCopy() throws {
        try c.call("SET", "k", "v", "EX", "100")
        XCTAssertEqual(try c.call("COPY", "k", "k"), .error("ERR source and destination objects are the same"))
        XCTAssertEqual(try c.call("COPY", "k", "k", "DB", "0"), .error("ERR source and destination objects are the same"))
        XCTAssertEqual(try c.call("COPY", "k", "k", "DB", "16"), .error("ERR DB index is out of range"))
        XCTAssertEqual(try c.call("COPY", "k", "k", "DB", "-1"), .error("ERR DB index is out of range"))
        XCTAssertEqual(try c.call("COPY", "k", "k", "DB", "x"), .error("ERR value is not an integer or out of range"))
        XCTAssertEqual(try c.call("COPY", "k", "k", "DB", "99999999999"),
                       .error("ERR value is out of range, value must between -2147483648 and 2147483647"))
        XCTAssertEqual(try c.call("COPY", "k", "k2", "DB"), .error("ERR syntax error"))
        XCTAssertEqual(try c.call("COPY", "k", "k2", "FORCE"), .error("ERR syntax error"))
        XCTAssertEqual(try c.call("COPY", "missing", "k2"), .integer(0))
        XCTAssertEqual(try c.call("COPY", "k", "k2"), .integer(1))
        XCTAssertEqual(try c.call("GET", "k2"), .bulk("v"))
        XCTAssertTrue((99...100).contains(try c.call("TTL", "k2").integer ?? -1), "COPY keeps the TTL")
        try c.call("SET", "k2", "other")
        XCTAssertEqual(try c.call("COPY", "k", "k2"), .integer(0))
        XCTAssertEqual(try c.call("GET", "k2"), .bulk("other"))
        XCTAssertEqual(try c.call("COPY", "k", "k2", "replace"), .integer(1))
        XCTAssertEqual(try c.call("GET", "k2"), .bulk("v"))
        XCTAssertEqual(try c.call("COPY", "k", "k", "DB", "2"), .integer(1))
        try c.call("SET", "k", "changed")
        XCTAssertEqual(try c.call("SELECT", "2"), .simple("OK"))
        XCTAssertEqual(try c.call("GET", "k"), .bulk("v"), "the copy is independent of its source")
        XCTAssertEqual(try c.call("COPY", "k"), arityError("copy"))
    }

    // MARK: Listing

    func testKeysGlobPatterns() throws {
        for k in ["hello", "hallo", "hxllo", "hllo", "heeeello", "h*llo", "world"] { try c.call("SET", k, "1") }
        func keys(_ pattern: String) throws -> [String] { try c.call("KEYS", pattern).strings.sorted() }
        XCTAssertEqual(try keys("h?llo"), ["h*llo", "hallo", "hello", "hxllo"])
        XCTAssertEqual(try keys("h*llo"), ["h*llo", "hallo", "heeeello", "hello", "hllo", "hxllo"])
        XCTAssertEqual(try keys("h[ae]llo"), ["hallo", "hello"])
        XCTAssertEqual(try keys("h[^e]llo"), ["h*llo", "hallo", "hxllo"])
        XCTAssertEqual(try keys("h[a-e]llo"), ["hallo", "hello"])
        XCTAssertEqual(try keys("h\\*llo"), ["h*llo"])
        XCTAssertEqual(try keys("H*"), [])
        XCTAssertEqual(try keys("w*"), ["world"])
        XCTAssertEqual(try keys("*").count, 7)
        XCTAssertEqual(try keys(""), [])
        try c.call("SET", "", "empty")
        XCTAssertEqual(try keys("*").count, 8, "the * fast path lists the empty key")
        XCTAssertEqual(try keys(""), [""])
        XCTAssertEqual(try c.call("KEYS"), arityError("keys"))
    }

    func testRandomKey() throws {
        XCTAssertEqual(try c.call("RANDOMKEY"), .null)
        for k in ["a", "b", "c"] { try c.call("SET", k, "1") }
        var seen = Set<String>()
        for _ in 0..<60 { seen.insert(try c.call("RANDOMKEY").string ?? "?") }
        XCTAssertTrue(seen.isSubset(of: ["a", "b", "c"]))
        XCTAssertGreaterThan(seen.count, 1)
        XCTAssertEqual(try c.call("RANDOMKEY", "x"), arityError("randomkey"))
    }

    func testRandomKeySkipsExpiredKeys() throws {
        try c.call("SET", "live", "1")
        for i in 0..<20 { try c.call("SET", "gone\(i)", "1", "PX", "1") }
        usleep(20_000)
        for _ in 0..<20 { XCTAssertEqual(try c.call("RANDOMKEY"), .bulk("live")) }
    }

    // MARK: SCAN

    func testScanReturnsEveryKeyPresentThroughoutTheIteration() throws {
        let stable = (0..<5_000).map { "stable:\($0)" }
        try setPipelined(stable + (0..<1_000).map { "doomed:\($0)" })

        let writer = try server.client()
        var added = 0
        let seen = try scanAll(["COUNT", "10"]) { call in
            // Churn around the stable keys while the iteration runs.
            try writer.call("SET", "added:\(added)", "1")
            added += 1
            if call <= 1_000 { try writer.call("DEL", "doomed:\(call - 1)") }
        }
        let seenSet = Set(seen)
        let missing = stable.filter { !seenSet.contains($0) }
        XCTAssertEqual(missing, [], "keys present throughout the iteration were not returned")
        XCTAssertGreaterThan(added, 100, "the iteration took many calls")
        XCTAssertEqual(seen.filter { $0.hasPrefix("stable:") }.count, 5_000, "no stable key is returned twice")
    }

    func testScanCountIsRoughlyTheBatchSize() throws {
        try setPipelined((0..<1_000).map { "k\($0)" })
        var cursor = "0"
        var sizes: [Int] = []
        repeat {
            let parts = try c.call("SCAN", cursor, "COUNT", "100").array ?? []
            cursor = parts.first?.string ?? "0"
            sizes.append(parts.last?.strings.count ?? 0)
        } while cursor != "0"
        XCTAssertEqual(sizes.reduce(0, +), 1_000)
        for size in sizes.dropLast() { XCTAssertTrue((100..<130).contains(size), "batch of \(size) keys for COUNT 100") }
        XCTAssertLessThanOrEqual(sizes.count, 11)
    }

    func testScanOptionsAndErrors() throws {
        for k in ["user:1", "user:2", "order:1", ""] { try c.call("SET", k, "1") }
        XCTAssertEqual(try scanAll().sorted(), ["", "order:1", "user:1", "user:2"])
        XCTAssertEqual(try scanAll(["MATCH", "user:*"]).sorted(), ["user:1", "user:2"])
        XCTAssertEqual(try scanAll(["match", "*", "count", "1"]).count, 4)
        XCTAssertEqual(try scanAll(["TYPE", "STRING"]).count, 4)
        XCTAssertEqual(try scanAll(["TYPE", "list"]), [])
        XCTAssertEqual(try scanAll(["TYPE", "nosuchtype"]), [])
        XCTAssertEqual(try scanAll(["COUNT", "1000", "MATCH", "order:*", "TYPE", "string"]), ["order:1"])
        XCTAssertEqual(try c.call("SCAN", "+0", "COUNT", "1000").array?.last?.strings.count, 4)
        XCTAssertEqual(try c.call("SCAN", "", "COUNT", "1000").array?.last?.strings.count, 4)
        XCTAssertEqual(try c.call("SCAN", "18446744073709551615"), .array([.bulk("0"), .array([])]))
        XCTAssertEqual(try c.call("SCAN", "-1"), .array([.bulk("0"), .array([])]))
        for bad in ["abc", " 0", "0x", "-", "18446744073709551616", "1.5"] {
            XCTAssertEqual(try c.call("SCAN", bad), .error("ERR invalid cursor"), "cursor \(bad)")
        }
        XCTAssertEqual(try c.call("SCAN", "0", "COUNT", "0"), .error("ERR syntax error"))
        XCTAssertEqual(try c.call("SCAN", "0", "COUNT", "-1"), .error("ERR syntax error"))
        XCTAssertEqual(try c.call("SCAN", "0", "COUNT", "x"), .error("ERR value is not an integer or out of range"))
        XCTAssertEqual(try c.call("SCAN", "0", "MATCH"), .error("ERR syntax error"))
        XCTAssertEqual(try c.call("SCAN", "0", "TYPE"), .error("ERR syntax error"))
        XCTAssertEqual(try c.call("SCAN", "0", "LIMIT", "1"), .error("ERR syntax error"))
        XCTAssertEqual(try c.call("SCAN"), arityError("scan"))
    }

    func testScanOfAnEmptyDatabase() throws {
        XCTAssertEqual(try c.call("SCAN", "0"), .array([.bulk("0"), .array([])]))
    }

    func testScanDoesNotReturnExpiredKeys() throws {
        try c.call("SET", "live", "1")
        for i in 0..<50 { try c.call("SET", "short\(i)", "1", "PX", "1") }
        usleep(20_000)
        XCTAssertEqual(try scanAll(["COUNT", "5"]), ["live"])
        XCTAssertEqual(try c.call("DBSIZE"), .integer(1), "expired keys met by SCAN are deleted")
    }

    // MARK: Databases

    func testDBSizeFlushDBAndFlushAll() throws {
        XCTAssertEqual(try c.call("DBSIZE"), .integer(0))
        for k in ["a", "b", "c"] { try c.call("SET", k, "1") }
        XCTAssertEqual(try c.call("DBSIZE"), .integer(3))
        try c.call("SELECT", "5")
        try c.call("SET", "x", "1")
        XCTAssertEqual(try c.call("DBSIZE"), .integer(1))
        XCTAssertEqual(try c.call("FLUSHDB", "ASYNC"), .simple("OK"))
        XCTAssertEqual(try c.call("DBSIZE"), .integer(0))
        try c.call("SELECT", "0")
        XCTAssertEqual(try c.call("DBSIZE"), .integer(3), "FLUSHDB leaves other databases alone")
        XCTAssertEqual(try c.call("FLUSHDB", "sync"), .simple("OK"))
        XCTAssertEqual(try c.call("DBSIZE"), .integer(0))
        try c.call("SET", "a", "1")
        try c.call("SELECT", "9")
        try c.call("SET", "b", "1")
        XCTAssertEqual(try c.call("FLUSHALL"), .simple("OK"))
        XCTAssertEqual(try c.call("DBSIZE"), .integer(0))
        try c.call("SELECT", "0")
        XCTAssertEqual(try c.call("DBSIZE"), .integer(0))
        XCTAssertEqual(try c.call("FLUSHALL", "ASYNC"), .simple("OK"))
        XCTAssertEqual(try c.call("FLUSHDB", "foo"), .error("ERR syntax error"))
        XCTAssertEqual(try c.call("FLUSHDB", "async", "sync"), .error("ERR syntax error"))
        XCTAssertEqual(try c.call("FLUSHALL", "now"), .error("ERR syntax error"))
        XCTAssertEqual(try c.call("DBSIZE", "x"), arityError("dbsize"))
    }

    func testSwapDB() throws {
        try c.call("SET", "zero", "0")
        try c.call("SELECT", "1")
        try c.call("SET", "one", "1", "EX", "100")
        XCTAssertEqual(try c.call("SWAPDB", "0", "1"), .simple("OK"))
        XCTAssertEqual(try c.call("GET", "zero"), .bulk("0"), "a client's database index stays, its content swaps")
        try c.call("SELECT", "0")
        XCTAssertEqual(try c.call("GET", "one"), .bulk("1"))
        XCTAssertTrue((99...100).contains(try c.call("TTL", "one").integer ?? -1))
        XCTAssertEqual(try c.call("SWAPDB", "1", "1"), .simple("OK"))
        XCTAssertEqual(try c.call("SWAPDB", "x", "1"), .error("ERR invalid first DB index"))
        XCTAssertEqual(try c.call("SWAPDB", "1", "x"), .error("ERR invalid second DB index"))
        XCTAssertEqual(try c.call("SWAPDB", "99999999999999", "1"), .error("ERR invalid first DB index"))
        XCTAssertEqual(try c.call("SWAPDB", "1", "99999999999999"), .error("ERR invalid second DB index"))
        XCTAssertEqual(try c.call("SWAPDB", "1", "16"), .error("ERR DB index is out of range"))
        XCTAssertEqual(try c.call("SWAPDB", "-1", "2"), .error("ERR DB index is out of range"))
        XCTAssertEqual(try c.call("SWAPDB", "1"), arityError("swapdb"))
    }

    func testFlushAndSwapAbortWatchingTransactions() throws {
        let other = try server.client()
        try c.call("SET", "w", "1")
        for change in [["FLUSHDB"], ["FLUSHALL"], ["SWAPDB", "0", "3"]] {
            try c.call("SET", "w", "1")
            XCTAssertEqual(try c.call("WATCH", "w"), .simple("OK"))
            try other.call(strings: change)
            try c.call("MULTI")
            try c.call("SET", "w", "2")
            XCTAssertEqual(try c.call("EXEC"), .nullArray, "\(change[0]) must abort a transaction watching a key it changes")
        }
    }

    // MARK: Expiry

    func testShortExpiryInRealTime() throws {
        try c.call("SET", "px", "v", "PX", "100")
        try c.call("SET", "k", "v")
        XCTAssertEqual(try c.call("PEXPIRE", "k", "100"), .integer(1))
        let pttl = try c.call("PTTL", "k").integer ?? -1
        XCTAssertTrue((1...100).contains(pttl), "PTTL \(pttl)")
        XCTAssertEqual(try c.call("TTL", "k"), .integer(0))
        usleep(250_000)
        XCTAssertEqual(try c.call("GET", "k"), .null)
        XCTAssertEqual(try c.call("EXISTS", "px"), .integer(0))
        XCTAssertEqual(try c.call("TTL", "k"), .integer(-2))
        XCTAssertEqual(try c.call("PTTL", "k"), .integer(-2))
    }

    func testExpireAndFriends() throws {
        try c.call("SET", "k", "v")
        XCTAssertEqual(try c.call("TTL", "k"), .integer(-1))
        XCTAssertEqual(try c.call("PTTL", "k"), .integer(-1))
        XCTAssertEqual(try c.call("EXPIRETIME", "k"), .integer(-1))
        XCTAssertEqual(try c.call("PEXPIRETIME", "k"), .integer(-1))
        XCTAssertEqual(try c.call("EXPIRE", "missing", "100"), .integer(0))
        XCTAssertEqual(try c.call("EXPIRE", "k", "100"), .integer(1))
        XCTAssertTrue((99...100).contains(try c.call("TTL", "k").integer ?? -1))
        let at = Int(Date().timeIntervalSince1970) + 1000
        XCTAssertEqual(try c.call("EXPIREAT", "k", String(at)), .integer(1))
        XCTAssertEqual(try c.call("EXPIRETIME", "k"), .integer(at))
        XCTAssertEqual(try c.call("PEXPIRETIME", "k"), .integer(at * 1000))
        XCTAssertEqual(try c.call("PEXPIREAT", "k", String(at * 1000 + 1)), .integer(1))
        XCTAssertEqual(try c.call("PEXPIRETIME", "k"), .integer(at * 1000 + 1))
        XCTAssertEqual(try c.call("EXPIRE", "k", "100", "nx"), .integer(0))
        XCTAssertEqual(try c.call("EXPIRE", "k", "100", "xx", "lt"), .integer(1))
        XCTAssertEqual(try c.call("EXPIRE", "k", "50", "gt"), .integer(0))
        XCTAssertEqual(try c.call("PERSIST", "k"), .integer(1))
        XCTAssertEqual(try c.call("PERSIST", "k"), .integer(0))
        XCTAssertEqual(try c.call("PERSIST", "missing"), .integer(0))
        XCTAssertEqual(try c.call("EXPIRE", "k", "50", "gt"), .integer(0))
        XCTAssertEqual(try c.call("EXPIRE", "k", "50", "lt"), .integer(1))
        XCTAssertEqual(try c.call("EXPIREAT", "k", "1"), .integer(1), "a time in the past deletes the key")
        XCTAssertEqual(try c.call("EXISTS", "k"), .integer(0))
        try c.call("SET", "k", "v")
        XCTAssertEqual(try c.call("PEXPIRE", "k", "-5"), .integer(1))
        XCTAssertEqual(try c.call("EXISTS", "k"), .integer(0))
        XCTAssertEqual(try c.call("EXPIRETIME", "k"), .integer(-2))
        XCTAssertEqual(try c.call("PEXPIRETIME", "k"), .integer(-2))
    }

    func testExpireErrors() throws {
        try c.call("SET", "k", "v")
        XCTAssertEqual(try c.call("EXPIRE", "k", "100", "NX", "XX"),
                       .error("ERR NX and XX, GT or LT options at the same time are not compatible"))
        XCTAssertEqual(try c.call("PEXPIRE", "k", "100", "nx", "gt"),
                       .error("ERR NX and XX, GT or LT options at the same time are not compatible"))
        XCTAssertEqual(try c.call("EXPIREAT", "k", "100", "GT", "LT"),
                       .error("ERR GT and LT options at the same time are not compatible"))
        XCTAssertEqual(try c.call("PEXPIREAT", "k", "100", "foo"), .error("ERR Unsupported option foo"))
        XCTAssertEqual(try c.call("EXPIRE", "k", "abc"), .error("ERR value is not an integer or out of range"))
        XCTAssertEqual(try c.call("EXPIRE", "k", "9223372036854775807"),
                       .error("ERR invalid expire time in 'expire' command"))
        XCTAssertEqual(try c.call("EXPIRE", "k", "-9223372036854776"),
                       .error("ERR invalid expire time in 'expire' command"))
        XCTAssertEqual(try c.call("PEXPIRE", "k", "9223372036854775807"),
                       .error("ERR invalid expire time in 'pexpire' command"))
        XCTAssertEqual(try c.call("EXPIREAT", "k", "9223372036854776"),
                       .error("ERR invalid expire time in 'expireat' command"))
        XCTAssertEqual(try c.call("TTL", "k"), .integer(-1), "failed commands leave the key alone")
        XCTAssertEqual(try c.call("EXPIRE", "k"), arityError("expire"))
        XCTAssertEqual(try c.call("PEXPIRE", "k"), arityError("pexpire"))
        XCTAssertEqual(try c.call("EXPIREAT", "k"), arityError("expireat"))
        XCTAssertEqual(try c.call("PEXPIREAT", "k"), arityError("pexpireat"))
        XCTAssertEqual(try c.call("TTL"), arityError("ttl"))
        XCTAssertEqual(try c.call("PTTL", "a", "b"), arityError("pttl"))
        XCTAssertEqual(try c.call("EXPIRETIME"), arityError("expiretime"))
        XCTAssertEqual(try c.call("PEXPIRETIME"), arityError("pexpiretime"))
        XCTAssertEqual(try c.call("PERSIST"), arityError("persist"))
    }

    func testActiveExpiryReclaimsKeysNobodyTouches() throws {
        // Long enough that a loaded machine still sees all 310 keys before the first expires.
        for i in 0..<300 { try c.call("SET", "short:\(i)", "v", "PX", "1500") }
        for i in 0..<10 { try c.call("SET", "long:\(i)", "v") }
        XCTAssertEqual(try c.call("DBSIZE"), .integer(310))
        let deadline = Date().addingTimeInterval(10)
        var size = 310
        while Date() < deadline {
            size = try c.call("DBSIZE").integer ?? -1
            if size == 10 { break }
            usleep(100_000)
        }
        XCTAssertEqual(size, 10, "keys with a short TTL must vanish without being accessed")
    }

    // MARK: OBJECT

    func testObjectSubcommands() throws {
        try c.call("SET", "int", "1")
        try c.call("SET", "bigint", "10000")
        try c.call("SET", "str", "hello")
        try c.call("SET", "raw", String(repeating: "a", count: 45))
        XCTAssertEqual(try c.call("OBJECT", "ENCODING", "int"), .bulk("int"))
        XCTAssertEqual(try c.call("OBJECT", "encoding", "str"), .bulk("embstr"))
        XCTAssertEqual(try c.call("OBJECT", "ENCODING", "raw"), .bulk("raw"))
        XCTAssertEqual(try c.call("OBJECT", "ENCODING", "missing"), .null)
        XCTAssertEqual(try c.call("OBJECT", "REFCOUNT", "int"), .integer(2147483647))
        XCTAssertEqual(try c.call("OBJECT", "REFCOUNT", "bigint"), .integer(1))
        XCTAssertEqual(try c.call("OBJECT", "REFCOUNT", "str"), .integer(1))
        XCTAssertEqual(try c.call("OBJECT", "REFCOUNT", "missing"), .null)
        XCTAssertEqual(try c.call("OBJECT", "IDLETIME", "str"), .integer(0))
        XCTAssertEqual(try c.call("OBJECT", "IDLETIME", "missing"), .null)
        XCTAssertEqual(try c.call("OBJECT", "FREQ", "missing"), .null)
        XCTAssertEqual(try c.call("OBJECT", "FREQ", "str"),
                       .error("ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust."))
        let help = try c.call("OBJECT", "HELP")
        XCTAssertEqual(help.strings.first, "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:")
        XCTAssertEqual(help.strings.count, 15)
        XCTAssertEqual(help.strings.last, "    Prints this help.")
        XCTAssertTrue(help.strings.contains("REFCOUNT <key>"))
        XCTAssertEqual(try c.call("OBJECT", "foo"), .error("ERR unknown subcommand 'foo'. Try OBJECT HELP."))
        XCTAssertEqual(try c.call("OBJECT", "ENCODING"), arityError("object|encoding"))
        XCTAssertEqual(try c.call("OBJECT", "ENCODING", "a", "b"), arityError("object|encoding"))
        XCTAssertEqual(try c.call("OBJECT", "HELP", "x"), arityError("object|help"))
        XCTAssertEqual(try c.call("OBJECT"), arityError("object"))
    }

    func testObjectIdleTimeGrows() throws {
        try c.call("SET", "k", "v")
        usleep(2_100_000)
        let idle = try c.call("OBJECT", "IDLETIME", "k").integer ?? -1
        XCTAssertTrue((2...3).contains(idle), "idle \(idle)")
        XCTAssertEqual(try c.call("TTL", "k"), .integer(-1))
        XCTAssertEqual(try c.call("OBJECT", "IDLETIME", "k").integer, idle, "TTL does not touch the key")
        XCTAssertEqual(try c.call("TOUCH", "k"), .integer(1))
        XCTAssertEqual(try c.call("OBJECT", "IDLETIME", "k"), .integer(0))
    }

    // MARK: Compatibility

    func testRedisCliKeysAndScan() throws {
        for k in ["cli:a", "cli:b", "other"] { try c.call("SET", k, "1") }
        let scan = try ServerProcess.run("redis-cli", ["-p", String(server.port), "--scan", "--pattern", "cli:*"])
        XCTAssertEqual(scan.output.split(separator: "\n").map(String.init).sorted(), ["cli:a", "cli:b"])
    }
}
