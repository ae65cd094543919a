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

    /// The ascending ranks a lex range selects; nil when none. With equal scores these are
    /// the members between `min` and `max`. Otherwise Redis's walk decides, and is copied:
    /// nothing when the last member is below `min` or the first above `max`; else start at
    /// the first member not below `min` (the last not above `max` when `reverse`), which
    /// must itself be in range, and go on while members stay on the near side of the other
    /// bound. A listpack set is walked member by member as Redis walks it; a larger one is
    /// searched from the root, which agrees with the walk whenever members are in order.
    func ranks(from min: LexBound, to max: LexBound, reverse: Bool = false) -> ClosedRange<Int>? {
        guard count > 0, !LexBound.isEmptyRange(min, max) else { return nil }
        let aboveMin = min.admitsFromBelow
        let belowMax = max.admitsFromAbove
        guard aboveMin(element(at: count - 1).member), belowMax(element(at: 0).member) else { return nil }
        if isListpack {
            let members = elements(in: 0...(count - 1)).map(\.member)
            if reverse {
                guard let last = members.lastIndex(where: belowMax), aboveMin(members[last]) else { return nil }
                var first = last
                while first > 0 && aboveMin(members[first - 1]) { first -= 1 }
                return first...last
            }
            guard let first = members.firstIndex(where: aboveMin), belowMax(members[first]) else { return nil }
            var last = first
            while last + 1 < members.count && belowMax(members[last + 1]) { last += 1 }
            return first...last
        }
        let first = order.countPrefix { _, member in !aboveMin(member) }
        let last = order.countPrefix { _, member in belowMax(member) } - 1
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
