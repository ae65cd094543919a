// What the engine logs for each command: the records Redis 7.0.15 writes to its incr file
// for the same requests (observed with `redis-server --appendonly yes`).

import NIOCore
import XCTest
import QuillRESP
import QuillStore
@testable import QuillCommands

final class EffectLogTests: XCTestCase {
    private var clock = ManualClock()
    private var engine: Engine!
    private var client: ClientSession!

    override func setUp() {
        clock = ManualClock()
        clock.now = 1_700_000_000_000_000
        engine = Engine(config: Configuration(), clock: clock)
        engine.effectLog.isRecording = true
        client = engine.registerClient(remoteAddress: "t", localAddress: "t", fileDescriptor: -1,
                                       allocator: ByteBufferAllocator())
    }

    /// Runs the commands and returns the records they logged, one line per record with the
    /// arguments separated by spaces.
    private func logged(_ commands: [String]...) -> [String] {
        for command in commands {
            client.out.buffer.clear()
            engine.execute(command.map { Array($0.utf8) }, for: client)
        }
        return Self.records(engine.effectLog.takePending())
    }

    static func records(_ bytes: [UInt8]) -> [String] {
        var result: [String] = []
        var text = String(decoding: bytes, as: UTF8.self)[...]
        while !text.isEmpty {
            if text.hasPrefix("#") {
                let end = text.range(of: "\r\n")!
                result.append(String(text[..<end.lowerBound]))
                text = text[end.upperBound...]
                continue
            }
            let header = text.range(of: "\r\n")!
            let count = Int(text[text.index(after: text.startIndex)..<header.lowerBound])!
            text = text[header.upperBound...]
            var words: [String] = []
            for _ in 0..<count {
                let lengthEnd = text.range(of: "\r\n")!
                let length = Int(text[text.index(after: text.startIndex)..<lengthEnd.lowerBound])!
                let start = lengthEnd.upperBound
                let end = text.utf8.index(start, offsetBy: length)
                words.append(String(text[start..<end]))
                text = text[text.utf8.index(end, offsetBy: 2)...]
            }
            result.append(words.joined(separator: " "))
        }
        return result
    }

    private var nowMs: Int64 { clock.now / 1000 }

    func testPlainWritesAreLoggedAsSentAfterASelect() {
        XCTAssertEqual(logged(["set", "k", "v"], ["GET", "k"], ["rpush", "l", "a", "b"]),
                       ["SELECT 0", "set k v", "rpush l a b"])
        XCTAssertEqual(logged(["SELECT", "3"], ["set", "a", "1"], ["SELECT", "3"], ["del", "a"]),
                       ["SELECT 3", "set a 1", "del a"])
    }

    func testCommandsThatChangeNothingLogNothing() {
        XCTAssertEqual(logged(["del", "missing"], ["lpop", "nolist"], ["expire", "missing", "10"],
                              ["set", "k", "v", "nx"], ["set", "k", "v", "nx"], ["persist", "k"]),
                       ["SELECT 0", "set k v nx"])
    }

    func testRelativeExpiriesBecomeAbsolute() {
        let ms = nowMs
        XCTAssertEqual(logged(["set", "k", "v", "ex", "100"], ["SET", "k2", "v", "NX", "PX", "5"],
                              ["setex", "k3", "10", "v"], ["psetex", "k4", "10", "v"],
                              ["set", "k5", "v", "pxat", "99999999999999", "get"]),
                       ["SELECT 0", "SET k v PXAT \(ms + 100_000)", "SET k2 v PXAT \(ms + 5)",
                        "SET k3 v PXAT \(ms + 10_000)", "SET k4 v PXAT \(ms + 10)",
                        "SET k5 v PXAT 99999999999999"])
        XCTAssertEqual(logged(["expire", "k", "100", "nx"], ["expire", "k", "200", "gt"], ["pexpire", "k", "7"],
                              ["expireat", "k", "99999999999"], ["pexpireat", "k", "99999999999999"]),
                       ["PEXPIREAT k \(ms + 200_000) gt", "PEXPIREAT k \(ms + 7)", "PEXPIREAT k 99999999999000",
                        "pexpireat k 99999999999999"])
    }

    func testATimeInThePastLogsADeletion() {
        XCTAssertEqual(logged(["set", "k", "v"], ["expire", "k", "-1"]), ["SELECT 0", "set k v", "DEL k"])
        XCTAssertNil(engine.config.set("lazyfree-lazy-expire", "yes", atStartup: false))
        XCTAssertEqual(logged(["set", "k", "v"], ["getex", "k", "exat", "1"]), ["set k v", "UNLINK k"])
    }

    func testGetVariantsLogWhatTheyDid() {
        let ms = nowMs
        XCTAssertEqual(logged(["set", "k", "v", "get"], ["getset", "k", "w"], ["getex", "k"],
                              ["getex", "k", "ex", "100"], ["getex", "k", "persist"], ["getex", "k", "persist"],
                              ["getdel", "k"], ["getdel", "k"]),
                       ["SELECT 0", "set k v", "SET k w", "PEXPIREAT k \(ms + 100_000)", "PERSIST k", "DEL k"])
    }

    func testComputedValuesAreLoggedAsResults() {
        XCTAssertEqual(logged(["set", "x", "1.5"], ["incrbyfloat", "x", "1"], ["hincrbyfloat", "h", "f", "1.5"],
                              ["hincrbyfloat", "h", "f", "0.25"]),
                       ["SELECT 0", "set x 1.5", "SET x 2.5 KEEPTTL", "HSET h f 1.5", "HSET h f 1.75"])
    }

