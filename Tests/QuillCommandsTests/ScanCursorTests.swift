// SCAN's shard cursor without a server: Redis's cursor syntax, whole-shard batches, and
// the full-iteration guarantee while the table changes between calls.

import XCTest
@testable import QuillStore
@testable import QuillCommands

final class ScanCursorTests: XCTestCase {
    func testCursorSyntaxFollowsStrtoul() {
        func parse(_ s: String) -> UInt64? { ScanCursor.parse(Array(s.utf8)) }
        XCTAssertEqual(parse("0"), 0)
        XCTAssertEqual(parse(""), 0)
        XCTAssertEqual(parse("+17"), 17)
        XCTAssertEqual(parse("007"), 7)
        XCTAssertEqual(parse("18446744073709551615"), UInt64.max)
        XCTAssertEqual(parse("-1"), UInt64.max)
        XCTAssertEqual(parse("-0"), 0)
        for bad in ["18446744073709551616", " 1", "1 ", "-", "+", "0x10", "1.0", "abc"] {
            XCTAssertNil(parse(bad), bad)
        }
    }

    private func table(_ keys: [String]) -> ShardedTable<Int> {
        var t = ShardedTable<Int>()
        for k in keys { t.set(Key(Array(k.utf8)), 1) }
        return t
    }

    func testBatchesAreWholeShardsOfAtLeastCount() {
        let t = table((0..<2_000).map { "key:\($0)" })
        var cursor: UInt64 = 0
        var total = 0
        repeat {
            let (keys, next) = ScanCursor.collect(from: cursor, atLeast: 25, in: t)
            total += keys.count
            if next != 0 {
                XCTAssertGreaterThanOrEqual(keys.count, 25)
                XCTAssertGreaterThan(UInt64(next), cursor)
                XCTAssertFalse(t.shardIsEmpty(next), "the cursor points at the next shard with keys")
            }
            let shards = Set(keys.map { ShardedTable<Int>.shardIndex(of: $0) })
            XCTAssertEqual(shards.reduce(0) { $0 + t.shard($1).count }, keys.count, "batches hold whole shards")
            XCTAssertTrue(shards.allSatisfy { UInt64($0) >= cursor && (next == 0 || $0 < next) })
            cursor = UInt64(next)
        } while cursor != 0
        XCTAssertEqual(total, 2_000)
    }

    func testCursorsPastTheEndFinishAtOnce() {
        let t = table(["a", "b"])
        let (keys, next) = ScanCursor.collect(from: 65_536, atLeast: 10, in: t)
        XCTAssertEqual(keys, [])
        XCTAssertEqual(next, 0)
        XCTAssertEqual(ScanCursor.collect(from: 0, atLeast: 10, in: ShardedTable<Int>()).next, 0)
    }

    func testKeysPresentThroughoutAreAllReturnedDespiteChanges() {
        var t = table((0..<3_000).map { "stable:\($0)" } + (0..<1_000).map { "doomed:\($0)" })
        var seen: [Key: Int] = [:]
        var cursor: UInt64 = 0
        var call = 0
        repeat {
            let (keys, next) = ScanCursor.collect(from: cursor, atLeast: 7, in: t)
            for key in keys { seen[key, default: 0] += 1 }
            for i in 0..<5 { t.set(Key(Array("added:\(call):\(i)".utf8)), 1) }
            if call < 1_000 { t.remove(Key(Array("doomed:\(call)".utf8))) }
            call += 1
            cursor = UInt64(next)
        } while cursor != 0
        for i in 0..<3_000 {
            XCTAssertEqual(seen[Key(Array("stable:\(i)".utf8))], 1, "stable:\(i)")
        }
    }
}
