// Pub/Sub: SUBSCRIBE UNSUBSCRIBE PSUBSCRIBE PUNSUBSCRIBE PUBLISH PUBSUB. Confirmations and
// messages are three- or four-element arrays in RESP2 and push replies in RESP3. A message
// for another client goes into that client's reply buffer, which is then flushed through
// its `flushReplies` hook; the publisher's own buffer leaves by the normal path.

import QuillRESP
import QuillStore

public enum PubSubCommands {
    static let subscribeFlags: CommandFlags = [.pubsub, .noscript, .loading, .stale]
    static let introspectionFlags: CommandFlags = [.pubsub, .loading, .stale]

    public static let all: [CommandSpec] = [
        CommandSpec("subscribe", arity: -2, flags: subscribeFlags, categories: ["pubsub", "slow"], group: "pubsub",
                    summary: "Listen for messages published to the given channels", since: "2.0.0", handler: subscribe),
        CommandSpec("unsubscribe", arity: -1, flags: subscribeFlags, categories: ["pubsub", "slow"], group: "pubsub",
                    summary: "Stop listening for messages posted to the given channels", since: "2.0.0",
                    handler: unsubscribe),
        CommandSpec("psubscribe", arity: -2, flags: subscribeFlags, categories: ["pubsub", "slow"], group: "pubsub",
                    summary: "Listen for messages published to channels matching the given patterns", since: "2.0.0",
                    handler: psubscribe),
        CommandSpec("punsubscribe", arity: -1, flags: subscribeFlags, categories: ["pubsub", "slow"], group: "pubsub",
                    summary: "Stop listening for messages posted to channels matching the given patterns",
                    since: "2.0.0", handler: punsubscribe),
        CommandSpec("publish", arity: 3, flags: [.pubsub, .loading, .stale, .fast], categories: ["pubsub", "fast"],
                    group: "pubsub", summary: "Post a message to a channel", since: "2.0.0", handler: publish),
        CommandSpec("pubsub", arity: -2, flags: [], categories: ["slow"], group: "pubsub",
                    summary: "A container for Pub/Sub commands", since: "2.8.0", subcommands: [
                        CommandSpec("channels", arity: -2, flags: introspectionFlags, categories: ["pubsub", "slow"],
                                    group: "pubsub", summary: "List active channels", since: "2.8.0",
                                    handler: channels),
                        CommandSpec("numsub", arity: -2, flags: introspectionFlags, categories: ["pubsub", "slow"],
                                    group: "pubsub", summary: "Get the count of subscribers for channels",
                                    since: "2.8.0", handler: numsub),
                        CommandSpec("numpat", arity: 2, flags: introspectionFlags, categories: ["pubsub", "slow"],
                                    group: "pubsub", summary: "Get the count of unique patterns pattern subscriptions",
                                    since: "2.8.0", handler: numpat),
                        CommandSpec("help", arity: 2, flags: [.loading, .stale], categories: ["slow"],
                                    group: "pubsub", summary: "Show helpful text about the different subcommands",
                                    since: "6.2.0", handler: help),
                    ], handler: nil),
    ]

    /// One confirmation: [kind, channel or nil, the client's subscription count].
    static func confirm(_ c: CommandContext, _ kind: String, _ name: [UInt8]?) {
        let count = c.client.pubsubChannels.count + c.client.pubsubPatterns.count
        c.reply { out in
            if out.isRESP3 { out.pushHeader(3) } else { out.arrayHeader(3) }
            out.bulk(kind)
            if let name { out.bulk(name) } else { out.null() }
            out.integer(count)
        }
    }

    static func subscribe(_ c: CommandContext) {
        for channel in c.args.dropFirst() {
            c.engine.pubsub.subscribe(c.client, to: Key(channel))
            confirm(c, "subscribe", channel)
        }
    }

    static func psubscribe(_ c: CommandContext) {
        for pattern in c.args.dropFirst() {
            c.engine.pubsub.subscribe(c.client, toPattern: Key(pattern))
            confirm(c, "psubscribe", pattern)
        }
    }

