// The RESP AOF base serializer: exact bytes for small snapshots (compared with what
// redis-server 7.0.15 wrote for the same data), the 64-item split of variadic commands,
// expire times, several databases, and output handed out in pieces.

import XCTest
import QuillStore
@testable import QuillCommands

final class RESPBaseWriterTests: XCTestCase {
    private let hashLimits = CompactLimits(maxEntries: 128, maxValueLength: 64)
    private let zsetLimits = SortedSetLimits(maxListpackEntries: 128, maxListpackValue: 64)

    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    private func write(_ keyspace: Keyspace, timestamp: Int64? = nil, chunkBytes: Int = 1 << 20) -> [UInt8] {
        var writer = RESPBaseWriter(keyspace: keyspace, timestampSeconds: timestamp)
        var out: [UInt8] = []
        var calls = 0
        while writer.writeNext(into: &out, chunkBytes: chunkBytes) {
            calls += 1
            if calls > 1_000_000 { XCTFail("writer never finished"); break }
        }
        XCTAssertEqual(writer.keysProcessed, writer.keysTotal)
        return out
    }

    private func list(_ count: Int) -> Value { .list(ListValue((0..<count).map { Array("e\($0)".utf8) })) }

    private func hashtableSet(_ count: Int) -> Value {
        var set = SetValue()
        for i in 0..<count { set.insert(Key(Array("m\(i)".utf8)), maxIntsetEntries: 512) }
        return .set(set)
    }

    private func hash(_ count: Int) -> Value {
        var hash = HashValue()
        for i in 0..<count { hash.set(Key(Array("f\(i)".utf8)), Array("v\(i)".utf8), limits: hashLimits) }
        return .hash(hash)
    }

    private func zset(_ count: Int) -> Value {
        var zset = SortedSetValue()
        for i in 0..<count { zset.set(Array("m\(i)".utf8), score: Double(i), limits: zsetLimits) }
        return .sortedSet(zset)
    }

    private func keyspace(_ keys: [(db: Int, key: String, value: Value, expire: Int64?)]) -> Keyspace {
        var keyspace = Keyspace(databaseCount: 16)
        for item in keys {
            keyspace.databases[item.db].add(Key(bytes(item.key)), item.value, now: 0)
            if let expire = item.expire { keyspace.databases[item.db].setExpire(Key(bytes(item.key)), at: expire) }
        }
        return keyspace
    }

    func testEmptyKeyspaceWritesNothingOrOnlyTheTimestamp() {
        let empty = Keyspace(databaseCount: 16)
        XCTAssertEqual(write(empty), [])
        XCTAssertEqual(String(decoding: write(empty, timestamp: 1_795_690_150), as: UTF8.self), "#TS:1795690150\r\n")
        var writer = RESPBaseWriter(keyspace: empty, timestampSeconds: nil)
        var out: [UInt8] = []
        XCTAssertFalse(writer.writeNext(into: &out, chunkBytes: 100))
        XCTAssertEqual(writer.keysTotal, 0)
    }

    func testStringWithExpireInTwoDatabasesIsByteExact() {
        let snapshot = keyspace([
            (0, "n", .string(ByteString(bytes("12345"))), 1_795_690_235_259),
            (3, "f", .string(ByteString(bytes("1.5"))), nil),
        ])
        let expected = "#TS:1795690147\r\n*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$1\r\nn\r\n$5\r\n12345\r\n"
            + "*3\r\n$9\r\nPEXPIREAT\r\n$1\r\nn\r\n$13\r\n1795690235259\r\n"
            + "*2\r\n$6\r\nSELECT\r\n$1\r\n3\r\n*3\r\n$3\r\nSET\r\n$1\r\nf\r\n$3\r\n1.5\r\n"
        XCTAssertEqual(String(decoding: write(snapshot, timestamp: 1_795_690_147), as: UTF8.self), expected)
    }

    func testAggregatesAreByteExact() {
        var intset = SetValue()
        for member in ["3", "1", "2"] { intset.insert(Key(bytes(member)), maxIntsetEntries: 512) }
        var hash = HashValue()
        hash.set("f1", bytes("v1"), limits: hashLimits)
        hash.set("f2", bytes("v2"), limits: hashLimits)
        XCTAssertEqual(String(decoding: write(keyspace([(0, "s", .set(intset), nil)])), as: UTF8.self),
                       "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*5\r\n$4\r\nSADD\r\n$1\r\ns\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n")
        XCTAssertEqual(String(decoding: write(keyspace([(1, "h", .hash(hash), nil)])), as: UTF8.self),
                       "*2\r\n$6\r\nSELECT\r\n$1\r\n1\r\n"
                       + "*6\r\n$5\r\nHMSET\r\n$1\r\nh\r\n$2\r\nf1\r\n$2\r\nv1\r\n$2\r\nf2\r\n$2\r\nv2\r\n")
        let threeElements = ListValue([bytes("a"), bytes("b"), bytes("c")])
        XCTAssertEqual(String(decoding: write(keyspace([(15, "l", .list(threeElements), nil)])), as: UTF8.self),
                       "*2\r\n$6\r\nSELECT\r\n$2\r\n15\r\n*5\r\n$5\r\nRPUSH\r\n$1\r\nl\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n")
    }

