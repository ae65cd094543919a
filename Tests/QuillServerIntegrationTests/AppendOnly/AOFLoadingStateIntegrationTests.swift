// What clients see while the append-only file replays at start-up, held open with Redis's
// hidden `key-load-delay` (microseconds slept after each replayed command): -LOADING for
// commands without the loading flag (PING included), INFO persistence with `loading:1` and
// the `loading_*` fields in Redis's order, INFO and CONFIG still served, and the same field
// list as a redis-server loading the same directory.

import Foundation
import XCTest

final class AOFLoadingStateIntegrationTests: XCTestCase {
    private let loadingError = Reply.error("LOADING Redis is loading the dataset in memory")

    /// An AOF directory of `count` SETs in one incr file.
    private func bigDirectory(count: Int) throws -> (URL, Int) {
        var content = respRecord("SELECT", "0")
        for i in 0..<count { content += respRecord("SET", "key\(i)", "\(i)") }
        let dir = try makeDataDirectory(files: ["appendonly.aof.1.incr.aof": content],
                                        manifest: "file appendonly.aof.1.incr.aof seq 1 type i\n")
        return (dir, content.utf8.count)
    }

    private func connect(port: Int) throws -> RESPClient {
        let deadline = Date().addingTimeInterval(10)
        while true {
            if let client = try? RESPClient(port: port) { return client }
            if Date() > deadline { throw ServerProcessError.notReady(log: "no connection on port \(port)") }
            usleep(20_000)
        }
    }

    /// INFO persistence as (name, value) pairs, in order.
    private func persistence(_ c: RESPClient) throws -> [(String, String)] {
        (try c.call("INFO", "persistence").string ?? "").split(separator: "\r\n").dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...]))
        }
    }

    /// The checks made on a server in the middle of its load; returns INFO's field names.
    private func checkWhileLoading(_ c: RESPClient, totalBytes: Int, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        XCTAssertEqual(try c.call("PING"), loadingError, file: file, line: line)
        XCTAssertEqual(try c.call("GET", "key1"), loadingError, file: file, line: line)
        XCTAssertEqual(try c.call("SET", "x", "1"), loadingError, file: file, line: line)
        XCTAssertEqual(try c.call("DBSIZE"), loadingError, file: file, line: line)
        XCTAssertEqual(try c.call("SELECT", "1"), .simple("OK"), file: file, line: line)
        XCTAssertEqual(try c.call("CONFIG", "GET", "key-load-delay"), .array([.bulk("key-load-delay"), .bulk("300")]),
                       file: file, line: line)
        XCTAssertFalse(try c.call("CONFIG", "GET", "*").strings.contains("key-load-delay"), "a hidden parameter",
                       file: file, line: line)
        let fields = try persistence(c)
        let values = Dictionary(fields, uniquingKeysWith: { first, _ in first })
        XCTAssertEqual(values["loading"], "1", file: file, line: line)
        XCTAssertEqual(values["async_loading"], "0", file: file, line: line)
        XCTAssertEqual(values["aof_enabled"], "0", "the log opens after the load", file: file, line: line)
        XCTAssertEqual(values["loading_total_bytes"], String(totalBytes), file: file, line: line)
        XCTAssertEqual(values["loading_rdb_used_mem"], "0", file: file, line: line)
        let loaded = Int(values["loading_loaded_bytes"] ?? "") ?? -1
        XCTAssertTrue(loaded > 0 && loaded < totalBytes, "loaded \(loaded) of \(totalBytes)", file: file, line: line)
        let expectedPercent = String(format: "%.2f", Double(loaded) / Double(totalBytes + 1) * 100)
        XCTAssertEqual(values["loading_loaded_perc"], expectedPercent, file: file, line: line)
        let start = Int(values["loading_start_time"] ?? "") ?? 0
        XCTAssertLessThan(abs(start - Int(Date().timeIntervalSince1970)), 30, file: file, line: line)
        XCTAssertNotNil(Int(values["loading_eta_seconds"] ?? ""), file: file, line: line)
        XCTAssertEqual(fields.suffix(6).map(\.0), ["loading_start_time", "loading_total_bytes", "loading_rdb_used_mem",
                                                   "loading_loaded_bytes", "loading_loaded_perc", "loading_eta_seconds"],
                       file: file, line: line)
        XCTAssertEqual(try c.call("CONFIG", "SET", "key-load-delay", "0"), .simple("OK"), "CONFIG works during the load",
                       file: file, line: line)
        return fields.map(\.0)
    }

    func testClientsSeeTheLoadAndTheLoadingFields() throws {
        let (dir, size) = try bigDirectory(count: 40000)
        let server = try ServerProcess(arguments: ["--key-load-delay", "300"], directory: try AOFLoadComparison.copy(dir),
                                       waitUntilReady: false)
        defer { server.stop() }
        let c = try connect(port: server.port)
        let quillFields = try checkWhileLoading(c, totalBytes: size)
        try server.waitUntilLoaded()
        XCTAssertEqual(try c.call("DBSIZE"), .integer(0), "database 1, selected during the load")
        XCTAssertEqual(try c.call("SELECT", "0"), .simple("OK"))
        XCTAssertEqual(try c.call("DBSIZE"), .integer(40000))
        XCTAssertEqual(try c.call("PING"), .simple("PONG"))
        let after = try persistence(c)
        XCTAssertTrue(after.contains { $0 == ("loading", "0") })
        XCTAssertFalse(after.contains { $0.0.hasPrefix("loading_") })
        XCTAssertTrue(after.contains { $0 == ("aof_enabled", "1") })
        XCTAssertTrue(server.log.contains("DB loaded from incr file appendonly.aof.1.incr.aof: "))

        let redis = try RedisAOFServer(directory: try AOFLoadComparison.copy(dir), arguments: ["--key-load-delay", "300"])
        defer { redis.stop() }
        let r = try connect(port: redis.port)
        let redisFields = try checkWhileLoading(r, totalBytes: size)
        XCTAssertEqual(quillFields, redisFields, "INFO persistence during a load lists the same fields as Redis")
    }

    func testANegativeDelaySleepsOnlySometimesAndTheValueIsRangeChecked() throws {
        let (dir, _) = try bigDirectory(count: 3000)
        let server = try ServerProcess(arguments: ["--key-load-delay", "-1000"], directory: dir, waitUntilReady: false)
        defer { server.stop() }
        try server.waitUntilLoaded()
        let c = try server.client()
        XCTAssertEqual(try c.call("DBSIZE"), .integer(3000))
        XCTAssertEqual(try c.call("CONFIG", "GET", "key-load-delay"), .array([.bulk("key-load-delay"), .bulk("-1000")]))
        XCTAssertEqual(try c.call("CONFIG", "SET", "key-load-delay", "abc"),
                       .error("ERR CONFIG SET failed (possibly related to argument 'key-load-delay') - argument couldn't be parsed into an integer"))
        XCTAssertEqual(try c.call("CONFIG", "SET", "key-load-delay", "2147483648"),
                       .error("ERR CONFIG SET failed (possibly related to argument 'key-load-delay') - argument must be between -2147483648 and 2147483647 inclusive"))
    }
}
