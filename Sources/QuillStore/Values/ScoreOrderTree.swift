// The ordered half of a sorted set: its elements sorted by (score, member bytes), with the
// rank queries Redis answers from its skip list's spans (ZRANK, ZRANGE by rank, the first
// element of a score or lex range) in O(log n).
//
// It is a treap whose nodes live in one array and point at each other by index, so the
// whole tree is a value with the array's copy-on-write: a snapshot of the keyspace shares it
// until one of the two copies is written. Each node knows the size of its subtree, which
// turns "how many elements come before this one" into a walk from the root. Insertion and
// removal split the tree at a rank and merge the pieces back; priorities come from a small
// deterministic generator, which keeps the expected depth logarithmic for any input order.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct ScoreOrderTree: Sendable {
    struct Node: Sendable {
        var score: Double
        var member: [UInt8]
        var left: Int
        var right: Int
        var size: Int
        var priority: UInt64
    }

    private var nodes: [Node] = []
    private var freeSlots: [Int] = []
    private var root = -1
    private var seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    public init() {}

    public var count: Int { root < 0 ? 0 : nodes[root].size }

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
        countPrefix { Self.precedes($0.score, $0.member, score, member) }
    }

    /// How many leading elements satisfy `isBefore`, which must hold for a prefix of the
    /// order and fail for the rest (e.g. "score < 3").
    public func countPrefix(where isBefore: (_ score: Double, _ member: [UInt8]) -> Bool) -> Int {
        countPrefix { isBefore($0.score, $0.member) }
    }

    private func countPrefix(_ isBefore: (Node) -> Bool) -> Int {
        var result = 0
        var node = root
        while node >= 0 {
            let n = nodes[node]
            if isBefore(n) {
                result += size(n.left) + 1
                node = n.right
            } else {
                node = n.left
            }
        }
        return result
    }

    /// The element at `rank` (0-based, ascending).
    public func element(at rank: Int) -> (score: Double, member: [UInt8]) {
        precondition(rank >= 0 && rank < count, "rank out of range")
        var node = root
        var remaining = rank
        while true {
            let n = nodes[node]
            let leftSize = size(n.left)
            if remaining < leftSize {
                node = n.left
            } else if remaining == leftSize {
                return (n.score, n.member)
            } else {
                remaining -= leftSize + 1
                node = n.right
            }
        }
    }

    /// The elements with ranks in `ranks`, ascending; O(log n + k).
    public func elements(in ranks: ClosedRange<Int>) -> [(score: Double, member: [UInt8])] {
        var out: [(score: Double, member: [UInt8])] = []
        out.reserveCapacity(ranks.count)
        collect(root, offset: 0, ranks, into: &out)
        return out
    }

    private func collect(_ node: Int, offset: Int, _ ranks: ClosedRange<Int>,
                         into out: inout [(score: Double, member: [UInt8])]) {
        guard node >= 0 else { return }
        let n = nodes[node]
        let own = offset + size(n.left)
        if ranks.lowerBound < own { collect(n.left, offset: offset, ranks, into: &out) }
        if ranks.contains(own) { out.append((n.score, n.member)) }
        if ranks.upperBound > own { collect(n.right, offset: own + 1, ranks, into: &out) }
    }

    // MARK: Updates

    /// Inserts an element that is not in the tree.
    public mutating func insert(score: Double, member: [UInt8]) {
        let position = rank(score: score, member: member)
        let node = allocate(Node(score: score, member: member, left: -1, right: -1, size: 1, priority: nextPriority()))
        let (before, after) = split(root, position)
        root = merge(merge(before, node), after)
    }

    /// Removes an element that is in the tree.
    public mutating func remove(score: Double, member: [UInt8]) {
        let position = rank(score: score, member: member)
        removeRanks(position...position)
    }

    /// Removes the elements with ranks in `ranks` and returns their members.
    @discardableResult
    public mutating func removeRanks(_ ranks: ClosedRange<Int>) -> [[UInt8]] {
        let (before, rest) = split(root, ranks.lowerBound)
        let (removed, after) = split(rest, ranks.count)
        var members: [[UInt8]] = []
        members.reserveCapacity(ranks.count)
        release(removed, into: &members)
        root = merge(before, after)
        if root < 0 {
            nodes = []
            freeSlots = []
        }
        return members
    }

    // MARK: Treap mechanics

    @inline(__always)
    private func size(_ node: Int) -> Int { node < 0 ? 0 : nodes[node].size }

    private mutating func resize(_ node: Int) {
        nodes[node].size = size(nodes[node].left) + size(nodes[node].right) + 1
    }

    private mutating func nextPriority() -> UInt64 {
        seed &+= 0x9E37_79B9_7F4A_7C15
        var z = seed
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func allocate(_ node: Node) -> Int {
        if let slot = freeSlots.popLast() {
            nodes[slot] = node
            return slot
        }
        nodes.append(node)
        return nodes.count - 1
    }

    /// Frees a subtree's slots, appending its members in order.
    private mutating func release(_ node: Int, into members: inout [[UInt8]]) {
        guard node >= 0 else { return }
        release(nodes[node].left, into: &members)
        members.append(nodes[node].member)
        nodes[node].member = []
        freeSlots.append(node)
        release(nodes[node].right, into: &members)
    }

    /// Splits a subtree into its first `k` elements and the rest.
    private mutating func split(_ node: Int, _ k: Int) -> (Int, Int) {
        guard node >= 0 else { return (-1, -1) }
        let leftSize = size(nodes[node].left)
        if k <= leftSize {
            let (a, b) = split(nodes[node].left, k)
            nodes[node].left = b
            resize(node)
            return (a, node)
        }
        let (a, b) = split(nodes[node].right, k - leftSize - 1)
        nodes[node].right = a
        resize(node)
        return (node, b)
    }

    /// Joins two subtrees where every element of `a` sorts before every element of `b`.
    private mutating func merge(_ a: Int, _ b: Int) -> Int {
        if a < 0 { return b }
        if b < 0 { return a }
        if nodes[a].priority > nodes[b].priority {
            nodes[a].right = merge(nodes[a].right, b)
            resize(a)
            return a
        }
        nodes[b].left = merge(a, nodes[b].left)
        resize(b)
        return b
    }
}