    /// The score texts redis-server 7.0.15 wrote in a rewrite for the same ZADD.
    func testScoresAreWrittenAsRedis70Does() {
        let scores: [(String, Double)] = [
            ("c", -.infinity), ("m", 0), ("k", .leastNonzeroMagnitude), ("t", 1e-7), ("f", 1e-5), ("q", 0.0001), ("r", 0.001),
            ("g", 0.1), ("a", 1.5), ("b", 2), ("s", 123.456), ("n", 1e15), ("o", 1e16), ("p", 1e17),
            ("h", 123_456_789_012_345_680), ("e", 1e20), ("i", 1e21), ("j", 1e22),
            ("l", 1.7976931348623157e308), ("d", .infinity),
        ]
        var zset = SortedSetValue()
        for (member, score) in scores { zset.set(bytes(member), score: score, limits: zsetLimits) }
        let commands = RESPTestParser.commands(write(keyspace([(0, "z", .sortedSet(zset), nil)])))
        XCTAssertEqual(commands.count, 2)
        XCTAssertEqual(commands.last?.joined(separator: " "),
                       "ZADD z -inf c 0 m 4.9406564584124654e-324 k 9.9999999999999995e-08 t 1.0000000000000001e-05 f "
                       + "0.0001 q 0.001 r 0.10000000000000001 g 1.5 a 2 b 123.456 s 1000000000000000 n "
                       + "10000000000000000 o 1e+17 p 1.2345678901234568e+17 h 1e+20 e 1e+21 i 1e+22 j "
                       + "1.7976931348623157e+308 l inf d")
    }

    func testVariadicCommandsCarryAtMost64Items() {
        for count in [1, 63, 64, 65, 129, 300] {
            let expectedSizes = stride(from: 0, to: count, by: 64).map { min(64, count - $0) }
            let cases: [(Value, String, Int)] = [
                (list(count), "RPUSH", 1), (hashtableSet(count), "SADD", 1), (hash(count), "HMSET", 2),
                (zset(count), "ZADD", 2),
            ]
            for (value, name, perItem) in cases {
                let commands = RESPTestParser.commands(write(keyspace([(0, "k", value, 1_000)])))
                XCTAssertEqual(commands.first, ["SELECT", "0"])
                XCTAssertEqual(commands.last, ["PEXPIREAT", "k", "1000"])
                let body = commands.dropFirst().dropLast()
                XCTAssertTrue(body.allSatisfy { $0[0] == name && $0[1] == "k" }, "\(name) \(count)")
                XCTAssertEqual(body.map { ($0.count - 2) / perItem }, expectedSizes, "\(name) \(count)")
                let items = body.flatMap { $0.dropFirst(2) }
                switch value {
                case .list:
                    XCTAssertEqual(items, (0..<count).map { "e\($0)" })
                case .set:
                    XCTAssertEqual(Set(items), Set((0..<count).map { "m\($0)" }))
                    XCTAssertEqual(items.count, count)
                case .hash:
                    let pairs = stride(from: 0, to: items.count, by: 2).map { items[$0] + "=" + items[$0 + 1] }
                    XCTAssertEqual(Set(pairs), Set((0..<count).map { "f\($0)=v\($0)" }))
                    XCTAssertEqual(pairs.count, count)
                default:
                    let pairs = stride(from: 0, to: items.count, by: 2).map { items[$0 + 1] + "=" + items[$0] }
                    XCTAssertEqual(pairs, (0..<count).map { "m\($0)=\($0)" })
                }
            }
        }
    }

    func testEveryKeyOfEveryDatabaseFollowsItsSelect() {
        var entries: [(db: Int, key: String, value: Value, expire: Int64?)] = []
        for db in [0, 2, 9] {
            for i in 0..<500 { entries.append((db, "k\(i)", .string(ByteString(bytes("\(db)"))), i % 3 == 0 ? Int64(i) : nil)) }
        }
        let commands = RESPTestParser.commands(write(keyspace(entries)))
        XCTAssertEqual(commands.filter { $0[0] == "SELECT" }.map { $0[1] }, ["0", "2", "9"])
        var db = ""
        var seen: [String: Int] = [:]
        var lastSet: String?
        for command in commands {
            switch command[0] {
            case "SELECT": db = command[1]
            case "SET":
                XCTAssertEqual(command[2], db)
                seen[db + "/" + command[1], default: 0] += 1
                lastSet = command[1]
            case "PEXPIREAT":
                XCTAssertEqual(command[1], lastSet)
                XCTAssertEqual(Int(command[1].dropFirst())! % 3, 0)
                XCTAssertEqual(command[2], String(command[1].dropFirst()))
            default: XCTFail("unexpected \(command)")
            }
        }
        XCTAssertEqual(seen.count, 1_500)
        XCTAssertTrue(seen.values.allSatisfy { $0 == 1 })
        XCTAssertEqual(commands.filter { $0[0] == "PEXPIREAT" }.count, 3 * 167)
    }

