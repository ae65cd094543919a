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
