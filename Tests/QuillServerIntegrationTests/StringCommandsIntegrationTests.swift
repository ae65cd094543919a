// The string family through the real binary, reply for reply as redis-server 7.0.15 gives
// them (every expected value and error below was first observed on redis-server): options
// and their conflicts, number parsing, ranges, bitmaps, LCS, the size limit, and redis-cli.

import XCTest

final class StringCommandsIntegrationTests: ServerIntegrationTestCase {
    private let empty = Reply.bulk("")

    private func assertCalls(_ cases: [([String], Reply)], file: StaticString = #filePath, line: UInt = #line) throws {
        for (args, expected) in cases {
            XCTAssertEqual(try c.call(strings: args), expected, args.joined(separator: " "), file: file, line: line)
        }
    }

    func testWrongNumberOfArguments() throws {
        let calls: [[String]] = [
            ["GET"], ["SET", "k"], ["SETNX", "k"], ["SETEX", "k", "1"], ["PSETEX", "k", "1"], ["GETSET", "k"],
            ["GETDEL"], ["GETEX"], ["MGET"], ["MSET", "k"], ["MSETNX", "k"], ["INCR"], ["DECR", "a", "b"],
            ["INCRBY", "k"], ["DECRBY", "k"], ["INCRBYFLOAT", "k"], ["APPEND", "k"], ["STRLEN"], ["GETRANGE", "k", "0"],
            ["SUBSTR", "k", "0"], ["SETRANGE", "k", "0"], ["LCS", "a"], ["SETBIT", "k", "0"], ["GETBIT", "k"],
            ["BITCOUNT"], ["BITPOS", "k"], ["BITOP", "NOT", "d"],
        ]
        for args in calls {
            let name = args[0].lowercased()
            XCTAssertEqual(try c.call(strings: args), .error("ERR wrong number of arguments for '\(name)' command"))
        }
        try assertCalls([
            (["MSET", "a", "1", "b"], .error("ERR wrong number of arguments for 'mset' command")),
            (["MSETNX", "a", "1", "b"], .error("ERR wrong number of arguments for 'msetnx' command")),
        ])
    }

    func testSetOptionsAndTheirConflicts() throws {
        try assertCalls([
            (["SET", "k", "v", "NX", "NX"], .simple("OK")),
            (["SET", "k", "v2", "NX"], .null),
            (["GET", "k"], .bulk("v")),
            (["SET", "k", "v3", "XX"], .simple("OK")),
            (["SET", "missing", "v", "XX"], .null),
            (["SET", "k", "v4", "GET", "GET"], .bulk("v3")),
            (["SET", "k", "v5", "NX", "GET"], .bulk("v4")),
            (["GET", "k"], .bulk("v4")),
            (["SET", "k2", "new", "NX", "GET"], .null),
            (["GET", "k2"], .bulk("new")),
            (["SET", "k3", "x", "XX", "GET"], .null),
            (["GET", "k3"], .null),
            (["SET", "k", "v", "EX", "10", "EX", "20"], .simple("OK")),
            (["SET", "k", "v", "KEEPTTL", "KEEPTTL"], .simple("OK")),
            (["SET", "k", "v", "NX", "XX"], syntax),
            (["SET", "k", "v", "EX", "0", "NX", "XX"], syntax),
            (["SET", "k", "v", "EX", "abc", "NX", "XX"], syntax),
            (["SET", "k", "v", "KEEPTTL", "EX", "1"], syntax),
            (["SET", "k", "v", "EX", "1", "KEEPTTL"], syntax),
            (["SET", "k", "v", "EX", "1", "PX", "1"], syntax),
            (["SET", "k", "v", "PERSIST"], syntax),
            (["SET", "k", "v", "EX"], syntax),
            (["SET", "k", "v", "FOO"], syntax),
            (["SET", "k", "v", "EX", "abc"], notInteger),
            (["SET", "k", "v", "EX", "0"], .error("ERR invalid expire time in 'set' command")),
            (["SET", "k", "v", "PX", "-5"], .error("ERR invalid expire time in 'set' command")),
            (["SET", "k", "v", "EX", "9223372036854775"], .error("ERR invalid expire time in 'set' command")),
            (["SET", "k", "v", "PX", "9223372036854775807"], .error("ERR invalid expire time in 'set' command")),
            (["SET", "k", "v", "EXAT", "1"], .simple("OK")),
            (["GET", "k"], .null),
            (["SET", "k", "v", "PXAT", "9223372036854775807"], .simple("OK")),
            (["GET", "k"], .bulk("v")),
            (["set", "lower", "v", "ex", "100", "nx", "get"], .null),
            (["GET", "lower"], .bulk("v")),
        ])
    }

