// Who listens to what: the subscribers of each channel and of each pattern, as Redis's
// server.pubsub_channels and server.pubsub_patterns. Each client also keeps its own
// channel and pattern sets (ClientSession), so its subscription count and the cleanup on
// RESET or disconnect need no scan of the whole registry.

import QuillStore

public struct PubSubRegistry {
    /// Subscribers of each channel; a channel with no subscriber is removed.
    var channels: [Key: [ObjectIdentifier: ClientSession]] = [:]
    /// Subscribers of each pattern, with the pattern compiled once.
    var patterns: [Key: (glob: GlobPattern, clients: [ObjectIdentifier: ClientSession])] = [:]
    /// Keyspace notifications waiting for the end of the request (see KeyspaceNotifications).
    var pending: [PendingPubSubMessage] = []

    public init() {}

    /// Channels with at least one subscriber (INFO pubsub_channels).
    public var channelCount: Int { channels.count }
    /// Distinct patterns with at least one subscriber (PUBSUB NUMPAT, INFO pubsub_patterns).
    public var patternCount: Int { patterns.count }

    /// Returns false when the client was already subscribed.
    @discardableResult
    mutating func subscribe(_ client: ClientSession, to channel: Key) -> Bool {
        guard client.pubsubChannels.insert(channel).inserted else { return false }
        channels[channel, default: [:]][ObjectIdentifier(client)] = client
        return true
    }

    /// Returns false when the client was not subscribed.
    @discardableResult
    mutating func unsubscribe(_ client: ClientSession, from channel: Key) -> Bool {
        guard client.pubsubChannels.remove(channel) != nil else { return false }
        channels[channel]?[ObjectIdentifier(client)] = nil
        if channels[channel]?.isEmpty == true { channels[channel] = nil }
        return true
    }

    @discardableResult
    mutating func subscribe(_ client: ClientSession, toPattern pattern: Key) -> Bool {
        guard client.pubsubPatterns.insert(pattern).inserted else { return false }
        if patterns[pattern] == nil { patterns[pattern] = (GlobPattern(pattern.bytes), [:]) }
        patterns[pattern]!.clients[ObjectIdentifier(client)] = client
        return true
    }

    @discardableResult
    mutating func unsubscribe(_ client: ClientSession, fromPattern pattern: Key) -> Bool {
        guard client.pubsubPatterns.remove(pattern) != nil else { return false }
        patterns[pattern]?.clients[ObjectIdentifier(client)] = nil
        if patterns[pattern]?.clients.isEmpty == true { patterns[pattern] = nil }
        return true
    }

    /// Drops every subscription of a client, silently (disconnect).
    mutating func removeAll(_ client: ClientSession) {
        for channel in client.pubsubChannels { unsubscribe(client, from: channel) }
        for pattern in client.pubsubPatterns { unsubscribe(client, fromPattern: pattern) }
    }
}
