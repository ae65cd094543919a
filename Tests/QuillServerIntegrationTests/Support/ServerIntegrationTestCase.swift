// The common frame of the command-family integration tests: a fresh quill-server per test
// with one connected client `c`, stopped afterwards, and the error replies many families
// expect, spelled once.

import XCTest

class ServerIntegrationTestCase: XCTestCase {
    var server: ServerProcess!
    var c: RESPClient!

    override func setUpWithError() throws {
        server = try ServerProcess()
        c = try server.client()
    }

    override func tearDown() { server?.stop() }

    let syntax = Reply.error("ERR syntax error")
    let notInteger = Reply.error("ERR value is not an integer or out of range")
    let notFloat = Reply.error("ERR value is not a valid float")
    let wrongType = Reply.error("WRONGTYPE Operation against a key holding the wrong kind of value")
}
