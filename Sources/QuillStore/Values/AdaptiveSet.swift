// The members of a set: a plain `Set` while small, a `TreeSet` (a hash array mapped trie
// whose nodes are shared copy-on-write) once large, for the reason and with the thresholds
// AdaptiveDictionary gives: the first write to a large set after a keyspace snapshot then
// copies one path of the trie, not every member.
//
// Iteration order is either table's own order, which no caller may rely on.

import HashTreeCollections

public struct AdaptiveSet<Element: Hashable> {
    @usableFromInline var small: Set<Element>
    /// Non-nil once large; `small` is then empty.
    @usableFromInline var large: TreeSet<Element>?

    public init() {
        small = []
        large = nil
    }

    public init<S: Sequence>(_ elements: S) where S.Element == Element {
        let all = Set(elements)
        if all.count > AdaptiveThresholds.large {
            small = []
            large = TreeSet(all)
        } else {
            small = all
            large = nil
        }
    }

    /// True when the members live in the shared-structure representation.
    public var isLarge: Bool { large != nil }

    @inlinable
    public var count: Int { large?.count ?? small.count }

    @inlinable
    public var isEmpty: Bool { count == 0 }

    @inlinable
    public func contains(_ member: Element) -> Bool {
        if let large { return large.contains(member) }
        return small.contains(member)
    }

    /// Adds `member`; true when it is new.
    @discardableResult
    public mutating func insert(_ member: Element) -> Bool {
        if large != nil { return large!.insert(member).inserted }
        guard small.insert(member).inserted else { return false }
        if small.count > AdaptiveThresholds.large {
            large = TreeSet(small)
            small = []
        }
        return true
    }

    /// Removes `member`; true when it was there.
    @discardableResult
    public mutating func remove(_ member: Element) -> Bool {
        guard large != nil else { return small.remove(member) != nil }
        guard large!.remove(member) != nil else { return false }
        if let tree = large, tree.count < AdaptiveThresholds.small {
            large = nil
            small = Set(tree)
        }
        return true
    }

    /// Removes every member of `other`.
    public mutating func subtract<S: Sequence>(_ other: S) where S.Element == Element {
        for member in other where !isEmpty { remove(member) }
    }
}

extension AdaptiveSet: Collection {
    public enum Index: Comparable {
        case small(Set<Element>.Index)
        case large(TreeSet<Element>.Index)

        public static func < (lhs: Index, rhs: Index) -> Bool {
            switch (lhs, rhs) {
            case let (.small(a), .small(b)): return a < b
            case let (.large(a), .large(b)): return a < b
            default: preconditionFailure("indices of different sets")
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
        var small: Set<Element>.Iterator
        var large: TreeSet<Element>.Iterator?

        public mutating func next() -> Element? {
            if large != nil { return large!.next() }
            return small.next()
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(small: small.makeIterator(), large: large?.makeIterator())
    }
}

extension AdaptiveSet: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Element...) {
        self.init(elements)
    }
}

extension AdaptiveSet: Sendable where Element: Sendable {}
extension AdaptiveSet.Index: Sendable where Element: Sendable {}
extension AdaptiveSet.Iterator: Sendable where Element: Sendable {}
