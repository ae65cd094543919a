// The ordered half of a sorted set: its elements sorted by (score, member bytes), with the
// rank queries Redis answers from its skip list's spans (ZRANK, ZRANGE by rank, the first
// element of a score or lex range) in O(log n).
//
// It is a B+tree: leaves hold up to `capacity` elements in contiguous arrays, inner nodes
// hold up to `capacity` children with each child's element count and last element. A set of
// a million elements is four levels deep, so an update touches a handful of nodes, each a
// few cache lines scanned in place, where a binary tree would follow some thirty pointers,
// each a likely cache miss. Routing keys are the children's actual last elements (kept exact
// when one is removed), so a search from the root meets only elements of the set, the same
// way a walk along Redis's skip list does.
//
// The tree is persistent by path copying: a node is changed in place only while this tree
// holds the sole reference to it, and copied first otherwise (a copy shares its arrays until
// it writes to them). A keyspace snapshot therefore shares the whole tree, and the first
// write after it copies the O(log n) nodes on the path it walks, at most `capacity` entries
// each, not the set. Every node but the root stays at least a quarter full: removing one
// element merges an underfull node with a neighbour or borrows from it; removing a range of
// ranks drops the subtrees it covers whole and repairs the nodes along its two edges.
// Recursion goes one call per level, never one per element.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct ScoreOrderTree: Sendable {
    /// Most entries (elements or children) a node holds; a fuller node splits in two halves.
    static let capacity = 64
    /// Fewest entries a node other than the root holds after an update.
    static let minimumFill = capacity / 4

    /// An inner node's reference to a child, with the number of elements under it: the two
    /// are read and written together, so they share a cache line.
    struct Child {
        var node: Node
        var count: Int
    }

    /// Shared between trees once copied; only written through a reference known to be the
    /// only one (see `uniqueChild`), so no node another tree or thread can reach ever changes.
    final class Node: @unchecked Sendable {
        /// A leaf's elements, or an inner node's copy of each child's last element.
        var scores: [Double]
        var members: [[UInt8]]
        /// An inner node's children; empty in a leaf.
        var children: [Child]
        /// How many elements this subtree holds.
        var total: Int
        let isLeaf: Bool

        init(isLeaf: Bool, scores: [Double] = [], members: [[UInt8]] = [], children: [Child] = [],
             total: Int = 0) {
            self.isLeaf = isLeaf
            self.scores = scores
            self.members = members
            self.children = children
            self.total = total
        }

        convenience init(copying node: Node) {
            self.init(isLeaf: node.isLeaf, scores: node.scores, members: node.members,
                      children: node.children, total: node.total)
        }

        @inline(__always)
        var entryCount: Int { scores.count }

        var lastScore: Double { scores[scores.count - 1] }
        var lastMember: [UInt8] { members[members.count - 1] }

        /// The index of the first entry that does not sort before (score, member).
        @inline(__always)
        func firstNotBefore(_ score: Double, _ member: [UInt8]) -> Int {
            scores.withUnsafeBufferPointer { scores in
                var low = 0
                var high = scores.count
                while low < high {
                    let middle = (low + high) >> 1
                    let other = scores[middle]
                    let before = other != score ? other < score : ScoreOrderTree.bytesPrecede(members[middle], member)
                    if before { low = middle + 1 } else { high = middle }
                }
                return low
            }
        }

        /// The index of the first entry for which `isBefore` fails.
        @inline(__always)
        func partitionPoint(_ isBefore: (_ score: Double, _ member: [UInt8]) -> Bool) -> Int {
            var low = 0
            var high = entryCount
            while low < high {
                let middle = (low + high) >> 1
                if isBefore(scores[middle], members[middle]) { low = middle + 1 } else { high = middle }
            }
            return low
        }

        /// The child whose subtree holds `rank`, and the rank within that subtree.
        @inline(__always)
        func child(containing rank: Int) -> (index: Int, rank: Int) {
            children.withUnsafeBufferPointer { children in
                var index = 0
                var remaining = rank
                while remaining >= children[index].count {
                    remaining -= children[index].count
                    index += 1
                }
                return (index, remaining)
            }
        }

        /// Resets the entry for the child at `index` from the child itself.
        func refresh(_ index: Int) {
            let child = children[index].node
            children[index].count = child.total
            scores[index] = child.lastScore
            members[index] = child.lastMember
        }

        func removeEntries(_ range: Range<Int>) {
            if !isLeaf {
                total -= Self.sum(children[range])
                children.removeSubrange(range)
            } else {
                total -= range.count
            }
            scores.removeSubrange(range)
            members.removeSubrange(range)
        }

        private static func sum(_ children: ArraySlice<Child>) -> Int {
            children.reduce(0) { $0 + $1.count }
        }

        /// Removes the entries in `range` and returns them as a new node of the same kind.
        func cut(_ range: Range<Int>) -> Node {
            let moved = Node(isLeaf: isLeaf, scores: Array(scores[range]), members: Array(members[range]),
                             children: isLeaf ? [] : Array(children[range]),
                             total: isLeaf ? range.count : Self.sum(children[range]))
            removeEntries(range)
            return moved
        }

        /// Inserts all entries of `other`, a node of the same kind, at `index`.
        func paste(_ other: Node, at index: Int) {
            scores.insert(contentsOf: other.scores, at: index)
            members.insert(contentsOf: other.members, at: index)
            if !isLeaf {
                children.insert(contentsOf: other.children, at: index)
            }
            total += other.total
        }
    }

    private static let emptyLeaf = Node(isLeaf: true)

    /// Read by the tests that check the tree's shape.
    private(set) var root = ScoreOrderTree.emptyLeaf

    public init() {}

    public var count: Int { root.total }

    /// True if (score, member) sorts before (otherScore, otherMember): by score, then by the
    /// member's bytes compared as unsigned, a shorter prefix first (memcmp, then length).
    @inline(__always)
    public static func precedes(_ score: Double, _ member: [UInt8], _ otherScore: Double, _ otherMember: [UInt8]) -> Bool {
        if score != otherScore { return score < otherScore }
        return bytesPrecede(member, otherMember)
    }

    /// memcmp order on the common prefix, then the shorter first, as Redis's sdscmp.
    @inline(__always)
    public static func bytesPrecede(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let common = Swift.min(a.count, b.count)
        if common > 0 {
            let order = a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in memcmp(pa.baseAddress!, pb.baseAddress!, common) }
            }
            if order != 0 { return order < 0 }
        }
        return a.count < b.count
    }

    // MARK: Queries

    /// How many elements sort before (score, member): its rank when it is in the tree.
    public func rank(score: Double, member: [UInt8]) -> Int {
        countPrefix { Self.precedes($0, $1, score, member) }
    }

    /// How many leading elements satisfy `isBefore`, which must hold for a prefix of the
    /// order and fail for the rest (e.g. "score < 3").
    public func countPrefix(where isBefore: (_ score: Double, _ member: [UInt8]) -> Bool) -> Int {
        var node = root
        var result = 0
        while true {
            let position = node.partitionPoint(isBefore)
            if node.isLeaf { return result + position }
            if position == node.entryCount { return result + node.total }
            for index in 0..<position { result += node.children[index].count }
            node = node.children[position].node
        }
    }

    /// The element at `rank` (0-based, ascending).
    public func element(at rank: Int) -> (score: Double, member: [UInt8]) {
        precondition(rank >= 0 && rank < count, "rank out of range")
        var node = root
        var remaining = rank
        while !node.isLeaf {
            let (index, within) = node.child(containing: remaining)
            node = node.children[index].node
            remaining = within
        }
        return (node.scores[remaining], node.members[remaining])
    }

    /// The elements with ranks in `ranks` (those the tree has), ascending; O(log n + k).
    public func elements(in ranks: ClosedRange<Int>) -> [(score: Double, member: [UInt8])] {
        let first = Swift.max(ranks.lowerBound, 0)
        let wanted = Swift.min(ranks.upperBound, count - 1) - first + 1
        var out: [(score: Double, member: [UInt8])] = []
        guard wanted > 0 else { return out }
        out.reserveCapacity(wanted)
        // The inner nodes above the current leaf, each with the index of the child taken.
        var path: [(node: Node, index: Int)] = []
        var node = root
        var position = first
        while !node.isLeaf {
            let (index, within) = node.child(containing: position)
            path.append((node, index))
            node = node.children[index].node
            position = within
        }
        while true {
            let end = Swift.min(node.entryCount, position + wanted - out.count)
            for index in position..<end { out.append((node.scores[index], node.members[index])) }
            if out.count == wanted { return out }
            while let step = path.popLast() {
                guard step.index + 1 < step.node.entryCount else { continue }
                path.append((step.node, step.index + 1))
                node = step.node.children[step.index + 1].node
                break
            }
            while !node.isLeaf {
                path.append((node, 0))
                node = node.children[0].node
            }
            position = 0
        }
    }

    // MARK: Updates

    /// Inserts an element that is not in the tree.
    public mutating func insert(score: Double, member: [UInt8]) {
        let node = uniqueRoot()
        guard let right = Self.insert(into: node, score, member) else { return }
        root = Node(isLeaf: false, scores: [node.lastScore, right.lastScore],
                    members: [node.lastMember, right.lastMember],
                    children: [Child(node: node, count: node.total), Child(node: right, count: right.total)],
                    total: node.total + right.total)
    }

    /// Removes an element that is in the tree.
    public mutating func remove(score: Double, member: [UInt8]) {
        let node = uniqueRoot()
        Self.remove(from: node, score, member)
        collapseRoot()
    }

    /// Removes the elements with ranks in `ranks` and returns their members.
    @discardableResult
    public mutating func removeRanks(_ ranks: ClosedRange<Int>) -> [[UInt8]] {
        precondition(ranks.lowerBound >= 0 && ranks.upperBound < count, "rank out of range")
        var members: [[UInt8]] = []
        members.reserveCapacity(ranks.count)
        if ranks.count == count {
            Self.appendMembers(of: root, to: &members)
            root = Self.emptyLeaf
            return members
        }
        let node = uniqueRoot()
        Self.remove(from: node, ranks.lowerBound..<(ranks.upperBound + 1), into: &members)
        collapseRoot()
        return members
    }

    // MARK: Tree mechanics

    private mutating func uniqueRoot() -> Node {
        if !isKnownUniquelyReferenced(&root) { root = Node(copying: root) }
        return root
    }

    /// A root with a single child gives way to it, as often as that happens in a row.
    private mutating func collapseRoot() {
        while !root.isLeaf && root.entryCount == 1 { root = root.children[0].node }
    }

    /// The child at `index` of a node this tree alone holds, copied first unless that node's
    /// reference is its only one.
    @inline(__always)
    private static func uniqueChild(_ node: Node, _ index: Int) -> Node {
        if !isKnownUniquelyReferenced(&node.children[index].node) {
            node.children[index].node = Node(copying: node.children[index].node)
        }
        return node.children[index].node
    }

    private static func appendMembers(of node: Node, to members: inout [[UInt8]]) {
        if node.isLeaf {
            members.append(contentsOf: node.members)
        } else {
            for child in node.children { appendMembers(of: child.node, to: &members) }
        }
    }

    /// Inserts into `node`, which this tree alone holds; returns the node split off its end
    /// when it overflowed.
    private static func insert(into node: Node, _ score: Double, _ member: [UInt8]) -> Node? {
        let position = node.firstNotBefore(score, member)
        node.total += 1
        if node.isLeaf {
            node.scores.insert(score, at: position)
            node.members.insert(member, at: position)
        } else {
            let index = Swift.min(position, node.entryCount - 1)
            let child = uniqueChild(node, index)
            if let right = insert(into: child, score, member) {
                node.children.insert(Child(node: right, count: 0), at: index + 1)
                node.scores.insert(0, at: index + 1)
                node.members.insert([], at: index + 1)
                node.refresh(index)
                node.refresh(index + 1)
            } else {
                node.children[index].count += 1
                if position == index + 1 {
                    // Past every element so far: the new last element of the last child.
                    node.scores[index] = score
                    node.members[index] = member
                }
            }
        }
        guard node.entryCount > capacity else { return nil }
        return node.cut((node.entryCount / 2)..<node.entryCount)
    }

    /// Removes an element of `node`, which this tree alone holds; true when it was the last.
    @discardableResult
    private static func remove(from node: Node, _ score: Double, _ member: [UInt8]) -> Bool {
        let position = node.firstNotBefore(score, member)
        precondition(position < node.entryCount, "element not in the tree")
        node.total -= 1
        if node.isLeaf {
            node.scores.remove(at: position)
            node.members.remove(at: position)
            return position == node.entryCount
        }
        let wasLastChild = position == node.entryCount - 1
        let child = uniqueChild(node, position)
        let wasLast = remove(from: child, score, member)
        node.children[position].count -= 1
        if wasLast {
            node.scores[position] = child.lastScore
            node.members[position] = child.lastMember
        }
        if child.entryCount < minimumFill { rebalance(node, at: position, deep: false) }
        return wasLast && wasLastChild
    }

    /// Removes the elements ranked in `range` within `node`, which this tree alone holds and
    /// keeps at least one of them, appending their members in order. Children the range
    /// covers are dropped whole; the at most two it cuts are handled one level down, and
    /// the underfull nodes their cuts leave are repaired on the way back up.
    private static func remove(from node: Node, _ range: Range<Int>, into out: inout [[UInt8]]) {
        if node.isLeaf {
            out.append(contentsOf: node.members[range])
            node.removeEntries(range)
            return
        }
        var index = 0
        var start = 0
        while start + node.children[index].count <= range.lowerBound {
            start += node.children[index].count
            index += 1
        }
        let first = index
        var covered: Range<Int>?
        while index < node.entryCount && start < range.upperBound {
            let size = node.children[index].count
            let low = Swift.max(range.lowerBound - start, 0)
            let high = Swift.min(range.upperBound - start, size)
            if low == 0 && high == size {
                appendMembers(of: node.children[index].node, to: &out)
                covered = (covered?.lowerBound ?? index)..<(index + 1)
            } else {
                let child = uniqueChild(node, index)
                remove(from: child, low..<high, into: &out)
                node.total -= high - low
                node.refresh(index)
            }
            start += size
            index += 1
        }
        if let covered { node.removeEntries(covered) }
        // The children the range cut, if any, now sit at `first` and the one after it.
        fixChildren(node, from: first, through: first + 1)
    }

    /// Evens out the underfull child at `index` with a neighbour: the two merge when they
    /// fit in one node, else share their entries equally. With `deep`, the children of the
    /// resulting nodes are repaired in turn (a range removal may leave them underfull too).
    private static func rebalance(_ node: Node, at index: Int, deep: Bool) {
        guard node.entryCount > 1 else { return }
        let left = index > 0 ? index - 1 : index
        let a = uniqueChild(node, left)
        let b = uniqueChild(node, left + 1)
        let combined = a.entryCount + b.entryCount
        if combined <= capacity {
            a.paste(b, at: a.entryCount)
            node.removeEntries((left + 1)..<(left + 2))
            // b's elements are not gone, only moved into a.
            node.total += b.total
            node.refresh(left)
            if deep && !a.isLeaf { fixChildren(a, from: 0, through: a.entryCount - 1) }
            return
        }
        let half = combined / 2
        if a.entryCount < half {
            a.paste(b.cut(0..<(half - a.entryCount)), at: a.entryCount)
        } else {
            b.paste(a.cut(half..<a.entryCount), at: 0)
        }
        node.refresh(left)
        node.refresh(left + 1)
        if deep && !a.isLeaf {
            fixChildren(a, from: 0, through: a.entryCount - 1)
            fixChildren(b, from: 0, through: b.entryCount - 1)
        }
    }

    /// Makes the children of `node` at positions `low...high` at least minimally full, when
    /// a range removal may have left underfull nodes along its edges (an underfull node's
    /// own children are full enough, or it has just one, which may be underfull in the same
    /// way). A merge with a neighbour outside the window pulls the window along.
    private static func fixChildren(_ node: Node, from low: Int, through high: Int) {
        var index = low
        var last = high
        while index <= last && index < node.entryCount && node.entryCount > 1 {
            if node.children[index].node.entryCount < minimumFill {
                let entries = node.entryCount
                rebalance(node, at: index, deep: true)
                if node.entryCount < entries { last -= 1 }
                index = Swift.max(index - 1, 0)
            } else {
                index += 1
            }
        }
    }
}
