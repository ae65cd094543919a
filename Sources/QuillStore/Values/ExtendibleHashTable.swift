// The large form of a hash's fields, a set's members and a sorted set's member → score
// table: `Dictionary` shards of at most `splitAbove` entries, found through an extendible-
// hashing directory indexed by the top bits of the key's hash.
//
// Why this shape: copying the table (a keyspace snapshot) is O(1), and the first write after
// it duplicates the shard list and directory (a few bytes per shard) and the one shard it
// touches, never the whole table. A full shard splits in two on the next hash bit, so the
// table grows one small shard at a time and no write waits for a rehash of everything.
// A lookup costs one hash for the directory, then an ordinary Dictionary probe: two or three
// cache misses on a table of a million entries, where a hash array mapped trie (the
// structure used before) followed and checked the reference count of four or five nodes and
// made HSET, SADD and ZADD on such a table spend most of their time waiting on memory.
//
// Keys whose shard hashes agree on every bit (colliding byte strings can be chosen on
// purpose, the shard hash is not seeded) cannot be told apart by splitting: a split that
// leaves one side empty doubles that shard's limit instead, and the directory never grows
// past eight slots per shard. Such a shard just grows; the Dictionary inside it hashes with
// its own seeded hash, so it stays fast, and the table's memory stays linear.
//
// Shards are never merged back: a table that shrinks far enough becomes a plain Dictionary
// again in AdaptiveDictionary. Iteration goes shard by shard in creation order.

public struct ExtendibleHashTable<Key: Hashable, Value> {
    /// Entries per shard above which the shard splits.
    @usableFromInline static var splitAbove: Int { 1024 }
    /// Past this many hash bits a shard stops splitting (only colliding hashes get there).
    static var maximumDepth: Int { 32 }

    @usableFromInline var shards: [[Key: Value]]
    /// How many leading hash bits all keys of each shard share.
    var localDepths: [UInt8]
    /// Entries above which each shard splits: `splitAbove`, or more after a split that could
    /// not separate its keys.
    @usableFromInline var splitLimits: [Int]
    /// 2^globalDepth slots, each the position in `shards` of the shard for that hash prefix.
    @usableFromInline var directory: [Int32]
    @usableFromInline var globalDepth: Int
    public private(set) var count = 0

    public init() {
        shards = [[:]]
        localDepths = [0]
        splitLimits = [Self.splitAbove]
        directory = [0]
        globalDepth = 0
    }

    public init(_ dictionary: [Key: Value]) {
        self.init()
        for (key, value) in dictionary { updateValue(value, forKey: key) }
    }

    /// The hash whose top bits pick the shard: ByteMixHash for byte-string keys (the
    /// Dictionary inside the shard hashes them again, seeded, so this one only has to spread
    /// them; an array's own hash feeds SipHash one byte at a time), the key's own otherwise.
    @inlinable
    static func hash(_ key: Key) -> UInt {
        if let string = key as? ByteString { return UInt(string.withBytes { ByteMixHash.hash($0) }) }
        if let bytes = key as? [UInt8] { return UInt(bytes.withUnsafeBytes { ByteMixHash.hash($0) }) }
        return UInt(bitPattern: key.hashValue)
    }

    @inlinable
    func shardPosition(forHash hash: UInt) -> Int {
        guard globalDepth > 0 else { return 0 }
        return Int(directory[Int(hash >> UInt(UInt.bitWidth - globalDepth))])
    }

    @inlinable
    public var isEmpty: Bool { count == 0 }

    @inlinable
    public subscript(key: Key) -> Value? {
        shards[shardPosition(forHash: Self.hash(key))][key]
    }

    /// Inserts or replaces; returns the previous value.
    @discardableResult
    public mutating func updateValue(_ value: Value, forKey key: Key) -> Value? {
        let position = shardPosition(forHash: Self.hash(key))
        let old = shards[position].updateValue(value, forKey: key)
        if old == nil {
            count += 1
            if shards[position].count > splitLimits[position] { split(position) }
        }
        return old
    }

    @discardableResult
    public mutating func removeValue(forKey key: Key) -> Value? {
        let position = shardPosition(forHash: Self.hash(key))
        let old = shards[position].removeValue(forKey: key)
        if old != nil { count -= 1 }
        return old
    }

