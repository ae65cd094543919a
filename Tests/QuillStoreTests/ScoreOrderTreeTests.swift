// The order-statistic B+tree behind sorted sets, against a sorted array: thousands of random
// insertions and removals (single and by rank range, small and large), with every query and
// the tree's structural rules checked as it goes, plus the value semantics a keyspace
// snapshot relies on.

import XCTest
@testable import QuillStore

final class ScoreOrderTreeTests: XCTestCase {
    private struct Element: Equatable {
        var score: Double
        var member: [UInt8]
    }

    private func sorted(_ elements: [Element]) -> [Element] {
        elements.sorted { ScoreOrderTree.precedes($0.score, $0.member, $1.score, $1.member) }
    }

    private func contents(_ tree: ScoreOrderTree) -> [Element] {
        tree.count == 0 ? [] : tree.elements(in: 0...(tree.count - 1)).map { Element(score: $0.score, member: $0.member) }
    }

    func testOrderIsByScoreThenMemberBytes() {
        var tree = ScoreOrderTree()
        let input: [(Double, String)] = [(2, "a"), (1, "b"), (1, "a"), (1, "ab"), (-Double.infinity, "z"),
                                         (Double.infinity, ""), (1, ""), (1, "\u{7F}")]
        for (score, member) in input { tree.insert(score: score, member: Array(member.utf8)) }
        XCTAssertEqual(contents(tree).map { String(decoding: $0.member, as: UTF8.self) },
                       ["z", "", "a", "ab", "b", "\u{7F}", "a", ""])
        XCTAssertEqual(tree.rank(score: 1, member: Array("ab".utf8)), 3)
        XCTAssertEqual(tree.rank(score: 1.5, member: []), 6)
        XCTAssertEqual(tree.countPrefix { score, _ in score < 2 }, 6)
        XCTAssertEqual(tree.element(at: 7).score, .infinity)
    }

    func testHighBytesSortAfterLowOnes() {
        var tree = ScoreOrderTree()
        tree.insert(score: 0, member: [0xFF])
        tree.insert(score: 0, member: [0x00, 0x01])
        tree.insert(score: 0, member: [0x00])
        XCTAssertEqual(contents(tree).map(\.member), [[0x00], [0x00, 0x01], [0xFF]])
    }

    func testRandomOperationsMatchASortedArray() {
        var generator = TreeTestRandom(seed: 7)
        var tree = ScoreOrderTree()
        var model: [Element] = []
        for step in 0..<6000 {
            let action = Int.random(in: 0..<10, using: &generator)
            if action < 6 || model.isEmpty {
                let member = Array("m\(Int.random(in: 0..<400, using: &generator))".utf8)
                guard !model.contains(where: { $0.member == member }) else { continue }
                let score = Double(Int.random(in: -20...20, using: &generator)) / 2
                tree.insert(score: score, member: member)
                model = sorted(model + [Element(score: score, member: member)])
            } else if action < 9 {
                let victim = model[Int.random(in: 0..<model.count, using: &generator)]
                tree.remove(score: victim.score, member: victim.member)
                model.removeAll { $0 == victim }
            } else {
                let low = Int.random(in: 0..<model.count, using: &generator)
                let high = Int.random(in: low..<min(model.count, low + 5), using: &generator)
                let removed = tree.removeRanks(low...high)
                XCTAssertEqual(removed, model[low...high].map(\.member))
                model.removeSubrange(low...high)
            }
            XCTAssertEqual(tree.count, model.count)
            guard !model.isEmpty else { continue }
            let probe = Int.random(in: 0..<model.count, using: &generator)
            XCTAssertEqual(tree.element(at: probe).member, model[probe].member)
            XCTAssertEqual(tree.rank(score: model[probe].score, member: model[probe].member), probe)
            let threshold = Double(Int.random(in: -20...20, using: &generator)) / 2
            XCTAssertEqual(tree.countPrefix { score, _ in score < threshold }, model.filter { $0.score < threshold }.count)
            let first = Int.random(in: 0..<model.count, using: &generator)
            let last = Int.random(in: first..<model.count, using: &generator)
            XCTAssertEqual(tree.elements(in: first...last).map(\.member), model[first...last].map(\.member))
            if step % 500 == 0 { XCTAssertEqual(contents(tree), model) }
        }
    }

