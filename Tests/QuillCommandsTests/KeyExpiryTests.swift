// Expiry rules of the generic key commands on an engine with a manual clock: the NX/XX/GT/LT
// conditions, overflow checks, past times deleting keys, TTL rounding, and what lazy expiry
// means for TTL, KEYS, SCAN, RENAME and OBJECT IDLETIME.

import NIOCore
import XCTest
import QuillRESP
import QuillStore
@testable import QuillCommands

final class KeyExpiryTests: XCTestCase {
    private var clock: ManualClock!
    private var engine: Engine!
    private var client: ClientSession!

    override func setUp() {
        clock = ManualClock()
        engine = Engine(config: Configuration(), clock: clock)
        client = engine.registerClient(remoteAddress: "test", localAddress: "test", fileDescriptor: -1,
                                       allocator: ByteBufferAllocator())
    }

    @discardableResult
    private func run(_ args: String...) -> String { run(client, args) }

    private func run(_ session: ClientSession, _ args: [String]) -> String {
        session.out.buffer.clear()
        engine.execute(args.map { Array($0.utf8) }, for: session)
        return String(decoding: session.out.buffer.readableBytesView, as: UTF8.self)
    }

    private var nowMilliseconds: Int64 { clock.now / 1000 }

    private func advance(milliseconds: Int64) { clock.now += milliseconds * 1000 }

    // MARK: Pure rules

    func testConditionParsingFollowsRedis() {
        func parse(_ words: String...) -> Result<ExpireConditions, ExpireOptionError> {
            ExpireConditions.parse(ArraySlice(words.map { Array($0.utf8) }))
        }
        XCTAssertEqual(parse(), .success(ExpireConditions()))
        XCTAssertEqual(parse("xx", "GT"), .success(ExpireConditions(xx: true, gt: true)))
        XCTAssertEqual(parse("nx", "nx"), .success(ExpireConditions(nx: true)))
        XCTAssertEqual(parse("NX", "xx"), .failure(.nxWithOthers))
        XCTAssertEqual(parse("lt", "nx"), .failure(.nxWithOthers))
        XCTAssertEqual(parse("gt", "lt"), .failure(.gtWithLt))
        XCTAssertEqual(parse("gt", "Bogus"), .failure(.unsupported("Bogus")))
        XCTAssertEqual(ExpireOptionError.unsupported("Bogus").message, "ERR Unsupported option Bogus")
    }

    func testConditionsTreatNoTTLAsInfinite() {
        let gt = ExpireConditions(gt: true)
        XCTAssertFalse(gt.permit(current: nil, new: 100))
        XCTAssertFalse(gt.permit(current: 100, new: 100))
        XCTAssertTrue(gt.permit(current: 100, new: 101))
        let lt = ExpireConditions(lt: true)
        XCTAssertTrue(lt.permit(current: nil, new: 100))
        XCTAssertFalse(lt.permit(current: 100, new: 100))
        XCTAssertTrue(lt.permit(current: 100, new: 99))
        XCTAssertFalse(ExpireConditions(nx: true).permit(current: 5, new: 10))
        XCTAssertTrue(ExpireConditions(nx: true).permit(current: nil, new: 10))
        XCTAssertFalse(ExpireConditions(xx: true).permit(current: nil, new: 10))
        XCTAssertFalse(ExpireConditions(xx: true, gt: true).permit(current: 50, new: 10))
        XCTAssertTrue(ExpireConditions(xx: true, gt: true).permit(current: 5, new: 10))
    }

    func testAbsoluteTimeDetectsOverflow() {
        XCTAssertEqual(ExpireConditions.absoluteTime(10, unit: .seconds, base: 1_000), 11_000)
        XCTAssertEqual(ExpireConditions.absoluteTime(-10, unit: .milliseconds, base: 1_000), 990)
        XCTAssertEqual(ExpireConditions.absoluteTime(Int64.max / 1000, unit: .seconds, base: 0), Int64.max / 1000 * 1000)
        XCTAssertNil(ExpireConditions.absoluteTime(Int64.max / 1000 + 1, unit: .seconds, base: 0))
        XCTAssertNil(ExpireConditions.absoluteTime(Int64.min / 1000 - 1, unit: .seconds, base: 0))
        XCTAssertNil(ExpireConditions.absoluteTime(Int64.max, unit: .milliseconds, base: 1))
        XCTAssertEqual(ExpireConditions.absoluteTime(Int64.max, unit: .milliseconds, base: 0), Int64.max)
    }

    // MARK: Commands

