// A copy of a hash, set, sorted set or list is a keyspace snapshot's view of it: heavy writes
// to either side must leave the other exactly as it was, for small values, values just past
// the point where they change representation, and large ones, including writes that carry a
// value across that point. Also the chunk arithmetic of ListValue against an array model.

import XCTest
@testable import QuillStore

final class SnapshotIndependenceTests: XCTestCase {
    private let sizes = [5, AdaptiveThresholds.large + 1, 3_000]
    private let limits = CompactLimits(maxEntries: 128, maxValueLength: 64)
    private let zsetLimits = SortedSetLimits(maxListpackEntries: 128, maxListpackValue: 64)

    private func bytes(_ n: Int) -> [UInt8] { Array("m\(n)".utf8) }
    private func key(_ n: Int) -> Key { Key(bytes(n)) }

    private func contents(_ hash: HashValue) -> [Key: [UInt8]] {
        Dictionary(uniqueKeysWithValues: hash.fields.map { ($0.key, $0.value.bytes) })
    }

    private func contents(_ zset: SortedSetValue) -> [[UInt8]: Double] {
        Dictionary(uniqueKeysWithValues: zset.scores.map { ($0.key, $0.value) })
    }

    private func ordered(_ zset: SortedSetValue) -> [[UInt8]] {
        zset.isEmpty ? [] : zset.elements(in: 0...(zset.count - 1)).map(\.member)
    }

    /// Adds 2n fields, overwrites some, removes most of the originals (crossing back below
    /// the small threshold for the middle size).
    private func churn(_ hash: inout HashValue, _ n: Int) {
        for i in n..<(3 * n) { hash.set(key(i), bytes(i + 1), limits: limits) }
        for i in stride(from: 0, to: 3 * n, by: 7) { hash.set(key(i), [0xFF], limits: limits) }
        for i in 0..<(3 * n) where i % 5 != 0 { hash.remove(key(i)) }
    }

    func testHashSnapshotsAreIndependent() {
        for n in sizes {
            var live = HashValue()
            for i in 0..<n { live.set(key(i), bytes(i), limits: limits) }
            let snapshot = live
            let before = contents(snapshot)
            XCTAssertEqual(snapshot.fields.isLarge, n > AdaptiveThresholds.large)
            churn(&live, n)
            XCTAssertEqual(contents(snapshot), before, "size \(n)")
            XCTAssertEqual(snapshot.count, n)
            XCTAssertEqual(snapshot[key(1)]?.bytes, bytes(1))

            let liveAfter = contents(live)
            XCTAssertNotEqual(liveAfter, before)
            var written = snapshot
            churn(&written, n + 1)
            XCTAssertEqual(contents(live), liveAfter, "size \(n)")
            XCTAssertEqual(contents(snapshot), before, "size \(n)")
        }
    }

    func testSetSnapshotsAreIndependent() {
        for n in sizes {
            var live = SetValue()
            for i in 0..<n { live.insert(key(i), maxIntsetEntries: 512) }
            let snapshot = live
            let before = Set(snapshot.members)
            XCTAssertEqual(snapshot.members.isLarge, n > AdaptiveThresholds.large)
            for i in n..<(3 * n) { live.insert(key(i), maxIntsetEntries: 512) }
            for i in 0..<(3 * n) where i % 4 != 0 { live.remove(key(i)) }
            XCTAssertEqual(Set(snapshot.members), before, "size \(n)")
            XCTAssertTrue(snapshot.contains(key(n - 1)))
            XCTAssertEqual(live.count, (3 * n + 3) / 4)

            let liveAfter = Set(live.members)
            var written = snapshot
            for i in 0..<(2 * n) { written.remove(key(i)) }
            for i in (5 * n)..<(6 * n) { written.insert(key(i), maxIntsetEntries: 512) }
            XCTAssertEqual(Set(live.members), liveAfter, "size \(n)")
            XCTAssertEqual(Set(snapshot.members), before, "size \(n)")
            XCTAssertEqual(Set(written.members), Set((5 * n..<6 * n).map(key)))
        }
    }

    func testSortedSetSnapshotsAreIndependent() {
        for n in sizes {
            var live = SortedSetValue()
            for i in 0..<n { live.set(bytes(i), score: Double(i % 17), limits: zsetLimits) }
            let snapshot = live
            let scores = contents(snapshot)
            let order = ordered(snapshot)
            XCTAssertEqual(snapshot.scores.isLarge, n > AdaptiveThresholds.large)
            for i in n..<(3 * n) { live.set(bytes(i), score: Double(-i), limits: zsetLimits) }
            for i in stride(from: 0, to: n, by: 3) { live.set(bytes(i), score: 1e9 + Double(i), limits: zsetLimits) }
            for i in 0..<(3 * n) where i % 5 == 1 { live.remove(bytes(i)) }
            live.removeRanks(0...(live.count / 3))
            XCTAssertEqual(contents(snapshot), scores, "size \(n)")
            XCTAssertEqual(ordered(snapshot), order, "size \(n)")
            XCTAssertEqual(snapshot.rank(of: bytes(n - 1)), order.firstIndex(of: bytes(n - 1)))

            let liveScores = contents(live)
            let liveOrder = ordered(live)
            var written = snapshot
            written.removeRanks(0...(written.count / 2))
            for i in 0..<(2 * n) { written.set(bytes(i), score: Double(i) / 3, limits: zsetLimits) }
            XCTAssertEqual(contents(live), liveScores, "size \(n)")
            XCTAssertEqual(ordered(live), liveOrder, "size \(n)")
            XCTAssertEqual(ordered(snapshot), order, "size \(n)")
            let expected = (0..<(2 * n)).map(bytes)
            XCTAssertEqual(ordered(written), expected)
        }
    }

