import XCTest
final class WQuillRESPTests: XCTestCase { func testX() { XCTAssertTrue(true) } }
