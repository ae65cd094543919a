import XCTest
final class WQuillStoreTests: XCTestCase { func testX() { XCTAssertTrue(true) } }