    func testKeyWhoseExpireHasPassedIsStillWrittenWithIt() {
        let commands = RESPTestParser.commands(write(keyspace([(2, "gone", .string(ByteString(bytes("x"))), 1)])))
        XCTAssertEqual(commands, [["SELECT", "2"], ["SET", "gone", "x"], ["PEXPIREAT", "gone", "1"]])
    }

    func testPiecesAreWholeCommandsAndAddUpToTheSameBytes() {
        var entries: [(db: Int, key: String, value: Value, expire: Int64?)] = [(0, "big", list(1_000), 77)]
        for i in 0..<100 { entries.append((1, "s\(i)", .string(ByteString(bytes(String(repeating: "x", count: i)))), nil)) }
        let snapshot = keyspace(entries)
        let whole = write(snapshot, timestamp: 5)
        var writer = RESPBaseWriter(keyspace: snapshot, timestampSeconds: 5)
        XCTAssertEqual(writer.keysTotal, 101)
        var out: [UInt8] = []
        var pieces = 0
        var more = true
        while more {
            let before = out.count
            more = writer.writeNext(into: &out, chunkBytes: 200)
            pieces += 1
            if more { XCTAssertGreaterThanOrEqual(out.count - before, 200) }
            XCTAssertLessThan(out.count - before, 200 + 1_000, "a piece stops soon after the size asked for")
            XCTAssertNotNil(RESPTestParser.commandsIfComplete(out), "each piece ends on a command boundary")
        }
        XCTAssertEqual(out, whole)
        XCTAssertEqual(writer.keysProcessed, 101)
        XCTAssertGreaterThan(pieces, 20)
        XCTAssertFalse(writer.writeNext(into: &out, chunkBytes: 200))
        XCTAssertEqual(out, whole)
    }

    func testWriterCanRunOnAnotherThread() {
        let snapshot = keyspace([(0, "k", list(200), nil)])
        let expected = write(snapshot)
        let done = expectation(description: "written on a background queue")
        let writer = RESPBaseWriter(keyspace: snapshot, timestampSeconds: nil)
        DispatchQueue.global().async {
            var local = writer
            var out: [UInt8] = []
            while local.writeNext(into: &out, chunkBytes: 64) {}
            XCTAssertEqual(out, expected)
            done.fulfill()
        }
        wait(for: [done], timeout: 10)
    }

    func testKeyDelayPausesAfterEachKey() {
        let snapshot = keyspace((0..<20).map { i -> (db: Int, key: String, value: Value, expire: Int64?) in
            (0, "k\(i)", .string(ByteString(bytes("v"))), nil)
        })
        var writer = RESPBaseWriter(keyspace: snapshot, timestampSeconds: nil, keyDelayMicroseconds: 5_000)
        var out: [UInt8] = []
        let start = DispatchTime.now().uptimeNanoseconds
        while writer.writeNext(into: &out, chunkBytes: 1 << 20) {}
        XCTAssertGreaterThanOrEqual(DispatchTime.now().uptimeNanoseconds - start, 100_000_000)
        XCTAssertEqual(writer.keysProcessed, 20)
    }
}

/// Splits RESP base bytes into commands of UTF-8 strings (annotation lines are skipped).
enum RESPTestParser {
    static func commands(_ bytes: [UInt8]) -> [[String]] {
        guard let commands = commandsIfComplete(bytes) else {
            XCTFail("malformed or truncated RESP")
            return []
        }
        return commands
    }

    static func commandsIfComplete(_ bytes: [UInt8]) -> [[String]]? {
        var i = 0
        var commands: [[String]] = []
        func line() -> [UInt8]? {
            var j = i
            while j + 1 < bytes.count, !(bytes[j] == 0x0D && bytes[j + 1] == 0x0A) { j += 1 }
            guard j + 1 < bytes.count else { return nil }
            defer { i = j + 2 }
            return Array(bytes[i..<j])
        }
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "#") {
                guard line() != nil else { return nil }
                continue
            }
            guard bytes[i] == UInt8(ascii: "*"), let header = line(),
                  let count = Int(String(decoding: header.dropFirst(), as: UTF8.self)) else { return nil }
            var command: [String] = []
            for _ in 0..<count {
                guard i < bytes.count, bytes[i] == UInt8(ascii: "$"), let lengthLine = line(),
                      let length = Int(String(decoding: lengthLine.dropFirst(), as: UTF8.self)),
                      i + length + 2 <= bytes.count, bytes[i + length] == 0x0D, bytes[i + length + 1] == 0x0A
                else { return nil }
                command.append(String(decoding: bytes[i..<(i + length)], as: UTF8.self))
                i += length + 2
            }
            commands.append(command)
        }
        return commands
    }
}
