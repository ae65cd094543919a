// Key access the generic key commands need beyond the common CommandContext helpers:
// Redis's LOOKUP_NOTOUCH reads (TYPE, EXISTS, TTL and OBJECT must not refresh a key's idle
// time, yet still expire it and count a hit or miss), moving an entry between keys or
// databases with its TTL, and Redis's int-sized argument parsing for database indexes.

import QuillRESP
import QuillStore

extension CommandContext {
    /// Looks a key up like `lookupRead`, minus the LRU touch (lookupKeyReadWithFlags with
    /// LOOKUP_NOTOUCH), and returns the whole entry so OBJECT can read its access time.
    /// OBJECT passes `notifyingMiss: false` (LOOKUP_NONOTIFY): its misses publish no `keymiss`.
    func lookupReadWithoutTouch(_ key: Key, notifyingMiss: Bool = true) -> Entry? {
        engine.expireIfNeeded(db, key)
        guard let entry = engine.keyspace.databases[db].entry(key) else {
            if notifyingMiss { engine.notifyKeyspaceEvent(.keyMiss, "keymiss", key, db: db) }
            engine.stats.keyspaceMisses += 1
            return nil
        }
        engine.stats.keyspaceHits += 1
        return entry
    }

    /// `key` in `database` after lazy expiry, with no counters (lookupKeyWrite on any db).
    func lookupWrite(_ key: Key, in database: Int) -> Entry? {
        engine.expireIfNeeded(database, key)
        return engine.keyspace.databases[database].entry(key)
    }

    /// Stores `entry` under `key` in `database`, which must not hold `key`, with the expiry
    /// `expireAt` if any. The entry keeps its access time (a renamed or moved key is the same
    /// object in Redis). WATCHers of the new key are invalidated; the caller counts `dirty`.
    func addEntry(_ entry: Entry, as key: Key, in database: Int, expireAt: Int64?) {
        engine.keyspace.databases[database].add(key, entry.value, now: entry.lastAccessSeconds)
        engine.notifyKeyspaceEvent(.new, "new", key, db: database)
        if let expireAt { engine.keyspace.databases[database].setExpire(key, at: expireAt) }
        engine.keyModified(database, key)
    }

    /// Removes `key` from `database` and invalidates its WATCHers; the caller counts `dirty`.
    func removeEntry(_ key: Key, from database: Int) {
        engine.keyspace.databases[database].remove(key)
        engine.keyModified(database, key)
    }

    /// Argument `i` as a C int, as Redis's getIntFromObjectOrReply reads it: `message`
    /// (when given) replaces both the not-an-integer and the out-of-range error.
    func int32Argument(_ i: Int, error message: String? = nil) -> Int? {
        guard let n = DecimalParser.int64(args[i]) else {
            error(message ?? ErrorReplies.notInteger)
            return nil
        }
        guard n >= Int64(Int32.min) && n <= Int64(Int32.max) else {
            error(message ?? "ERR value is out of range, value must between \(Int32.min) and \(Int32.max)")
            return nil
        }
        return Int(n)
    }

    /// True when `index` names one of the configured databases.
    func isValidDatabase(_ index: Int) -> Bool {
        index >= 0 && index < engine.keyspace.databaseCount
    }
}
