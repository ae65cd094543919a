// Configuration through the real binary: CONFIG GET/SET/RESETSTAT/REWRITE over the wire,
// loading a redis.conf (comments, quotes, Redis-only directives), command-line options
// overriding the file, stdin, and the fatal report for a bad directive.

import Foundation
import XCTest

final class ConfigIntegrationTests: XCTestCase {
    private var servers: [ServerProcess] = []

    override func tearDown() {
        servers.forEach { $0.stop() }
        servers = []
    }

    private func start(_ arguments: [String] = [], directory: URL? = nil) throws -> ServerProcess {
        let server = try ServerProcess(arguments: arguments, directory: directory)
        servers.append(server)
        return server
    }

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("quill-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }

    func testConfigGetAndSetOverTheWire() throws {
        let c = try start().client()
        XCTAssertEqual(try c.call("CONFIG", "GET", "maxclients", "timeout").strings, ["maxclients", "10000", "timeout", "0"])
        XCTAssertEqual(try c.call("CONFIG", "SET", "hz", "50", "maxmemory", "2mb", "appendfsync", "ALWAYS"), .simple("OK"))
        XCTAssertEqual(try c.call("CONFIG", "GET", "hz", "maxmemory", "appendfsync").strings,
                       ["hz", "50", "maxmemory", "2097152", "appendfsync", "always"])
        XCTAssertEqual(try c.call("CONFIG", "SET", "foo", "bar"),
                       .error("ERR Unknown option or number of arguments for CONFIG SET - 'foo'"))
        XCTAssertEqual(try c.call("CONFIG", "SET", "hz", "abc"),
                       .error("ERR CONFIG SET failed (possibly related to argument 'hz') - argument couldn't be parsed into an integer"))
        XCTAssertEqual(try c.call("CONFIG", "SET", "port", "1"),
                       .error("ERR CONFIG SET failed (possibly related to argument 'port') - can't set immutable config"))
        XCTAssertEqual(try c.call("CONFIG", "SET", "appendonly", "maybe"),
                       .error("ERR CONFIG SET failed (possibly related to argument 'appendonly') - argument must be 'yes' or 'no'"))
        XCTAssertEqual(try c.call("CONFIG", "SET", "appendfsync", "sometimes"),
                       .error("ERR CONFIG SET failed (possibly related to argument 'appendfsync') - argument(s) must be one of the following: everysec, always, no"))
        XCTAssertEqual(try c.call("CONFIG", "GET", "hz").strings, ["hz", "50"])
        XCTAssertEqual(try c.call("HELLO", "3").isError, false)
        guard case .map(let entries) = try c.call("CONFIG", "GET", "save") else { return XCTFail("RESP3 map expected") }
        XCTAssertEqual(entries.map { [$0.0.string, $0.1.string] }, [["save", "3600 1 300 100 60 10000"]])
    }

    func testResetStatAndRewriteWithoutFile() throws {
        let c = try start().client()
        _ = try c.call("GET", "missing")
        XCTAssertEqual(try c.call("CONFIG", "RESETSTAT"), .simple("OK"))
        XCTAssertEqual(try c.call("CONFIG", "REWRITE"), .error("ERR The server is running without a config file"))
    }

    func testDirNeedsProtectedConfigsAndMustExist() throws {
        let directory = try temporaryDirectory()
        let c = try start(["--enable-protected-configs", "yes"]).client()
        XCTAssertEqual(try c.call("CONFIG", "SET", "dir", "/nonexistent-quill-dir"),
                       .error("ERR CONFIG SET failed (possibly related to argument 'dir') - No such file or directory"))
        XCTAssertEqual(try c.call("CONFIG", "SET", "dir", directory.path), .simple("OK"))
        XCTAssertEqual(try c.call("CONFIG", "GET", "dir").strings,
                       ["dir", directory.resolvingSymlinksInPath().path])
        let plain = try start().client()
        XCTAssertEqual(try plain.call("CONFIG", "SET", "dir", directory.path),
                       .error("ERR CONFIG SET failed (possibly related to argument 'dir') - can't set protected config"))
    }

    func testConfigFileLoadsAndCommandLineOverridesIt() throws {
        let directory = try temporaryDirectory()
        let file = directory.appendingPathComponent("redis.conf")
        try write("""
            # A redis.conf written for Redis
              # indented comment

            requirepass "pa ss"
            maxmemory 10mb
            maxmemory-policy 'allkeys-lru'
            activedefrag no
            save 900 1
            save 300 10
            notify-keyspace-events "KEA"
            hash-max-ziplist-entries 64
            hz 20
            """, to: file)
        let server = try start([file.path, "--hz", "25", "--maxmemory", "20mb"])
        let c = try server.client()
        XCTAssertEqual(try c.call("CONFIG", "GET", "hz"), .error("NOAUTH Authentication required."))
        XCTAssertEqual(try c.call("AUTH", "pa ss"), .simple("OK"))
        XCTAssertEqual(try c.call("CONFIG", "GET", "hz", "maxmemory", "maxmemory-policy", "save",
                                  "notify-keyspace-events", "hash-max-listpack-entries").strings,
                       ["hz", "25", "maxmemory", "20971520", "maxmemory-policy", "allkeys-lru", "save", "900 1 300 10",
                        "notify-keyspace-events", "AKE", "hash-max-listpack-entries", "64"])
        XCTAssertTrue(server.log.contains("Configuration directive 'activedefrag' is not supported by Quill yet; ignored."),
                      server.log)
    }

    func testIncludeGlobsRedisOnlyLinesAndBareSaveOption() throws {
        let directory = try temporaryDirectory()
        try write("hz 11\n", to: directory.appendingPathComponent("a.part"))
        try write("client-output-buffer-limit normal 0 0 0\nclient-output-buffer-limit pubsub 32mb 8mb 60\ntimeout 9\n",
                  to: directory.appendingPathComponent("b.part"))
        let file = directory.appendingPathComponent("main.conf")
        try write("include \(directory.path)/*.part\nrename-command FLUSHALL \"\"\n", to: file)
        let server = try start([file.path, "--save"])
        XCTAssertEqual(try server.client().call("CONFIG", "GET", "hz", "timeout", "save").strings,
                       ["hz", "11", "timeout", "9", "save", ""])
        let warning = "Configuration directive 'client-output-buffer-limit' is not supported by Quill yet; ignored."
        XCTAssertEqual(server.log.components(separatedBy: warning).count, 2, server.log)
        XCTAssertTrue(server.log.contains("Configuration directive 'rename-command' is not supported by Quill yet; ignored."))
    }

    func testBadDirectiveStopsStartUpWithTheFatalReport() throws {
        let directory = try temporaryDirectory()
        let file = directory.appendingPathComponent("bad.conf")
        try write("# comment\nhz 10\nfoo bar\n", to: file)
        let server = try ServerProcess(arguments: [file.path], waitUntilReady: false)
        servers.append(server)
        XCTAssertEqual(server.waitForExit(), 1)
        XCTAssertTrue(server.log.contains("""

            *** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***
            Reading the configuration file, at line 3
            >>> 'foo bar'
            Bad directive or wrong number of arguments
            """), server.log)
    }

    func testBadCommandLineValueIsReportedLikeRedis() throws {
        let server = try ServerProcess(arguments: ["--hz", "abc"], waitUntilReady: false)
        servers.append(server)
        XCTAssertEqual(server.waitForExit(), 1)
        XCTAssertTrue(server.log.contains(">>> 'hz \"abc\"'\nargument couldn't be parsed into an integer"), server.log)
    }

    func testStandardInputVersionAndHelp() throws {
        let binary = ServerProcess.binaryURL.path
        let fromStdin = try ServerProcess.run(binary, ["-"], input: "hz 5\nhz 1 2\n")
        XCTAssertEqual(fromStdin.status, 1)
        XCTAssertTrue(fromStdin.output.contains("Reading the configuration file, at line 2\n>>> 'hz 1 2'\nwrong number of arguments"),
                      fromStdin.output)
        let version = try ServerProcess.run(binary, ["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(version.output.hasPrefix("Quill server v=0.1.0 redis_version=7.0.15 "), version.output)
        let help = try ServerProcess.run(binary, ["-h"])
        XCTAssertEqual(help.status, 1)
        XCTAssertTrue(help.output.hasPrefix("Usage: ./quill-server [/path/to/redis.conf] [options] [-]"), help.output)
        let missing = try ServerProcess.run(binary, ["/nonexistent/quill.conf"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.output.contains("# Fatal error, can't open config file '/nonexistent/quill.conf': No such file or directory"),
                      missing.output)
    }

    func testRewriteUpdatesTheFileRedisStyle() throws {
        let directory = try temporaryDirectory()
        let file = directory.appendingPathComponent("redis.conf")
        try write("""
            # keep this comment
            hz 5
            activedefrag no
            save 900 1

            """, to: file)
        let server = try start([file.path])
        let c = try server.client()
        XCTAssertEqual(try c.call("CONFIG", "SET", "hz", "30", "maxmemory", "1mb", "save", ""), .simple("OK"))
        XCTAssertEqual(try c.call("CONFIG", "REWRITE"), .simple("OK"))
        let text = try String(contentsOf: file, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        XCTAssertEqual(Array(lines.prefix(5)), ["# keep this comment", "hz 30", "activedefrag no", "save \"\"", ""], text)
        XCTAssertEqual(lines[5], "# Generated by CONFIG REWRITE", text)
        XCTAssertTrue(lines.contains("port \(server.port)"), text)
        XCTAssertTrue(lines.contains("bind 127.0.0.1"), text)
        XCTAssertTrue(lines.contains("maxmemory 1mb"), text)
        XCTAssertEqual(lines.filter { $0.hasPrefix("hz ") }.count, 1, text)
        server.stop()

        let restarted = try start([file.path])
        XCTAssertEqual(try restarted.client().call("CONFIG", "GET", "hz", "maxmemory", "save").strings,
                       ["hz", "30", "maxmemory", "1048576", "save", ""])
    }
}