    func testExpireOptionsAgainstTheCurrentTTL() {
        run("SET", "k", "v")
        XCTAssertEqual(run("EXPIRE", "k", "100", "XX"), ":0\r\n")
        XCTAssertEqual(run("EXPIRE", "k", "100", "GT"), ":0\r\n")
        XCTAssertEqual(run("EXPIRE", "k", "100", "NX"), ":1\r\n")
        XCTAssertEqual(run("EXPIRE", "k", "200", "NX"), ":0\r\n")
        XCTAssertEqual(run("EXPIRE", "k", "50", "GT"), ":0\r\n")
        XCTAssertEqual(run("EXPIRE", "k", "200", "GT"), ":1\r\n")
        XCTAssertEqual(run("EXPIRE", "k", "300", "LT"), ":0\r\n")
        XCTAssertEqual(run("PEXPIRE", "k", "150000", "XX", "LT"), ":1\r\n")
        XCTAssertEqual(run("PTTL", "k"), ":150000\r\n")
        XCTAssertEqual(run("PERSIST", "k"), ":1\r\n")
        XCTAssertEqual(run("EXPIRE", "k", "100", "LT"), ":1\r\n")
        XCTAssertEqual(run("TTL", "k"), ":100\r\n")
        XCTAssertEqual(run("EXPIRE", "missing", "100"), ":0\r\n")
    }

    func testOptionErrorsComeBeforeTheNumberAndTheKey() {
        XCTAssertEqual(run("EXPIRE", "missing", "abc", "nx", "xx"),
                       "-ERR NX and XX, GT or LT options at the same time are not compatible\r\n")
        XCTAssertEqual(run("PEXPIRE", "missing", "10", "gt", "LT"),
                       "-ERR GT and LT options at the same time are not compatible\r\n")
        XCTAssertEqual(run("EXPIREAT", "missing", "10", "later"), "-ERR Unsupported option later\r\n")
        XCTAssertEqual(run("EXPIRE", "missing", "1.5"), "-ERR value is not an integer or out of range\r\n")
        XCTAssertEqual(run("EXPIRE", "missing", "9223372036854776"), "-ERR invalid expire time in 'expire' command\r\n")
        XCTAssertEqual(run("PEXPIRE", "missing", "9223372036854775807"),
                       "-ERR invalid expire time in 'pexpire' command\r\n")
        XCTAssertEqual(run("EXPIREAT", "missing", "-9223372036854776"),
                       "-ERR invalid expire time in 'expireat' command\r\n")
    }

    func testAPastTimeDeletesTheKeyAndCountsAsAChange() {
        run("SET", "k", "v")
        let dirty = engine.dirty
        XCTAssertEqual(run("EXPIRE", "k", "0"), ":1\r\n")
        XCTAssertEqual(run("EXISTS", "k"), ":0\r\n")
        XCTAssertEqual(engine.dirty, dirty + 1)
        XCTAssertEqual(engine.stats.expiredKeys, 0, "an explicit past expiry is a deletion, not an expiration")
        run("SET", "k", "v")
        XCTAssertEqual(run("PEXPIREAT", "k", String(nowMilliseconds)), ":1\r\n")
        XCTAssertEqual(run("EXISTS", "k"), ":0\r\n")
        run("SET", "k", "v")
        XCTAssertEqual(run("EXPIRE", "k", "-9223372036854775"), ":1\r\n")
        XCTAssertEqual(run("DBSIZE"), ":0\r\n")
    }

    func testTTLRoundsToTheNearestSecond() {
        run("SET", "k", "v")
        XCTAssertEqual(run("TTL", "k"), ":-1\r\n")
        XCTAssertEqual(run("PEXPIRETIME", "k"), ":-1\r\n")
        XCTAssertEqual(run("TTL", "nope"), ":-2\r\n")
        XCTAssertEqual(run("EXPIRETIME", "nope"), ":-2\r\n")
        run("PEXPIRE", "k", "1500")
        XCTAssertEqual(run("TTL", "k"), ":2\r\n")
        advance(milliseconds: 1)
        XCTAssertEqual(run("TTL", "k"), ":1\r\n")
        XCTAssertEqual(run("PTTL", "k"), ":1499\r\n")
        let at = nowMilliseconds + 1499
        XCTAssertEqual(run("PEXPIRETIME", "k"), ":\(at)\r\n")
        XCTAssertEqual(run("EXPIRETIME", "k"), ":\((at + 500) / 1000)\r\n")
        advance(milliseconds: 1499)
        XCTAssertEqual(run("PTTL", "k"), ":-2\r\n")
        XCTAssertEqual(engine.stats.expiredKeys, 1)
    }

    func testExpireTimeNearTheLimitDoesNotOverflow() {
        run("SET", "k", "v")
        XCTAssertEqual(run("PEXPIREAT", "k", "9223372036854775807"), ":1\r\n")
        XCTAssertEqual(run("PEXPIRETIME", "k"), ":9223372036854775807\r\n")
        XCTAssertEqual(run("EXPIRETIME", "k"), ":9223372036854776\r\n")
    }

    func testKeysSkipsExpiredKeysWithoutDeletingThemButScanDeletes() {
        run("SET", "a", "1")
        run("SET", "b", "2", "PX", "10")
        advance(milliseconds: 20)
        XCTAssertEqual(run("KEYS", "*"), "*1\r\n$1\r\na\r\n")
        XCTAssertEqual(run("DBSIZE"), ":2\r\n")
        XCTAssertEqual(run("SCAN", "0", "COUNT", "100"), "*2\r\n$1\r\n0\r\n*1\r\n$1\r\na\r\n")
        XCTAssertEqual(run("DBSIZE"), ":1\r\n")
        XCTAssertEqual(engine.stats.expiredKeys, 1)
    }

