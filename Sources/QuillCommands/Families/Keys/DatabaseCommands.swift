// Whole-database commands: DBSIZE, FLUSHDB, FLUSHALL and SWAPDB (db.c).
//
// Flushing or swapping changes every key at once, so before the data changes the WATCHers
// of every affected key are flagged (touchAllWatchedKeysInDb), and `dirty` grows by the
// number of keys removed, as Redis's emptyData() reports it. ASYNC flushes are synchronous
// here: dropping the last reference to a table costs no more than Redis's lazy-free handoff.

import QuillStore

extension KeyCommands {
    static let databases: [CommandSpec] = [
        CommandSpec("dbsize", arity: 1, flags: [.readonly, .fast], categories: ["keyspace", "read", "fast"],
                    group: "server", summary: "Return the number of keys in the selected database", handler: dbsize),
        CommandSpec("flushdb", arity: -1, flags: [.write], categories: ["keyspace", "write", "slow", "dangerous"],
                    group: "server", summary: "Remove all keys from the current database", handler: flushdb),
        CommandSpec("flushall", arity: -1, flags: [.write], categories: ["keyspace", "write", "slow", "dangerous"],
                    group: "server", summary: "Remove all keys from all databases", handler: flushall),
        CommandSpec("swapdb", arity: 3, flags: [.write, .fast], categories: ["keyspace", "write", "fast", "dangerous"],
                    group: "server", summary: "Swaps two Redis databases", since: "4.0.0", handler: swapdb),
    ]

    /// Counts keys whose time has passed but that were not reclaimed yet, as Redis does.
    static func dbsize(_ c: CommandContext) {
        c.integer(c.engine.keyspace.databases[c.db].count)
    }

    /// Redis's getFlushCommandFlags: nothing, ASYNC or SYNC.
    private static func flushModeIsValid(_ c: CommandContext) -> Bool {
        if c.args.count == 1 { return true }
        if c.args.count == 2 && (c.option(1) == "async" || c.option(1) == "sync") { return true }
        c.syntaxError()
        return false
    }

    static func flushdb(_ c: CommandContext) {
        guard flushModeIsValid(c) else { return }
        let engine = c.engine
        engine.touchAllWatchedKeys(in: c.db)
        let removed = engine.keyspace.databases[c.db].count
        engine.keyspace.databases[c.db].removeAll()
        engine.addDirty(removed)
        c.forceEffect()
        c.ok()
    }

    /// Redis also writes an RDB here when save points are configured, which zeroes `dirty`
    /// and moves LASTSAVE; Quill has no save points, so it behaves as Redis with `save ""`.
    static func flushall(_ c: CommandContext) {
        guard flushModeIsValid(c) else { return }
        let engine = c.engine
        engine.touchAllWatchedKeys(in: nil)
        let removed = engine.keyspace.databases.reduce(0) { $0 + $1.count }
        engine.keyspace.removeAll()
        engine.addDirty(removed)
        c.forceEffect()
        c.ok()
    }

    static func swapdb(_ c: CommandContext) {
        guard let first = c.int32Argument(1, error: "ERR invalid first DB index"),
              let second = c.int32Argument(2, error: "ERR invalid second DB index") else { return }
        guard c.isValidDatabase(first) && c.isValidDatabase(second) else {
            c.error(ErrorReplies.outOfRangeDB)
            return
        }
        let engine = c.engine
        if first != second {
            engine.touchAllWatchedKeys(in: first)
            engine.touchAllWatchedKeys(in: second)
            engine.touchWatchedKeys(in: first, presentIn: second)
            engine.touchWatchedKeys(in: second, presentIn: first)
            engine.keyspace.databases.swapAt(first, second)
        }
        engine.addDirty()
        c.ok()
    }
}

extension Engine {
    /// Flags WATCHers of keys watched in `watchedDB` that exist in `otherDB`: after a swap
    /// those keys appear where they were watched (the replaced_with half of Redis's
    /// touchAllWatchedKeysInDb).
    func touchWatchedKeys(in watchedDB: Int, presentIn otherDB: Int) {
        guard let keys = watchers[watchedDB] else { return }
        for (key, clientsWatching) in keys where keyspace.databases[otherDB].entry(key) != nil {
            for client in clientsWatching.values { client.watchedKeyTouched = true }
        }
    }
}
