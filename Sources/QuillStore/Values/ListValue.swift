// The payload of a Redis list: byte-string elements in order from head (left, index 0) to
// tail (right). A double-ended queue gives O(1) pushes and pops at both ends, as Redis's
// quicklist does, and O(1) access by index, which the quicklist only approximates. It is a
// value type with copy-on-write storage, so a keyspace snapshot shares it until a write.
//
// Redis 7.0 stores every list as a quicklist (a linked list of listpack nodes sized by
// list-max-listpack-size); the single-listpack encoding for small lists only arrived in
// Redis 7.2. OBJECT ENCODING therefore always reports "quicklist", whatever the size.

import DequeModule

public struct ListValue: Sendable {
    public private(set) var elements: Deque<[UInt8]>

    public init() { elements = [] }

    public init<S: Sequence>(_ elements: S) where S.Element == [UInt8] {
        self.elements = Deque(elements)
    }

    public var count: Int { elements.count }
    public var isEmpty: Bool { elements.isEmpty }

    public subscript(index: Int) -> [UInt8] {
        get { elements[index] }
        set { elements[index] = newValue }
    }

    public mutating func pushFront(_ element: [UInt8]) { elements.prepend(element) }
    public mutating func pushBack(_ element: [UInt8]) { elements.append(element) }
    public mutating func popFront() -> [UInt8]? { elements.popFirst() }
    public mutating func popBack() -> [UInt8]? { elements.popLast() }

    /// A Redis index (negative counts from the tail, -1 being the last) as an offset from
    /// the head, or nil when it falls outside the list.
    public func offset(ofIndex index: Int) -> Int? {
        let offset = index < 0 ? count + index : index
        return offset >= 0 && offset < count ? offset : nil
    }

    /// The offsets LRANGE selects for inclusive `start` and `end`, negative ones counting
    /// from the tail, clamped to the list; nil when nothing is selected.
    public func offsets(start: Int, end: Int) -> ClosedRange<Int>? {
        let length = count
        var first = start < 0 ? length + start : start
        var last = end < 0 ? length + end : end
        if first < 0 { first = 0 }
        if first > last || first >= length { return nil }
        if last >= length { last = length - 1 }
        return first...last
    }

    /// Keeps only the elements in `offsets` (everything goes when nil), as LTRIM does;
    /// returns how many elements were removed.
    @discardableResult
    public mutating func keep(_ offsets: ClosedRange<Int>?) -> Int {
        let before = count
        guard let offsets else {
            elements.removeAll()
            return before
        }
        elements.removeLast(count - 1 - offsets.upperBound)
        elements.removeFirst(offsets.lowerBound)
        return before - count
    }

    /// Removes elements equal to `element`, as LREM does: the first `limit` from the head
    /// when it is positive, the last `-limit` from the tail when negative, all when zero.
    /// Returns how many were removed.
    public mutating func remove(_ element: [UInt8], limit: Int) -> Int {
        let wanted = limit == 0 || limit == Int.min ? Int.max : abs(limit)
        var removed = 0
        var kept = Deque<[UInt8]>()
        kept.reserveCapacity(count)
        if limit >= 0 {
            for candidate in elements {
                if removed < wanted && candidate == element {
                    removed += 1
                } else {
                    kept.append(candidate)
                }
            }
        } else {
            for candidate in elements.reversed() {
                if removed < wanted && candidate == element {
                    removed += 1
                } else {
                    kept.prepend(candidate)
                }
            }
        }
        if removed > 0 { elements = kept }
        return removed
    }

    /// Inserts `element` next to the first element equal to `pivot`, seen from the head;
    /// false when there is no such pivot.
    public mutating func insert(_ element: [UInt8], after: Bool, pivot: [UInt8]) -> Bool {
        guard let offset = elements.firstIndex(of: pivot) else { return false }
        elements.insert(element, at: after ? offset + 1 : offset)
        return true
    }
}
