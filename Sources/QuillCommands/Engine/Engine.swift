// The engine: the single owner of the keyspace. It runs one command at a time, in arrival
// order, on one thread (the server's event loop), like Redis's main thread; nothing else
// touches the keyspace, so it takes no locks.
//
// `execute` is the dispatcher every request goes through: name lookup, arity, AUTH, the
// MULTI queue, then the handler. The policies that surround a key access live here too:
// lazy expiry on lookup, keyspace hit/miss counters, WATCH invalidation and the `dirty`
// counter of changes.
//
// Effects: after each command that changed the dataset, its effect (the request itself, or
// what the command chose to log instead through CommandContext.logEffect) joins the effects
// of the current execution unit; when the unit ends they go to `effectLog` as one record
// group, and the client's `requiredLogOffset` tells the network layer which log position its
// reply must wait for. After each unit, clients blocked (BLPOP…) on keys it made ready are
// served, each as a unit of its own (see Engine+Blocking).

import NIOCore
import QuillRESP
import QuillStore

public final class Engine {
    public let table: CommandTable
    public var keyspace: Keyspace
    public let config: Configuration
    public let clock: any Clock
    public var stats = ServerStats()
    public var environment = ServerEnvironment()
    public var latency = LatencyMonitor()

    /// Connected clients by id, for CLIENT LIST / KILL and INFO clients.
    public private(set) var clients: [UInt64: ClientSession] = [:]
    private var nextClientID: UInt64 = 1

    /// Clients watching each key, per database.
    var watchers: [Int: [Key: [ObjectIdentifier: ClientSession]]] = [:]
    /// Channel and pattern subscribers.
    public internal(set) var pubsub = PubSubRegistry()

    /// Changes since start-up (Redis's server.dirty).
    public private(set) var dirty = 0
    /// Time frozen for the command being executed, in Unix milliseconds; a MULTI/EXEC sees one time.
    public private(set) var nowMilliseconds: Int64 = 0
    /// The latest clock reading, in microseconds: a command's duration starts from the reading
    /// taken when its request arrived, or, inside EXEC, when the previous command ended, so
    /// each command costs one clock read, not two.
    private var lastClockMicroseconds: Int64 = 0
    /// Active expiry may be switched off by DEBUG SET-ACTIVE-EXPIRE 0.
    public var activeExpireEnabled = true
    /// Set by SHUTDOWN; the server observes it and stops.
    public var shutdownRequest: ShutdownRequest?
    /// Unix time in seconds of the last successful save, for LASTSAVE and INFO.
    public var lastSaveSeconds: Int64
    var activeExpire = ActiveExpireCycle()
    /// The append-only file's pending records; see EffectLog.
    public var effectLog = EffectLog()
    /// True while EXEC runs its queued commands (Redis's server.in_exec).
    public internal(set) var executingTransaction = false
    /// True while a file is replayed: keys do not expire and nothing is logged (Redis's server.loading).
    public var loading = false
    /// How far the log has been written and fsynced; replies wait on it.
    public var logDurability = LogDurability()
    /// Set while the log cannot be written: write commands (and PING) get this error, as
    /// Redis's writeCommandsDeniedByDiskError makes them.
    public var writeRefusal: String?
    /// The append-only file's controls, installed by the server.
    public var persistence: (any PersistenceControl)?
    /// Effects of the execution unit in progress (Redis's server.also_propagate).
    var unitEffects: [Effect] = []
    /// What the running command logs instead of its request, when it said so.
    var effectOverride: [[[UInt8]]]?
    /// Set by a command whose request is logged even when nothing changed (FLUSHDB, FLUSHALL).
    var effectForced = false
    /// Keys changed by the unit in progress, and whether it changed whole databases.
    var unitKeys: [DatabaseKey] = []
    var unitTouchesAllKeys = false
    /// Changes the log has not made durable yet; reads of them wait.
    var unsynced = UnsyncedWrites()
    /// Clients blocked by BLPOP and friends, and the keys ready to serve them.
    var blocking = BlockingRegistry()
    /// Commands running, nested ones included: above 1 inside EXEC.
    private(set) var callDepth = 0
    public var randomGenerator = SystemRandomNumberGenerator()

    public init(config: Configuration, clock: any Clock = SystemClock(), table: CommandTable = .standard) {
        self.config = config
        self.clock = clock
        self.table = table
        self.keyspace = Keyspace(databaseCount: config.databases)
        self.lastSaveSeconds = clock.milliseconds() / 1000
        self.nowMilliseconds = clock.milliseconds()
    }

    // MARK: Clients

