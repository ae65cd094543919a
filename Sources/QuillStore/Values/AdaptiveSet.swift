// The members of a set: an AdaptiveDictionary with no values, so a set is a plain table
// while small and a sharded one once large, for the reason and with the thresholds
// AdaptiveDictionary gives: the first write to a large set after a keyspace snapshot then
// copies one shard, not every member.
//
// Iteration order is the table's own order, which no caller may rely on.

public struct AdaptiveSet<Element: Hashable> {
    @usableFromInline var table = AdaptiveDictionary<Element, Void>()

    public init() {}

    public init<S: Sequence>(_ elements: S) where S.Element == Element {
        var all: [Element: Void] = [:]
        for element in elements { all[element] = () }
        table = AdaptiveDictionary(all)
    }

    /// True when the members live in the sharded representation.
    public var isLarge: Bool { table.isLarge }

    @inlinable
    public var count: Int { table.count }

    @inlinable
    public var isEmpty: Bool { table.isEmpty }

    @inlinable
    public func contains(_ member: Element) -> Bool {
        table[member] != nil
    }

    /// Adds `member`; true when it is new.
    @discardableResult
    public mutating func insert(_ member: Element) -> Bool {
        table.updateValue((), forKey: member) == nil
    }

    /// Removes `member`; true when it was there.
    @discardableResult
    public mutating func remove(_ member: Element) -> Bool {
        table.removeValue(forKey: member) != nil
    }

    /// Removes every member of `other`.
    public mutating func subtract<S: Sequence>(_ other: S) where S.Element == Element {
        for member in other where !isEmpty { remove(member) }
    }
}

extension AdaptiveSet: Collection {
    public typealias Index = AdaptiveDictionary<Element, Void>.Index

    public var startIndex: Index { table.startIndex }
    public var endIndex: Index { table.endIndex }
    public func index(after i: Index) -> Index { table.index(after: i) }
    public func index(_ i: Index, offsetBy distance: Int) -> Index { table.index(i, offsetBy: distance) }
    public subscript(position: Index) -> Element { table[position].key }

    public struct Iterator: IteratorProtocol {
        var entries: AdaptiveDictionary<Element, Void>.Iterator

        public mutating func next() -> Element? { entries.next()?.key }
    }

    public func makeIterator() -> Iterator { Iterator(entries: table.makeIterator()) }
}

extension AdaptiveSet: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Element...) {
        self.init(elements)
    }
}

extension AdaptiveSet: Sendable where Element: Sendable {}
extension AdaptiveSet.Iterator: Sendable where Element: Sendable {}
