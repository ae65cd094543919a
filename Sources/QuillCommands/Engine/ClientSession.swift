// The state the engine keeps for one connected client: which database it uses, its
// protocol version, its transaction, its name and flags for CLIENT LIST, and the reply
// buffer that commands write into. The network layer owns the socket and hands the engine
// this object; everything here is touched only on the engine's thread.

import NIOCore
import QuillRESP
import QuillStore

public final class ClientSession {
    public enum ReplyMode: Sendable { case on, off, skipNext, skipThis }

    public let id: UInt64
    public var name: [UInt8] = []
    public var libraryName: [UInt8] = []
    public var libraryVersion: [UInt8] = []
    public var databaseIndex = 0
    public var out: RESPWriter
    public var authenticated: Bool
    public var replyMode: ReplyMode = .on
    public var noEvict = false
    public var noTouch = false
    /// Set when the connection must close once the pending replies are written.
    public var closeAfterReply = false
    public let remoteAddress: String
    public let localAddress: String
    public let fileDescriptor: Int
    public let createdAtMilliseconds: Int64
    public var lastInteractionMilliseconds: Int64
    public var lastCommandName = "NULL"
    /// Transaction state: commands queued since MULTI, and whether EXEC must fail.
    public var transaction: Transaction?
    /// Keys this client WATCHes, with whether each had logically expired when watched.
    public var watchedKeys: [WatchedKey] = []
    /// Set when a watched key is touched; EXEC then aborts.
    public var watchedKeyTouched = false
    /// Set by the network layer: closes the connection (CLIENT KILL, SHUTDOWN).
    public var closeConnection: () -> Void = {}
    /// Set by the network layer: writes out `out` now, for a message published by another client.
    public var flushReplies: () -> Void = {}
    /// Channels and patterns this client is subscribed to (see PubSubRegistry).
    public var pubsubChannels: Set<Key> = []
    public var pubsubPatterns: Set<Key> = []
    /// The last command name this client sent and what it resolved to (see Engine.lookupCommand).
    var lastLookup: (name: [UInt8], spec: CommandSpec)?
    /// The append-only log position the replies written so far depend on: they may leave
    /// only once the log has been written (or fsynced, under `appendfsync always`) that far.
    public var requiredLogOffset: Int64 = 0
    /// Bytes waiting in the socket's query buffer, for CLIENT LIST's qbuf.
    public var queryBufferBytes = 0
    /// What a blocking command (BLPOP…) waits for; while set, the connection runs no
    /// further requests.
    public internal(set) var blockedRequest: BlockedRequest?
    /// Set by the network layer: runs the requests that arrived while the client was blocked.
    public var resumeRequests: () -> Void = {}

    public var isBlocked: Bool { blockedRequest != nil }

    public init(id: UInt64, remoteAddress: String, localAddress: String, fileDescriptor: Int,
                authenticated: Bool, now: Int64, allocator: ByteBufferAllocator = ByteBufferAllocator()) {
        self.id = id
        self.remoteAddress = remoteAddress
        self.localAddress = localAddress
        self.fileDescriptor = fileDescriptor
        self.authenticated = authenticated
        self.createdAtMilliseconds = now
        self.lastInteractionMilliseconds = now
        self.out = RESPWriter(buffer: allocator.buffer(capacity: 512), protocolVersion: 2)
    }

    public var protocolVersion: Int {
        get { out.protocolVersion }
        set { out.protocolVersion = newValue }
    }

    public var isInTransaction: Bool { transaction != nil }

    /// Subscribed to at least one channel or pattern (Redis's CLIENT_PUBSUB flag).
    public var isSubscribed: Bool { !pubsubChannels.isEmpty || !pubsubPatterns.isEmpty }
}

public struct WatchedKey: Sendable {
    public let databaseIndex: Int
    public let key: Key
    public let expiredWhenWatched: Bool
}

public struct Transaction: Sendable {
    public var queued: [[[UInt8]]] = []
    /// A write command is queued: EXEC is refused while the log cannot be written.
    public var hasWrites = false
    /// A command was refused while queuing (unknown, wrong arity): EXEC replies EXECABORT.
    public var aborted = false
}
