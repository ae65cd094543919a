// The ordered half of a sorted set: its elements sorted by (score, member bytes), with the
// rank queries Redis answers from its skip list's spans (ZRANK, ZRANGE by rank, the first
// element of a score or lex range) in O(log n).
//
// It is a treap of reference-counted nodes made persistent by path copying: a node is
// changed in place only while this tree holds the sole reference to it, and copied first
// otherwise. A keyspace snapshot therefore shares the whole tree, and the first write after
// it copies the O(log n) nodes on the paths it walks, not the set. Each node knows the size
// of its subtree, which turns "how many elements come before this one" into a walk from the
// root. Insertion and removal walk down once by (score, member) and split or merge only
// below the element; removing a range of ranks splits the tree and merges it back;
// priorities come from a small deterministic generator, which keeps the expected depth
// logarithmic for any input order (recursion and releasing a subtree go that deep, no more).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct ScoreOrderTree: Sendable {
    /// Shared between trees once copied; only written through a reference known to be the
    /// only one (see `makeUnique`), so no node another tree or thread can reach ever changes.
    final class Node: @unchecked Sendable {
        var score: Double
        var member: [UInt8]
        var left: Node?
        var right: Node?
        var size: Int
        let priority: UInt64

        init(score: Double, member: [UInt8], left: Node?, right: Node?, size: Int, priority: UInt64) {
            self.score = score
            self.member = member
            self.left = left
            self.right = right
            self.size = size
            self.priority = priority
        }
    }

    private var root: Node?
    private var seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    public init() {}

    public var count: Int { root?.size ?? 0 }

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
        while let n = node {
            if isBefore(n) {
                result += Self.size(n.left) + 1
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
        var node = root!
        var remaining = rank
        while true {
            let leftSize = Self.size(node.left)
            if remaining < leftSize {
                node = node.left!
            } else if remaining == leftSize {
                return (node.score, node.member)
            } else {
                remaining -= leftSize + 1
                node = node.right!
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

    private func collect(_ node: Node?, offset: Int, _ ranks: ClosedRange<Int>,
                         into out: inout [(score: Double, member: [UInt8])]) {
        guard let n = node else { return }
        let own = offset + Self.size(n.left)
        if ranks.lowerBound < own { collect(n.left, offset: offset, ranks, into: &out) }
        if ranks.contains(own) { out.append((n.score, n.member)) }
        if ranks.upperBound > own { collect(n.right, offset: own + 1, ranks, into: &out) }
    }

    // MARK: Updates

    /// Inserts an element that is not in the tree.
    public mutating func insert(score: Double, member: [UInt8]) {
        let node = Node(score: score, member: member, left: nil, right: nil, size: 1, priority: nextPriority())
        Self.insert(&root, node)
    }

    /// Removes an element that is in the tree.
    public mutating func remove(score: Double, member: [UInt8]) {
        Self.remove(&root, score: score, member: member)
    }

    /// Removes the elements with ranks in `ranks` and returns their members.
    @discardableResult
    public mutating func removeRanks(_ ranks: ClosedRange<Int>) -> [[UInt8]] {
        var (before, rest) = Self.split(&root, ranks.lowerBound)
        let (removed, remainder) = Self.split(&rest, ranks.count)
        var after = remainder
        var members: [[UInt8]] = []
        members.reserveCapacity(ranks.count)
        Self.appendMembers(of: removed, to: &members)
        root = Self.merge(&before, &after)
        return members
    }

    // MARK: Treap mechanics

    @inline(__always)
    private static func size(_ node: Node?) -> Int { node?.size ?? 0 }

    private mutating func nextPriority() -> UInt64 {
        seed &+= 0x9E37_79B9_7F4A_7C15
        var z = seed
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Moves the reference out of `node`, so that a node nobody else holds is seen as unique.
    @inline(__always)
    private static func take(_ node: inout Node?) -> Node? {
        let taken = node
        node = nil
        return taken
    }

    /// The node itself when this is its only reference, else a copy sharing its children.
    @inline(__always)
    private static func makeUnique(_ node: inout Node) {
        if !isKnownUniquelyReferenced(&node) {
            node = Node(score: node.score, member: node.member, left: node.left, right: node.right,
                        size: node.size, priority: node.priority)
        }
    }

    private static func appendMembers(of node: Node?, to members: inout [[UInt8]]) {
        guard let node else { return }
        appendMembers(of: node.left, to: &members)
        members.append(node.member)
        appendMembers(of: node.right, to: &members)
    }

    /// Puts `new` where its priority belongs on the path its key follows: one walk down,
    /// then a split of the (expectedly small) subtree it takes over.
    private static func insert(_ tree: inout Node?, _ new: Node) {
        let descend = tree.map { $0.priority > new.priority } ?? false
        guard descend else {
            let (before, after) = split(&tree, before: new.score, new.member)
            new.left = before
            new.right = after
            new.size = size(before) + size(after) + 1
            tree = new
            return
        }
        var node = take(&tree)!
        makeUnique(&node)
        if precedes(new.score, new.member, node.score, node.member) {
            insert(&node.left, new)
        } else {
            insert(&node.right, new)
        }
        node.size += 1
        tree = node
    }

    /// Removes the element (score, member), which must be in `tree`: one walk down, then a
    /// merge of its two subtrees in its place.
    private static func remove(_ tree: inout Node?, score: Double, member: [UInt8]) {
        var node = take(&tree)!
        if node.score == score && node.member == member {
            var left: Node?
            var right: Node?
            if isKnownUniquelyReferenced(&node) {
                left = take(&node.left)
                right = take(&node.right)
            } else {
                left = node.left
                right = node.right
            }
            tree = merge(&left, &right)
            return
        }
        makeUnique(&node)
        if precedes(score, member, node.score, node.member) {
            remove(&node.left, score: score, member: member)
        } else {
            remove(&node.right, score: score, member: member)
        }
        node.size -= 1
        tree = node
    }

    /// Splits a subtree into the elements that sort before (score, member) and the rest,
    /// leaving `tree` nil.
    private static func split(_ tree: inout Node?, before score: Double, _ member: [UInt8]) -> (Node?, Node?) {
        guard tree != nil else { return (nil, nil) }
        var node = take(&tree)!
        makeUnique(&node)
        if precedes(node.score, node.member, score, member) {
            let (a, b) = split(&node.right, before: score, member)
            node.right = a
            node.size = size(node.left) + size(a) + 1
            return (node, b)
        }
        let (a, b) = split(&node.left, before: score, member)
        node.left = b
        node.size = size(b) + size(node.right) + 1
        return (a, node)
    }

    /// Splits a subtree into its first `k` elements and the rest, leaving `tree` nil; only
    /// the nodes on the path to the split point are written (or copied when shared).
    private static func split(_ tree: inout Node?, _ k: Int) -> (Node?, Node?) {
        let total = size(tree)
        if k <= 0 { return (nil, take(&tree)) }
        if k >= total { return (take(&tree), nil) }
        var node = take(&tree)!
        makeUnique(&node)
        let leftSize = size(node.left)
        if k <= leftSize {
            let (a, b) = split(&node.left, k)
            node.left = b
            node.size = size(b) + size(node.right) + 1
            return (a, node)
        }
        let (a, b) = split(&node.right, k - leftSize - 1)
        node.right = a
        node.size = leftSize + size(a) + 1
        return (node, b)
    }

    /// Joins two subtrees where every element of `a` sorts before every element of `b`,
    /// leaving both nil; only the nodes on the seam are written (or copied when shared).
    private static func merge(_ a: inout Node?, _ b: inout Node?) -> Node? {
        guard let aPriority = a?.priority else { return take(&b) }
        guard let bPriority = b?.priority else { return take(&a) }
        if aPriority > bPriority {
            var node = take(&a)!
            makeUnique(&node)
            let merged = merge(&node.right, &b)
            node.right = merged
            node.size = size(node.left) + size(merged) + 1
            return node
        }
        var node = take(&b)!
        makeUnique(&node)
        let merged = merge(&a, &node.left)
        node.left = merged
        node.size = size(merged) + size(node.right) + 1
        return node
    }
}