    func testExpiriesAreKeptOrDroppedLikeRedis() throws {
        try assertCalls([
            (["SET", "incr", "1", "PX", "300"], .simple("OK")),
            (["INCR", "incr"], .integer(2)),
            (["SET", "append", "a", "PX", "300"], .simple("OK")),
            (["APPEND", "append", "b"], .integer(2)),
            (["SET", "keepttl", "a", "PX", "300"], .simple("OK")),
            (["SET", "keepttl", "b", "KEEPTTL"], .simple("OK")),
            (["SET", "set", "a", "PX", "300"], .simple("OK")),
            (["SET", "set", "b"], .simple("OK")),
            (["SET", "getset", "a", "PX", "300"], .simple("OK")),
            (["GETSET", "getset", "b"], .bulk("a")),
            (["PSETEX", "setex", "300", "v"], .simple("OK")),
            (["GETEX", "setex", "PERSIST"], .bulk("v")),
            (["SET", "getex", "v"], .simple("OK")),
            (["GETEX", "getex", "PX", "300"], .bulk("v")),
        ])
        Thread.sleep(forTimeInterval: 0.6)
        try assertCalls([
            (["GET", "incr"], .null),
            (["GET", "append"], .null),
            (["GET", "keepttl"], .null),
            (["GET", "set"], .bulk("b")),
            (["GET", "getset"], .bulk("b")),
            (["GET", "setex"], .bulk("v")),
            (["GET", "getex"], .null),
        ])
    }

    func testSetnxSetexPsetex() throws {
        try assertCalls([
            (["SETNX", "a", "1"], .integer(1)),
            (["SETNX", "a", "2"], .integer(0)),
            (["GET", "a"], .bulk("1")),
            (["SETEX", "a", "0", "v"], .error("ERR invalid expire time in 'setex' command")),
            (["SETEX", "a", "-1", "v"], .error("ERR invalid expire time in 'setex' command")),
            (["SETEX", "a", "x", "v"], notInteger),
            (["SETEX", "a", "10", "v"], .simple("OK")),
            (["GET", "a"], .bulk("v")),
            (["PSETEX", "a", "0", "v"], .error("ERR invalid expire time in 'psetex' command")),
            (["PSETEX", "a", "1.5", "v"], notInteger),
            (["PSETEX", "a", "100000", "w"], .simple("OK")),
            (["GET", "a"], .bulk("w")),
        ])
    }