    func testListSnapshotsAreIndependent() {
        for n in [5, ListValue.chunkCapacity + 1, 5 * ListValue.chunkCapacity + 7] {
            var live = ListValue((0..<n).map(bytes))
            let snapshot = live
            let before = Array(snapshot.elements)
            for i in 0..<n { live.pushFront(bytes(-i)) }
            for i in 0..<n { live.pushBack(bytes(n + i)) }
            for _ in 0..<(n / 2) { _ = live.popFront() }
            live[live.count / 2] = [0xAA]
            _ = live.insert([0xBB], after: true, pivot: bytes(n / 2))
            _ = live.remove(bytes(3), limit: 0)
            live.keep(1...(live.count - 2))
            XCTAssertEqual(Array(snapshot.elements), before, "size \(n)")
            XCTAssertEqual(snapshot.count, n)
            XCTAssertEqual(snapshot[n - 1], bytes(n - 1))

            let liveAfter = Array(live.elements)
            var written = snapshot
            while written.count > 1 { _ = written.popBack() }
            for i in 0..<n { written.pushBack(bytes(i * 2)) }
            XCTAssertEqual(Array(live.elements), liveAfter, "size \(n)")
            XCTAssertEqual(Array(snapshot.elements), before, "size \(n)")
        }
    }

    func testAdaptiveTablesConvertBothWaysWithoutLosingEntries() {
        var table = AdaptiveDictionary<Key, [UInt8]>()
        for i in 0..<(AdaptiveThresholds.large * 2) { table.updateValue(bytes(i), forKey: key(i)) }
        XCTAssertTrue(table.isLarge)
        for i in 0..<(AdaptiveThresholds.large * 2 - 10) { XCTAssertEqual(table.removeValue(forKey: key(i)), bytes(i)) }
        XCTAssertFalse(table.isLarge)
        XCTAssertEqual(table.count, 10)
        XCTAssertEqual(Set(table.keys), Set((AdaptiveThresholds.large * 2 - 10..<AdaptiveThresholds.large * 2).map(key)))
        XCTAssertNil(table.removeValue(forKey: key(0)))

        var set = AdaptiveSet<Key>((0..<1_000).map(key))
        XCTAssertTrue(set.isLarge)
        set.subtract((0..<990).map(key))
        XCTAssertFalse(set.isLarge)
        XCTAssertEqual(Set(set), Set((990..<1_000).map(key)))
        XCTAssertFalse(set.insert(key(995)))
        XCTAssertFalse(set.remove(key(5)))
    }

    func testCollectionIndicesWalkEveryEntryOnce() {
        for n in sizes {
            let table = AdaptiveDictionary(Dictionary(uniqueKeysWithValues: (0..<n).map { (key($0), $0) }))
            var seen = Set<Key>()
            var index = table.startIndex
            while index != table.endIndex {
                XCTAssertTrue(seen.insert(table[index].key).inserted)
                XCTAssertEqual(table[table[index].key], table[index].value)
                index = table.index(after: index)
            }
            XCTAssertEqual(seen.count, n)
            XCTAssertEqual(table.count, n)
            XCTAssertEqual(table[table.index(table.startIndex, offsetBy: n - 1)].key,
                           Array(table).last?.key)
        }
    }

    func testListChunksMatchAnArrayUnderRandomEdits() {
        var generator = SystemRandomNumberGenerator()
        var list = ListValue()
        var model: [[UInt8]] = []
        let capacity = ListValue.chunkCapacity
        for step in 0..<20_000 {
            let value = bytes(step)
            switch Int.random(in: 0..<10, using: &generator) {
            case 0, 1:
                list.pushFront(value)
                model.insert(value, at: 0)
            case 2, 3, 4:
                list.pushBack(value)
                model.append(value)
            case 5:
                XCTAssertEqual(list.popFront(), model.isEmpty ? nil : model.removeFirst())
            case 6:
                XCTAssertEqual(list.popBack(), model.popLast())
            case 7:
                let offset = Int.random(in: 0...model.count, using: &generator)
                list.insert(value, at: offset)
                model.insert(value, at: offset)
            case 8 where !model.isEmpty:
                let offset = Int.random(in: 0..<model.count, using: &generator)
                list[offset] = value
                model[offset] = value
            default:
                if model.count > 3 * capacity {
                    let first = Int.random(in: 0..<capacity, using: &generator)
                    let last = model.count - 1 - Int.random(in: 0..<capacity, using: &generator)
                    XCTAssertEqual(list.keep(first...last), model.count - (last - first + 1))
                    model = Array(model[first...last])
                }
            }
            XCTAssertEqual(list.count, model.count)
            if step % 500 == 0 || model.count < 3 {
                XCTAssertEqual(Array(list.elements), model, "step \(step)")
                XCTAssertEqual(Array(list.elements.reversed()), model.reversed(), "step \(step)")
            }
        }
        XCTAssertEqual(Array(list.elements), model)
        for offset in stride(from: 0, to: model.count, by: 37) { XCTAssertEqual(list[offset], model[offset]) }
    }
}