    static func unsubscribe(_ c: CommandContext) {
        let names = c.args.count > 1 ? c.args.dropFirst().map(Key.init) : Array(c.client.pubsubChannels)
        if names.isEmpty { confirm(c, "unsubscribe", nil) }
        for channel in names {
            c.engine.pubsub.unsubscribe(c.client, from: channel)
            confirm(c, "unsubscribe", channel.bytes)
        }
    }

    static func punsubscribe(_ c: CommandContext) {
        let names = c.args.count > 1 ? c.args.dropFirst().map(Key.init) : Array(c.client.pubsubPatterns)
        if names.isEmpty { confirm(c, "punsubscribe", nil) }
        for pattern in names {
            c.engine.pubsub.unsubscribe(c.client, fromPattern: pattern)
            confirm(c, "punsubscribe", pattern.bytes)
        }
    }

    /// Drops every subscription of the client without confirmations (RESET).
    static func unsubscribeAll(_ c: CommandContext) {
        c.engine.pubsub.removeAll(c.client)
    }

    static func publish(_ c: CommandContext) {
        let channel = c.args[1]
        let message = c.args[2]
        var receivers = 0
        var touched: [ObjectIdentifier: ClientSession] = [:]
        if let subscribers = c.engine.pubsub.channels[Key(channel)] {
            for (id, client) in subscribers {
                client.out.writeMessage(nil, channel, message)
                touched[id] = client
                receivers += 1
            }
        }
        for (pattern, entry) in c.engine.pubsub.patterns where entry.glob.matches(channel) {
            for (id, client) in entry.clients {
                client.out.writeMessage(pattern.bytes, channel, message)
                touched[id] = client
                receivers += 1
            }
        }
        for client in touched.values where client !== c.client { client.flushReplies() }
        c.integer(receivers)
    }

    static func channels(_ c: CommandContext) {
        guard c.args.count <= 3 else {
            c.error("ERR unknown subcommand or wrong number of arguments for '\(String(decoding: c.args[1], as: UTF8.self))'. Try PUBSUB HELP.")
            return
        }
        let glob = c.args.count == 3 ? GlobPattern(c.args[2]) : nil
        let names = c.engine.pubsub.channels.keys.filter { glob?.matches($0.bytes) ?? true }
        c.reply { out in
            out.arrayHeader(names.count)
            for name in names { out.bulk(name.bytes) }
        }
    }

    static func numsub(_ c: CommandContext) {
        let names = c.args.dropFirst(2)
        c.reply { out in
            out.arrayHeader(names.count * 2)
            for name in names {
                out.bulk(name)
                out.integer(c.engine.pubsub.channels[Key(name)]?.count ?? 0)
            }
        }
    }

    static func numpat(_ c: CommandContext) { c.integer(c.engine.pubsub.patternCount) }

    static func help(_ c: CommandContext) {
        let lines = [
            "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CHANNELS [<pattern>]",
            "    Return the currently active channels matching a <pattern> (default: '*').",
            "NUMPAT",
            "    Return number of subscriptions to patterns.",
            "NUMSUB [<channel> ...]",
            "    Return the number of subscribers for the specified channels, excluding",
            "    pattern subscriptions(default: no channels).",
            "SHARDCHANNELS [<pattern>]",
            "    Return the currently active shard level channels matching a <pattern> (default: '*').",
            "SHARDNUMSUB [<shardchannel> ...]",
            "    Return the number of subscribers for the specified shard level channel(s)",
            "HELP",
            "    Prints this help.",
        ]
        c.reply { out in
            out.arrayHeader(lines.count)
            for line in lines { out.simpleString(line) }
        }
    }
}

extension RESPWriter {
    /// A published message: ["message", channel, payload], or ["pmessage", pattern, channel, payload].
    mutating func writeMessage(_ pattern: [UInt8]?, _ channel: [UInt8], _ payload: [UInt8]) {
        let count = pattern == nil ? 3 : 4
        if isRESP3 { pushHeader(count) } else { arrayHeader(count) }
        if let pattern {
            bulk("pmessage")
            bulk(pattern)
        } else {
            bulk("message")
        }
        bulk(channel)
        bulk(payload)
    }
}
