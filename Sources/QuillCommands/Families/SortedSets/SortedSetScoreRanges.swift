// Which ranks of a sorted set a score range or a lexicographic range covers. Both are found
// by counting from the root of the order tree, so a range query costs O(log n) plus the
// elements it returns. A lex range assumes, as Redis documents, that all scores are equal.

import QuillStore

extension SortedSetValue {
    /// The ascending ranks whose scores lie between `min` and `max`; nil when none do.
    func ranks(from min: ScoreBound, to max: ScoreBound) -> ClosedRange<Int>? {
        let first = countBelow(min.value, inclusive: min.exclusive)
        let last = countBelow(max.value, inclusive: !max.exclusive) - 1
        return first <= last ? first...last : nil
    }

    /// The ascending ranks whose members lie between `min` and `max`; nil when none do.
    func ranks(from min: LexBound, to max: LexBound) -> ClosedRange<Int>? {
        let first: Int
        switch min {
        case .minimum: first = 0
        case .maximum: first = count
        case .member(let member, let exclusive): first = countBelow(member: member, inclusive: exclusive)
        }
        let last: Int
        switch max {
        case .minimum: last = -1
        case .maximum: last = count - 1
        case .member(let member, let exclusive): last = countBelow(member: member, inclusive: !exclusive) - 1
        }
        return first <= last ? first...last : nil
    }

    /// Start and end indexes as ZRANGE and ZREMRANGEBYRANK take them (negative ones count
    /// from the end), clamped to the set; nil when they select nothing.
    func ranks(start: Int, end: Int) -> ClosedRange<Int>? {
        var first = start < 0 ? count + start : start
        var last = end < 0 ? count + end : end
        if first < 0 { first = 0 }
        if first > last || first >= count { return nil }
        if last >= count { last = count - 1 }
        return first...last
    }
}
