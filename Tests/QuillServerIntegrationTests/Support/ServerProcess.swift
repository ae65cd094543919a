// Starts the real quill-server binary on a free loopback port for a test and stops it
// afterwards. The binary is the one `swift test` built next to the test bundle.

import Foundation
import XCTest

final class ServerProcess {
    let port: Int
    let directory: URL
    let logURL: URL
    private let process = Process()

    /// The directory holding the built products (quill-server sits beside the test bundle).
    static var productsDirectory: URL {
        let bundle = Bundle(for: ServerProcess.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()]
        return candidates.first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("quill-server").path)
        } ?? bundle
    }

    static var binaryURL: URL { productsDirectory.appendingPathComponent("quill-server") }

    /// Starts a server with the given extra `--directive value` arguments (or a config file
    /// path first) and waits until it accepts connections.
    init(arguments: [String] = [], directory: URL? = nil, waitUntilReady: Bool = true) throws {
        port = try Self.freePort()
        self.directory = directory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("quill-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        logURL = self.directory.appendingPathComponent("server.log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        process.executableURL = Self.binaryURL
        process.currentDirectoryURL = self.directory
        let hasConfigFile = arguments.first.map { !$0.hasPrefix("--") } ?? false
        let head = hasConfigFile ? [arguments[0]] : []
        let tail = hasConfigFile ? Array(arguments.dropFirst()) : arguments
        process.arguments = head + ["--port", String(port), "--bind", "127.0.0.1"] + tail
        let log = try FileHandle(forWritingTo: logURL)
        process.standardOutput = log
        process.standardError = log
        try process.run()
        if waitUntilReady { try waitForPort() }
    }

    deinit {
        if process.isRunning {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    var processIdentifier: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    func client() throws -> RESPClient { try RESPClient(port: port) }

    /// The server's log so far.
    var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    /// Sends SIGTERM and waits for the process to exit; returns its exit status.
    /// A server that has not exited this long after SIGTERM is killed, so a shutdown bug fails
    /// the test that shows it instead of hanging the whole run.
    static let shutdownGraceSeconds: TimeInterval = 15

    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        if waitForExit(timeout: Self.shutdownGraceSeconds) == nil {
            XCTFail("quill-server did not exit within \(Self.shutdownGraceSeconds) s of SIGTERM; killed it")
            kill()
        }
        return process.terminationStatus
    }

    /// Kills the process with SIGKILL, as a crash would.
    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Waits for the process to exit by itself (SHUTDOWN, fatal error); returns its status.
    func waitForExit(timeout: TimeInterval = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    private func waitForPort() throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if !process.isRunning {
                throw ServerProcessError.exited(status: process.terminationStatus, log: log)
            }
            if let client = try? RESPClient(port: port), (try? client.call("PING")) != nil { return }
            usleep(20_000)
        }
        throw ServerProcessError.notReady(log: log)
    }

    static func freePort() throws -> Int {
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
        guard bound == 0 else { throw ServerProcessError.noFreePort }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs a command-line tool (redis-cli, redis-check-aof, python) and returns its status and output.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], input: String? = nil,
                    directory: URL? = nil) throws -> (status: Int32, output: String) {
        let tool = Process()
        tool.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tool.arguments = [executable] + arguments
        if let directory { tool.currentDirectoryURL = directory }
        let pipe = Pipe()
        tool.standardOutput = pipe
        tool.standardError = pipe
        let inputPipe = Pipe()
        tool.standardInput = inputPipe
        try tool.run()
        if let input { inputPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try? inputPipe.fileHandleForWriting.close()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        tool.waitUntilExit()
        return (tool.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

enum ServerProcessError: Error {
    case exited(status: Int32, log: String)
    case notReady(log: String)
    case noFreePort
}
