// A RESP base written by Quill, loaded by a real redis-server 7.0 as its multi-part AOF: the
// dataset Redis ends up with must have the DEBUG DIGEST Quill computes for the data it
// wrote, and redis-check-aof must accept the file.

import Foundation
import NIOCore
import XCTest
import QuillStore
@testable import QuillCommands

final class RESPBaseInteropTests: XCTestCase {
    private func run(_ engine: Engine, _ client: ClientSession, _ args: [String]) -> String {
        client.out.buffer.clear()
        engine.execute(args.map { Array($0.utf8) }, for: client)
        return String(decoding: client.out.buffer.readableBytesView, as: UTF8.self)
    }

    /// Every type and encoding, binary keys and values, scores at the edges, TTLs, and
    /// values long enough to be split across several commands, in three databases.
    private func populatedEngine() -> Engine {
        let clock = ManualClock()
        clock.now = Int64(Date().timeIntervalSince1970 * 1_000_000)
        let engine = Engine(config: Configuration(), clock: clock)
        let client = engine.registerClient(remoteAddress: "test", localAddress: "test", fileDescriptor: -1,
                                           allocator: ByteBufferAllocator())
        func call(_ args: [String]) {
            let reply = run(engine, client, args)
            XCTAssertFalse(reply.hasPrefix("-"), "\(args): \(reply)")
        }
        func call(_ args: String...) { call(args) }
        for i in 0..<300 { call("SET", "str:\(i)", i % 2 == 0 ? "\(i * 1000)" : "value \(i)\r\n\0end") }
        for i in 0..<50 { call("SET", "ttl:\(i)", "v", "EX", "\(100_000 + i)") }
        call("SET", "bin\0\r\nkey", String(repeating: "x", count: 5_000))
        for n in [1, 63, 64, 65, 129, 1_000] {
            call(["RPUSH", "list:\(n)"] + (0..<n).map { "e\($0)" })
            call(["SADD", "intset:\(n)"] + (0..<n).map { "\($0 * 7 - 100)" })
            call(["SADD", "set:\(n)"] + (0..<n).map { "m\($0)" })
            call(["HSET", "hash:\(n)"] + (0..<n).flatMap { ["f\($0)", "v\($0)"] })
            call(["ZADD", "zset:\(n)"] + (0..<n).flatMap { ["\(Double($0) * 1.1 - 30)", "z\($0)"] })
        }
        call("ZADD", "zedge", "-inf", "a", "inf", "b", "0.1", "c", "1e20", "d", "1e-7", "e", "5e-324", "f",
             "1.7976931348623157e308", "g", "123456789012345678", "h")
        call("PEXPIRE", "list:129", "9999999")
        call("EXPIRE", "zedge", "77777")
        call("SELECT", "5")
        call("SET", "five", "5")
        call("HSET", "h5", "a", "1")
        call("PEXPIRE", "h5", "123456789")
        call("SELECT", "15")
        call(["ZADD", "z15"] + (0..<200).flatMap { ["\($0 % 10)", "member-\($0)"] })
        return engine
    }

    func testRedisLoadsTheBaseToTheSameDigest() throws {
        let engine = populatedEngine()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quill-base-\(UUID().uuidString)")
        let aofDirectory = directory.appendingPathComponent("appendonlydir")
        try FileManager.default.createDirectory(at: aofDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var writer = RESPBaseWriter(keyspace: engine.keyspace, timestampSeconds: Int64(Date().timeIntervalSince1970))
        var base: [UInt8] = []
        while writer.writeNext(into: &base, chunkBytes: 4096) {}
        XCTAssertEqual(writer.keysProcessed, engine.keyspace.databases.reduce(0) { $0 + $1.count })
        try Data(base).write(to: aofDirectory.appendingPathComponent("appendonly.aof.1.base.aof"))
        try Data("file appendonly.aof.1.base.aof seq 1 type b\n".utf8)
            .write(to: aofDirectory.appendingPathComponent("appendonly.aof.manifest"))

        let check = try Self.tool("redis-check-aof", ["appendonlydir/appendonly.aof.manifest"], directory: directory)
        XCTAssertEqual(check.status, 0, check.output)
        XCTAssertTrue(check.output.contains("BASE AOF appendonly.aof.1.base.aof is valid"), check.output)

        let port = try Self.freePort()
        let redis = Process()
        redis.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        redis.arguments = ["redis-server", "--port", "\(port)", "--bind", "127.0.0.1", "--save", "",
                           "--appendonly", "yes", "--aof-use-rdb-preamble", "no", "--enable-debug-command", "yes",
                           "--dir", directory.path, "--logfile", directory.appendingPathComponent("redis.log").path]
        try redis.run()
        defer {
            if redis.isRunning { kill(redis.processIdentifier, SIGKILL) }
            redis.waitUntilExit()
        }
        var ready = false
        for _ in 0..<250 where !ready {
            ready = (try? Self.tool("redis-cli", ["-p", "\(port)", "PING"]).output) == "PONG\n"
            if !ready { usleep(20_000) }
        }
        let log = (try? String(contentsOf: directory.appendingPathComponent("redis.log"), encoding: .utf8)) ?? ""
        XCTAssertTrue(ready, log)
        XCTAssertTrue(log.contains("DB loaded from base file appendonly.aof.1.base.aof"), log)

        let digest = try Self.tool("redis-cli", ["-p", "\(port)", "DEBUG", "DIGEST"]).output
        XCTAssertEqual(digest, DatasetDigest.dataset(engine.keyspace).hex + "\n")
        XCTAssertNotEqual(digest, String(repeating: "0", count: 40) + "\n")
        let keys = try Self.tool("redis-cli", ["-p", "\(port)", "-n", "15", "DBSIZE"]).output
        XCTAssertEqual(keys, "1\n")
    }

    private static func tool(_ executable: String, _ arguments: [String],
                             directory: URL? = nil) throws -> (status: Int32, output: String) {
        let tool = Process()
        tool.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tool.arguments = [executable] + arguments
        if let directory { tool.currentDirectoryURL = directory }
        let pipe = Pipe()
        tool.standardOutput = pipe
        tool.standardError = pipe
        try tool.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        tool.waitUntilExit()
        return (tool.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw NoFreePort() }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

private struct NoFreePort: Error {}