    public func registerClient(remoteAddress: String, localAddress: String, fileDescriptor: Int,
                               allocator: ByteBufferAllocator) -> ClientSession {
        let id = nextClientID
        nextClientID += 1
        let now = clock.milliseconds()
        let client = ClientSession(id: id, remoteAddress: remoteAddress, localAddress: localAddress,
                                   fileDescriptor: fileDescriptor, authenticated: config.requirePass == nil,
                                   now: now, allocator: allocator)
        clients[id] = client
        stats.totalConnectionsReceived += 1
        return client
    }

    public func unregisterClient(_ client: ClientSession) {
        unwatchAll(client)
        pubsub.removeAll(client)
        dropBlockedClient(client)
        clients[client.id] = nil
    }

    // MARK: Dispatch

    /// Runs one request and writes its reply into `client.out`. `followsPrevious` says the
    /// request came in the same read as the one executed just before it (a pipeline): its
    /// start is then that one's end, read from the clock a moment ago, which saves one clock
    /// read per pipelined command.
    public func execute(_ args: [[UInt8]], for client: ClientSession, followsPrevious: Bool = false) {
        guard !args.isEmpty else { return }
        let nowMicroseconds = followsPrevious ? lastClockMicroseconds : clock.microseconds()
        lastClockMicroseconds = nowMicroseconds
        nowMilliseconds = nowMicroseconds / 1000
        client.lastInteractionMilliseconds = nowMilliseconds
        let replyStart = client.out.buffer.writerIndex
        if client.replyMode == .skipNext { client.replyMode = .skipThis }
        dispatch(args, for: client)
        if !unitEffects.isEmpty || !unitKeys.isEmpty { commitUnit(for: client) }
        if blocking.hasReadyKeys { serveBlockedClients() }
        switch client.replyMode {
        case .on: break
        case .off: client.out.buffer.moveWriterIndex(to: replyStart)
        case .skipThis:
            client.out.buffer.moveWriterIndex(to: replyStart)
            client.replyMode = .on
        case .skipNext: break
        }
        deliverPendingMessages(current: client, replyStart: replyStart)
    }

    private func dispatch(_ args: [[UInt8]], for client: ClientSession) {
        let context = CommandContext(engine: self, client: client, args: args)
        guard var spec = lookupCommand(args[0], for: client) else {
            context.rejectWhileQueuing(ErrorReplies.unknownCommand(args))
            return
        }
        if !spec.subcommands.isEmpty && args.count >= 2 {
            let subName = String(decoding: args[1], as: UTF8.self).lowercased()
            guard let sub = spec.subcommands.first(where: { $0.name == subName }) else {
                context.rejectWhileQueuing(ErrorReplies.unknownSubcommand(args[1], of: spec.name))
                return
            }
            guard sub.accepts(argumentCount: args.count) else {
                recordRejection(sub)
                context.rejectWhileQueuing(ErrorReplies.wrongArity("\(spec.name)|\(sub.name)"))
                return
            }
            spec = sub
        } else if !spec.accepts(argumentCount: args.count) {
            recordRejection(spec)
            context.rejectWhileQueuing(ErrorReplies.wrongArity(spec.name))
            return
        }
        if !client.authenticated && !spec.flags.contains(.noAuth) {
            recordRejection(spec)
            context.rejectWhileQueuing(ErrorReplies.noAuth)
            return
        }
        if client.protocolVersion == 2 && client.isSubscribed && !Self.allowedWhileSubscribed.contains(spec.fullName) {
            recordRejection(spec)
            context.rejectWhileQueuing("ERR Can't execute '\(spec.fullName)': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context")
            return
        }
        if loading && !spec.flags.contains(.loading) {
            recordRejection(spec)
            context.rejectWhileQueuing("LOADING Redis is loading the dataset in memory")
            return
        }
        if let refusal = writeRefusal, spec.flags.contains(.write) || spec.name == "ping"
            || (spec.name == "exec" && client.transaction?.hasWrites == true) {
            recordRejection(spec)
            context.rejectWhileQueuing(refusal)
            return
        }
        if client.transaction != nil && !TransactionCommands.runImmediately.contains(spec.name) {
            if spec.flags.contains(.noMulti) {
                recordRejection(spec)
                context.rejectWhileQueuing("ERR Command not allowed inside a transaction")
                return
            }
            client.transaction!.queued.append(args)
            if spec.flags.contains(.write) { client.transaction!.hasWrites = true }
            client.out.simpleString("QUEUED")
            return
        }
        run(spec, context)
    }

    /// What a RESP2 client may send while subscribed: its replies could not be told apart from messages otherwise.
    private static let allowedWhileSubscribed: Set<String> = ["subscribe", "unsubscribe", "psubscribe", "punsubscribe",
                                                              "ping", "quit", "reset"]