    func testRandomPopsLogTheMembersTaken() {
        _ = logged(["sadd", "s", "a", "b", "c", "d"])
        client.out.buffer.clear()
        engine.execute([Array("spop".utf8), Array("s".utf8), Array("2".utf8)], for: client)
        let records = Self.records(engine.effectLog.takePending())
        XCTAssertEqual(records.count, 4)
        XCTAssertEqual(records.first, "MULTI")
        XCTAssertEqual(records.last, "EXEC")
        XCTAssertTrue(records[1].hasPrefix("SREM s ") && records[2].hasPrefix("SREM s "))
        XCTAssertEqual(engine.keyspace.databases[0].entry(Key("s"))?.value.typeName, "set")
        let single = logged(["spop", "s"])
        XCTAssertEqual(single.count, 1)
        XCTAssertTrue(single[0].hasPrefix("SREM s "))
        XCTAssertEqual(logged(["spop", "s", "10"]), ["DEL s"])
    }

    func testMultiPopsLogThePlainPopWithTheCountTaken() {
        XCTAssertEqual(logged(["rpush", "l", "a", "b", "c"], ["lmpop", "1", "l", "left", "count", "2"],
                              ["lmpop", "2", "none", "l", "right", "count", "5"]),
                       ["SELECT 0", "rpush l a b c", "LPOP l 2", "RPOP l 1"])
        XCTAssertEqual(logged(["zadd", "z", "1", "a", "2", "b", "3", "c"], ["zmpop", "1", "z", "min", "count", "2"],
                              ["zmpop", "1", "z", "max"], ["zpopmin", "z"]),
                       ["zadd z 1 a 2 b 3 c", "ZPOPMIN z 2", "ZPOPMAX z 1"])
    }

    func testFlushesAreLoggedEvenWhenEmpty() {
        XCTAssertEqual(logged(["flushdb"], ["flushall"]), ["SELECT 0", "flushdb", "flushall"])
    }

    func testTransactionsAreOneGroupAndASingleWriteIsNotWrapped() {
        XCTAssertEqual(logged(["multi"], ["set", "a", "1"], ["get", "a"], ["exec"]), ["SELECT 0", "set a 1"])
        XCTAssertEqual(logged(["multi"], ["set", "a", "2"], ["select", "2"], ["incr", "b"], ["exec"]),
                       ["MULTI", "set a 2", "SELECT 2", "incr b", "EXEC"])
        XCTAssertEqual(logged(["multi"], ["get", "a"], ["exec"]), [])
    }

    func testLazyExpiryLogsADeletionBeforeTheCommand() {
        _ = logged(["set", "e", "1", "px", "1"])
        clock.now += 5_000
        XCTAssertEqual(logged(["set", "e", "2"]), ["MULTI", "DEL e", "set e 2", "EXEC"])
        _ = logged(["set", "f", "1", "px", "1"])
        clock.now += 5_000
        XCTAssertEqual(logged(["get", "f"]), ["DEL f"])
    }

    func testActiveExpiryLogsEachDeletionAlone() {
        _ = logged(["set", "a", "1", "px", "1"], ["set", "b", "1", "px", "1"])
        clock.now += 5_000
        for _ in 0..<20 where engine.keyspace.databases[0].count > 0 { engine.cron() }
        XCTAssertEqual(Set(Self.records(engine.effectLog.takePending())), ["DEL a", "DEL b"])
    }

    func testReplayLogsNothingAndKeysDoNotExpire() {
        engine.loading = true
        engine.effectLog.isRecording = false
        for record in [["set", "k", "v"], ["pexpireat", "k", "1"], ["rpush", "k2", "a"], ["get", "k"]] {
            XCTAssertTrue(engine.replay(record.map { Array($0.utf8) }, for: client))
        }
        XCTAssertFalse(engine.replay([Array("nosuchcommand".utf8)], for: client))
        XCTAssertEqual(Self.records(engine.effectLog.takePending()), [])
        XCTAssertNotNil(engine.keyspace.databases[0].entry(Key("k")), "a past PEXPIREAT does not delete during a load")
        XCTAssertEqual(logged(["get", "k"]), [], "clients are refused while loading")
        XCTAssertEqual(String(decoding: client.out.buffer.readableBytesView, as: UTF8.self),
                       "-LOADING Redis is loading the dataset in memory\r\n")
    }

    func testTimestampAnnotationsOncePerSecond() {
        engine.effectLog.timestampsEnabled = true
        let seconds = nowMs / 1000
        XCTAssertEqual(logged(["set", "a", "1"], ["set", "b", "1"]), ["#TS:\(seconds)", "SELECT 0", "set a 1", "set b 1"])
        clock.now += 1_000_000
        XCTAssertEqual(logged(["set", "c", "1"]), ["#TS:\(seconds + 1)", "set c 1"])
    }

    func testTheClientWaitsForTheLogPositionOfItsWrites() {
        _ = logged(["set", "a", "1"])
        let afterWrite = client.requiredLogOffset
        XCTAssertEqual(afterWrite, engine.effectLog.endOffset)
        XCTAssertGreaterThan(afterWrite, 0)
        _ = logged(["get", "a"])
        XCTAssertEqual(client.requiredLogOffset, afterWrite)
    }
}
