// Helpers shared by the append-only file tests: the files of a data directory, restarting
// a server on the same directory, waiting until it has loaded its log.

import Foundation
import XCTest

extension ServerProcess {
    /// Waits until the log says the server is ready (the load is over).
    func waitUntilLoaded(timeout: TimeInterval = 30) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if log.contains("Ready to accept connections") { return }
            if !isRunning { throw ServerProcessError.exited(status: waitForExit(timeout: 1) ?? -1, log: log) }
            usleep(20_000)
        }
        throw ServerProcessError.notReady(log: log)
    }

    var appendOnlyDirectory: URL { directory.appendingPathComponent("appendonlydir") }

    func fileText(_ name: String) -> String {
        (try? String(contentsOf: appendOnlyDirectory.appendingPathComponent(name), encoding: .utf8)) ?? "<missing>"
    }

    var manifest: String { fileText("appendonly.aof.manifest") }

    /// Starts a server that loads `directory`, the way a restart after a crash does.
    static func restart(in directory: URL, arguments: [String] = []) throws -> ServerProcess {
        let server = try ServerProcess(arguments: arguments, directory: directory, waitUntilReady: false)
        try server.waitUntilLoaded()
        return server
    }
}

/// Polls `condition` until it holds; fails the test after `timeout` seconds.
func waitFor(timeout: TimeInterval = 10, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return }
        usleep(20_000)
    }
    XCTFail("condition not met within \(timeout) s")
}

/// Hands an object to another thread; the tests use each such object from one thread at a time.
struct CrossThread<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// A RESP record as the log stores it.
func respRecord(_ words: String...) -> String {
    "*\(words.count)\r\n" + words.map { "$\($0.utf8.count)\r\n\($0)\r\n" }.joined()
}

/// Runs a server, waits for it to exit on its own (a failed load), returns status and log.
func runUntilExit(directory: URL, arguments: [String] = []) throws -> (status: Int32, log: String) {
    let server = try ServerProcess(arguments: arguments, directory: directory, waitUntilReady: false)
    guard let status = server.waitForExit(timeout: 20) else {
        XCTFail("the server did not exit; log:\n\(server.log)")
        server.kill()
        return (-1, server.log)
    }
    return (status, server.log)
}

/// A fresh directory holding an appendonlydir with these files (name → content) and a
/// manifest listing `manifest` lines.
func makeDataDirectory(files: [String: String], manifest: String?) throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quill-aof-\(UUID().uuidString)")
    let aofDirectory = directory.appendingPathComponent("appendonlydir")
    try FileManager.default.createDirectory(at: aofDirectory, withIntermediateDirectories: true)
    for (name, content) in files {
        try Data(content.utf8).write(to: aofDirectory.appendingPathComponent(name))
    }
    if let manifest {
        try Data(manifest.utf8).write(to: aofDirectory.appendingPathComponent("appendonly.aof.manifest"))
    }
    return directory
}

// MARK: Rewrite helpers

/// Polls `condition` until it holds; fails the test with `message` after `timeout`.
func eventually(timeout: TimeInterval = 15, _ message: @autoclosure () -> String = "condition not met",
                file: StaticString = #filePath, line: UInt = #line, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return }
        usleep(10_000)
    }
    XCTFail("timed out: \(message())", file: file, line: line)
    throw RESPClientError.timeout
}

extension RESPClient {
    /// The fields of INFO (all sections, or `section`) by name.
    func info(_ section: String = "everything") throws -> [String: String] {
        let text = try call("INFO", section).string ?? ""
        var fields: [String: String] = [:]
        for line in text.split(separator: "\r\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = String(line[line.index(after: colon)...])
        }
        return fields
    }

    /// Waits until no rewrite runs and none is scheduled.
    func waitForRewrites(timeout: TimeInterval = 30, file: StaticString = #filePath, line: UInt = #line) throws {
        try eventually(timeout: timeout, "the rewrite did not finish", file: file, line: line) {
            let fields = try info("persistence")
            return fields["aof_rewrite_in_progress"] == "0" && fields["aof_rewrite_scheduled"] == "0"
        }
    }
}

/// The names in a directory, sorted; empty when it does not exist.
func fileNames(in directory: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
}

/// The rewrite's temporary files (`temp-rewriteaof-*`) in a server's `dir`.
func rewriteTempFiles(in directory: URL) -> [String] {
    fileNames(in: directory).filter { $0.hasPrefix("temp-rewriteaof-") }
}

/// Runs Debian's redis-check-aof on the manifest of `directory`.
func checkWithRedisTool(_ directory: URL) throws -> (status: Int32, output: String) {
    try ServerProcess.run("redis-check-aof", [directory.appendingPathComponent("appendonlydir/appendonly.aof.manifest").path])
}

