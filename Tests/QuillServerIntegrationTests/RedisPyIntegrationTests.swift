// Runs the redis-py compatibility suite (Tests/python) against the real binary: what a
// Python application sees through the most used client, over RESP2 and RESP3. The Python
// environment lives in .build/redis-py-venv and is created once, then reused while its
// installed requirements match Tests/python/requirements.txt.

import Foundation
import XCTest

final class RedisPyIntegrationTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let suite = packageRoot.appendingPathComponent("Tests/python")
    static let venv = packageRoot.appendingPathComponent(".build/redis-py-venv")
    static let password = "quill-secret"

    struct ToolResult {
        let status: Int32
        let output: String
    }

    /// Runs a program with extra environment variables, capturing stdout and stderr together.
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                    directory: URL? = nil) throws -> ToolResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ToolResult(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// The venv's python, creating the venv and installing the pinned requirements unless
    /// an earlier run already did.
    static func preparedPython() throws -> URL {
        let python = venv.appendingPathComponent("bin/python")
        let requirements = suite.appendingPathComponent("requirements.txt")
        let stamp = venv.appendingPathComponent("quill-requirements.txt")
        let wanted = try Data(contentsOf: requirements)
        if FileManager.default.fileExists(atPath: python.path),
           (try? Data(contentsOf: stamp)) == wanted {
            return python
        }
        let create = try run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-m", "venv", "--clear", venv.path])
        guard create.status == 0 else { throw PythonSetupError.failed("python3 -m venv", create.output) }
        let install = try run(python, ["-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", requirements.path])
        guard install.status == 0 else { throw PythonSetupError.failed("pip install", install.output) }
        try wanted.write(to: stamp)
        return python
    }

    func testRedisPySuitePasses() throws {
        let python = try Self.preparedPython()
        let server = try ServerProcess()
        defer { server.stop() }
        let secured = try ServerProcess(arguments: ["--requirepass", Self.password])
        defer { secured.stop() }

        let result = try Self.run(
            python,
            ["-m", "pytest", "-q", "-p", "no:cacheprovider", "--tb=short", "-r", "fEs", Self.suite.path],
            environment: [
                "QUILL_PORT": String(server.port),
                "QUILL_AUTH_PORT": String(secured.port),
                "QUILL_AUTH_PASSWORD": Self.password,
                "PYTHONDONTWRITEBYTECODE": "1",
            ],
            directory: Self.suite)
        XCTAssertEqual(result.status, 0, "pytest failed:\n\(result.output)")
        XCTAssertTrue(result.output.contains(" passed"), "pytest ran no tests:\n\(result.output)")
        XCTAssertTrue(server.isRunning, "server died:\n\(server.log.suffix(4000))")
        XCTAssertTrue(secured.isRunning, "server died:\n\(secured.log.suffix(4000))")
    }
}

enum PythonSetupError: Error, CustomStringConvertible {
    case failed(String, String)

    var description: String {
        switch self {
        case .failed(let step, let output): return "\(step) failed:\n\(output)"
        }
    }
}
