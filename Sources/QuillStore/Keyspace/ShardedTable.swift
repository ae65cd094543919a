// A hash table split into 4,096 small `Dictionary` shards, chosen by the key's hash.
//
// Why this shape: the table is a value type, an array of dictionaries, so a copy (a snapshot
// for a rewrite or a save) is O(1), and the first write after a copy duplicates only the
// 4,096-entry shard array (32 KB) and the one shard that holds the key (about 250 keys at 1M
// keys, 1,200 at 5M): tens of microseconds, where a single Dictionary would copy all of its
// millions of entries (see reference/snapshot-structures.md). Small shards also grow one at a
// time, so no write ever waits for a rehash of the whole keyspace.
//
// One level rather than 256 × 256: a lookup then follows one pointer fewer before it reaches
// the shard, and on 1M random keys that missed cache line was worth about 10% of the CPU of a
// GET or INCR under redis-benchmark -P 16; the shard array itself (32 KB) stays in cache.
//
// Iteration order is shard order; a key never changes shard, so a cursor that names a shard
// (see ScanCommand) visits every key that stays in the table while it runs.

public struct ShardedTable<Value> {
    public static var shardCount: Int { 4096 }

    @usableFromInline var shards: [[Key: Value]]
    public private(set) var count = 0

    public init() {
        shards = Array(repeating: [:], count: Self.shardCount)
    }

    /// The shard of a key: the top 12 bits of a cheap multiply-mix hash of its bytes
    /// (ByteMixHash: the shard's Dictionary hashes the key again, seeded).
    @inlinable
    static func shardIndex(of key: Key) -> Int {
        Int(truncatingIfNeeded: key.withBytes { ByteMixHash.hash($0) } >> 52)
    }

    public var isEmpty: Bool { count == 0 }

    @inlinable
    public subscript(key: Key) -> Value? {
        shards[Self.shardIndex(of: key)][key]
    }

    /// Inserts or replaces; returns the previous value.
    @discardableResult
    public mutating func set(_ key: Key, _ value: Value) -> Value? {
        let old = shards[Self.shardIndex(of: key)].updateValue(value, forKey: key)
        if old == nil { count += 1 }
        return old
    }

    @discardableResult
    public mutating func remove(_ key: Key) -> Value? {
        let old = shards[Self.shardIndex(of: key)].removeValue(forKey: key)
        if old != nil { count -= 1 }
        return old
    }

    /// Changes a stored value in place, without copying it out and back (so a large value
    /// held only here is not duplicated). Returns nil if the key is absent.
    @inlinable
    @discardableResult
    public mutating func modify<R>(_ key: Key, _ body: (inout Value) -> R) -> R? {
        let shard = Self.shardIndex(of: key)
        guard let index = shards[shard].index(forKey: key) else { return nil }
        return body(&shards[shard].values[index])
    }

    public mutating func removeAll() {
        shards = Array(repeating: [:], count: Self.shardCount)
        count = 0
    }

    /// The entries of shard `index` (0 ..< shardCount).
    public func shard(_ index: Int) -> [Key: Value] { shards[index] }

    /// True when no key lives in shard `index`.
    public func shardIsEmpty(_ index: Int) -> Bool { shards[index].isEmpty }

    /// The first non-empty shard at or after `index`, if any.
    public func nextNonEmptyShard(from index: Int) -> Int? {
        var i = index
        while i < Self.shardCount {
            if !shards[i].isEmpty { return i }
            i += 1
        }
        return nil
    }

    /// Every entry, shard by shard.
    public func forEach(_ body: (Key, Value) throws -> Void) rethrows {
        for shard in shards where !shard.isEmpty {
            for (k, v) in shard { try body(k, v) }
        }
    }

    /// A uniformly chosen shard that is not empty, then a random entry in it. Not uniform over
    /// keys (as Redis's dictGetFairRandomKey is not either), but never biased to empty space.
    public func randomEntry<G: RandomNumberGenerator>(using generator: inout G) -> (Key, Value)? {
        if count == 0 { return nil }
        for _ in 0..<64 {
            let shardIndex = Int.random(in: 0..<Self.shardCount, using: &generator)
            let s = shard(shardIndex)
            if let entry = s.randomElement(using: &generator) { return (entry.key, entry.value) }
        }
        let start = Int.random(in: 0..<Self.shardCount, using: &generator)
        let found = nextNonEmptyShard(from: start) ?? nextNonEmptyShard(from: 0)
        guard let found, let entry = shard(found).randomElement(using: &generator) else { return nil }
        return (entry.key, entry.value)
    }
}

extension ShardedTable: Sendable where Value: Sendable {}
