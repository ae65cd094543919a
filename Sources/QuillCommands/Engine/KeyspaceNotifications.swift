// Keyspace notifications (Redis's notify.c): a change to a key is published as Pub/Sub
// messages on `__keyspace@<db>__:<key>` (payload: the event name) and on
// `__keyevent@<db>__:<event>` (payload: the key), in that order, for the classes that
// `notify-keyspace-events` selects. Commands report their events next to the change they make,
// in Redis's order; lazy and active expiry report `expired`, read misses `keymiss`.
//
// With notifications off (the default) a report costs one integer test. Messages are not
// written straight into the subscribers' reply buffers: an event may fire while the client
// that caused it is in the middle of writing its own reply (a RESP3 client may subscribe and
// still run commands). They wait in the registry until the request (or the cron pass) is
// over and are then written and flushed. The requesting client's own messages are placed
// before the reply it was just given, where Redis 7.0 has written them by the time it
// replies; its buffer then leaves by the normal path.

import QuillStore

/// A Pub/Sub message addressed to one subscriber, waiting for the end of the request.
struct PendingPubSubMessage {
    let client: ClientSession
    let pattern: [UInt8]?
    let channel: [UInt8]
    let payload: [UInt8]
}

extension Engine {
    /// Publishes `event` about `key` in database `db` if `type` is enabled (notifyKeyspaceEvent).
    func notifyKeyspaceEvent(_ type: KeyspaceEventFlags, _ event: String, _ key: Key, db: Int) {
        let flags = config.keyspaceEvents
        guard flags.rawValue & type.rawValue != 0 else { return }
        guard !pubsub.channels.isEmpty || !pubsub.patterns.isEmpty else { return }
        let database = Array(String(db).utf8)
        let eventName = Array(event.utf8)
        if flags.contains(.keyspace) {
            queueMessage(channel: Self.keyspacePrefix + database + Self.channelSeparator + key.bytes, payload: eventName)
        }
        if flags.contains(.keyevent) {
            queueMessage(channel: Self.keyeventPrefix + database + Self.channelSeparator + eventName, payload: key.bytes)
        }
    }

    private static let keyspacePrefix = Array("__keyspace@".utf8)
    private static let keyeventPrefix = Array("__keyevent@".utf8)
    private static let channelSeparator = Array("__:".utf8)

    /// Addresses a message to the channel's subscribers, then to those of matching patterns,
    /// as PUBLISH delivers.
    private func queueMessage(channel: [UInt8], payload: [UInt8]) {
        if let subscribers = pubsub.channels[Key(channel)] {
            for client in subscribers.values {
                pubsub.pending.append(PendingPubSubMessage(client: client, pattern: nil, channel: channel,
                                                           payload: payload))
            }
        }
        for (pattern, entry) in pubsub.patterns where entry.glob.matches(channel) {
            for client in entry.clients.values {
                pubsub.pending.append(PendingPubSubMessage(client: client, pattern: pattern.bytes, channel: channel,
                                                           payload: payload))
            }
        }
    }

    /// Writes the waiting messages into their subscribers' buffers and flushes every one of
    /// them but `current`, the client whose request is being answered (none from cron), whose
    /// messages go before the reply it wrote from `replyStart` on.
    func deliverPendingMessages(current: ClientSession? = nil, replyStart: Int = 0) {
        guard !pubsub.pending.isEmpty else { return }
        let messages = pubsub.pending
        pubsub.pending.removeAll()
        var reply: [UInt8]?
        if let current, messages.contains(where: { $0.client === current }) {
            let buffer = current.out.buffer
            if replyStart >= buffer.readerIndex && replyStart <= buffer.writerIndex {
                reply = buffer.getBytes(at: replyStart, length: buffer.writerIndex - replyStart)
                current.out.buffer.moveWriterIndex(to: replyStart)
            }
        }
        var touched: [ObjectIdentifier: ClientSession] = [:]
        for message in messages {
            message.client.out.writeMessage(message.pattern, message.channel, message.payload)
            touched[ObjectIdentifier(message.client)] = message.client
        }
        if let current, let reply { current.out.buffer.writeBytes(reply) }
        for client in touched.values {
            // An event tells of a change: it leaves only once the log holds that change.
            if effectLog.isRecording { client.requiredLogOffset = max(client.requiredLogOffset, effectLog.endOffset) }
            if client !== current { client.flushReplies() }
        }
    }
}

extension CommandContext {
    /// Publishes `event` about `key` in the client's database.
    func notify(_ type: KeyspaceEventFlags, _ event: String, _ key: Key) {
        engine.notifyKeyspaceEvent(type, event, key, db: db)
    }

    /// Publishes `event` about `key`, then `del` if the change removed the key: Redis deletes
    /// an aggregate its last element left, and reports the deletion after the command's event.
    func notifyRemoval(_ type: KeyspaceEventFlags, _ event: String, _ key: Key) {
        notify(type, event, key)
        guard engine.config.keyspaceEvents.contains(.generic) else { return }
        if engine.keyspace.databases[db].entry(key) == nil { notify(.generic, "del", key) }
    }

    /// Publishes `new` when `key` is about to be created (Redis's dbAdd). A key whose time
    /// has passed is expired first, as the overwrite's lookup does in Redis, so it reports
    /// `expired` and then `new`.
    func notifyIfNew(_ key: Key) {
        let wanted = KeyspaceEventFlags.new.rawValue | KeyspaceEventFlags.expired.rawValue
        guard engine.config.keyspaceEvents.rawValue & wanted != 0 else { return }
        engine.expireIfNeeded(db, key)
        if engine.keyspace.databases[db].entry(key) == nil { notify(.new, "new", key) }
    }
}
