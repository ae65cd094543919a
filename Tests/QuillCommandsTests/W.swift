import XCTest
final class WQuillCommandsTests: XCTestCase { func testX() { XCTAssertTrue(true) } }
