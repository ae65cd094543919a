// The blocking commands on an engine with a manual clock: the records they log (what Redis
// 7.0.15 writes to its incr file for the same requests, served at once or after waiting),
// the order waiters are served in, replies reaching a waiting client, timeouts from cron,
// and the timeout argument's arithmetic.

import NIOCore
import XCTest
import QuillRESP
import QuillStore
@testable import QuillCommands

final class BlockingEffectTests: XCTestCase {
    private var clock = ManualClock()
    private var engine: Engine!
    private var a: ClientSession!
    private var b: ClientSession!
    private var c: ClientSession!

    override func setUp() {
        clock = ManualClock()
        engine = Engine(config: Configuration(), clock: clock)
        engine.effectLog.isRecording = true
        a = connect()
        b = connect()
        c = connect()
    }

    private func connect() -> ClientSession {
        engine.registerClient(remoteAddress: "t", localAddress: "t", fileDescriptor: -1, allocator: ByteBufferAllocator())
    }

    /// Runs one request for `client` and returns what it replied (nothing when it blocked).
    @discardableResult
    private func run(_ client: ClientSession, _ args: String...) -> String {
        let before = client.out.buffer.readableBytes
        engine.execute(args.map { Array($0.utf8) }, for: client)
        return take(client, from: before)
    }

    /// Everything `client` received since the last look.
    private func take(_ client: ClientSession, from start: Int = 0) -> String {
        let view = client.out.buffer.readableBytesView.dropFirst(start)
        let text = String(decoding: view, as: UTF8.self)
        client.out.buffer.clear()
        return text
    }

    private func logged() -> [String] { EffectLogTests.records(engine.effectLog.takePending()) }

    func testImmediatePopsLogThePlainCommand() {
        run(b, "rpush", "l", "1", "2", "3", "4", "5", "6")
        run(b, "zadd", "z", "1", "a", "2", "b", "3", "c", "4", "d")
        XCTAssertEqual(run(a, "blpop", "missing", "l", "0"), "*2\r\n$1\r\nl\r\n$1\r\n1\r\n")
        XCTAssertEqual(run(a, "BRPOP", "l", "1.5"), "*2\r\n$1\r\nl\r\n$1\r\n6\r\n")
        XCTAssertEqual(run(a, "blmove", "l", "d", "Left", "rIGHT", "0"), "$1\r\n2\r\n")
        XCTAssertEqual(run(a, "brpoplpush", "l", "d", "0"), "$1\r\n5\r\n")
        XCTAssertEqual(run(a, "blmpop", "0", "2", "x", "l", "right", "count", "9"),
                       "*2\r\n$1\r\nl\r\n*2\r\n$1\r\n4\r\n$1\r\n3\r\n")
        XCTAssertEqual(run(a, "bzpopmin", "z", "0"), "*3\r\n$1\r\nz\r\n$1\r\na\r\n$1\r\n1\r\n")
        XCTAssertEqual(run(a, "bzpopmax", "z", "0"), "*3\r\n$1\r\nz\r\n$1\r\nd\r\n$1\r\n4\r\n")
        XCTAssertEqual(run(a, "bzmpop", "0", "1", "z", "min", "count", "5"),
                       "*2\r\n$1\r\nz\r\n*2\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n")
        XCTAssertEqual(logged(), [
            "SELECT 0", "rpush l 1 2 3 4 5 6", "zadd z 1 a 2 b 3 c 4 d",
            "LPOP l", "RPOP l", "LMOVE l d Left rIGHT", "RPOPLPUSH l d", "RPOP l 2",
            "ZPOPMIN z", "ZPOPMAX z", "ZPOPMIN z 2",
        ])
    }

