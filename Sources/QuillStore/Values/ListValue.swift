// The payload of a Redis list: byte-string elements in order from head (left, index 0) to
// tail (right). Pushes and pops at both ends are O(1), as in Redis's quicklist, and so is
// access by index, which the quicklist only approximates.
//
// The elements live in chunks of at most `chunkCapacity`, each a copy-on-write Deque, held
// in a Deque of chunks: a keyspace snapshot shares the list, and the first write after it
// copies the chunk index and the one chunk it touches, not every element (a single Deque
// would copy a million elements on the first LPUSH to a million-element list). Every chunk
// but the first and the last is full, which keeps the count and the position of an index
// arithmetic; a list of up to `chunkCapacity` elements is a single chunk.
//
// Redis 7.0 stores every list as a quicklist (a linked list of listpack nodes sized by
// list-max-listpack-size); the single-listpack encoding for small lists only arrived in
// Redis 7.2. OBJECT ENCODING therefore always reports "quicklist", whatever the size.

import DequeModule

public struct ListValue: Sendable {
    static var chunkShift: Int { 9 }
    /// Elements per full chunk.
    public static var chunkCapacity: Int { 1 << chunkShift }

    typealias Chunk = Deque<[UInt8]>

    /// Never holds an empty chunk.
    private var chunks: Deque<Chunk>

    public init() { chunks = [] }

    public init<S: Sequence>(_ elements: S) where S.Element == [UInt8] {
        chunks = []
        for element in elements { pushBack(element) }
    }

    /// The elements from head to tail, sharing the list's storage.
    public var elements: Elements { Elements(list: self) }

    public var count: Int {
        switch chunks.count {
        case 0: return 0
        case 1: return chunks[0].count
        default: return chunks[0].count + chunks[chunks.count - 1].count + (chunks.count - 2) << Self.chunkShift
        }
    }

    public var isEmpty: Bool { chunks.isEmpty }

    /// The chunk holding the element at `offset` and its position there.
    @inline(__always)
    private func locate(_ offset: Int) -> (chunk: Int, position: Int) {
        let first = chunks[0].count
        if offset < first { return (0, offset) }
        let rest = offset - first
        return (1 + rest >> Self.chunkShift, rest & (Self.chunkCapacity - 1))
    }

    public subscript(index: Int) -> [UInt8] {
        get {
            let (chunk, position) = locate(index)
            return chunks[chunk][position]
        }
        set {
            let (chunk, position) = locate(index)
            chunks[chunk][position] = newValue
        }
    }

    public mutating func pushFront(_ element: [UInt8]) {
        if chunks.isEmpty || chunks[0].count == Self.chunkCapacity {
            chunks.prepend([element])
        } else {
            chunks[0].prepend(element)
        }
    }

    public mutating func pushBack(_ element: [UInt8]) {
        let last = chunks.count - 1
        if last < 0 || chunks[last].count == Self.chunkCapacity {
            chunks.append([element])
        } else {
            chunks[last].append(element)
        }
    }

    public mutating func popFront() -> [UInt8]? {
        guard !chunks.isEmpty else { return nil }
        let element = chunks[0].removeFirst()
        if chunks[0].isEmpty { chunks.removeFirst() }
        return element
    }

    public mutating func popBack() -> [UInt8]? {
        let last = chunks.count - 1
        guard last >= 0 else { return nil }
        let element = chunks[last].removeLast()
        if chunks[last].isEmpty { chunks.removeLast() }
        return element
    }

    /// Removes `n` elements from the head, whole chunks at a time where it can.
    private mutating func removeFirst(_ n: Int) {
        var remaining = n
        while remaining > 0 {
            let first = chunks[0].count
            if remaining >= first {
                chunks.removeFirst()
                remaining -= first
            } else {
                chunks[0].removeFirst(remaining)
                remaining = 0
            }
        }
    }

