// ListValue's index arithmetic and edits, the parts LRANGE, LINDEX, LTRIM, LREM and LINSERT
// build on, including the extreme indexes clients may send.

import XCTest
@testable import QuillStore

final class ListValueTests: XCTestCase {
    private func list(_ items: String...) -> ListValue { ListValue(items.map { Array($0.utf8) }) }
    private func strings(_ list: ListValue) -> [String] { list.elements.map { String(decoding: $0, as: UTF8.self) } }

    func testPushAndPopAtBothEnds() {
        var l = ListValue()
        l.pushBack(Array("b".utf8))
        l.pushFront(Array("a".utf8))
        l.pushBack(Array("c".utf8))
        XCTAssertEqual(strings(l), ["a", "b", "c"])
        XCTAssertEqual(l.popFront(), Array("a".utf8))
        XCTAssertEqual(l.popBack(), Array("c".utf8))
        XCTAssertEqual(l.popBack(), Array("b".utf8))
        XCTAssertNil(l.popFront())
        XCTAssertTrue(l.isEmpty)
    }

    func testIndexesAndRanges() {
        let l = list("a", "b", "c")
        XCTAssertEqual(l.offset(ofIndex: -1), 2)
        XCTAssertEqual(l.offset(ofIndex: -3), 0)
        XCTAssertNil(l.offset(ofIndex: -4))
        XCTAssertNil(l.offset(ofIndex: 3))
        XCTAssertNil(l.offset(ofIndex: Int.min))
        XCTAssertEqual(l.offsets(start: Int.min, end: Int.max), 0...2)
        XCTAssertEqual(l.offsets(start: -2, end: -1), 1...2)
        XCTAssertNil(l.offsets(start: 2, end: 1))
        XCTAssertNil(l.offsets(start: 3, end: 10))
        XCTAssertNil(l.offsets(start: 0, end: Int.min))
        XCTAssertNil(ListValue().offsets(start: 0, end: -1))
    }

    func testKeep() {
        var l = list("a", "b", "c", "d")
        XCTAssertEqual(l.keep(1...2), 2)
        XCTAssertEqual(strings(l), ["b", "c"])
        XCTAssertEqual(l.keep(nil), 2)
        XCTAssertTrue(l.isEmpty)
    }

    func testRemoveByValue() {
        var l = list("x", "a", "x", "b", "x")
        XCTAssertEqual(l.remove(Array("x".utf8), limit: -1), 1)
        XCTAssertEqual(strings(l), ["x", "a", "x", "b"])
        XCTAssertEqual(l.remove(Array("x".utf8), limit: 1), 1)
        XCTAssertEqual(strings(l), ["a", "x", "b"])
        XCTAssertEqual(l.remove(Array("zz".utf8), limit: 0), 0)
        XCTAssertEqual(l.remove(Array("x".utf8), limit: Int.min), 1)
        XCTAssertEqual(strings(l), ["a", "b"])
    }

    func testInsertNextToTheFirstPivot() {
        var l = list("p", "q", "p")
        XCTAssertTrue(l.insert(Array("after".utf8), after: true, pivot: Array("p".utf8)))
        XCTAssertTrue(l.insert(Array("before".utf8), after: false, pivot: Array("p".utf8)))
        XCTAssertFalse(l.insert(Array("x".utf8), after: true, pivot: Array("none".utf8)))
        XCTAssertEqual(strings(l), ["before", "p", "after", "q", "p"])
    }

    func testCopiesAreIndependent() {
        let original = list("a")
        var copy = original
        copy.pushBack(Array("b".utf8))
        XCTAssertEqual(strings(original), ["a"])
        XCTAssertEqual(strings(copy), ["a", "b"])
    }
}