    func testRenameMoveAndCopyCarryTheTTL() {
        run("SET", "k", "v", "PX", "5000")
        XCTAssertEqual(run("RENAME", "k", "r"), "+OK\r\n")
        XCTAssertEqual(run("PTTL", "r"), ":5000\r\n")
        XCTAssertEqual(run("COPY", "r", "c", "DB", "3"), ":1\r\n")
        XCTAssertEqual(run("MOVE", "r", "2"), ":1\r\n")
        advance(milliseconds: 1000)
        run("SELECT", "2")
        XCTAssertEqual(run("PTTL", "r"), ":4000\r\n")
        run("SELECT", "3")
        XCTAssertEqual(run("PTTL", "c"), ":4000\r\n")
        advance(milliseconds: 4000)
        XCTAssertEqual(run("EXISTS", "c"), ":0\r\n")
    }

    func testRenameOverAKeyWithTTLDropsThatTTL() {
        run("SET", "src", "1")
        run("SET", "dst", "2", "EX", "100")
        XCTAssertEqual(run("RENAME", "src", "dst"), "+OK\r\n")
        XCTAssertEqual(run("TTL", "dst"), ":-1\r\n")
        XCTAssertEqual(run("GET", "dst"), "$1\r\n1\r\n")
    }

    func testExpiredKeysAreMissingForRenameAndMove() {
        run("SET", "k", "v", "PX", "10")
        advance(milliseconds: 10)
        XCTAssertEqual(run("RENAME", "k", "x"), "-ERR no such key\r\n")
        run("SET", "k", "v")
        run("SELECT", "1")
        run("SET", "k", "old", "PX", "10")
        run("SELECT", "0")
        advance(milliseconds: 10)
        XCTAssertEqual(run("MOVE", "k", "1"), ":1\r\n", "an expired key in the target does not block MOVE")
    }

    func testObjectIdleTimeFollowsAccessesButNotLookupsThatDoNotTouch() {
        run("SET", "k", "v")
        advance(milliseconds: 5_000)
        XCTAssertEqual(run("OBJECT", "IDLETIME", "k"), ":5\r\n")
        XCTAssertEqual(run("TYPE", "k"), "+string\r\n")
        XCTAssertEqual(run("EXISTS", "k"), ":1\r\n")
        XCTAssertEqual(run("TTL", "k"), ":-1\r\n")
        XCTAssertEqual(run("OBJECT", "IDLETIME", "k"), ":5\r\n")
        XCTAssertEqual(run("TOUCH", "k", "missing"), ":1\r\n")
        XCTAssertEqual(run("OBJECT", "IDLETIME", "k"), ":0\r\n")
        advance(milliseconds: 3_000)
        run("RENAME", "k", "r")
        XCTAssertEqual(run("OBJECT", "IDLETIME", "r"), ":3\r\n", "a renamed key keeps its access time")
        run("COPY", "r", "c")
        XCTAssertEqual(run("OBJECT", "IDLETIME", "c"), ":0\r\n", "a copy is a new object")
    }

    func testFlushAndSwapInvalidateWatchers() {
        let other = engine.registerClient(remoteAddress: "o", localAddress: "o", fileDescriptor: -1,
                                          allocator: ByteBufferAllocator())
        run("SET", "w", "1")
        XCTAssertEqual(run("WATCH", "w"), "+OK\r\n")
        _ = run(other, ["FLUSHDB"])
        run("MULTI")
        run("PING")
        XCTAssertEqual(run("EXEC"), "*-1\r\n")

        run("WATCH", "absent")
        _ = run(other, ["FLUSHDB"])
        run("MULTI")
        XCTAssertEqual(run("EXEC"), "*0\r\n", "flushing a database without the key changes nothing")

        _ = run(other, ["SELECT", "1"])
        _ = run(other, ["SET", "absent", "x"])
        run("WATCH", "absent")
        _ = run(other, ["SWAPDB", "0", "1"])
        run("MULTI")
        XCTAssertEqual(run("EXEC"), "*-1\r\n", "the key appeared in the watched database")
        XCTAssertEqual(run("GET", "absent"), "$1\r\nx\r\n")
    }

    func testDirtyCountsFollowRedis() {
        run("SET", "a", "0")
        let start = engine.dirty
        run("SET", "a", "1")
        run("SET", "b", "2")
        run("SET", "c", "3")
        XCTAssertEqual(engine.dirty, start + 3)
        run("RENAME", "a", "d")
        XCTAssertEqual(engine.dirty, start + 4)
        run("RENAME", "d", "d")
        XCTAssertEqual(engine.dirty, start + 4)
        run("FLUSHDB")
        XCTAssertEqual(engine.dirty, start + 7)
        run("SWAPDB", "0", "1")
        XCTAssertEqual(engine.dirty, start + 8)
        run("SET", "x", "1")
        run("FLUSHALL")
        XCTAssertEqual(engine.dirty, start + 10)
    }
}