    /// Removes `n` elements from the tail, whole chunks at a time where it can.
    private mutating func removeLast(_ n: Int) {
        var remaining = n
        while remaining > 0 {
            let last = chunks.count - 1
            let lastCount = chunks[last].count
            if remaining >= lastCount {
                chunks.removeLast()
                remaining -= lastCount
            } else {
                chunks[last].removeLast(remaining)
                remaining = 0
            }
        }
    }

    /// Inserts `element` so that it ends up at `offset` (0...count), shifting the elements
    /// on the side of the nearer end by one: O(min(offset, count - offset) / chunkCapacity +
    /// chunkCapacity).
    public mutating func insert(_ element: [UInt8], at offset: Int) {
        if offset == 0 { return pushFront(element) }
        if offset == count { return pushBack(element) }
        let (chunk, position) = locate(offset)
        chunks[chunk].insert(element, at: position)
        let last = chunks.count - 1
        let capacity = Self.chunkCapacity
        if chunks[chunk].count <= capacity && (chunk == 0 || chunk == last) { return }
        if chunk == 0 || (chunk != last && chunk <= last / 2) {
            var k = chunk
            while k > 0 && chunks[k].count > capacity {
                let moved = chunks[k].removeFirst()
                chunks[k - 1].append(moved)
                k -= 1
            }
            if chunks[0].count > capacity { chunks.prepend([chunks[0].removeFirst()]) }
        } else {
            var k = chunk
            while k < last && chunks[k].count > capacity {
                let moved = chunks[k].removeLast()
                chunks[k + 1].prepend(moved)
                k += 1
            }
            if chunks[last].count > capacity { chunks.append([chunks[last].removeLast()]) }
        }
    }

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
            chunks.removeAll()
            return before
        }
        removeLast(before - 1 - offsets.upperBound)
        removeFirst(offsets.lowerBound)
        return before - count
    }

    /// Removes elements equal to `element`, as LREM does: the first `limit` from the head
    /// when it is positive, the last `-limit` from the tail when negative, all when zero.
    /// Returns how many were removed.
    public mutating func remove(_ element: [UInt8], limit: Int) -> Int {
        let wanted = limit == 0 || limit == Int.min ? Int.max : abs(limit)
        var removed = 0
        var kept = ListValue()
        if limit >= 0 {
            for candidate in elements {
                if removed < wanted && candidate == element {
                    removed += 1
                } else {
                    kept.pushBack(candidate)
                }
            }
        } else {
            for candidate in elements.reversed() {
                if removed < wanted && candidate == element {
                    removed += 1
                } else {
                    kept.pushFront(candidate)
                }
            }
        }
        if removed > 0 { self = kept }
        return removed
    }

    /// Inserts `element` next to the first element equal to `pivot`, seen from the head;
    /// false when there is no such pivot.
    public mutating func insert(_ element: [UInt8], after: Bool, pivot: [UInt8]) -> Bool {
        guard let offset = elements.firstIndex(of: pivot) else { return false }
        insert(element, at: after ? offset + 1 : offset)
        return true
    }
}

extension ListValue {
    /// A read-only view of a list's elements by offset from the head.
    public struct Elements: RandomAccessCollection, Sendable {
        let list: ListValue

        public var startIndex: Int { 0 }
        public var endIndex: Int { list.count }

        public subscript(offset: Int) -> [UInt8] { list[offset] }

        public func makeIterator() -> Iterator { Iterator(chunks: list.chunks.makeIterator()) }

        /// Walks chunk by chunk rather than locating every offset.
        public struct Iterator: IteratorProtocol {
            var chunks: Deque<Chunk>.Iterator
            var current: Chunk.Iterator?

            public mutating func next() -> [UInt8]? {
                while true {
                    if let element = current?.next() { return element }
                    guard let chunk = chunks.next() else { return nil }
                    current = chunk.makeIterator()
                }
            }
        }
    }
}