    func testCopiesAreIndependent() {
        var original = ScoreOrderTree()
        for i in 0..<50 { original.insert(score: Double(i), member: Array("m\(i)".utf8)) }
        var copy = original
        copy.removeRanks(0...9)
        copy.insert(score: -1, member: Array("new".utf8))
        XCTAssertEqual(original.count, 50)
        XCTAssertEqual(original.element(at: 0).member, Array("m0".utf8))
        XCTAssertEqual(copy.count, 41)
        XCTAssertEqual(copy.element(at: 0).member, Array("new".utf8))
        XCTAssertEqual(copy.element(at: 1).member, Array("m10".utf8))
    }

    func testEmptiedTreeStartsAfresh() {
        var tree = ScoreOrderTree()
        for i in 0..<10 { tree.insert(score: 1, member: [UInt8(i)]) }
        XCTAssertEqual(tree.removeRanks(0...9).count, 10)
        XCTAssertEqual(tree.count, 0)
        tree.insert(score: 3, member: [1])
        XCTAssertEqual(tree.count, 1)
        XCTAssertEqual(tree.element(at: 0).score, 3)
    }

    // MARK: Larger trees, awkward elements

    /// Scores that sort or compare in unusual ways: both zeros, both infinities, repeats.
    private static let scorePool: [Double] = [-.infinity, -2.5, -1, -0.0, 0.0, 0.5, 1, 1, 3, 1e300, .infinity]

    /// A member not used so far: often one that shares a prefix with others, sometimes empty
    /// or with bytes at either end of the range.
    private func freshMember(_ used: inout Set<[UInt8]>, _ generator: inout TreeTestRandom) -> [UInt8] {
        while true {
            let member: [UInt8]
            switch Int.random(in: 0..<8, using: &generator) {
            case 0: member = Array(repeating: UInt8(ascii: "a"), count: Int.random(in: 0..<6, using: &generator))
            case 1: member = [0xFF] + Array("\(Int.random(in: 0..<50, using: &generator))".utf8)
            case 2: member = [0x00] + Array(repeating: 0x00, count: Int.random(in: 0..<3, using: &generator))
            default: member = Array("k\(Int.random(in: 0..<1_000_000, using: &generator))".utf8)
            }
            if used.insert(member).inserted { return member }
        }
    }

