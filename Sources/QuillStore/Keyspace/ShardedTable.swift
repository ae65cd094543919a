// A hash table split into 256 × 256 small `Dictionary` shards, chosen by the key's hash.
//
// Why this shape: the whole table is a value type built from arrays of dictionaries, so a
// copy (a snapshot for a rewrite or a save) is O(1), and the first write after a copy
// duplicates only the 256-entry outer array, one 256-entry inner array and the one shard
// that holds the key: tens of microseconds, where a single Dictionary would copy all of its
// millions of entries (see reference/snapshot-structures.md). Small shards also grow one at a
// time, so no write ever waits for a rehash of the whole keyspace.
//
// Inner arrays are created on first use, so an empty database costs 256 words.
//
// Iteration order is shard order; a key never changes shard, so a cursor that names a shard
// (see `ShardCursor`) visits every key that stays in the table while it runs.

public struct ShardedTable<Value> {
    public static var outerCount: Int { 256 }
    public static var innerCount: Int { 256 }
    public static var shardCount: Int { outerCount * innerCount }

    @usableFromInline var outer: [[[Key: Value]]]
    public private(set) var count = 0

    public init() {
        outer = Array(repeating: [], count: Self.outerCount)
    }

    /// The shard of a key: the top 16 bits of a cheap multiply-mix hash of its bytes.
    ///
    /// Dictionary hashes the key again with its seeded SipHash inside the shard, so this one
    /// only has to spread keys evenly, not resist collisions; it costs a few nanoseconds where
    /// a second SipHash would cost tens.
    @inlinable
    static func shardIndex(of key: Key) -> Int {
        key.bytes.withUnsafeBytes { raw -> Int in
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
            var offset = 0
            while offset + 8 <= raw.count {
                h = (h ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                h ^= h >> 29
                offset += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < raw.count {
                tail |= UInt64(raw[offset]) << shift
                shift += 8
                offset += 1
            }
            h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
            h ^= h >> 32
            h = h &* 0xFF51_AFD7_ED55_8CCD
            return Int(truncatingIfNeeded: h >> 48)
        }
    }

    public var isEmpty: Bool { count == 0 }

    @inlinable
    public subscript(key: Key) -> Value? {
        let shard = Self.shardIndex(of: key)
        let inner = outer[shard >> 8]
        if inner.isEmpty { return nil }
        return inner[shard & 0xFF][key]
    }

    /// Inserts or replaces; returns the previous value.
    @discardableResult
    public mutating func set(_ key: Key, _ value: Value) -> Value? {
        let shard = Self.shardIndex(of: key)
        let o = shard >> 8
        if outer[o].isEmpty { outer[o] = Array(repeating: [:], count: Self.innerCount) }
        let old = outer[o][shard & 0xFF].updateValue(value, forKey: key)
        if old == nil { count += 1 }
        return old
    }

    @discardableResult
    public mutating func remove(_ key: Key) -> Value? {
        let shard = Self.shardIndex(of: key)
        let o = shard >> 8
        if outer[o].isEmpty { return nil }
        let old = outer[o][shard & 0xFF].removeValue(forKey: key)
        if old != nil { count -= 1 }
        return old
    }

    /// Changes a stored value in place, without copying it out and back (so a large value
    /// held only here is not duplicated). Returns nil if the key is absent.
    @inlinable
    @discardableResult
    public mutating func modify<R>(_ key: Key, _ body: (inout Value) -> R) -> R? {
        let shard = Self.shardIndex(of: key)
        let o = shard >> 8
        if outer[o].isEmpty { return nil }
        guard let index = outer[o][shard & 0xFF].index(forKey: key) else { return nil }
        return body(&outer[o][shard & 0xFF].values[index])
    }

    public mutating func removeAll() {
        outer = Array(repeating: [], count: Self.outerCount)
        count = 0
    }

    /// The entries of shard `index` (0 ..< shardCount).
    public func shard(_ index: Int) -> [Key: Value] {
        let inner = outer[index >> 8]
        return inner.isEmpty ? [:] : inner[index & 0xFF]
    }

    /// True when no key lives in shard `index`; cheap enough to skip empty shards fast.
    public func shardIsEmpty(_ index: Int) -> Bool {
        let inner = outer[index >> 8]
        return inner.isEmpty || inner[index & 0xFF].isEmpty
    }

    /// The first non-empty shard at or after `index`, if any.
    public func nextNonEmptyShard(from index: Int) -> Int? {
        var i = index
        while i < Self.shardCount {
            let inner = outer[i >> 8]
            if inner.isEmpty { i = (i | 0xFF) + 1; continue }
            if !inner[i & 0xFF].isEmpty { return i }
            i += 1
        }
        return nil
    }

    /// Every entry, shard by shard.
    public func forEach(_ body: (Key, Value) throws -> Void) rethrows {
        for inner in outer where !inner.isEmpty {
            for shard in inner where !shard.isEmpty {
                for (k, v) in shard { try body(k, v) }
            }
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
