// INFO memory's heap figure, read from glibc's malloc_info report.

import XCTest
@testable import QuillCommands

final class ProcessStatsTests: XCTestCase {
    func testHeapInUseUsesTheProcessTotals() {
        let report = """
        <malloc version="1">
        <heap nr="0">
        <sizes>
        </sizes>
        <total type="fast" count="0" size="0"/>
        <total type="rest" count="1" size="999"/>
        <system type="current" size="5000"/>
        </heap>
        <total type="fast" count="2" size="100"/>
        <total type="rest" count="80" size="56991"/>
        <total type="mmap" count="3" size="610304"/>
        <system type="current" size="1638400"/>
        <system type="max" size="1638400"/>
        <aspace type="total" size="1638400"/>
        </malloc>
        """
        XCTAssertEqual(ProcessStats.heapInUse(fromMallocInfo: report), 1_638_400 - 100 - 56_991 + 610_304)
        XCTAssertNil(ProcessStats.heapInUse(fromMallocInfo: "<malloc></malloc>"))
    }

    func testLiveFiguresArePlausible() {
        XCTAssertGreaterThan(ProcessStats.usedMemory(), 0)
        XCTAssertGreaterThan(ProcessStats.residentSetSize(), 0)
        XCTAssertTrue(ProcessStats.operatingSystem().hasPrefix("Linux "))
    }

    func testHumanSizesFollowRedis() {
        XCTAssertEqual(ProcessStats.human(1023), "1023B")
        XCTAssertEqual(ProcessStats.human(916_328), "894.85K")
        XCTAssertEqual(ProcessStats.human(6_656_000), "6.35M")
        XCTAssertEqual(ProcessStats.human(25_276_502_016), "23.54G")
    }
}
