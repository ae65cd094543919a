// MULTI / EXEC / DISCARD / WATCH / UNWATCH (multi.c).
//
// While a client is in MULTI, the dispatcher queues every command except the ones in
// `runImmediately` and replies +QUEUED; a command refused while queuing (unknown, wrong
// arity) marks the transaction aborted and EXEC answers EXECABORT. WATCH records keys in
// the engine's `watchers` index; any change to a watched key, its expiry, or a flush of its
// database flags the client, and its next EXEC replies with a null array.

import QuillRESP
import QuillStore

public enum TransactionCommands {
    /// Commands that act at once even inside MULTI.
    static let runImmediately: Set<String> = ["exec", "discard", "multi", "watch", "quit", "reset"]

    public static let all: [CommandSpec] = [
        CommandSpec("multi", arity: 1, flags: [.noscript, .loading, .stale, .fast, .allowBusy],
                    categories: ["fast", "transaction"], group: "transactions",
                    summary: "Starts a transaction.", since: "1.2.0", handler: multi),
        CommandSpec("exec", arity: 1, flags: [.noscript, .loading, .stale, .skipMonitor],
                    categories: ["slow", "transaction"], group: "transactions",
                    summary: "Executes all commands in a transaction.", since: "1.2.0", handler: exec),
        CommandSpec("discard", arity: 1, flags: [.noscript, .loading, .stale, .fast, .allowBusy],
                    categories: ["fast", "transaction"], group: "transactions",
                    summary: "Discards a transaction.", since: "2.0.0", handler: discard),
        CommandSpec("watch", arity: -2, flags: [.noscript, .loading, .stale, .fast, .allowBusy], keys: (1, -1, 1),
                    categories: ["fast", "transaction"], group: "transactions",
                    summary: "Monitors changes to keys to determine the execution of a transaction.",
                    since: "2.2.0", handler: watch),
        CommandSpec("unwatch", arity: 1, flags: [.noscript, .loading, .stale, .fast, .allowBusy],
                    categories: ["fast", "transaction"], group: "transactions",
                    summary: "Forgets about watched keys of a transaction.", since: "2.2.0", handler: unwatch),
    ]

    static func multi(_ c: CommandContext) {
        if c.client.transaction != nil {
            c.error("ERR MULTI calls can not be nested")
            return
        }
        c.client.transaction = Transaction()
        c.ok()
    }

    static func discard(_ c: CommandContext) {
        guard c.client.transaction != nil else {
            c.error("ERR DISCARD without MULTI")
            return
        }
        c.client.transaction = nil
        c.engine.unwatchAll(c.client)
        c.ok()
    }

    static func exec(_ c: CommandContext) {
        guard let transaction = c.client.transaction else {
            c.error("ERR EXEC without MULTI")
            return
        }
        c.client.transaction = nil
        if transaction.aborted {
            c.engine.unwatchAll(c.client)
            c.error("EXECABORT Transaction discarded because of previous errors.")
            return
        }
        let watchFailed = c.client.watchedKeyTouched || c.engine.watchedKeyExpired(c.client)
        c.engine.unwatchAll(c.client)
        if watchFailed {
            c.client.out.nullArray()
            return
        }
        c.client.out.arrayHeader(transaction.queued.count)
        c.engine.executingTransaction = true
        defer { c.engine.executingTransaction = false }
        for args in transaction.queued {
            let context = CommandContext(engine: c.engine, client: c.client, args: args)
            guard let spec = c.engine.resolve(args) else {
                context.error(ErrorReplies.unknownCommand(args))
                continue
            }
            c.engine.run(spec, context)
        }
    }

    static func watch(_ c: CommandContext) {
        if c.client.transaction != nil {
            c.error("ERR WATCH inside MULTI is not allowed")
            return
        }
        for i in 1..<c.args.count { c.engine.watch(c.key(i), in: c.db, by: c.client) }
        c.ok()
    }

    static func unwatch(_ c: CommandContext) {
        c.engine.unwatchAll(c.client)
        c.ok()
    }
}

extension Engine {
    func watch(_ key: Key, in db: Int, by client: ClientSession) {
        if client.watchedKeys.contains(where: { $0.databaseIndex == db && $0.key == key }) { return }
        let expired = keyspace.databases[db].expireTime(key).map { $0 <= clock.milliseconds() } ?? false
        client.watchedKeys.append(WatchedKey(databaseIndex: db, key: key, expiredWhenWatched: expired))
        watchers[db, default: [:]][key, default: [:]][ObjectIdentifier(client)] = client
    }

    func unwatchAll(_ client: ClientSession) {
        for watched in client.watchedKeys {
            watchers[watched.databaseIndex]?[watched.key]?[ObjectIdentifier(client)] = nil
            if watchers[watched.databaseIndex]?[watched.key]?.isEmpty == true {
                watchers[watched.databaseIndex]?[watched.key] = nil
            }
            if watchers[watched.databaseIndex]?.isEmpty == true { watchers[watched.databaseIndex] = nil }
        }
        client.watchedKeys = []
        client.watchedKeyTouched = false
    }

    /// True if a key that was alive when watched has logically expired since (Redis 7's
    /// isWatchedKeyExpired): its deletion may not have happened yet, but EXEC must fail.
    func watchedKeyExpired(_ client: ClientSession) -> Bool {
        let now = clock.milliseconds()
        for watched in client.watchedKeys where !watched.expiredWhenWatched {
            if let when = keyspace.databases[watched.databaseIndex].expireTime(watched.key), when <= now { return true }
        }
        return false
    }
}
