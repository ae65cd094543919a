// The wire protocol through the real binary: multibulk and inline requests, pipelining,
// Redis's protocol errors (each followed by the connection closing), RESP3 via HELLO.

import XCTest

final class ProtocolIntegrationTests: XCTestCase {
    var server: ServerProcess!

    override func setUpWithError() throws { server = try ServerProcess() }
    override func tearDown() { server?.stop() }

    func testPingAndEcho() throws {
        let c = try server.client()
        XCTAssertEqual(try c.call("PING"), .simple("PONG"))
        XCTAssertEqual(try c.call("ping", "hi"), .bulk("hi"))
        XCTAssertEqual(try c.call("PING", "a", "b"), .error("ERR wrong number of arguments for 'ping' command"))
        XCTAssertEqual(try c.call("ECHO", "x y"), .bulk("x y"))
    }

    func testInlineRequestsFollowRedisQuoting() throws {
        let c = try server.client()
        try c.sendRaw("SET k \"a b\\x41\"\r\nGET k\r\nSET q 'it\\'s'\r\nGET q\r\n")
        XCTAssertEqual(try c.read(), .simple("OK"))
        XCTAssertEqual(try c.read(), .bulk("a bA"))
        XCTAssertEqual(try c.read(), .simple("OK"))
        XCTAssertEqual(try c.read(), .bulk("it's"))
    }

    func testPipelinedRepliesArriveInOrder() throws {
        let c = try server.client()
        var batch: [UInt8] = []
        for i in 0..<500 { batch += RESPClient.encode([Array("SET".utf8), Array("k\(i)".utf8), Array("v\(i)".utf8)]) }
        for i in 0..<500 { batch += RESPClient.encode([Array("GET".utf8), Array("k\(i)".utf8)]) }
        try c.sendRaw(batch)
        for _ in 0..<500 { XCTAssertEqual(try c.read(), .simple("OK")) }
        for i in 0..<500 { XCTAssertEqual(try c.read(), .bulk("v\(i)")) }
    }

    func testRequestSplitAcrossManyWritesIsReassembled() throws {
        let c = try server.client()
        let bytes = RESPClient.encode([Array("SET".utf8), Array("split".utf8), Array(repeating: 120, count: 100_000)])
        for chunk in stride(from: 0, to: bytes.count, by: 7_001) {
            try c.sendRaw(Array(bytes[chunk..<min(chunk + 7_001, bytes.count)]))
        }
        XCTAssertEqual(try c.read(), .simple("OK"))
        XCTAssertEqual(try c.call("GET", "split"), .bulk(Array(repeating: 120, count: 100_000)))
    }

    private func assertProtocolError(_ raw: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let c = try server.client()
        try c.sendRaw(raw)
        XCTAssertEqual(try c.read(), .error(expected), file: file, line: line)
        XCTAssertThrowsError(try c.read(), "connection should be closed", file: file, line: line)
    }

    func testProtocolErrorsGetRedisRepliesAndClose() throws {
        try assertProtocolError("*x\r\n", "ERR Protocol error: invalid multibulk length")
        try assertProtocolError("*3000000000\r\n", "ERR Protocol error: invalid multibulk length")
        try assertProtocolError("*1\r\n$-5\r\n", "ERR Protocol error: invalid bulk length")
        try assertProtocolError("*1\r\n$600000000\r\n", "ERR Protocol error: invalid bulk length")
        try assertProtocolError("*1\r\nfoo\r\n", "ERR Protocol error: expected '$', got 'f'")
        try assertProtocolError("SET \"a b\r\n", "ERR Protocol error: unbalanced quotes in request")
        try assertProtocolError(String(repeating: "a", count: 70_000), "ERR Protocol error: too big inline request")
        try assertProtocolError("*1" + String(repeating: "1", count: 70_000), "ERR Protocol error: too big mbulk count string")
    }

    func testCommandsBeforeAProtocolErrorAreExecuted() throws {
        let c = try server.client()
        try c.sendRaw("SET before 1\r\n*1\r\n$x\r\n")
        XCTAssertEqual(try c.read(), .simple("OK"))
        XCTAssertEqual(try c.read(), .error("ERR Protocol error: invalid bulk length"))
        XCTAssertEqual(try server.client().call("GET", "before"), .bulk("1"))
    }

    func testProtoMaxBulkLenIsEnforced() throws {
        server.stop()
        server = try ServerProcess(arguments: ["--proto-max-bulk-len", "1mb"])
        try assertProtocolError("*2\r\n$3\r\nGET\r\n$1048577\r\n", "ERR Protocol error: invalid bulk length")
    }

    func testEmptyRequestsAreIgnored() throws {
        let c = try server.client()
        try c.sendRaw("\r\n*0\r\n*-1\r\nPING\r\n")
        XCTAssertEqual(try c.read(), .simple("PONG"))
    }

    func testUnknownCommandError() throws {
        let c = try server.client()
        XCTAssertEqual(try c.call("NOPE", "a", "b"),
                       .error("ERR unknown command 'NOPE', with args beginning with: 'a' 'b' "))
    }

    func testHelloSwitchesToRESP3() throws {
        let c = try server.client()
        guard case .map(let pairs) = try c.call("HELLO", "3") else { return XCTFail("expected a map") }
        XCTAssertEqual(pairs.first { $0.0.string == "proto" }?.1, .integer(3))
        XCTAssertEqual(pairs.first { $0.0.string == "version" }?.1, .bulk("7.0.15"))
        XCTAssertEqual(try c.call("GET", "missing"), .null)
        XCTAssertEqual(try c.call("HELLO", "4"), .error("NOPROTO unsupported protocol version"))
        XCTAssertEqual(try c.call("HELLO", "x"), .error("ERR Protocol version is not an integer or out of range"))
    }

    func testRedisCliTalksToQuill() throws {
        let set = try ServerProcess.run("redis-cli", ["-p", String(server.port), "SET", "cli", "value"])
        XCTAssertEqual(set.output.trimmingCharacters(in: .whitespacesAndNewlines), "OK")
        let get = try ServerProcess.run("redis-cli", ["-p", String(server.port), "GET", "cli"])
        XCTAssertEqual(get.output.trimmingCharacters(in: .whitespacesAndNewlines), "value")
    }
}