    private func insertSorted(_ element: Element, into model: inout [Element]) {
        var low = 0
        var high = model.count
        while low < high {
            let middle = (low + high) / 2
            if ScoreOrderTree.precedes(model[middle].score, model[middle].member, element.score, element.member) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        model.insert(element, at: low)
    }

    /// Walks the whole tree: leaves all at one depth, no node empty or over capacity, no node
    /// but the root under a quarter full, counts and routing keys equal to what they describe.
    private func checkStructure(_ tree: ScoreOrderTree, file: StaticString = #filePath, line: UInt = #line) {
        var leafDepths = Set<Int>()
        func visit(_ node: ScoreOrderTree.Node, depth: Int, isRoot: Bool) -> Int {
            XCTAssertLessThanOrEqual(node.entryCount, ScoreOrderTree.capacity, file: file, line: line)
            XCTAssertEqual(node.scores.count, node.members.count, file: file, line: line)
            if !isRoot {
                XCTAssertGreaterThanOrEqual(node.entryCount, ScoreOrderTree.minimumFill, file: file, line: line)
            }
            if node.isLeaf {
                leafDepths.insert(depth)
                XCTAssertEqual(node.total, node.entryCount, file: file, line: line)
                return node.total
            }
            XCTAssertGreaterThan(node.entryCount, isRoot ? 1 : 0, file: file, line: line)
            XCTAssertEqual(node.children.count, node.entryCount, file: file, line: line)
            var sum = 0
            for (index, entry) in node.children.enumerated() {
                let child = entry.node
                let size = visit(child, depth: depth + 1, isRoot: false)
                XCTAssertEqual(entry.count, size, file: file, line: line)
                XCTAssertEqual(node.scores[index].bitPattern, child.lastScore.bitPattern, file: file, line: line)
                XCTAssertEqual(node.members[index], child.lastMember, file: file, line: line)
                sum += size
            }
            XCTAssertEqual(node.total, sum, file: file, line: line)
            return sum
        }
        XCTAssertEqual(visit(tree.root, depth: 0, isRoot: true), tree.count, file: file, line: line)
        XCTAssertLessThanOrEqual(leafDepths.count, 1, "leaves at different depths", file: file, line: line)
    }

    /// How many leading elements of the sorted model satisfy `isBefore` (a prefix of it).
    private func prefix(of model: [Element], _ isBefore: (Element) -> Bool) -> Int {
        var low = 0
        var high = model.count
        while low < high {
            let middle = (low + high) / 2
            if isBefore(model[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private func height(_ tree: ScoreOrderTree) -> Int {
        var levels = 1
        var node = tree.root
        while !node.isLeaf {
            levels += 1
            node = node.children[0].node
        }
        return levels
    }

    private func assertSame(_ tree: ScoreOrderTree, _ model: [Element], file: StaticString = #filePath, line: UInt = #line) {
        let elements = contents(tree)
        XCTAssertEqual(elements.count, model.count, file: file, line: line)
        XCTAssertEqual(elements.map(\.member), model.map(\.member), file: file, line: line)
        XCTAssertEqual(elements.map(\.score.bitPattern), model.map(\.score.bitPattern), file: file, line: line)
    }

    func testRandomOperationsOnLargeTreesMatchASortedArray() {
        var generator = TreeTestRandom(seed: 2026)
        var tree = ScoreOrderTree()
        var model: [Element] = []
        var used = Set<[UInt8]>()
        var tallest = 0
        for step in 0..<16_000 {
            // Grow to several thousand elements (three levels), shrink, grow again.
            let growing = step < 8_000 || step >= 12_000
            let action = Int.random(in: 0..<100, using: &generator)
            if model.isEmpty || action < (growing ? 92 : 40) {
                let member = freshMember(&used, &generator)
                let score = Int.random(in: 0..<4, using: &generator) == 0
                    ? Double(Int.random(in: -1000...1000, using: &generator)) / 8
                    : Self.scorePool.randomElement(using: &generator)!
                tree.insert(score: score, member: member)
                insertSorted(Element(score: score, member: member), into: &model)
            } else if action < (growing ? 98 : 85) {
                let victim = model.remove(at: Int.random(in: 0..<model.count, using: &generator))
                used.remove(victim.member)
                tree.remove(score: victim.score, member: victim.member)
            } else {
                let low = Int.random(in: 0..<model.count, using: &generator)
                let longest = growing ? [4, 40][Int.random(in: 0..<2, using: &generator)]
                                      : [4, 150, 2000][Int.random(in: 0..<3, using: &generator)]
                let high = Int.random(in: low..<min(model.count, low + longest), using: &generator)
                XCTAssertEqual(tree.removeRanks(low...high), model[low...high].map(\.member), "step \(step)")
                for element in model[low...high] { used.remove(element.member) }
                model.removeSubrange(low...high)
            }
            XCTAssertEqual(tree.count, model.count)
            if step % 250 == 0 {
                tallest = max(tallest, height(tree))
                checkStructure(tree)
                assertSame(tree, model)
            }
            guard !model.isEmpty else { continue }
            for _ in 0..<2 {
                let probe = Int.random(in: 0..<model.count, using: &generator)
                let found = tree.element(at: probe)
                XCTAssertEqual(found.member, model[probe].member)
                XCTAssertEqual(found.score.bitPattern, model[probe].score.bitPattern)
                XCTAssertEqual(tree.rank(score: model[probe].score, member: model[probe].member), probe)
            }
            let threshold = Self.scorePool.randomElement(using: &generator)!
            XCTAssertEqual(tree.countPrefix { score, _ in score < threshold }, prefix(of: model) { $0.score < threshold })
            XCTAssertEqual(tree.countPrefix { score, _ in score <= threshold }, prefix(of: model) { $0.score <= threshold })
            let outsider = freshMember(&used, &generator)
            used.remove(outsider)
            XCTAssertEqual(tree.rank(score: threshold, member: outsider),
                           prefix(of: model) { ScoreOrderTree.precedes($0.score, $0.member, threshold, outsider) })
            let first = Int.random(in: 0..<model.count, using: &generator)
            let last = Int.random(in: first..<min(model.count, first + 300), using: &generator)
            XCTAssertEqual(tree.elements(in: first...last).map(\.member), model[first...last].map(\.member))
        }
        checkStructure(tree)
        assertSame(tree, model)
        XCTAssertGreaterThanOrEqual(tallest, 3, "the tree never grew past two levels")
    }

    func testRemovingLargeRangesKeepsTheTreeBalanced() {
        var generator = TreeTestRandom(seed: 99)
        let cutsBySize: [(Int, [ClosedRange<Int>])] = [
            (5_000, [0...4_998, 1...4_999, 64...4_000]),
            (160_000, [0...150_000, 1...159_998, 5_000...5_100, 63...123_456, 40_000...40_000, 100...159_999]),
        ]
        for (size, cuts) in cutsBySize {
            var full = ScoreOrderTree()
            var fullModel: [Element] = []
            for i in 0..<size {
                let element = Element(score: Double(Int.random(in: 0..<1000, using: &generator)), member: Array("e\(i)".utf8))
                full.insert(score: element.score, member: element.member)
                fullModel.append(element)
            }
            fullModel = sorted(fullModel)
            if size > 100_000 { XCTAssertGreaterThanOrEqual(height(full), 4) }
            for cut in cuts {
                var tree = full
                var model = fullModel
                XCTAssertEqual(tree.removeRanks(cut), model[cut].map(\.member), "\(cut)")
                model.removeSubrange(cut)
                checkStructure(tree)
                assertSame(tree, model)
                // The repaired tree takes further updates normally.
                for element in model.prefix(40) { tree.remove(score: element.score, member: element.member) }
                model.removeFirst(min(40, model.count))
                tree.insert(score: 0.5, member: Array("late".utf8))
                insertSorted(Element(score: 0.5, member: Array("late".utf8)), into: &model)
                checkStructure(tree)
                assertSame(tree, model)
            }
            assertSame(full, fullModel)
        }
    }

    func testPoppingFromBothEndsKeepsTheTreeBalanced() {
        var tree = ScoreOrderTree()
        var model: [Element] = []
        for i in 0..<20_000 {
            let element = Element(score: Double(i / 3), member: Array("p\(i)".utf8))
            tree.insert(score: element.score, member: element.member)
            model.append(element)
        }
        model = sorted(model)
        var step = 0
        while model.count > 10 {
            let fromEnd = step % 3 == 0
            let taken = step % 5 == 0 ? 3 : 1
            let ranks = fromEnd ? (model.count - taken)...(model.count - 1) : 0...(taken - 1)
            XCTAssertEqual(tree.removeRanks(ranks), model[ranks].map(\.member))
            model.removeSubrange(ranks)
            if step % 997 == 0 { checkStructure(tree) }
            step += 1
        }
        checkStructure(tree)
        assertSame(tree, model)
    }

    func testRemovingEveryRankEmptiesALargeTree() {
        var tree = ScoreOrderTree()
        for i in 0..<10_000 { tree.insert(score: Double(i % 7), member: Array("x\(i)".utf8)) }
        let removed = tree.removeRanks(0...9_999)
        XCTAssertEqual(removed.count, 10_000)
        XCTAssertEqual(Set(removed).count, 10_000)
        XCTAssertEqual(tree.count, 0)
        XCTAssertEqual(tree.elements(in: 0...5).count, 0)
        tree.insert(score: 1, member: [7])
        XCTAssertEqual(tree.element(at: 0).member, [7])
        checkStructure(tree)
    }

    func testHeavilyMutatedCopyLeavesTheOriginalUnchanged() {
        var generator = TreeTestRandom(seed: 5)
        var original = ScoreOrderTree()
        var used = Set<[UInt8]>()
        for _ in 0..<8_000 {
            let member = freshMember(&used, &generator)
            original.insert(score: Self.scorePool.randomElement(using: &generator)!, member: member)
        }
        let before = contents(original)
        var copy = original
        var model = before
        for step in 0..<3_000 {
            let action = Int.random(in: 0..<10, using: &generator)
            if action < 4 || model.isEmpty {
                let element = Element(score: Double(Int.random(in: -50...50, using: &generator)), member: freshMember(&used, &generator))
                copy.insert(score: element.score, member: element.member)
                insertSorted(element, into: &model)
            } else if action < 9 {
                let victim = model.remove(at: Int.random(in: 0..<model.count, using: &generator))
                copy.remove(score: victim.score, member: victim.member)
            } else {
                let low = Int.random(in: 0..<model.count, using: &generator)
                let high = Int.random(in: low..<min(model.count, low + 700), using: &generator)
                copy.removeRanks(low...high)
                model.removeSubrange(low...high)
            }
            if step % 500 == 0 { assertSame(original, before) }
        }
        assertSame(original, before)
        assertSame(copy, model)
        checkStructure(original)
        checkStructure(copy)

        // And the other way round: writing to the original leaves the copy as it was.
        let copyBefore = contents(copy)
        original.removeRanks(100...6_000)
        for element in before.prefix(50) { original.remove(score: element.score, member: element.member) }
        assertSame(copy, copyBefore)
        XCTAssertEqual(original.count, before.count - 5_901 - 50)
    }
}

/// A small deterministic generator so a failure can be replayed.
private struct TreeTestRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