    func testGetsetGetdelGetex() throws {
        try assertCalls([
            (["GETSET", "a", "1"], .null),
            (["GETSET", "a", "2"], .bulk("1")),
            (["GETDEL", "a"], .bulk("2")),
            (["GETDEL", "a"], .null),
            (["GET", "a"], .null),
            (["GETEX", "nope"], .null),
            (["GETEX", "nope", "EX", "0"], .null),
            (["GETEX", "nope", "FOO"], syntax),
            (["SET", "e", "v"], .simple("OK")),
            (["GETEX", "e"], .bulk("v")),
            (["GETEX", "e", "PERSIST"], .bulk("v")),
            (["GETEX", "e", "PERSIST", "PERSIST"], .bulk("v")),
            (["GETEX", "e", "EX", "50"], .bulk("v")),
            (["GETEX", "e", "EX", "1", "EX", "2"], .bulk("v")),
            (["GETEX", "e", "PX", "0"], .error("ERR invalid expire time in 'getex' command")),
            (["GETEX", "e", "EXAT", "-1"], .error("ERR invalid expire time in 'getex' command")),
            (["GETEX", "e", "EX", "abc"], notInteger),
            (["GETEX", "e", "KEEPTTL"], syntax),
            (["GETEX", "e", "NX"], syntax),
            (["GETEX", "e", "GET"], syntax),
            (["GETEX", "e", "PERSIST", "EX", "1"], syntax),
            (["GETEX", "e", "EX", "1", "PX", "1"], syntax),
            (["GETEX", "e", "EX"], syntax),
            (["GETEX", "e", "EXAT", "1"], .bulk("v")),
            (["GET", "e"], .null),
            (["SET", "e", "v"], .simple("OK")),
            (["GETEX", "e", "PXAT", "1"], .bulk("v")),
            (["GETEX", "e"], .null),
        ])
    }

    func testMgetMsetMsetnx() throws {
        try assertCalls([
            (["MSET", "a", "1", "b", "2"], .simple("OK")),
            (["MGET", "a", "b", "nope", "a"], .array([.bulk("1"), .bulk("2"), .null, .bulk("1")])),
            (["MSETNX", "a", "9", "x", "9"], .integer(0)),
            (["GET", "x"], .null),
            (["MSETNX", "x", "1", "y", "2"], .integer(1)),
            (["MGET", "x", "y"], .array([.bulk("1"), .bulk("2")])),
            (["MSETNX", "dup", "1", "dup", "2"], .integer(1)),
            (["GET", "dup"], .bulk("2")),
            (["MSET", "a", "1", "a", "3"], .simple("OK")),
            (["GET", "a"], .bulk("3")),
        ])
    }

    func testIntegerCounters() throws {
        try assertCalls([
            (["INCR", "n"], .integer(1)),
            (["INCRBY", "n", "41"], .integer(42)),
            (["DECR", "n"], .integer(41)),
            (["DECRBY", "n", "-9"], .integer(50)),
            (["GET", "n"], .bulk("50")),
            (["INCRBY", "n", "x"], notInteger),
            (["INCRBY", "n", " 1"], notInteger),
            (["INCRBY", "n", "+1"], notInteger),
            (["INCRBY", "n", "1.0"], notInteger),
            (["DECRBY", "nope", "x"], notInteger),
            (["SET", "s", " 1"], .simple("OK")),
            (["INCR", "s"], notInteger),
            (["SET", "s", "01"], .simple("OK")),
            (["INCR", "s"], notInteger),
            (["SET", "s", "1 "], .simple("OK")),
            (["INCR", "s"], notInteger),
            (["SET", "s", "abc"], .simple("OK")),
            (["DECR", "s"], notInteger),
            (["SET", "s", "12345678901234567890"], .simple("OK")),
            (["INCR", "s"], notInteger),
            (["SET", "max", "9223372036854775807"], .simple("OK")),
            (["INCR", "max"], .error("ERR increment or decrement would overflow")),
            (["SET", "min", "-9223372036854775808"], .simple("OK")),
            (["DECR", "min"], .error("ERR increment or decrement would overflow")),
            (["INCRBY", "fresh", "9223372036854775807"], .integer(Int.max)),
            (["DECRBY", "other", "-9223372036854775808"], .error("ERR decrement would overflow")),
            (["DECRBY", "other", "9223372036854775807"], .integer(-Int.max)),
            (["DECR", "other"], .integer(Int.min)),
            (["GET", "other"], .bulk("-9223372036854775808")),
        ])
    }

