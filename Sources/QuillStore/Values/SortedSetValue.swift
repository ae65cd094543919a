// A sorted set (t_zset.c): members are byte strings, each with a double score. A dictionary
// answers "what is this member's score" in O(1) and a ScoreOrderTree keeps the members in
// (score, member) order for ranks and ranges, the pair Redis keeps in its skiplist encoding.
// Both are shared node by node with a keyspace snapshot once large (AdaptiveDictionary, the
// tree's path copying), so the first write after one copies a small part of the set.
//
// Redis also has a compact "listpack" encoding for small sets and reports it in OBJECT
// ENCODING; we keep one representation and only remember which encoding Redis would use.
// A set starts as listpack and becomes skiplist for good once a new member makes it larger
// than zset-max-listpack-entries or a member is longer than zset-max-listpack-value bytes.
// A listpack stores scores as text in which -0 is written as 0, so a listpack set never
// holds a negative zero.

/// The two thresholds of the listpack encoding, read from the configuration by the caller.
public struct SortedSetLimits: Sendable {
    public var maxListpackEntries: Int
    public var maxListpackValue: Int

    public init(maxListpackEntries: Int, maxListpackValue: Int) {
        self.maxListpackEntries = maxListpackEntries
        self.maxListpackValue = maxListpackValue
    }
}

public struct SortedSetValue: Sendable {
    public private(set) var scores = AdaptiveDictionary<[UInt8], Double>()
    public private(set) var order = ScoreOrderTree()
    public private(set) var isListpack = true

    public init() {}

    public var count: Int { scores.count }
    public var isEmpty: Bool { scores.isEmpty }

    public func score(of member: [UInt8]) -> Double? { scores[member] }

    /// The member's 0-based rank in ascending order, or nil when it is not in the set.
    public func rank(of member: [UInt8]) -> Int? {
        guard let score = scores[member] else { return nil }
        return order.rank(score: score, member: member)
    }

    /// Adds `member` or changes its score.
    public mutating func set(_ member: [UInt8], score: Double, limits: SortedSetLimits) {
        if let old = scores[member] {
            let stored = isListpack && score == 0 ? 0 : score
            if old == stored { return }
            order.remove(score: old, member: member)
            order.insert(score: stored, member: member)
            scores.updateValue(stored, forKey: member)
            return
        }
        if isListpack && (count + 1 > limits.maxListpackEntries || member.count > limits.maxListpackValue) {
            isListpack = false
        }
        let stored = isListpack && score == 0 ? 0 : score
        scores.updateValue(stored, forKey: member)
        order.insert(score: stored, member: member)
    }

    /// Removes `member`; false if it was not in the set.
    @discardableResult
    public mutating func remove(_ member: [UInt8]) -> Bool {
        guard let score = scores.removeValue(forKey: member) else { return false }
        order.remove(score: score, member: member)
        return true
    }

    /// Removes the members ranked in `ranks` (ascending order) and returns how many.
    @discardableResult
    public mutating func removeRanks(_ ranks: ClosedRange<Int>) -> Int {
        let removed = order.removeRanks(ranks)
        if removed.count > order.count {
            // Most of the set went (ZREMRANGEBYRANK 0 -2): building the table of the few
            // members left costs less than deleting every removed one.
            var remaining: [[UInt8]: Double] = [:]
            remaining.reserveCapacity(order.count)
            if order.count > 0 {
                for element in order.elements(in: 0...(order.count - 1)) { remaining[element.member] = element.score }
            }
            scores = AdaptiveDictionary(remaining)
        } else {
            for member in removed { scores.removeValue(forKey: member) }
        }
        return removed.count
    }

    /// The element at an ascending rank.
    public func element(at rank: Int) -> (score: Double, member: [UInt8]) { order.element(at: rank) }

    /// The elements ranked in `ranks`, ascending.
    public func elements(in ranks: ClosedRange<Int>) -> [(score: Double, member: [UInt8])] {
        order.elements(in: ranks)
    }

    /// How many elements have a score below `score` (or at most `score` when `inclusive`).
    public func countBelow(_ score: Double, inclusive: Bool) -> Int {
        inclusive ? order.countPrefix { s, _ in s <= score } : order.countPrefix { s, _ in s < score }
    }
}
