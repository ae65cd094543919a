// One numbered database: its keys and, apart, the expiry times of the keys that have one,
// as Redis keeps `db->dict` and `db->expires`. Keeping expiries in their own table lets the
// active expiry cycle walk only keys that can expire. Both tables are `ShardedTable`s, so a
// `Database` copies in O(1).
//
// This type holds no policy: whether a key has logically expired, and what follows when it
// has (a DEL in the log, a notification), is the engine's decision.

public struct Database: Sendable {
    @usableFromInline var storedEntries = ShardedTable<Entry>()
    @usableFromInline var storedExpires = ShardedTable<Int64>()
    public var entries: ShardedTable<Entry> { storedEntries }
    public var expires: ShardedTable<Int64> { storedExpires }
    /// Where the active expiry cycle resumes: a shard index of `expires`.
    public var expireCursor = 0

    public init() {}

    public var count: Int { entries.count }

    @inlinable
    public func entry(_ key: Key) -> Entry? { storedEntries[key] }

    /// Unix time in milliseconds at which `key` expires, or nil for none.
    @inlinable
    public func expireTime(_ key: Key) -> Int64? {
        storedExpires.isEmpty ? nil : storedExpires[key]
    }

    /// Stores `value`, keeping any expiry the key had unless `keepTTL` is false.
    public mutating func set(_ key: Key, _ value: Value, now seconds: UInt32, keepTTL: Bool) {
        storedEntries.set(key, Entry(value: value, lastAccessSeconds: seconds))
        if !keepTTL && !expires.isEmpty { storedExpires.remove(key) }
    }

    /// Adds a key that must not exist yet.
    public mutating func add(_ key: Key, _ value: Value, now seconds: UInt32) {
        storedEntries.set(key, Entry(value: value, lastAccessSeconds: seconds))
    }

    @inlinable
    @discardableResult
    public mutating func modifyValue<R>(_ key: Key, _ body: (inout Value) -> R) -> R? {
        storedEntries.modify(key) { body(&$0.value) }
    }

    /// `modifyValue` that also stamps the access time, in the same probe of the table.
    @inlinable
    @discardableResult
    public mutating func modifyValue<R>(_ key: Key, touching seconds: UInt32, _ body: (inout Value) -> R) -> R? {
        storedEntries.modify(key) { entry in
            entry.lastAccessSeconds = seconds
            return body(&entry.value)
        }
    }

    /// The value at `key`, stamping its access time in the same probe of the table.
    @inlinable
    public mutating func readTouching(_ key: Key, now seconds: UInt32) -> Value? {
        storedEntries.modify(key) { entry in
            entry.lastAccessSeconds = seconds
            return entry.value
        }
    }

    public mutating func touch(_ key: Key, now seconds: UInt32) {
        storedEntries.modify(key) { $0.lastAccessSeconds = seconds }
    }

    @discardableResult
    public mutating func remove(_ key: Key) -> Entry? {
        guard let old = storedEntries.remove(key) else { return nil }
        if !expires.isEmpty { storedExpires.remove(key) }
        return old
    }

    public mutating func setExpire(_ key: Key, at milliseconds: Int64) {
        storedExpires.set(key, milliseconds)
    }

    @discardableResult
    public mutating func removeExpire(_ key: Key) -> Bool {
        storedExpires.remove(key) != nil
    }

    public mutating func removeAll() {
        storedEntries.removeAll()
        storedExpires.removeAll()
        expireCursor = 0
    }
}
