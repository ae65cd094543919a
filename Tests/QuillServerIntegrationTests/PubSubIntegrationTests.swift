// Pub/Sub through the real binary with several clients: confirmations and messages in RESP2
// (arrays) and RESP3 (push replies), pattern subscriptions, receiver counts, the RESP2
// subscribed-mode restrictions, PUBSUB introspection and cleanup on RESET and disconnect.

import XCTest

final class PubSubIntegrationTests: ServerIntegrationTestCase {
    func confirmation(_ kind: String, _ name: String?, _ count: Int) -> Reply {
        .array([.bulk(kind), name.map { .bulk($0) } ?? .null, .integer(count)])
    }

    func testSubscribeConfirmsEachChannelWithTheRunningCount() throws {
        try c.send(strings: ["SUBSCRIBE", "a", "b", "a"])
        XCTAssertEqual(try c.read(), confirmation("subscribe", "a", 1))
        XCTAssertEqual(try c.read(), confirmation("subscribe", "b", 2))
        XCTAssertEqual(try c.read(), confirmation("subscribe", "a", 2))
        try c.send(strings: ["PSUBSCRIBE", "n*"])
        XCTAssertEqual(try c.read(), confirmation("psubscribe", "n*", 3))
        try c.send(strings: ["UNSUBSCRIBE", "b", "zz"])
        XCTAssertEqual(try c.read(), confirmation("unsubscribe", "b", 2))
        XCTAssertEqual(try c.read(), confirmation("unsubscribe", "zz", 2))
        try c.send(strings: ["PUNSUBSCRIBE"])
        XCTAssertEqual(try c.read(), confirmation("punsubscribe", "n*", 1))
        try c.send(strings: ["UNSUBSCRIBE"])
        XCTAssertEqual(try c.read(), confirmation("unsubscribe", "a", 0))
        XCTAssertEqual(try c.call("UNSUBSCRIBE"), confirmation("unsubscribe", nil, 0))
        XCTAssertEqual(try c.call("PUNSUBSCRIBE"), confirmation("punsubscribe", nil, 0))
        XCTAssertEqual(try c.call("SET", "k", "v"), .simple("OK"))
    }

    func testPublishReachesChannelAndPatternSubscribers() throws {
        let s1 = try server.client()
        let s2 = try server.client()
        XCTAssertEqual(try s1.call("SUBSCRIBE", "news.tech"), confirmation("subscribe", "news.tech", 1))
        XCTAssertEqual(try s2.call("PSUBSCRIBE", "news.*"), confirmation("psubscribe", "news.*", 1))
        XCTAssertEqual(try c.call("PUBLISH", "news.tech", "hello"), .integer(2))
        XCTAssertEqual(try s1.read(), .array([.bulk("message"), .bulk("news.tech"), .bulk("hello")]))
        XCTAssertEqual(try s2.read(), .array([.bulk("pmessage"), .bulk("news.*"), .bulk("news.tech"), .bulk("hello")]))
        XCTAssertEqual(try c.call("PUBLISH", "news.art", "x"), .integer(1))
        XCTAssertEqual(try s2.read(), .array([.bulk("pmessage"), .bulk("news.*"), .bulk("news.art"), .bulk("x")]))
        XCTAssertEqual(try c.call("PUBLISH", "other", "x"), .integer(0))
        // One client matching by channel and by two patterns receives three copies.
        try s1.send(strings: ["PSUBSCRIBE", "news.*", "*tech"])
        XCTAssertEqual(try s1.read(), confirmation("psubscribe", "news.*", 2))
        XCTAssertEqual(try s1.read(), confirmation("psubscribe", "*tech", 3))
        XCTAssertEqual(try c.call("PUBLISH", "news.tech", "y"), .integer(4))
        var received: [String] = []
        for _ in 0..<3 { received.append(try s1.read().description) }
        XCTAssertEqual(received.sorted(), [
            Reply.array([.bulk("message"), .bulk("news.tech"), .bulk("y")]).description,
            Reply.array([.bulk("pmessage"), .bulk("*tech"), .bulk("news.tech"), .bulk("y")]).description,
            Reply.array([.bulk("pmessage"), .bulk("news.*"), .bulk("news.tech"), .bulk("y")]).description,
        ].sorted())
        XCTAssertEqual(try s2.read(), .array([.bulk("pmessage"), .bulk("news.*"), .bulk("news.tech"), .bulk("y")]))
    }

