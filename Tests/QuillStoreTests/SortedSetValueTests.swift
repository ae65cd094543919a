// SortedSetValue.removeRanks keeps the score table and the order in step whichever way it
// updates the table (deleting the removed members, or rebuilding from the few left).

import XCTest
@testable import QuillStore

final class SortedSetRemoveRanksTests: XCTestCase {
    func testScoresFollowTheOrderAfterSmallAndLargeCuts() {
        let limits = SortedSetLimits(maxListpackEntries: 128, maxListpackValue: 64)
        for (size, cut) in [(3_000, 10...20), (3_000, 0...2_989), (3_000, 5...2_999), (300, 0...299), (40, 1...38)] {
            var zset = SortedSetValue()
            for i in 0..<size { zset.set(Array("m\(i)".utf8), score: Double(i % 97), limits: limits) }
            let before = zset.elements(in: 0...(size - 1))
            XCTAssertEqual(zset.removeRanks(cut), cut.count)
            let kept = before.enumerated().filter { !cut.contains($0.offset) }.map(\.element)
            XCTAssertEqual(zset.count, kept.count)
            XCTAssertEqual(zset.scores.count, kept.count)
            for element in kept { XCTAssertEqual(zset.score(of: element.member), element.score) }
            for rank in cut.prefix(50) { XCTAssertNil(zset.score(of: before[rank].member)) }
            if !kept.isEmpty {
                XCTAssertEqual(zset.elements(in: 0...(kept.count - 1)).map(\.member), kept.map(\.member))
            }
        }
    }
}