    /// The decoder hands a connection the same array for a repeated command name, so a name
    /// stored at the same address as the previous one is the previous command: no hashing.
    private func lookupCommand(_ name: [UInt8], for client: ClientSession) -> CommandSpec? {
        if let last = client.lastLookup, Self.sameStorage(last.name, name) { return last.spec }
        guard let spec = table.lookup(name) else { return nil }
        client.lastLookup = (name, spec)
        return spec
    }

    private static func sameStorage(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in pa.baseAddress == pb.baseAddress && pa.count == pb.count } }
    }

    /// Runs a command already validated, as EXEC does for each queued command.
    func run(_ spec: CommandSpec, _ context: CommandContext) {
        // Like Redis's loader, which calls a record's command directly, a replayed record is
        // not counted; the commands an EXEC runs for it are, without call statistics.
        let replayedRecord = replayingRecord
        replayingRecord = false
        if !replayedRecord { stats.totalCommandsProcessed += 1 }
        context.client.lastCommandName = spec.fullName
        let errorsBefore = stats.totalErrorReplies
        let started = lastClockMicroseconds
        let dirtyBefore = dirty
        callDepth += 1
        spec.handler?(context)
        callDepth -= 1
        if effectLog.isRecording && spec.logsItsRequest {
            // Only a rise counts, as in Redis's call(): DEBUG LOADAOF resets the counter and
            // must not be logged (replaying it would reload the files again and again).
            collectEffect(context, changed: dirty > dirtyBefore)
        } else {
            // Nothing is logged now (a replayed record, the log off): what the command asked
            // to log must not be taken for the next command's.
            effectOverride = nil
            effectForced = false
        }
        // A unit with effects of its own commits past every unsynced change, so its reply
        // waits for all of them anyway: only units that changed nothing look keys up.
        if effectLog.isRecording && unitEffects.isEmpty && !unsynced.isEmpty { waitForUnsyncedReads(spec, context) }
        let ended = clock.microseconds()
        lastClockMicroseconds = ended
        // A command that blocked is counted once it finishes (see Engine+Blocking).
        if context.client.blockedRequest != nil {
            context.client.blockedRequest!.callMicroseconds = ended - started
        } else if context.client.id != Self.loaderClientID {
            recordCall(spec, microseconds: ended - started, failed: stats.totalErrorReplies != errorsBefore)
        }
    }

    /// The id of the client the append-only file is replayed on (Redis's CLIENT_ID_AOF).
    public static let loaderClientID = UInt64.max
    /// Set by `replay` for the record it is about to run.
    private var replayingRecord = false

    /// Runs a record read from the append-only file, as Redis's loader does with its fake
    /// client: no arity, AUTH or loading checks, MULTI…EXEC queued and executed. The replies
    /// stay in the client's buffer until the next record (the loader logs the errors, see
    /// `takeErrorReplies`). False for a command Quill does not know (the load must stop).
    public func replay(_ args: [[UInt8]], for client: ClientSession) -> Bool {
        client.out.buffer.clear()
        guard !args.isEmpty, let spec = resolve(args) else { return false }
        nowMilliseconds = clock.milliseconds()
        lastClockMicroseconds = nowMilliseconds * 1000
        let context = CommandContext(engine: self, client: client, args: args)
        if client.transaction != nil && !TransactionCommands.runImmediately.contains(spec.name) {
            client.transaction!.queued.append(args)
        } else {
            replayingRecord = true
            run(spec, context)
        }
        return true
    }

    /// Looks a queued request up again at EXEC time (names and arity were checked when queued).
    func resolve(_ args: [[UInt8]]) -> CommandSpec? {
        guard let spec = table.lookup(args[0]) else { return nil }
        if !spec.subcommands.isEmpty && args.count >= 2 {
            let subName = String(decoding: args[1], as: UTF8.self).lowercased()
            return spec.subcommands.first { $0.name == subName }
        }
        return spec
    }

    // MARK: Key access policy

    /// The LRU clock in seconds (OBJECT IDLETIME resolution).
    var lruSeconds: UInt32 { UInt32(truncatingIfNeeded: nowMilliseconds / 1000) }

    /// Deletes `key` if its time has passed. Returns true if it was expired (and is gone now).
    @discardableResult
    func expireIfNeeded(_ db: Int, _ key: Key) -> Bool {
        guard !loading, let when = keyspace.databases[db].expireTime(key), when <= nowMilliseconds else { return false }
        deleteExpiredKey(db, key)
        return true
    }

    func deleteExpiredKey(_ db: Int, _ key: Key) {
        keyspace.databases[db].remove(key)
        notifyKeyspaceEvent(.expired, "expired", key, db: db)
        stats.expiredKeys += 1
        keyModified(db, key)
        if effectLog.isRecording {
            let verb = config.lazyfreeLazyExpire ? EffectWords.unlink : EffectWords.del
            unitEffects.append(Effect(database: db, arguments: [verb, key.bytes]))
        }
    }

    /// Call after any change to `key`: invalidates WATCHers and counts the change.
    func keyModified(_ db: Int, _ key: Key) {
        if effectLog.isRecording { unitKeys.append(DatabaseKey(database: db, key: key)) }
        if !watchers.isEmpty, let clientsWatching = watchers[db]?[key] {
            for client in clientsWatching.values { client.watchedKeyTouched = true }
        }
        if !blocking.isEmpty { blocking.signal(db, key) }
    }

    /// Counts `n` changes to the dataset (Redis's server.dirty).
    func addDirty(_ n: Int = 1) { dirty += n }

    /// After a load the dataset counts as saved.
    public func resetDirty() { dirty = 0 }

    /// Flags the WATCHers of every watched key that exists in `db` (every database when nil),
    /// as Redis's touchAllWatchedKeysInDb does before FLUSHDB, FLUSHALL and SWAPDB.
    func touchAllWatchedKeys(in db: Int?) {
        if effectLog.isRecording { unitTouchesAllKeys = true }
        if !blocking.isEmpty { blocking.signalAll(in: db) }
        for (watchedDB, keys) in watchers where db == nil || db == watchedDB {
            for (key, clientsWatching) in keys where keyspace.databases[watchedDB].entry(key) != nil {
                for client in clientsWatching.values { client.watchedKeyTouched = true }
            }
        }
    }

    // MARK: Effects

    func collectEffect(_ context: CommandContext, changed: Bool) {
        let db = context.client.databaseIndex
        if let override = effectOverride {
            for arguments in override { unitEffects.append(Effect(database: db, arguments: arguments)) }
            effectOverride = nil
        } else if changed || effectForced {
            unitEffects.append(Effect(database: db, arguments: context.args))
        }
        effectForced = false
    }

    /// Ends an execution unit: its effects become one record group in the log, and the
    /// client's replies so far may leave only once the log has reached that position.
    func commitUnit(for client: ClientSession?) {
        effectLog.append(unit: unitEffects, nowMilliseconds: nowMilliseconds)
        unitEffects.removeAll(keepingCapacity: true)
        unsynced.record(unitKeys, wholeKeyspace: unitTouchesAllKeys, at: effectLog.endOffset)
        unitKeys.removeAll(keepingCapacity: true)
        unitTouchesAllKeys = false
        client?.requiredLogOffset = effectLog.endOffset
    }

    /// A reply that read keys whose changes the log has not made durable waits for them.
    /// Commands whose keys are not at fixed positions, and keyless reads of the whole
    /// keyspace (KEYS, SCAN, DBSIZE, RANDOMKEY, DEBUG DIGEST), wait for every change.
    private func waitForUnsyncedReads(_ spec: CommandSpec, _ context: CommandContext) {
        let client = context.client
        let args = context.args
        var required: Int64 = 0
        if spec.flags.contains(.movableKeys) || (spec.firstKey == 0 && (spec.flags.contains(.readonly) || spec.name == "debug")) {
            required = unsynced.newest
        } else if spec.firstKey > 0 && spec.firstKey < args.count {
            let last = spec.lastKey < 0 ? args.count + spec.lastKey : min(spec.lastKey, args.count - 1)
            var i = spec.firstKey
            while i <= last {
                required = max(required, unsynced.position(of: DatabaseKey(database: client.databaseIndex, key: Key(args[i]))))
                i += max(spec.keyStep, 1)
            }
        }
        if required > client.requiredLogOffset { client.requiredLogOffset = required }
    }

    /// The log made everything up to `position` durable: reads of those changes need not wait.
    public func logReached(_ position: Int64) {
        unsynced.forget(upTo: position)
    }

    // MARK: Periodic work

    /// Runs `hz` times a second on the engine's thread: active expiry, idle clients, blocked
    /// clients' timeouts, the ops/sec sample.
    public func cron() {
        nowMilliseconds = clock.milliseconds()
        if activeExpireEnabled { runActiveExpireCycle() }
        closeIdleClients()
        timeOutBlockedClients()
        sampleOperationsPerSecond()
    }

    private func sampleOperationsPerSecond() {
        let elapsed = nowMilliseconds - stats.opsSampleMilliseconds
        guard elapsed >= 100 else { return }
        let ops = stats.totalCommandsProcessed - stats.opsSampleCommands
        stats.instantaneousOpsPerSecond = Int(Int64(ops) * 1000 / max(elapsed, 1))
        stats.opsSampleCommands = stats.totalCommandsProcessed
        stats.opsSampleMilliseconds = nowMilliseconds
    }
}

public struct ShutdownRequest: Sendable {
    public var save: Bool?
    public init(save: Bool?) { self.save = save }
}