/// A real redis-server 7.0 on a free loopback port in `directory`, AOF in RESP form, to
/// compare files and replies with.
final class RealRedisServer {
    let port: Int
    let directory: URL
    private let process = Process()

    init(directory: URL? = nil, arguments: [String] = []) throws {
        port = try ServerProcess.freePort()
        self.directory = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("redis-aof-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["redis-server", "--port", String(port), "--bind", "127.0.0.1", "--save", "",
                             "--dir", self.directory.path, "--appendonly", "yes", "--aof-use-rdb-preamble", "no",
                             "--enable-debug-command", "yes", "--daemonize", "no"] + arguments
        process.currentDirectoryURL = self.directory
        let logURL = self.directory.appendingPathComponent("redis.log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let client = try? RESPClient(port: port), (try? client.call("PING")) == .simple("PONG") { return }
            usleep(20_000)
        }
        stop()
        throw ServerProcessError.notReady(log: "redis-server did not start")
    }

    deinit { stop() }

    func client() throws -> RESPClient { try RESPClient(port: port) }

    var appendOnlyDirectory: URL { directory.appendingPathComponent("appendonlydir") }
    var manifest: String {
        (try? String(contentsOf: appendOnlyDirectory.appendingPathComponent("appendonly.aof.manifest"), encoding: .utf8)) ?? "<missing>"
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

/// Clients writing at full speed with pipelining, each on its own thread, into several
/// databases: strings, counters, lists, hashes, sorted sets, sets and expire times (far in
/// the future, so the dataset only changes through the writers). Every batch starts with
/// a transaction in database 0 that increments `ctr:<writer>` and appends the new value to
/// `q:<writer>`, so after any crash the two must agree, and the acknowledged values tell
/// what must have survived. A writer stops at `stop()` or when its connection fails.
final class WriteLoad: @unchecked Sendable {
    private let lock = NSLock()
    private var stopping = false
    private var acknowledged: [Int]
    private var unexpected: [String] = []
    private let group = DispatchGroup()
    let writers: Int

    init(port: Int, writers: Int = 4, databases: Int = 4, batch: Int = 40) throws {
        self.writers = writers
        acknowledged = Array(repeating: 0, count: writers)
        for writer in 0..<writers {
            let connection = CrossThread(try RESPClient(port: port))
            group.enter()
            // A thread each: the blocking writers must all run at once, whatever the cores.
            Thread {
                defer { self.group.leave() }
                self.run(writer: writer, client: connection.value, databases: databases, batch: batch)
            }.start()
        }
    }

    /// The highest `ctr:<writer>` each writer saw acknowledged.
    var acknowledgedCounters: [Int] { lock.withLock { acknowledged } }
    /// Replies that were neither the expected kind nor an acknowledgement.
    var unexpectedReplies: [String] { lock.withLock { unexpected } }

    /// Stops the writers and waits for them.
    func stop() {
        lock.withLock { stopping = true }
        group.wait()
    }

    /// Waits for writers whose connection is gone (the server was killed).
    func waitUntilDisconnected() { group.wait() }

    private func run(writer: Int, client: RESPClient, databases: Int, batch: Int) {
        var generator = SystemRandomNumberGenerator()
        while !lock.withLock({ stopping }) {
            var commands: [[String]] = [["SELECT", "0"], ["MULTI"], ["INCR", "ctr:\(writer)"], ["RPUSH", "q:\(writer)", "x"], ["EXEC"]]
            commands.append(["SELECT", String(Int.random(in: 0..<databases, using: &generator))])
            for _ in 0..<batch {
                let n = Int.random(in: 0..<100_000, using: &generator)
                switch n % 7 {
                case 0: commands.append(["SET", "str:\(n % 2000)", "v\(n)"])
                case 1: commands.append(["INCR", "num:\(n % 200)"])
                case 2: commands.append(["RPUSH", "list:\(n % 50)", "e\(n)"])
                case 3: commands.append(["HSET", "hash:\(n % 100)", "f\(n % 300)", "v\(n)"])
                case 4: commands.append(["ZADD", "zset:\(n % 50)", String(Double(n % 1000) / 8), "m\(n % 500)"])
                case 5: commands.append(["SADD", "set:\(n % 100)", "m\(n % 400)"])
                default: commands.append(["EXPIRE", "str:\(n % 2000)", "100000"])
                }
            }
            do {
                var bytes: [UInt8] = []
                for command in commands { bytes += RESPClient.encode(command.map { Array($0.utf8) }) }
                try client.sendRaw(bytes)
                for command in commands {
                    let reply = try client.read()
                    if command[0] == "EXEC", let counter = reply.array?.first?.integer {
                        lock.withLock { acknowledged[writer] = max(acknowledged[writer], counter) }
                    } else if reply.isError {
                        lock.withLock { unexpected.append("\(command.joined(separator: " ")) -> \(reply)") }
                    }
                }
            } catch {
                return
            }
        }
    }
}
