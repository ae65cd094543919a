// Keyspace notifications inside the engine, without a network: when messages are queued and
// delivered, which buffers they go into, which clients get flushed, and that nothing is
// queued while notifications are off or nobody listens.

import NIOCore
import XCTest
import QuillRESP
import QuillStore
@testable import QuillCommands

final class KeyspaceNotificationTests: XCTestCase {
    private var clock: ManualClock!
    private var engine: Engine!
    private var writer: ClientSession!
    private var subscriber: ClientSession!
    private var flushes: [UInt64: Int] = [:]

    override func setUp() {
        clock = ManualClock()
        engine = Engine(config: Configuration(), clock: clock)
        writer = connect()
        subscriber = connect()
    }

    private func connect() -> ClientSession {
        let client = engine.registerClient(remoteAddress: "test", localAddress: "test", fileDescriptor: -1,
                                           allocator: ByteBufferAllocator())
        let id = client.id
        client.flushReplies = { [unowned self] in self.flushes[id, default: 0] += 1 }
        return client
    }

    @discardableResult
    private func run(_ client: ClientSession, _ args: String...) -> String {
        client.out.buffer.clear()
        engine.execute(args.map { Array($0.utf8) }, for: client)
        return String(decoding: client.out.buffer.readableBytesView, as: UTF8.self)
    }

    private func received(_ client: ClientSession) -> String {
        defer { client.out.buffer.clear() }
        return String(decoding: client.out.buffer.readableBytesView, as: UTF8.self)
    }

    func testNothingIsQueuedWhenOffOrUnheard() {
        run(subscriber, "PSUBSCRIBE", "*")
        _ = received(subscriber)
        XCTAssertEqual(run(writer, "SET", "k", "v"), "+OK\r\n")
        XCTAssertEqual(received(subscriber), "")
        XCTAssertEqual(run(writer, "CONFIG", "SET", "notify-keyspace-events", "KEA"), "+OK\r\n")
        run(subscriber, "PUNSUBSCRIBE")
        XCTAssertEqual(run(writer, "SET", "k", "v"), "+OK\r\n")
        XCTAssertTrue(engine.pubsub.pending.isEmpty)
        XCTAssertEqual(flushes[subscriber.id], nil)
    }

    func testMessagesReachOtherSubscribersFlushedAtTheEndOfTheRequest() {
        XCTAssertEqual(run(writer, "CONFIG", "SET", "notify-keyspace-events", "E$"), "+OK\r\n")
        run(subscriber, "SUBSCRIBE", "__keyevent@0__:set")
        _ = received(subscriber)
        XCTAssertEqual(run(writer, "MSET", "a", "1", "b", "2"), "+OK\r\n")
        XCTAssertEqual(received(subscriber),
                       "*3\r\n$7\r\nmessage\r\n$18\r\n__keyevent@0__:set\r\n$1\r\na\r\n"
                       + "*3\r\n$7\r\nmessage\r\n$18\r\n__keyevent@0__:set\r\n$1\r\nb\r\n")
        XCTAssertEqual(flushes[subscriber.id], 1)
        XCTAssertEqual(flushes[writer.id], nil)
        XCTAssertTrue(engine.pubsub.pending.isEmpty)
    }

    func testTheIssuingClientGetsItsMessagesBeforeItsReply() {
        XCTAssertEqual(run(writer, "CONFIG", "SET", "notify-keyspace-events", "Eg"), "+OK\r\n")
        run(writer, "HELLO", "3")
        run(writer, "PSUBSCRIBE", "__keyevent@0__:*")
        run(writer, "SET", "a", "1")
        XCTAssertEqual(run(writer, "DEL", "a", "zz"),
                       ">4\r\n$8\r\npmessage\r\n$16\r\n__keyevent@0__:*\r\n$18\r\n__keyevent@0__:del\r\n$1\r\na\r\n:1\r\n")
        XCTAssertEqual(flushes[writer.id], nil)
        // CLIENT REPLY OFF drops the reply; the message is still written.
        run(writer, "CLIENT", "REPLY", "OFF")
        run(writer, "SET", "b", "1")
        XCTAssertEqual(run(writer, "DEL", "b"),
                       ">4\r\n$8\r\npmessage\r\n$16\r\n__keyevent@0__:*\r\n$18\r\n__keyevent@0__:del\r\n$1\r\nb\r\n")
    }

    func testLazyAndActiveExpiryPublishExpired() {
        XCTAssertEqual(run(writer, "CONFIG", "SET", "notify-keyspace-events", "Ex"), "+OK\r\n")
        run(subscriber, "PSUBSCRIBE", "__keyevent@*")
        _ = received(subscriber)
        run(writer, "SET", "lazy", "v", "PX", "10")
        run(writer, "SET", "active", "v", "PX", "10")
        run(writer, "SELECT", "4")
        run(writer, "SET", "other", "v", "PX", "10")
        clock.now += 20_000
        XCTAssertEqual(run(writer, "GET", "other"), "$-1\r\n")
        XCTAssertEqual(received(subscriber),
                       "*4\r\n$8\r\npmessage\r\n$12\r\n__keyevent@*\r\n$22\r\n__keyevent@4__:expired\r\n$5\r\nother\r\n")
        for _ in 0..<20 where engine.keyspace.databases[0].count > 0 { engine.cron() }
        let text = received(subscriber)
        XCTAssertTrue(text.contains("__keyevent@0__:expired\r\n$4\r\nlazy\r\n"), text)
        XCTAssertTrue(text.contains("__keyevent@0__:expired\r\n$6\r\nactive\r\n"), text)
        XCTAssertEqual(flushes[subscriber.id], 2)
    }
}
