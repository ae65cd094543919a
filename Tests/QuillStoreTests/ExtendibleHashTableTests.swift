// ExtendibleHashTable against a plain Dictionary: random inserts, replacements and removals
// across many shard splits, iteration, offsets, and copies that must not see later writes.

import XCTest
@testable import QuillStore

final class ExtendibleHashTableTests: XCTestCase {
    private func key(_ i: Int) -> [UInt8] { Array("member:\(i)".utf8) }

    func testRandomOperationsMatchADictionary() {
        var generator = SystemRandomNumberGenerator()
        var table = ExtendibleHashTable<[UInt8], Int>()
        var model: [[UInt8]: Int] = [:]
        for step in 0..<60_000 {
            let k = key(Int.random(in: 0..<20_000, using: &generator))
            if Int.random(in: 0..<4, using: &generator) == 0 {
                XCTAssertEqual(table.removeValue(forKey: k), model.removeValue(forKey: k))
            } else {
                XCTAssertEqual(table.updateValue(step, forKey: k), model.updateValue(step, forKey: k))
            }
            XCTAssertEqual(table.count, model.count)
        }
        XCTAssertGreaterThan(table.shards.count, 8, "the table split into shards")
        for i in 0..<20_000 { XCTAssertEqual(table[key(i)], model[key(i)]) }
        var seen: [[UInt8]: Int] = [:]
        for (k, v) in table {
            XCTAssertNil(seen[k], "each key is visited once")
            seen[k] = v
        }
        XCTAssertEqual(seen, model)
        XCTAssertEqual(Array(table.indices).count, model.count)
    }

    func testOffsetsAgreeWithIterationOrder() {
        var table = ExtendibleHashTable<[UInt8], Int>()
        for i in 0..<5_000 { table.updateValue(i, forKey: key(i)) }
        for i in stride(from: 0, to: 5_000, by: 7) where i % 3 == 0 { table.removeValue(forKey: key(i)) }
        let ordered = Array(table)
        for offset in stride(from: 0, to: ordered.count, by: 13) {
            let element = table[table.index(table.startIndex, offsetBy: offset)]
            XCTAssertEqual(element.key, ordered[offset].key)
        }
        XCTAssertEqual(table.index(table.startIndex, offsetBy: ordered.count), table.endIndex)
        let middle = table.index(table.startIndex, offsetBy: 100)
        XCTAssertEqual(table[table.index(middle, offsetBy: 2_000)].key, ordered[2_100].key)
        XCTAssertEqual(table.count, ordered.count)
    }

    func testACopyDoesNotSeeLaterWrites() {
        var table = ExtendibleHashTable<[UInt8], Int>()
        for i in 0..<10_000 { table.updateValue(i, forKey: key(i)) }
        let snapshot = table
        for i in 0..<10_000 where i % 2 == 0 { table.removeValue(forKey: key(i)) }
        for i in 10_000..<20_000 { table.updateValue(-i, forKey: key(i)) }
        XCTAssertEqual(snapshot.count, 10_000)
        for i in 0..<10_000 { XCTAssertEqual(snapshot[key(i)], i) }
        XCTAssertNil(snapshot[key(10_001)])
        XCTAssertEqual(table.count, 15_000)
        XCTAssertEqual(table[key(10_001)], -10_001)
        XCTAssertNil(table[key(2)])
    }

    /// Keys that all hash alike cannot be split apart: the table must stay correct and its
    /// directory small instead of doubling on every insert.
    private struct CollidingKey: Hashable {
        let id: Int
        func hash(into hasher: inout Hasher) { hasher.combine(0) }
    }

    func testKeysThatAllCollideKeepTheDirectorySmall() {
        var table = ExtendibleHashTable<CollidingKey, Int>()
        for i in 0..<20_000 { table.updateValue(i, forKey: CollidingKey(id: i)) }
        XCTAssertEqual(table.count, 20_000)
        XCTAssertLessThanOrEqual(table.directory.count, 8 * table.shards.count)
        XCTAssertLessThan(table.shards.count, 64, "a split that separates nothing is not retried at once")
        for i in stride(from: 0, to: 20_000, by: 3) { XCTAssertEqual(table[CollidingKey(id: i)], i) }
        for i in 0..<10_000 { XCTAssertEqual(table.removeValue(forKey: CollidingKey(id: i)), i) }
        XCTAssertEqual(table.count, 10_000)
        XCTAssertEqual(Array(table).count, 10_000)
    }

    func testEmptyTable() {
        let table = ExtendibleHashTable<[UInt8], Int>()
        XCTAssertTrue(table.isEmpty)
        XCTAssertEqual(table.startIndex, table.endIndex)
        XCTAssertNil(table[key(1)])
        XCTAssertEqual(Array(table).count, 0)
    }
}