    func testIncrbyfloat() throws {
        try assertCalls([
            (["SET", "f", "10.5"], .simple("OK")),
            (["INCRBYFLOAT", "f", "0.1"], .bulk("10.6")),
            (["INCRBYFLOAT", "f", "5.0e3"], .bulk("5010.60000000000000009")),
            (["INCRBYFLOAT", "f", "-5010.6"], .bulk("0")),
            (["GET", "f"], .bulk("0")),
            (["INCRBYFLOAT", "g", "5.0e3"], .bulk("5000")),
            (["INCRBYFLOAT", "g", "0x10"], .bulk("5016")),
            (["INCRBYFLOAT", "h", "-0.0"], .bulk("0")),
            (["INCRBYFLOAT", "h", "1e-20"], .bulk("0")),
            (["INCRBYFLOAT", "i", "123456789012345678901234567890"], .bulk("123456789012345678899921813504")),
            (["INCRBYFLOAT", "j", ".5"], .bulk("0.5")),
            (["INCRBYFLOAT", "j", "+1."], .bulk("1.5")),
            (["INCRBYFLOAT", "f", " 1"], notFloat),
            (["INCRBYFLOAT", "f", "1 "], notFloat),
            (["INCRBYFLOAT", "f", ""], notFloat),
            (["INCRBYFLOAT", "f", "nan"], notFloat),
            (["INCRBYFLOAT", "f", "1e5000"], notFloat),
            (["INCRBYFLOAT", "f", "1e-5000"], notFloat),
            (["INCRBYFLOAT", "f", "abc"], notFloat),
            (["INCRBYFLOAT", "f", "inf"], .error("ERR increment would produce NaN or Infinity")),
            (["INCRBYFLOAT", "f", "-infinity"], .error("ERR increment would produce NaN or Infinity")),
            (["SET", "s", "abc"], .simple("OK")),
            (["INCRBYFLOAT", "s", "1"], notFloat),
            (["SET", "s", " 1"], .simple("OK")),
            (["INCRBYFLOAT", "s", "1"], notFloat),
            (["SET", "s", "1.5e1"], .simple("OK")),
            (["INCRBYFLOAT", "s", "1"], .bulk("16")),
            (["INCR", "s"], .integer(17)),
        ])
    }

    func testAppendAndStrlen() throws {
        try assertCalls([
            (["APPEND", "a", "hello"], .integer(5)),
            (["APPEND", "a", " world"], .integer(11)),
            (["GET", "a"], .bulk("hello world")),
            (["STRLEN", "a"], .integer(11)),
            (["STRLEN", "nope"], .integer(0)),
            (["APPEND", "new", ""], .integer(0)),
            (["GET", "new"], empty),
            (["SET", "n", "12"], .simple("OK")),
            (["APPEND", "n", "3"], .integer(3)),
            (["INCR", "n"], .integer(124)),
        ])
    }

    func testGetrangeAndSubstr() throws {
        try assertCalls([
            (["SET", "a", "hello world"], .simple("OK")),
            (["GETRANGE", "a", "0", "4"], .bulk("hello")),
            (["GETRANGE", "a", "-5", "-1"], .bulk("world")),
            (["GETRANGE", "a", "-1", "-5"], empty),
            (["GETRANGE", "a", "5", "2"], empty),
            (["GETRANGE", "a", "0", "100"], .bulk("hello world")),
            (["GETRANGE", "a", "-100", "2"], .bulk("hel")),
            (["GETRANGE", "a", "0", "-100"], .bulk("h")),
            (["GETRANGE", "a", "0", "9223372036854775807"], .bulk("hello world")),
            (["GETRANGE", "a", "-9223372036854775808", "-9223372036854775808"], .bulk("h")),
            (["GETRANGE", "nope", "0", "1"], empty),
            (["GETRANGE", "a", "x", "1"], notInteger),
            (["GETRANGE", "nope", "0", "y"], notInteger),
            (["SUBSTR", "a", "0", "2"], .bulk("hel")),
            (["SET", "e", ""], .simple("OK")),
            (["GETRANGE", "e", "0", "-1"], empty),
            (["SET", "n", "12345"], .simple("OK")),
            (["GETRANGE", "n", "1", "2"], .bulk("23")),
        ])
    }