    /// Moves the keys of shard `position` whose next hash bit is 1 to a new shard.
    private mutating func split(_ position: Int) {
        let depth = Int(localDepths[position])
        guard depth < Self.maximumDepth, let sample = shards[position].first?.key,
              depth < globalDepth || directory.count < 8 * shards.count else {
            splitLimits[position] = 2 * shards[position].count
            return
        }
        if depth == globalDepth { doubleDirectory() }
        let bit = UInt(UInt.bitWidth - 1 - depth)
        var stay: [Key: Value] = [:]
        var move: [Key: Value] = [:]
        stay.reserveCapacity(Self.splitAbove)
        move.reserveCapacity(Self.splitAbove)
        for (key, value) in shards[position] {
            if (Self.hash(key) >> bit) & 1 == 1 {
                move[key] = value
            } else {
                stay[key] = value
            }
        }
        let newPosition = shards.count
        shards[position] = stay
        shards.append(move)
        localDepths[position] = UInt8(depth + 1)
        localDepths.append(UInt8(depth + 1))
        splitLimits[position] = stay.isEmpty || move.isEmpty ? 2 * (stay.count + move.count) : Self.splitAbove
        splitLimits.append(splitLimits[position])
        // The slots of the old shard are the 2^(globalDepth - depth) slots sharing its prefix;
        // the upper half of them now belongs to the new shard.
        let span = 1 << (globalDepth - depth)
        let first = Int(Self.hash(sample) >> UInt(UInt.bitWidth - globalDepth)) & ~(span - 1)
        for slot in (first + span / 2)..<(first + span) { directory[slot] = Int32(newPosition) }
    }

    private mutating func doubleDirectory() {
        var doubled: [Int32] = []
        doubled.reserveCapacity(directory.count * 2)
        for slot in directory {
            doubled.append(slot)
            doubled.append(slot)
        }
        directory = doubled
        globalDepth += 1
    }
}

extension ExtendibleHashTable: Collection {
    public typealias Element = (key: Key, value: Value)

    public struct Index: Comparable {
        /// `shards.count` for the end index.
        @usableFromInline let shard: Int
        /// Nil only for the end index.
        @usableFromInline let inner: Dictionary<Key, Value>.Index?

        public static func < (lhs: Index, rhs: Index) -> Bool {
            if lhs.shard != rhs.shard { return lhs.shard < rhs.shard }
            guard let a = lhs.inner, let b = rhs.inner else { return false }
            return a < b
        }

        public static func == (lhs: Index, rhs: Index) -> Bool {
            lhs.shard == rhs.shard && lhs.inner == rhs.inner
        }
    }

    /// The first entry at or after position `inner` of shard `shard`, or the end index.
    private func normalized(_ shard: Int, _ inner: Dictionary<Key, Value>.Index) -> Index {
        if inner != shards[shard].endIndex { return Index(shard: shard, inner: inner) }
        var next = shard + 1
        while next < shards.count && shards[next].isEmpty { next += 1 }
        return next < shards.count ? Index(shard: next, inner: shards[next].startIndex) : endIndex
    }

    public var startIndex: Index { normalized(0, shards[0].startIndex) }

    public var endIndex: Index { Index(shard: shards.count, inner: nil) }

    public func index(after i: Index) -> Index {
        normalized(i.shard, shards[i.shard].index(after: i.inner!))
    }

    /// Skips whole shards by their counts, so a random offset (HRANDFIELD, SRANDMEMBER)
    /// costs one step per shard rather than one per entry.
    public func index(_ i: Index, offsetBy distance: Int) -> Index {
        precondition(distance >= 0, "ExtendibleHashTable indices only move forward")
        guard distance > 0 else { return i }
        let shard = shards[i.shard]
        var remaining = distance
        var inner = i.inner!
        while remaining > 0 && inner != shard.endIndex {
            inner = shard.index(after: inner)
            remaining -= 1
        }
        if remaining == 0 { return normalized(i.shard, inner) }
        var next = i.shard + 1
        while next < shards.count && remaining >= shards[next].count {
            remaining -= shards[next].count
            next += 1
        }
        if next == shards.count {
            precondition(remaining == 0, "offset beyond the end")
            return endIndex
        }
        return Index(shard: next, inner: shards[next].index(shards[next].startIndex, offsetBy: remaining))
    }

    public subscript(position: Index) -> Element {
        shards[position.shard][position.inner!]
    }

    public struct Iterator: IteratorProtocol {
        var shards: IndexingIterator<[[Key: Value]]>
        var current: Dictionary<Key, Value>.Iterator?

        public mutating func next() -> Element? {
            while true {
                if let element = current?.next() { return element }
                guard let shard = shards.next() else { return nil }
                current = shard.makeIterator()
            }
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(shards: shards.makeIterator(), current: nil)
    }
}

extension ExtendibleHashTable: Sendable where Key: Sendable, Value: Sendable {}
extension ExtendibleHashTable.Index: Sendable where Key: Sendable, Value: Sendable {}
extension ExtendibleHashTable.Iterator: Sendable where Key: Sendable, Value: Sendable {}
