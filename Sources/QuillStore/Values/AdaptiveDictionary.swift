// The field -> value table of a hash, the members of a set (AdaptiveSet) and the member ->
// score table of a sorted set: a plain `Dictionary` while small, an ExtendibleHashTable
// (Dictionary shards behind a directory) once large.
//
// Why two representations: a keyspace snapshot shares every value, and the first write to a
// shared `Dictionary` copies all of it (about 0.1 s for a million fields, see
// reference/snapshot-structures.md), while the first write to a shared ExtendibleHashTable
// copies its directory and one shard (tens of microseconds). A small `Dictionary` copies in
// microseconds and costs three allocations fewer, so values stay one until they pass
// `AdaptiveThresholds.large` entries, and go back below `AdaptiveThresholds.small` (far enough
// below that a value hovering around the limit does not convert on every write).
//
// Iteration order is either table's own order, which no caller may rely on.

/// Where AdaptiveDictionary and AdaptiveSet change representation.
public enum AdaptiveThresholds {
    /// Above this many entries a table is sharded.
    public static var large: Int { 256 }
    /// Below this many entries a sharded table goes back to a plain one.
    public static var small: Int { 64 }
}

public struct AdaptiveDictionary<Key: Hashable, Value> {

    @usableFromInline var small: [Key: Value]
    /// Non-nil once large; `small` is then empty.
    @usableFromInline var large: ExtendibleHashTable<Key, Value>?

    public init() {
        small = [:]
        large = nil
    }

    public init(_ dictionary: [Key: Value]) {
        if dictionary.count > AdaptiveThresholds.large {
            small = [:]
            large = ExtendibleHashTable(dictionary)
        } else {
            small = dictionary
            large = nil
        }
    }

    /// True when the entries live in the shared-structure representation.
    public var isLarge: Bool { large != nil }

    @inlinable
    public var count: Int { large?.count ?? small.count }

    @inlinable
    public var isEmpty: Bool { count == 0 }

    @inlinable
    public subscript(key: Key) -> Value? {
        if let large { return large[key] }
        return small[key]
    }

    /// Inserts or replaces; returns the previous value.
    @discardableResult
    public mutating func updateValue(_ value: Value, forKey key: Key) -> Value? {
        if large != nil { return large!.updateValue(value, forKey: key) }
        let old = small.updateValue(value, forKey: key)
        if old == nil && small.count > AdaptiveThresholds.large {
            large = ExtendibleHashTable(small)
            small = [:]
        }
        return old
    }

    @discardableResult
    public mutating func removeValue(forKey key: Key) -> Value? {
        guard large != nil else { return small.removeValue(forKey: key) }
        let old = large!.removeValue(forKey: key)
        if old != nil, let table = large, table.count < AdaptiveThresholds.small {
            large = nil
            small = Dictionary(uniqueKeysWithValues: table.lazy.map { ($0.key, $0.value) })
        }
        return old
    }

    /// The keys, in iteration order.
    public var keys: LazyMapSequence<Self, Key> { lazy.map(\.key) }

    /// The entries that satisfy `isIncluded`, as a `Dictionary` (as `Dictionary.filter` does).
    public func filter(_ isIncluded: (Element) throws -> Bool) rethrows -> [Key: Value] {
        var result: [Key: Value] = [:]
        for element in self where try isIncluded(element) { result[element.key] = element.value }
        return result
    }
}

extension AdaptiveDictionary: Collection {
    public typealias Element = (key: Key, value: Value)

    public enum Index: Comparable {
        case small(Dictionary<Key, Value>.Index)
        case large(ExtendibleHashTable<Key, Value>.Index)

        public static func < (lhs: Index, rhs: Index) -> Bool {
            switch (lhs, rhs) {
            case let (.small(a), .small(b)): return a < b
            case let (.large(a), .large(b)): return a < b
            default: preconditionFailure("indices of different tables")
            }
        }
    }

    public var startIndex: Index {
        if let large { return .large(large.startIndex) }
        return .small(small.startIndex)
    }

    public var endIndex: Index {
        if let large { return .large(large.endIndex) }
        return .small(small.endIndex)
    }

    public func index(after i: Index) -> Index {
        switch i {
        case .small(let index): return .small(small.index(after: index))
        case .large(let index): return .large(large!.index(after: index))
        }
    }

    public func index(_ i: Index, offsetBy distance: Int) -> Index {
        switch i {
        case .small(let index): return .small(small.index(index, offsetBy: distance))
        case .large(let index): return .large(large!.index(index, offsetBy: distance))
        }
    }

    public subscript(position: Index) -> Element {
        switch position {
        case .small(let index): return small[index]
        case .large(let index): return large![index]
        }
    }

    public struct Iterator: IteratorProtocol {
        var small: Dictionary<Key, Value>.Iterator
        var large: ExtendibleHashTable<Key, Value>.Iterator?

        public mutating func next() -> Element? {
            if large != nil { return large!.next() }
            return small.next()
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(small: small.makeIterator(), large: large?.makeIterator())
    }
}

extension AdaptiveDictionary: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (Key, Value)...) {
        self.init(Dictionary(uniqueKeysWithValues: elements))
    }
}

extension AdaptiveDictionary: Sendable where Key: Sendable, Value: Sendable {}
extension AdaptiveDictionary.Index: Sendable where Key: Sendable, Value: Sendable {}
extension AdaptiveDictionary.Iterator: Sendable where Key: Sendable, Value: Sendable {}