    func testRESP2SubscribedModeAllowsOnlySubscriptionCommands() throws {
        try c.send(strings: ["SUBSCRIBE", "ch"])
        _ = try c.read()
        XCTAssertEqual(try c.call("GET", "a"), .error("ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"))
        XCTAssertEqual(try c.call("CLIENT", "LIST"), .error("ERR Can't execute 'client|list': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"))
        XCTAssertEqual(try c.call("PING"), .array([.bulk("pong"), .bulk("")]))
        XCTAssertEqual(try c.call("PING", "hi"), .array([.bulk("pong"), .bulk("hi")]))
        XCTAssertEqual(try c.call("SUBSCRIBE"), .error("ERR wrong number of arguments for 'subscribe' command"))
        XCTAssertEqual(try c.call("RESET"), .simple("RESET"))
        XCTAssertEqual(try c.call("PING"), .simple("PONG"))
        XCTAssertEqual(try c.call("PUBLISH", "ch", "m"), .integer(0))
    }

    func testRESP3UsesPushRepliesAndAllowsEveryCommand() throws {
        let s = try server.client()
        _ = try s.call("HELLO", "3")
        XCTAssertEqual(try s.call("SUBSCRIBE", "ch"), .push([.bulk("subscribe"), .bulk("ch"), .integer(1)]))
        XCTAssertEqual(try s.call("PSUBSCRIBE", "c?"), .push([.bulk("psubscribe"), .bulk("c?"), .integer(2)]))
        XCTAssertEqual(try s.call("SET", "k", "v"), .simple("OK"))
        XCTAssertEqual(try s.call("PING"), .simple("PONG"))
        XCTAssertEqual(try c.call("PUBLISH", "ch", "hi"), .integer(2))
        XCTAssertEqual(try s.read(), .push([.bulk("message"), .bulk("ch"), .bulk("hi")]))
        XCTAssertEqual(try s.read(), .push([.bulk("pmessage"), .bulk("c?"), .bulk("ch"), .bulk("hi")]))
        // The publisher's own copy comes before its PUBLISH reply.
        try s.send(strings: ["PUBLISH", "ch", "self"])
        XCTAssertEqual(try s.read(), .push([.bulk("message"), .bulk("ch"), .bulk("self")]))
        XCTAssertEqual(try s.read(), .push([.bulk("pmessage"), .bulk("c?"), .bulk("ch"), .bulk("self")]))
        XCTAssertEqual(try s.read(), .integer(2))
        XCTAssertEqual(try s.call("UNSUBSCRIBE", "ch"), .push([.bulk("unsubscribe"), .bulk("ch"), .integer(1)]))
        XCTAssertEqual(try s.call("PUNSUBSCRIBE", "c?"), .push([.bulk("punsubscribe"), .bulk("c?"), .integer(0)]))
        XCTAssertEqual(try s.call("UNSUBSCRIBE"), .push([.bulk("unsubscribe"), .null, .integer(0)]))
    }