    func testServedClientsLogTheirPopAfterTheWriteThatFedThem() {
        XCTAssertEqual(run(a, "blpop", "l", "0"), "")
        XCTAssertTrue(a.isBlocked)
        XCTAssertEqual(run(c, "rpush", "l", "x", "y"), ":2\r\n")
        XCTAssertFalse(a.isBlocked)
        XCTAssertEqual(take(a), "*2\r\n$1\r\nl\r\n$1\r\nx\r\n")
        XCTAssertEqual(a.requiredLogOffset, engine.effectLog.endOffset)
        XCTAssertEqual(logged(), ["SELECT 0", "rpush l x y", "LPOP l"])

        run(a, "blmove", "src", "dst", "LEFT", "RIGHT", "0")
        run(b, "brpoplpush", "src2", "dst", "0")
        run(c, "rpush", "src", "1")
        run(c, "rpush", "src2", "2")
        XCTAssertEqual(take(a), "$1\r\n1\r\n")
        XCTAssertEqual(take(b), "$1\r\n2\r\n")
        XCTAssertEqual(logged(), ["rpush src 1", "LMOVE src dst left right", "rpush src2 2", "RPOPLPUSH src2 dst"])

        run(a, "blmpop", "0", "2", "m1", "m2", "left", "count", "5")
        run(b, "bzmpop", "0", "1", "z", "max", "count", "2")
        run(c, "rpush", "m2", "1", "2", "3")
        run(c, "zadd", "z", "1", "a", "2", "b", "3", "c")
        XCTAssertEqual(take(a), "*2\r\n$2\r\nm2\r\n*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n")
        XCTAssertEqual(take(b), "*2\r\n$1\r\nz\r\n*2\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n")
        XCTAssertEqual(run(a, "bzpopmin", "z2", "z", "0"), "*3\r\n$1\r\nz\r\n$1\r\na\r\n$1\r\n1\r\n")
        XCTAssertEqual(logged(), ["rpush m2 1 2 3", "LPOP m2 3", "zadd z 1 a 2 b 3 c", "ZPOPMAX z 2", "ZPOPMIN z"])
    }

    func testWaitersAreServedFirstComeFirstServedAfterTheWholeTransaction() {
        run(c, "set", "x", "1")
        run(a, "blpop", "q", "0")
        run(b, "brpop", "q", "0")
        run(c, "multi")
        run(c, "rpush", "q", "1", "2", "3")
        XCTAssertEqual(take(a), "")
        run(c, "lpop", "q")
        XCTAssertEqual(run(c, "exec"), "*2\r\n:3\r\n$1\r\n1\r\n")
        XCTAssertEqual(take(a), "*2\r\n$1\r\nq\r\n$1\r\n2\r\n")
        XCTAssertEqual(take(b), "*2\r\n$1\r\nq\r\n$1\r\n3\r\n")
        XCTAssertEqual(logged(), ["SELECT 0", "set x 1", "MULTI", "rpush q 1 2 3", "lpop q", "EXEC", "LPOP q", "RPOP q"])
        XCTAssertEqual(run(c, "exists", "q"), ":0\r\n")
    }

    func testATransactionThatLeavesTheKeyEmptyWakesNobody() {
        run(a, "blpop", "q", "0")
        run(c, "multi")
        run(c, "rpush", "q", "1")
        run(c, "lpop", "q")
        run(c, "exec")
        XCTAssertTrue(a.isBlocked)
        XCTAssertEqual(take(a), "")
    }

    func testAKeyOfAnotherTypeKeepsTheClientBlocked() {
        run(a, "blpop", "k", "0")
        run(b, "bzpopmin", "k", "0")
        run(c, "set", "k", "v")
        XCTAssertTrue(a.isBlocked)
        run(c, "del", "k")
        run(c, "zadd", "k", "1", "m")
        XCTAssertTrue(a.isBlocked)
        XCTAssertEqual(take(b), "*3\r\n$1\r\nk\r\n$1\r\nm\r\n$1\r\n1\r\n")
        run(c, "rpush", "k", "x")
        XCTAssertEqual(take(a), "*2\r\n$1\r\nk\r\n$1\r\nx\r\n")
    }

