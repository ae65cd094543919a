// What a command handler works with: the request's arguments, the client it came from
// (its database and reply buffer) and the engine. The helpers here are the one place where
// a command reads or writes a key, so that lazy expiry, hit/miss counters, LRU touches,
// WATCH invalidation and the change counter are applied the same way by every command.

import NIOCore
import QuillRESP
import QuillStore

public struct CommandContext {
    public let engine: Engine
    public let client: ClientSession
    public let args: [[UInt8]]

    public init(engine: Engine, client: ClientSession, args: [[UInt8]]) {
        self.engine = engine
        self.client = client
        self.args = args
    }

    public var db: Int { client.databaseIndex }

    // MARK: Replies

    public func reply(_ body: (inout RESPWriter) -> Void) { body(&client.out) }
    public func ok() { client.out.ok() }
    public func integer(_ n: Int) { client.out.integer(n) }
    public func bulk(_ bytes: [UInt8]) { client.out.bulk(bytes) }
    public func bulk(_ string: ByteString) { client.out.bulk(string) }
    public func bulk(_ text: String) { client.out.bulk(text) }
    public func null() { client.out.null() }
    public func simple(_ text: String) { client.out.simpleString(text) }

    /// An error reply, counted in INFO's error statistics by its code.
    public func error(_ message: String) {
        engine.stats.totalErrorReplies += 1
        let code = message.prefix { $0 != " " }
        engine.stats.errorCounts[String(code), default: 0] += 1
        client.out.error(message)
    }

    public func wrongType() { error(ErrorReplies.wrongType) }
    public func syntaxError() { error(ErrorReplies.syntax) }
    public func notInteger() { error(ErrorReplies.notInteger) }

    /// A refusal before the command ran; inside MULTI it also dooms the transaction to EXECABORT.
    func rejectWhileQueuing(_ message: String) {
        if client.transaction != nil { client.transaction!.aborted = true }
        error(message)
    }

    // MARK: Arguments

    /// Argument `i` lower-cased as ASCII, for matching option names.
    public func option(_ i: Int) -> String {
        var s = ""
        s.reserveCapacity(args[i].count)
        for b in args[i] {
            let c = (b >= 0x41 && b <= 0x5A) ? b + 32 : b
            s.unicodeScalars.append(Unicode.Scalar(c))
        }
        return s
    }

    public func key(_ i: Int) -> Key { Key(args[i]) }

    /// Argument `i` as a 64-bit integer, or nil after replying `-ERR value is not an integer…`.
    public func integerArgument(_ i: Int) -> Int? {
        guard let n = DecimalParser.int(args[i]) else {
            notInteger()
            return nil
        }
        return n
    }

    // MARK: Key access

    /// Looks a key up for reading: expires it if due, counts a hit or miss, touches its LRU.
    public func lookupRead(_ key: Key) -> Value? {
        engine.expireIfNeeded(db, key)
        let value = client.noTouch
            ? engine.keyspace.databases[db].entry(key)?.value
            : engine.keyspace.databases[db].readTouching(key, now: engine.lruSeconds)
        if value == nil {
            engine.notifyKeyspaceEvent(.keyMiss, "keymiss", key, db: db)
            engine.stats.keyspaceMisses += 1
        } else {
            engine.stats.keyspaceHits += 1
        }
        return value
    }

    /// Looks a key up before writing it: expires it if due, no counters.
    public func lookupWrite(_ key: Key) -> Value? {
        engine.expireIfNeeded(db, key)
        return engine.keyspace.databases[db].entry(key)?.value
    }

    /// True if the key exists (after lazy expiry), without touching counters or LRU.
    public func exists(_ key: Key) -> Bool { lookupWrite(key) != nil }

    /// Stores a value, dropping any TTL unless `keepTTL`, and records the change.
    public func setKey(_ key: Key, _ value: Value, keepTTL: Bool = false) {
        notifyIfNew(key)
        engine.keyspace.databases[db].set(key, value, now: engine.lruSeconds, keepTTL: keepTTL)
        modified(key)
    }

    /// Changes a stored value in place (it must exist) and records the change.
    @discardableResult
    public func modifyValue<R>(_ key: Key, _ body: (inout Value) -> R) -> R? {
        let result = engine.keyspace.databases[db].modifyValue(key, body)
        modified(key)
        return result
    }

    /// Deletes a key; returns false if it did not exist.
    @discardableResult
    public func deleteKey(_ key: Key) -> Bool {
        engine.expireIfNeeded(db, key)
        guard engine.keyspace.databases[db].remove(key) != nil else { return false }
        modified(key)
        return true
    }

    public func expireTime(_ key: Key) -> Int64? { engine.keyspace.databases[db].expireTime(key) }

    public func setExpire(_ key: Key, at milliseconds: Int64) {
        engine.keyspace.databases[db].setExpire(key, at: milliseconds)
        modified(key)
    }

    /// Marks `key` as changed: WATCHers are invalidated and the change is counted.
    public func modified(_ key: Key, in database: Int? = nil) {
        engine.keyModified(database ?? db, key)
        engine.addDirty()
    }

    public var now: Int64 { engine.nowMilliseconds }

    // MARK: Effects

    /// Logs `arguments` as (one of) this command's effects instead of its request, as Redis's
    /// commands rewrite their argv or call alsoPropagate: relative times made absolute,
    /// random choices made explicit. Call it only for a change that happened.
    public func logEffect(_ arguments: [[UInt8]]) {
        guard engine.effectLog.isRecording else { return }
        if engine.effectOverride == nil { engine.effectOverride = [] }
        engine.effectOverride!.append(arguments)
    }

    /// Logs the request even if the dataset did not change (FLUSHDB on an empty database).
    public func forceEffect() { engine.effectForced = true }

    /// `DEL key`, or `UNLINK key` when `lazyfree-lazy-expire` is on: how a deletion caused by
    /// a time in the past is logged.
    public func logExpiredDeletion(_ key: Key) {
        logEffect([engine.config.lazyfreeLazyExpire ? EffectWords.unlink : EffectWords.del, key.bytes])
    }
}
