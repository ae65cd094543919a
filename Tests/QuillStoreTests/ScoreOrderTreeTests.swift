// The order-statistic treap behind sorted sets, against a sorted array: thousands of random
// insertions and removals (single and by rank range), with every query checked after each
// step, plus the value semantics a keyspace snapshot relies on.

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