    func testSetrange() throws {
        try assertCalls([
            (["SETRANGE", "s", "-1", "x"], .error("ERR offset is out of range")),
            (["SETRANGE", "s", "x", "x"], notInteger),
            (["SETRANGE", "s", "0", ""], .integer(0)),
            (["GET", "s"], .null),
            (["SETRANGE", "s", "5", "ab"], .integer(7)),
            (["GET", "s"], .bulk([0, 0, 0, 0, 0, 97, 98])),
            (["SETRANGE", "s", "0", "xyz"], .integer(7)),
            (["GET", "s"], .bulk([120, 121, 122, 0, 0, 97, 98])),
            (["SETRANGE", "s", "6", "BCD"], .integer(9)),
            (["GET", "s"], .bulk([120, 121, 122, 0, 0, 97, 66, 67, 68])),
            (["SETRANGE", "s", "100", ""], .integer(9)),
            (["SETRANGE", "s", "536870912", "x"], .error("ERR string exceeds maximum allowed size (proto-max-bulk-len)")),
            (["SETRANGE", "s", "9223372036854775807", "x"], .error("ERR string exceeds maximum allowed size (proto-max-bulk-len)")),
            (["SETRANGE", "fresh", "536870912", "x"], .error("ERR string exceeds maximum allowed size (proto-max-bulk-len)")),
            (["STRLEN", "s"], .integer(9)),
        ])
    }

    func testGrowthIsLimitedByProtoMaxBulkLen() throws {
        server.stop()
        server = try ServerProcess(arguments: ["--proto-max-bulk-len", "1mb"])
        c = try server.client()
        let limit = 1024 * 1024
        let tooLong = Reply.error("ERR string exceeds maximum allowed size (proto-max-bulk-len)")
        let badOffset = Reply.error("ERR bit offset is not an integer or out of range")
        try assertCalls([
            (["SETRANGE", "s", String(limit - 1), "x"], .integer(limit)),
            (["APPEND", "s", "y"], tooLong),
            (["SETRANGE", "s", String(limit), "x"], tooLong),
            (["SETRANGE", "s", "0", "z"], .integer(limit)),
            (["SETBIT", "b", String(limit * 8 - 1), "1"], .integer(0)),
            (["SETBIT", "b", String(limit * 8), "1"], badOffset),
            (["GETBIT", "b", String(limit * 8)], badOffset),
            (["STRLEN", "b"], .integer(limit)),
            (["SET", "x", String(repeating: "a", count: 600)], .simple("OK")),
            (["SET", "y", String(repeating: "b", count: 600)], .simple("OK")),
            (["LCS", "x", "y", "LEN"],
             .error("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len")),
            (["SET", "x", String(repeating: "a", count: 400)], .simple("OK")),
            (["LCS", "x", "y", "LEN"], .integer(0)),
        ])
    }

    func testSetbitAndGetbit() throws {
        let bitValue = Reply.error("ERR bit is not an integer or out of range")
        let bitOffset = Reply.error("ERR bit offset is not an integer or out of range")
        try assertCalls([
            (["SETBIT", "b", "7", "1"], .integer(0)),
            (["GET", "b"], .bulk([1])),
            (["SETBIT", "b", "7", "1"], .integer(1)),
            (["SETBIT", "b", "7", "0"], .integer(1)),
            (["SETBIT", "b", "0", "1"], .integer(0)),
            (["SETBIT", "b", "17", "1"], .integer(0)),
            (["GET", "b"], .bulk([0x80, 0, 0x40])),
            (["GETBIT", "b", "0"], .integer(1)),
            (["GETBIT", "b", "1"], .integer(0)),
            (["GETBIT", "b", "17"], .integer(1)),
            (["GETBIT", "b", "1000"], .integer(0)),
            (["GETBIT", "nope", "3"], .integer(0)),
            (["SETBIT", "b", "7", "2"], bitValue),
            (["SETBIT", "b", "7", "-1"], bitValue),
            (["SETBIT", "b", "7", "x"], bitValue),
            (["SETBIT", "b", "-1", "1"], bitOffset),
            (["SETBIT", "b", "x", "1"], bitOffset),
            (["SETBIT", "b", "x", "5"], bitOffset),
            (["SETBIT", "b", "+1", "1"], bitOffset),
            (["SETBIT", "b", "4294967296", "1"], bitOffset),
            (["GETBIT", "b", "-1"], bitOffset),
            (["GETBIT", "nope", "x"], bitOffset),
            (["GETBIT", "b", "4294967296"], bitOffset),
            (["SET", "n", "12"], .simple("OK")),
            (["GETBIT", "n", "2"], .integer(1)),
            (["GETBIT", "n", "3"], .integer(1)),
            (["GETBIT", "n", "4"], .integer(0)),
        ])
    }