    func testAServedMoveWakesTheClientsBlockedOnItsDestination() {
        run(a, "blmove", "src", "dst", "left", "right", "0")
        run(b, "blpop", "dst", "0")
        run(c, "lpush", "src", "x")
        XCTAssertEqual(take(a), "$1\r\nx\r\n")
        XCTAssertEqual(take(b), "*2\r\n$3\r\ndst\r\n$1\r\nx\r\n")
        XCTAssertEqual(logged(), ["SELECT 0", "lpush src x", "LMOVE src dst left right", "LPOP dst"])
    }

    func testAServedMoveOntoAKeyOfAnotherTypeFailsAndMovesNothing() {
        run(c, "set", "dst", "v")
        run(a, "blmove", "src", "dst", "left", "right", "0")
        run(c, "rpush", "src", "x")
        XCTAssertEqual(take(a), "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n")
        XCTAssertFalse(a.isBlocked)
        XCTAssertEqual(run(c, "llen", "src"), ":1\r\n")
    }

    func testInsideExecBlockingCommandsAnswerAsTimedOut() {
        run(a, "multi")
        for command in [["blpop", "l", "0"], ["brpop", "l", "0"], ["blmove", "l", "d", "left", "left", "0"],
                        ["brpoplpush", "l", "d", "0"], ["blmpop", "0", "1", "l", "left"],
                        ["bzpopmin", "z", "0"], ["bzpopmax", "z", "0"], ["bzmpop", "0", "1", "z", "min"]] {
            engine.execute(command.map { Array($0.utf8) }, for: a)
        }
        XCTAssertEqual(take(a), String(repeating: "+QUEUED\r\n", count: 8))
        XCTAssertEqual(run(a, "exec"), "*8\r\n*-1\r\n*-1\r\n$-1\r\n$-1\r\n*-1\r\n*-1\r\n*-1\r\n*-1\r\n")
        XCTAssertFalse(a.isBlocked)
    }

    func testTimeoutsRepliedByCron() {
        run(a, "blpop", "l", "0.25")
        run(b, "bzpopmin", "z", "0")
        a.protocolVersion = 3
        clock.now += 200_000
        engine.cron()
        XCTAssertTrue(a.isBlocked)
        clock.now += 51_000
        engine.cron()
        XCTAssertFalse(a.isBlocked)
        XCTAssertTrue(b.isBlocked)
        XCTAssertEqual(take(a), "_\r\n")
        XCTAssertEqual(engine.blocking.clients.count, 1)
        XCTAssertEqual(engine.blocking.clientsWithDeadline, 0)
        XCTAssertEqual(logged(), [])
    }

    func testUnblockAndDisconnectRemoveTheWaiter() {
        run(a, "blpop", "l", "0")
        run(b, "blpop", "l", "0")
        XCTAssertEqual(run(c, "client", "unblock", String(a.id), "error"), ":1\r\n")
        XCTAssertEqual(take(a), "-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n")
        XCTAssertEqual(run(c, "client", "unblock", String(a.id)), ":0\r\n")
        engine.unregisterClient(b)
        XCTAssertTrue(engine.blocking.isEmpty)
        run(c, "rpush", "l", "x")
        XCTAssertEqual(run(c, "llen", "l"), ":1\r\n")
        XCTAssertEqual(take(b), "")
    }

    func testTimeoutArithmetic() {
        XCTAssertEqual(BlockingTimeout.milliseconds(0.0001), 1)
        XCTAssertEqual(BlockingTimeout.milliseconds(-0.0001), 0)
        XCTAssertEqual(BlockingTimeout.milliseconds(1.5), 1500)
        XCTAssertEqual(BlockingTimeout.milliseconds(Float80.infinity), Int64.min)
        XCTAssertEqual(BlockingTimeout.milliseconds(1e30), Int64.min)
        XCTAssertEqual(BlockingTimeout.milliseconds(-1e30), Int64.min)
    }
}
