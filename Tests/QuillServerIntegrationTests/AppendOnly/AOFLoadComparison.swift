// Loads one data directory with quill-server and with the real redis-server 7.0.15, each on
// its own copy, and reports what the start-up did: the log lines from "Server initialized"
// to "Ready to accept connections" (prefixes and timings normalised), the exit status of a
// failed load, the files the AOF directory holds afterwards and the dataset digest. Tests
// assert Quill's result against Redis's wording and compare the two results.

import Foundation
import XCTest

struct AOFLoadResult: Equatable {
    /// nil when the server loaded and kept running.
    var exitStatus: Int32?
    var lines: [String]
    /// File name → size in the AOF directory after the load.
    var files: [String: Int]
    /// Names in the data directory itself (logs left out), e.g. an old-style file not migrated.
    var rootFiles: [String]
    /// DEBUG DIGEST after the load; nil when the server exited.
    var digest: String?
}

enum AOFLoadComparison {
    /// A copy of `directory` in a fresh temporary directory.
    static func copy(_ directory: URL) throws -> URL {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("quill-aof-copy-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: directory, to: target)
        for log in ["server.log", "redis.log"] {
            try? FileManager.default.removeItem(at: target.appendingPathComponent(log))
        }
        return target
    }

    /// Starts quill-server on a copy of `directory`; `inspect` runs against it once loaded.
    static func quill(_ directory: URL, arguments: [String] = [],
                      inspect: (RESPClient) throws -> Void = { _ in }) throws -> AOFLoadResult {
        let copy = try copy(directory)
        let server = try ServerProcess(arguments: arguments, directory: copy, waitUntilReady: false)
        defer { server.kill() }
        guard waitForLoad(log: { server.log }, running: { server.isRunning }) else {
            return AOFLoadResult(exitStatus: server.waitForExit(timeout: 5) ?? -1, lines: loadLines(server.log),
                                 files: files(in: copy), rootFiles: rootFiles(in: copy), digest: nil)
        }
        let client = try server.client()
        let digest = try client.call("DEBUG", "DIGEST").string
        try inspect(client)
        XCTAssertEqual(server.stop(), 0)
        return AOFLoadResult(exitStatus: nil, lines: loadLines(server.log), files: files(in: copy),
                             rootFiles: rootFiles(in: copy), digest: digest)
    }

    /// Starts redis-server (appendonly yes) on a copy of `directory`.
    static func redis(_ directory: URL, arguments: [String] = [],
                      inspect: (RESPClient) throws -> Void = { _ in }) throws -> AOFLoadResult {
        let copy = try copy(directory)
        let server = try RedisAOFServer(directory: copy, arguments: arguments)
        defer { server.stop() }
        guard waitForLoad(log: { server.log }, running: { server.isRunning }) else {
            return AOFLoadResult(exitStatus: server.waitForExit() ?? -1, lines: loadLines(server.log),
                                 files: files(in: copy), rootFiles: rootFiles(in: copy), digest: nil)
        }
        let client = try RESPClient(port: server.port)
        let digest = try client.call("DEBUG", "DIGEST").string
        try inspect(client)
        server.stop()
        return AOFLoadResult(exitStatus: nil, lines: loadLines(server.log), files: files(in: copy),
                             rootFiles: rootFiles(in: copy), digest: digest)
    }

    /// True once the log says the server is ready, false when it exited first.
    static func waitForLoad(log: () -> String, running: () -> Bool, timeout: TimeInterval = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if log().contains("Ready to accept connections") { return true }
            if !running() { return log().contains("Ready to accept connections") }
            usleep(20_000)
        }
        return false
    }

    private static let prefix = try! NSRegularExpression(pattern: #"^[0-9]+:[A-Z] [0-9]{2} [A-Za-z]{3} [0-9]{4} [0-9:.]+ "#)
    private static let seconds = try! NSRegularExpression(pattern: #"[0-9]+\.[0-9]{3} seconds"#)

    /// The lines a load wrote: after "Server initialized", before "Ready to accept
    /// connections", without the pid/time prefix and Redis's system WARNING lines; blank
    /// lines (a message that ends in a newline) are kept; "0.001 seconds" reads "X seconds".
    static func loadLines(_ log: String) -> [String] {
        var lines: [String] = []
        var started = false
        var rawLines = log.split(separator: "\n", omittingEmptySubsequences: false)
        if rawLines.last == "" { rawLines.removeLast() }
        for raw in rawLines {
            var line = String(raw)
            let whole = NSRange(line.startIndex..., in: line)
            line = prefix.stringByReplacingMatches(in: line, range: whole, withTemplate: "")
            if !started {
                started = line.hasSuffix("Server initialized")
                continue
            }
            if line.contains("Ready to accept connections") { break }
            if line.hasPrefix("# WARNING ") || line.hasPrefix("[offset") { continue }
            line = seconds.stringByReplacingMatches(in: line, range: NSRange(line.startIndex..., in: line),
                                                    withTemplate: "X seconds")
            lines.append(line)
        }
        return lines
    }

    static func rootFiles(in directory: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !["server.log", "redis.log"].contains($0) }.sorted()
    }

    static func files(in directory: URL) -> [String: Int] {
        let aofDirectory = directory.appendingPathComponent("appendonlydir")
        var result: [String: Int] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: aofDirectory.path)) ?? [] {
            let attributes = try? FileManager.default.attributesOfItem(atPath: aofDirectory.appendingPathComponent(name).path)
            result[name] = (attributes?[.size] as? NSNumber)?.intValue ?? -1
        }
        return result
    }
}

/// A real redis-server with the append-only file on, on a free loopback port, logging to
/// `redis.log` in its directory. Its bases are written in RESP, as Quill's are.
final class RedisAOFServer {
    let port: Int
    let directory: URL
    private let process = Process()

    init(directory: URL, arguments: [String] = []) throws {
        port = try ServerProcess.freePort()
        self.directory = directory
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["redis-server", "--port", String(port), "--bind", "127.0.0.1", "--dir", directory.path,
                             "--appendonly", "yes", "--aof-use-rdb-preamble", "no", "--save", "", "--enable-debug-command", "yes",
                             "--logfile", directory.appendingPathComponent("redis.log").path] + arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    deinit { stop() }

    var isRunning: Bool { process.isRunning }
    var log: String { (try? String(contentsOf: directory.appendingPathComponent("redis.log"), encoding: .utf8)) ?? "" }

    /// Waits until it answers PING.
    func waitUntilReady() throws {
        guard AOFLoadComparison.waitForLoad(log: { log }, running: { isRunning }) else {
            throw ServerProcessError.notReady(log: log)
        }
    }

    func waitForExit(timeout: TimeInterval = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}