    func testBitcount() throws {
        try assertCalls([
            (["SET", "s", "foobar"], .simple("OK")),
            (["BITCOUNT", "s"], .integer(26)),
            (["BITCOUNT", "s", "0", "0"], .integer(4)),
            (["BITCOUNT", "s", "1", "1"], .integer(6)),
            (["BITCOUNT", "s", "1", "1", "BYTE"], .integer(6)),
            (["BITCOUNT", "s", "5", "30", "BIT"], .integer(17)),
            (["BITCOUNT", "s", "-3", "-1", "bit"], .integer(1)),
            (["BITCOUNT", "s", "-5", "-1", "BIT"], .integer(2)),
            (["BITCOUNT", "s", "0", "-1", "bit"], .integer(26)),
            (["BITCOUNT", "s", "-1", "-3"], .integer(0)),
            (["BITCOUNT", "s", "-1", "-5", "foo"], .integer(0)),
            (["BITCOUNT", "s", "0", "100"], .integer(26)),
            (["BITCOUNT", "s", "0"], syntax),
            (["BITCOUNT", "s", "0", "1", "FOO"], syntax),
            (["BITCOUNT", "s", "0", "1", "BIT", "x"], syntax),
            (["BITCOUNT", "s", "x", "y"], notInteger),
            (["BITCOUNT", "s", "0", "x", "bit"], notInteger),
            (["BITCOUNT", "nope"], .integer(0)),
            (["BITCOUNT", "nope", "0"], .integer(0)),
            (["BITCOUNT", "nope", "x", "y"], .integer(0)),
            (["BITCOUNT", "nope", "0", "1", "FOO"], .integer(0)),
            (["SET", "e", ""], .simple("OK")),
            (["BITCOUNT", "e"], .integer(0)),
            (["BITCOUNT", "e", "0", "-1", "BIT"], .integer(0)),
        ])
    }

    func testBitpos() throws {
        try assertCalls([
            (["SET", "s", "foobar"], .simple("OK")),
            (["BITPOS", "s", "1"], .integer(1)),
            (["BITPOS", "s", "0"], .integer(0)),
            (["BITPOS", "s", "1", "2"], .integer(17)),
            (["BITPOS", "s", "1", "2", "-1", "BIT"], .integer(2)),
            (["BITPOS", "s", "0", "100"], .integer(-1)),
            (["BITPOS", "s", "1", "3", "1"], .integer(-1)),
            (["BITPOS", "s", "2"], .error("ERR The bit argument must be 1 or 0.")),
            (["BITPOS", "s", "x"], notInteger),
            (["BITPOS", "s", "1", "x"], notInteger),
            (["BITPOS", "s", "1", "0", "x"], notInteger),
            (["BITPOS", "s", "0", "3", "BIT"], notInteger),
            (["BITPOS", "s", "1", "0", "1", "FOO"], syntax),
            (["BITPOS", "s", "1", "0", "1", "BIT", "5"], syntax),
            (["BITPOS", "nope", "1"], .integer(-1)),
            (["BITPOS", "nope", "0"], .integer(0)),
            (["BITPOS", "nope", "0", "x"], .integer(0)),
            (["BITPOS", "nope", "2"], .error("ERR The bit argument must be 1 or 0.")),
            (["SET", "ones", String(decoding: [0x7F, 0x7F], as: UTF8.self)], .simple("OK")),
            (["SETBIT", "ones", "0", "1"], .integer(0)),
            (["SETBIT", "ones", "8", "1"], .integer(0)),
            (["BITPOS", "ones", "0"], .integer(16)),
            (["BITPOS", "ones", "0", "0"], .integer(16)),
            (["BITPOS", "ones", "0", "0", "-1"], .integer(-1)),
            (["BITPOS", "ones", "0", "0", "1", "BIT"], .integer(-1)),
            (["BITPOS", "ones", "0", "0", "-1", "BIT"], .integer(-1)),
            (["BITPOS", "ones", "1", "3", "-1", "BIT"], .integer(3)),
            (["SETBIT", "bb", "100", "1"], .integer(0)),
            (["BITPOS", "bb", "1", "1"], .integer(100)),
            (["BITPOS", "bb", "0", "0", "-1"], .integer(0)),
            (["BITPOS", "bb", "1", "-1"], .integer(100)),
            (["BITPOS", "bb", "1", "99", "99", "BIT"], .integer(-1)),
            (["BITPOS", "bb", "1", "99", "100", "BIT"], .integer(100)),
            (["SET", "e", ""], .simple("OK")),
            (["BITPOS", "e", "0"], .integer(-1)),
            (["BITPOS", "e", "1"], .integer(-1)),
        ])
    }

