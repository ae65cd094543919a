import XCTest
final class WQuillServerIntegrationTests: XCTestCase { func testX() { XCTAssertTrue(true) } }