    func testPubSubIntrospection() throws {
        let s1 = try server.client()
        let s2 = try server.client()
        try s1.send(strings: ["SUBSCRIBE", "alpha", "beta"])
        _ = try s1.read(); _ = try s1.read()
        _ = try s2.call("SUBSCRIBE", "alpha")
        try s2.send(strings: ["PSUBSCRIBE", "a*", "b*"])
        _ = try s2.read(); _ = try s2.read()
        _ = try s1.call("PSUBSCRIBE", "a*")
        let channels = try c.call("PUBSUB", "CHANNELS").array?.map(\.description).sorted()
        XCTAssertEqual(channels, ["\"alpha\"", "\"beta\""])
        XCTAssertEqual(try c.call("PUBSUB", "CHANNELS", "b*"), .array([.bulk("beta")]))
        XCTAssertEqual(try c.call("PUBSUB", "NUMSUB", "alpha", "beta", "none"), .array([
            .bulk("alpha"), .integer(2), .bulk("beta"), .integer(1), .bulk("none"), .integer(0),
        ]))
        XCTAssertEqual(try c.call("PUBSUB", "NUMSUB"), .array([]))
        XCTAssertEqual(try c.call("PUBSUB", "NUMPAT"), .integer(2))
        XCTAssertEqual(try c.call("PUBSUB", "CHANNELS", "a", "b"), .error("ERR unknown subcommand or wrong number of arguments for 'CHANNELS'. Try PUBSUB HELP."))
        XCTAssertEqual(try c.call("PUBSUB", "NUMPAT", "x"), .error("ERR wrong number of arguments for 'pubsub|numpat' command"))
        XCTAssertEqual(try c.call("PUBSUB", "FOO"), .error("ERR unknown subcommand 'FOO'. Try PUBSUB HELP."))
        XCTAssertEqual(try c.call("PUBSUB", "HELP").array?.first, .simple("PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"))
        XCTAssertEqual(try c.call("PUBLISH", "a"), .error("ERR wrong number of arguments for 'publish' command"))
        let info = try c.call("INFO", "stats").description
        XCTAssertTrue(info.contains("pubsub_channels:2\r\n"))
        XCTAssertTrue(info.contains("pubsub_patterns:2\r\n"))
        let list = try c.call("CLIENT", "LIST", "TYPE", "pubsub").description
        XCTAssertTrue(list.contains(" flags=P db=0 sub=2 psub=1 "), list)
        XCTAssertTrue(list.contains(" flags=P db=0 sub=1 psub=2 "), list)
    }

    func testResetAndDisconnectDropSubscriptions() throws {
        var s1: RESPClient? = try server.client()
        let s2 = try server.client()
        _ = try s1!.call("SUBSCRIBE", "ch")
        _ = try s1!.call("PSUBSCRIBE", "p*")
        _ = try s2.call("SUBSCRIBE", "ch")
        XCTAssertEqual(try c.call("PUBSUB", "NUMSUB", "ch"), .array([.bulk("ch"), .integer(2)]))
        XCTAssertEqual(try s2.call("RESET"), .simple("RESET"))
        XCTAssertEqual(try c.call("PUBSUB", "NUMSUB", "ch"), .array([.bulk("ch"), .integer(1)]))
        s1 = nil
        var numsub = try c.call("PUBSUB", "NUMSUB", "ch")
        for _ in 0..<100 where numsub != .array([.bulk("ch"), .integer(0)]) {
            Thread.sleep(forTimeInterval: 0.02)
            numsub = try c.call("PUBSUB", "NUMSUB", "ch")
        }
        XCTAssertEqual(numsub, .array([.bulk("ch"), .integer(0)]))
        XCTAssertEqual(try c.call("PUBSUB", "NUMPAT"), .integer(0))
        XCTAssertEqual(try c.call("PUBSUB", "CHANNELS"), .array([]))
        XCTAssertEqual(try c.call("PUBLISH", "ch", "m"), .integer(0))
    }

    func testRedisCliPublish() throws {
        let s = try server.client()
        _ = try s.call("SUBSCRIBE", "ch")
        let result = try ServerProcess.run("redis-cli", ["-p", String(server.port), "PUBLISH", "ch", "from-cli"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.output.trimmingCharacters(in: .whitespacesAndNewlines), "1")
        XCTAssertEqual(try s.read(), .array([.bulk("message"), .bulk("ch"), .bulk("from-cli")]))
    }
}