    func testBitop() throws {
        try assertCalls([
            (["SET", "a", "abc"], .simple("OK")),
            (["SET", "b", "AB"], .simple("OK")),
            (["BITOP", "AND", "d", "a", "b"], .integer(3)),
            (["GET", "d"], .bulk([0x41, 0x42, 0x00])),
            (["BITOP", "or", "d", "a", "b", "nope"], .integer(3)),
            (["GET", "d"], .bulk("abc")),
            (["BITOP", "Xor", "d", "a", "b"], .integer(3)),
            (["GET", "d"], .bulk([0x20, 0x20, 0x63])),
            (["BITOP", "NOT", "d", "a"], .integer(3)),
            (["GET", "d"], .bulk([0x9E, 0x9D, 0x9C])),
            (["BITOP", "NOT", "d", "a", "b"], .error("ERR BITOP NOT must be called with a single source key.")),
            (["BITOP", "NAND", "d", "a"], syntax),
            (["BITOP", "AND", "d", "nope", "nope2"], .integer(0)),
            (["GET", "d"], .null),
            (["SET", "d", "x"], .simple("OK")),
            (["BITOP", "OR", "d", "nope"], .integer(0)),
            (["GET", "d"], .null),
            (["BITOP", "NOT", "d", "nope"], .integer(0)),
            (["SET", "e", "v", "PX", "300"], .simple("OK")),
            (["BITOP", "OR", "e", "a"], .integer(3)),
            (["BITOP", "AND", "a", "a", "b"], .integer(3)),
            (["GET", "a"], .bulk([0x41, 0x42, 0x00])),
        ])
        Thread.sleep(forTimeInterval: 0.4)
        XCTAssertEqual(try c.call("GET", "e"), .bulk("abc"), "BITOP's destination loses its TTL")
    }

