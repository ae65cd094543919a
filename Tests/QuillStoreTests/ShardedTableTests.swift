// The sharded table: map semantics, O(1) copies that stay independent, shard-order iteration.

import XCTest
@testable import QuillStore

final class ShardedTableTests: XCTestCase {
    func testInsertReplaceRemoveAndCount() {
        var table = ShardedTable<Int>()
        for i in 0..<10_000 { table.set(Key(Array("k\(i)".utf8)), i) }
        XCTAssertEqual(table.count, 10_000)
        XCTAssertEqual(table.set(Key(Array("k5".utf8)), 50), 5)
        XCTAssertEqual(table.count, 10_000)
        XCTAssertEqual(table.remove(Key(Array("k5".utf8))), 50)
        XCTAssertNil(table.remove(Key(Array("k5".utf8))))
        XCTAssertEqual(table.count, 9_999)
        XCTAssertEqual(table[Key(Array("k7".utf8))], 7)
    }

    func testCopyIsASnapshotUnaffectedByLaterWrites() {
        var live = ShardedTable<Int>()
        for i in 0..<1_000 { live.set(Key(Array("k\(i)".utf8)), i) }
        let snapshot = live
        for i in 0..<1_000 { live.set(Key(Array("k\(i)".utf8)), -i) }
        live.remove(Key(Array("k1".utf8)))
        var sum = 0
        snapshot.forEach { _, v in sum += v }
        XCTAssertEqual(sum, (0..<1_000).reduce(0, +))
        XCTAssertEqual(snapshot.count, 1_000)
        XCTAssertEqual(live.count, 999)
    }

    func testShardWalkVisitsEveryKeyOnce() {
        var table = ShardedTable<Int>()
        for i in 0..<5_000 { table.set(Key(Array("k\(i)".utf8)), i) }
        var seen = Set<Int>()
        var shard = 0
        while let next = table.nextNonEmptyShard(from: shard) {
            for (_, v) in table.shard(next) { XCTAssertTrue(seen.insert(v).inserted) }
            shard = next + 1
        }
        XCTAssertEqual(seen.count, 5_000)
    }

    func testSequentialKeysSpreadEvenlyOverShards() {
        var counts = [Int](repeating: 0, count: ShardedTable<Int>.shardCount)
        let n = 655_360
        for i in 0..<n { counts[ShardedTable<Int>.shardIndex(of: Key(Array("key:\(i)".utf8)))] += 1 }
        let mean = n / counts.count
        XCTAssertLessThan(counts.max()!, mean * 4)
        XCTAssertLessThan(counts.filter { $0 == 0 }.count, counts.count / 1000)
    }

    func testGlobPatterns() {
        func m(_ p: String, _ s: String, nocase: Bool = false) -> Bool {
            GlobPattern(Array(p.utf8), caseInsensitive: nocase).matches(Array(s.utf8))
        }
        XCTAssertTrue(m("a*", "a"))
        XCTAssertTrue(m("h?llo", "hello"))
        XCTAssertTrue(m("h*llo", "heeeello"))
        XCTAssertTrue(m("h[ae]llo", "hallo"))
        XCTAssertFalse(m("h[^e]llo", "hello"))
        XCTAssertTrue(m("h[a-b]llo", "hbllo"))
        XCTAssertTrue(m("a\\*b", "a*b"))
        XCTAssertFalse(m("a\\*b", "axb"))
        XCTAssertTrue(m("HELLO", "hello", nocase: true))
        XCTAssertFalse(m("a*b", "ac"))
        XCTAssertFalse(m(String(repeating: "a*", count: 30) + "b", String(repeating: "a", count: 60)))
    }
}