    func testLcs() throws {
        let idx = Reply.array([
            .bulk("matches"),
            .array([
                .array([.array([.integer(4), .integer(7)]), .array([.integer(5), .integer(8)])]),
                .array([.array([.integer(2), .integer(3)]), .array([.integer(0), .integer(1)])]),
            ]),
            .bulk("len"), .integer(6),
        ])
        let withLengths = Reply.array([
            .bulk("matches"),
            .array([.array([.array([.integer(4), .integer(7)]), .array([.integer(5), .integer(8)]), .integer(4)])]),
            .bulk("len"), .integer(6),
        ])
        try assertCalls([
            (["SET", "k1", "ohmytext"], .simple("OK")),
            (["SET", "k2", "mynewtext"], .simple("OK")),
            (["LCS", "k1", "k2"], .bulk("mytext")),
            (["LCS", "k1", "k2", "LEN"], .integer(6)),
            (["LCS", "k1", "k2", "len", "len"], .integer(6)),
            (["LCS", "k1", "k2", "IDX"], idx),
            (["LCS", "k1", "k2", "IDX", "MINMATCHLEN", "-5"], idx),
            (["LCS", "k1", "k2", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN"], withLengths),
            (["LCS", "k1", "k2", "WITHMATCHLEN"], .bulk("mytext")),
            (["LCS", "k1", "k2", "LEN", "IDX"], .error("ERR If you want both the length and indexes, please just use IDX.")),
            (["LCS", "k1", "k2", "MINMATCHLEN"], syntax),
            (["LCS", "k1", "k2", "MINMATCHLEN", "x"], notInteger),
            (["LCS", "k1", "k2", "FOO"], syntax),
            (["LCS", "nope", "k1"], empty),
            (["LCS", "nope", "k1", "IDX"], .array([.bulk("matches"), .array([]), .bulk("len"), .integer(0)])),
            (["LCS", "k1", "k1"], .bulk("ohmytext")),
        ])
    }

    func testLcsIndexesAreAMapInRESP3() throws {
        _ = try c.call("HELLO", "3")
        _ = try c.call("SET", "a", "abcd")
        _ = try c.call("SET", "b", "xbcy")
        guard case .map(let pairs) = try c.call("LCS", "a", "b", "IDX", "WITHMATCHLEN") else {
            return XCTFail("expected a map")
        }
        XCTAssertEqual(pairs.map { $0.0 }, [.bulk("matches"), .bulk("len")])
        XCTAssertEqual(pairs[0].1, .array([.array([.array([.integer(1), .integer(2)]),
                                                   .array([.integer(1), .integer(2)]), .integer(2)])]))
        XCTAssertEqual(pairs[1].1, .integer(2))
    }

    func testOnlyRealChangesInvalidateWatch() throws {
        let other = try server.client()
        _ = try c.call("SETBIT", "w1", "3", "1")
        _ = try c.call("SET", "w2", "abc")
        let writes: [([String], Bool)] = [
            (["SETBIT", "w1", "3", "1"], false), (["SETRANGE", "w2", "0", ""], false),
            (["GETEX", "w2", "PERSIST"], false), (["SETNX", "w2", "x"], false),
            (["INCRBYFLOAT", "w2", "1"], false), (["SETBIT", "w1", "3", "0"], true),
            (["APPEND", "w2", ""], true), (["MSET", "w2", "abc"], true),
        ]
        for (write, invalidates) in writes {
            XCTAssertEqual(try c.call("WATCH", "w1", "w2"), .simple("OK"))
            _ = try other.call(strings: write)
            XCTAssertEqual(try c.call("MULTI"), .simple("OK"))
            XCTAssertEqual(try c.call("STRLEN", "w2"), .simple("QUEUED"))
            let result = try c.call("EXEC")
            XCTAssertEqual(result == .nullArray, invalidates, "\(write) → \(result)")
        }
    }

    func testStringCommandsThroughRedisCli() throws {
        func cli(_ args: String...) throws -> String {
            let result = try ServerProcess.run("redis-cli", ["-p", String(server.port)] + args)
            XCTAssertEqual(result.status, 0)
            return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        XCTAssertEqual(try cli("SET", "price", "10.5"), "OK")
        XCTAssertEqual(try cli("INCRBYFLOAT", "price", "0.1"), "10.6")
        XCTAssertEqual(try cli("APPEND", "price", "0"), "5")
        XCTAssertEqual(try cli("GETRANGE", "price", "0", "1"), "10")
        XCTAssertEqual(try cli("INCR", "price"), "ERR value is not an integer or out of range")
        XCTAssertEqual(try cli("MSET", "a", "foobar", "b", "x"), "OK")
        XCTAssertEqual(try cli("MGET", "a", "nope", "b"), "foobar\n\nx")
        XCTAssertEqual(try cli("BITCOUNT", "a"), "26")
        XCTAssertEqual(try cli("LCS", "a", "price", "LEN"), "0")
    }
}
