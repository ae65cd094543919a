// The configuration without a network: parsing, validation and Redis's exact error texts,
// CONFIG GET/SET/RESETSTAT/REWRITE/HELP through the engine, and the REWRITE text transform.

import Foundation
import NIOCore
import XCTest
import QuillRESP
import QuillStore
@testable import QuillCommands

final class ConfigurationTests: XCTestCase {
    private func run(_ engine: Engine, _ client: ClientSession, _ args: String...) -> String {
        client.out.buffer.clear()
        engine.execute(args.map { Array($0.utf8) }, for: client)
        return String(decoding: client.out.buffer.readableBytesView, as: UTF8.self)
    }

    private func makeEngine(_ config: Configuration = Configuration()) -> (Engine, ClientSession) {
        let engine = Engine(config: config, clock: ManualClock())
        let client = engine.registerClient(remoteAddress: "127.0.0.1:5000", localAddress: "127.0.0.1:6379",
                                           fileDescriptor: -1, allocator: ByteBufferAllocator())
        return (engine, client)
    }

    private func pairs(_ reply: String) -> String {
        reply.components(separatedBy: "\r\n").filter { !$0.isEmpty && !$0.hasPrefix("$") && !$0.hasPrefix("*") }
            .joined(separator: " ")
    }

    /// Redis's defaults, except where Quill differs on purpose: the log is on, with a RESP base.
    func testDefaultsAreRedis() {
        let config = Configuration()
        let expected = [
            "port": "6379", "databases": "16", "hz": "10", "maxclients": "10000", "timeout": "0",
            "tcp-keepalive": "300", "tcp-backlog": "511", "save": "3600 1 300 100 60 10000", "appendonly": "yes",
            "aof-use-rdb-preamble": "no",
            "appendfsync": "everysec", "auto-aof-rewrite-min-size": "67108864", "maxmemory": "0",
            "maxmemory-policy": "noeviction", "notify-keyspace-events": "", "dbfilename": "dump.rdb",
            "list-max-listpack-size": "-2", "hash-max-listpack-entries": "512", "zset-max-listpack-value": "64",
            "slowlog-log-slower-than": "10000", "slowlog-max-len": "128", "proto-max-bulk-len": "536870912",
            "client-query-buffer-limit": "1073741824", "appendfilename": "appendonly.aof",
            "appenddirname": "appendonlydir", "supervised": "no", "enable-debug-command": "no",
        ]
        for (name, value) in expected { XCTAssertEqual(config.value(name), value, name) }
        XCTAssertEqual(config.value("hash-max-ziplist-entries"), "512")
        XCTAssertEqual(config.savePoints, [SavePoint(seconds: 3600, changes: 1), SavePoint(seconds: 300, changes: 100),
                                           SavePoint(seconds: 60, changes: 10000)])
        XCTAssertNil(config.value("no-such-parameter"))
    }

    func testConfigGetPatternsAliasesAndHiddenParameters() {
        let (engine, client) = makeEngine()
        XCTAssertEqual(run(engine, client, "CONFIG", "GET", "hz", "maxclients"),
                       "*4\r\n$2\r\nhz\r\n$2\r\n10\r\n$10\r\nmaxclients\r\n$5\r\n10000\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "GET", "HZ"), "*2\r\n$2\r\nHZ\r\n$2\r\n10\r\n")
        XCTAssertEqual(pairs(run(engine, client, "CONFIG", "GET", "H?")), "hz 10")
        XCTAssertEqual(pairs(run(engine, client, "CONFIG", "GET", "*ziplist-entries")),
                       "hash-max-ziplist-entries 512 zset-max-ziplist-entries 128")
        XCTAssertEqual(pairs(run(engine, client, "CONFIG", "GET", "hash-max-*-entries")), "hash-max-listpack-entries 512")
        XCTAssertEqual(pairs(run(engine, client, "CONFIG", "GET", "rdb-key-save-delay")), "rdb-key-save-delay 0")
        XCTAssertEqual(run(engine, client, "CONFIG", "GET", "rdb-key-*"), "*0\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "GET", "nosuch"), "*0\r\n")
        XCTAssertEqual(pairs(run(engine, client, "CONFIG", "GET", "hz", "h*", "hz")), "hz 10 hash-max-listpack-entries 512 hash-max-listpack-value 64")
        XCTAssertEqual(run(engine, client, "CONFIG", "GET"), "-ERR wrong number of arguments for 'config|get' command\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG"), "-ERR wrong number of arguments for 'config' command\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "FOO"), "-ERR unknown subcommand 'FOO'. Try CONFIG HELP.\r\n")
        client.protocolVersion = 3
        XCTAssertEqual(run(engine, client, "CONFIG", "GET", "port"), "%1\r\n$4\r\nport\r\n$4\r\n6379\r\n")
    }

    func testConfigSetErrorsUseRedisTexts() {
        let (engine, client) = makeEngine()
        let failed = "-ERR CONFIG SET failed (possibly related to argument"
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "foo", "bar"),
                       "-ERR Unknown option or number of arguments for CONFIG SET - 'foo'\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "hz", "abc"),
                       "\(failed) 'hz') - argument couldn't be parsed into an integer\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "hz", "+5"),
                       "\(failed) 'hz') - argument couldn't be parsed into an integer\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "hz", "-1"),
                       "\(failed) 'hz') - argument must be between 0 and 2147483647 inclusive\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "maxclients", "0"),
                       "\(failed) 'maxclients') - argument must be between 1 and 4294967295 inclusive\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "databases", "3"),
                       "\(failed) 'databases') - can't set immutable config\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "dir", "/tmp"),
                       "\(failed) 'dir') - can't set protected config\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "protected-mode", "maybe"),
                       "\(failed) 'protected-mode') - argument must be 'yes' or 'no'\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "loglevel", "x"),
                       "\(failed) 'loglevel') - argument(s) must be one of the following: debug, verbose, notice, warning\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "maxmemory", "1.5"),
                       "\(failed) 'maxmemory') - argument must be a memory value\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "proto-max-bulk-len", "5"),
                       "\(failed) 'proto-max-bulk-len') - argument must be between 1048576 and 9223372036854775807 inclusive\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "hz", "1", "HZ", "2"),
                       "\(failed) 'HZ') - duplicate parameter\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "hz", "1", "foo"), "-ERR syntax error\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "hz"), "-ERR wrong number of arguments for 'config|set' command\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "save", "1 2 3"), "\(failed) 'save') - Invalid save parameters\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "save", "0 1"), "\(failed) 'save') - Invalid save parameters\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "notify-keyspace-events", "Kq"),
                       "\(failed) 'notify-keyspace-events') - Invalid event class character. Use 'Ag$lshzxeKEtmdn'.\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "hash-max-ziplist-entries", "x"),
                       "\(failed) 'hash-max-ziplist-entries') - argument couldn't be parsed into an integer\r\n")
        XCTAssertEqual(engine.stats.errorCounts["ERR"], 18)
    }

    func testConfigSetIsAllOrNothing() {
        let (engine, client) = makeEngine()
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "hz", "20", "maxmemory", "abc", "timeout", "5"),
                       "-ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value\r\n")
        XCTAssertEqual(engine.config.value("hz"), "10")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "hz", "20", "maxmemory", "1gb", "save", "", "MAXMEMORY-policy", "ALLKEYS-LRU"), "+OK\r\n")
        XCTAssertEqual(engine.config.hz, 20)
        XCTAssertEqual(engine.config.maxMemory, 1024 * 1024 * 1024)
        XCTAssertEqual(engine.config.savePoints, [])
        XCTAssertEqual(pairs(run(engine, client, "CONFIG", "GET", "maxmemory", "maxmemory-policy")),
                       "maxmemory 1073741824 maxmemory-policy allkeys-lru")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "save", "100 10 200 20"), "+OK\r\n")
        XCTAssertEqual(pairs(run(engine, client, "CONFIG", "GET", "save")), "save 100 10 200 20")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "hz", "1000000"), "+OK\r\n")
        XCTAssertEqual(pairs(run(engine, client, "CONFIG", "GET", "hz")), "hz 1000000")
        XCTAssertEqual(engine.config.hz, 500)
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "requirepass", "secret"), "+OK\r\n")
        XCTAssertEqual(engine.config.requirePass, Array("secret".utf8))
    }

    func testNotifyKeyspaceEventsAreCanonicalised() {
        let (engine, client) = makeEngine()
        let cases = ["KA": "AK", "Kgx$lshzetdmn": "AKm", "KEA": "AKE", "Et": "tE", "Kn": "nK",
                     "Endtexzhsl$gKm": "AKEm", "g$lshzxet": "g$lshzxet", "": ""]
        for (given, canonical) in cases {
            XCTAssertEqual(run(engine, client, "CONFIG", "SET", "notify-keyspace-events", given), "+OK\r\n")
            XCTAssertEqual(engine.config.value("notify-keyspace-events"), canonical, given)
        }
        XCTAssertEqual(KeyspaceEventFlags(letters: "KEA"), KeyspaceEventFlags.all.union([.keyspace, .keyevent]))
        XCTAssertNil(KeyspaceEventFlags(letters: "x!"))
    }

    func testDirChangesDirectoryWhenProtectedConfigsAreEnabled() throws {
        let config = Configuration()
        XCTAssertNil(config.set("enable-protected-configs", "yes", atStartup: true))
        let (engine, client) = makeEngine(config)
        let original = FileManager.default.currentDirectoryPath
        defer { _ = FileManager.default.changeCurrentDirectoryPath(original) }
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("quill-dir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: target) }
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "dir", "/nonexistent-quill-dir"),
                       "-ERR CONFIG SET failed (possibly related to argument 'dir') - No such file or directory\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "dir", "/etc/hostname"),
                       "-ERR CONFIG SET failed (possibly related to argument 'dir') - Not a directory\r\n")
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "dir", target.path), "+OK\r\n")
        let resolved = URL(fileURLWithPath: target.path).resolvingSymlinksInPath().path
        XCTAssertEqual(engine.config.value("dir"), resolved)
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "dir", original, "hz", "x"),
                       "-ERR CONFIG SET failed (possibly related to argument 'hz') - argument couldn't be parsed into an integer\r\n")
        XCTAssertEqual(engine.config.value("dir"), resolved)
        XCTAssertEqual(run(engine, client, "CONFIG", "SET", "dbfilename", "a/b"),
                       "-ERR CONFIG SET failed (possibly related to argument 'dbfilename') - dbfilename can't be a path, just a filename\r\n")
    }

    func testStartupArgumentsFollowRedisRules() {
        let config = Configuration()
        XCTAssertNil(config.set("save", arguments: ["900", "1"]))
        XCTAssertNil(config.set("save", arguments: ["300 10"]))
        XCTAssertEqual(config.value("save"), "900 1 300 10")
        XCTAssertNil(config.set("save", arguments: [""]))
        XCTAssertEqual(config.value("save"), "")
        XCTAssertEqual(config.set("hz", arguments: ["1", "2"]), "wrong number of arguments")
        XCTAssertEqual(config.set("databases", arguments: []), "wrong number of arguments")
        XCTAssertNil(config.set("databases", arguments: ["4"]))
        XCTAssertEqual(config.databases, 4)
        XCTAssertNil(config.set("bind", arguments: ["127.0.0.1", "::1"]))
        XCTAssertEqual(config.value("bind"), "127.0.0.1 ::1")
        XCTAssertEqual(config.set("bind", arguments: (0..<17).map { "10.0.0.\($0)" }), "Too many bind addresses specified.")
        XCTAssertNil(config.set("list-max-ziplist-size", arguments: ["-3"]))
        XCTAssertEqual(config.value("list-max-listpack-size"), "-3")
        XCTAssertEqual(config.set("appendfilename", arguments: ["x/y"]), "appendfilename can't be a path, just a filename")
    }

    func testMemoryUnits() {
        XCTAssertEqual(MemoryUnits.parse("10"), 10)
        XCTAssertEqual(MemoryUnits.parse("1k"), 1000)
        XCTAssertEqual(MemoryUnits.parse("1KB"), 1024)
        XCTAssertEqual(MemoryUnits.parse("3mb"), 3 * 1024 * 1024)
        XCTAssertEqual(MemoryUnits.parse("2G"), 2_000_000_000)
        XCTAssertNil(MemoryUnits.parse("-1"))
        XCTAssertNil(MemoryUnits.parse("1.5"))
        XCTAssertNil(MemoryUnits.parse("1tb"))
        XCTAssertEqual(MemoryUnits.format(64 * 1024 * 1024), "64mb")
        XCTAssertEqual(MemoryUnits.format(1024 * 1024 * 1024), "1gb")
        XCTAssertEqual(MemoryUnits.format(2048), "2kb")
        XCTAssertEqual(MemoryUnits.format(1000), "1000")
        XCTAssertEqual(MemoryUnits.format(0), "0")
    }

    func testResetStatAndHelp() {
        let (engine, client) = makeEngine()
        _ = run(engine, client, "SET", "k", "v")
        _ = run(engine, client, "GET", "k")
        _ = run(engine, client, "GET", "missing")
        XCTAssertEqual(engine.stats.keyspaceHits, 1)
        XCTAssertEqual(run(engine, client, "CONFIG", "RESETSTAT"), "+OK\r\n")
        XCTAssertEqual(engine.stats.keyspaceHits, 0)
        XCTAssertEqual(engine.stats.keyspaceMisses, 0)
        XCTAssertEqual(engine.stats.totalConnectionsReceived, 0)
        XCTAssertEqual(run(engine, client, "CONFIG", "RESETSTAT", "x"),
                       "-ERR wrong number of arguments for 'config|resetstat' command\r\n")
        let help = run(engine, client, "CONFIG", "HELP")
        XCTAssertTrue(help.hasPrefix("*11\r\n+CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"))
        XCTAssertTrue(help.hasSuffix("+HELP\r\n+    Prints this help.\r\n"))
    }

    func testRewriteWithoutConfigFile() {
        let (engine, client) = makeEngine()
        XCTAssertEqual(run(engine, client, "CONFIG", "REWRITE"), "-ERR The server is running without a config file\r\n")
    }

    func testRewriteKeepsCommentsAndReplacesInPlace() {
        let config = Configuration()
        XCTAssertNil(config.set("hz", arguments: ["12"]))
        XCTAssertNil(config.set("maxmemory", arguments: ["3mb"]))
        XCTAssertNil(config.set("requirepass", arguments: ["a b\"c"]))
        XCTAssertNil(config.set("notify-keyspace-events", arguments: ["KEA"]))
        XCTAssertNil(config.set("save", arguments: [""]))
        XCTAssertNil(config.set("hash-max-ziplist-entries", arguments: ["100"]))
        let old = """
            # My server
            port 6379
            hz 5

            hz 7


            hash-max-ziplist-entries 99
            maxmemory-policy noeviction
            rename-command FLUSHALL ""
            save 900 1
            save 300 10
            """
        let text = ConfigRewriter.rewrite(old, with: config)
        let cwd = Configuration.currentDirectory()
        XCTAssertEqual(text, """
            # My server
            port 6379
            hz 12

            hash-max-listpack-entries 100
            maxmemory-policy noeviction
            rename-command FLUSHALL ""
            save ""

            # Generated by CONFIG REWRITE
            requirepass "a b\\"c"
            dir "\(cwd)"
            notify-keyspace-events "AKE"
            maxmemory 3mb

            """)
        XCTAssertEqual(ConfigRewriter.rewrite(text, with: config), text + "\n")
        XCTAssertEqual(ConfigRewriter.rewrite("", with: Configuration()),
                       "# Generated by CONFIG REWRITE\ndir \"\(cwd)\"\nsave 3600 1\nsave 300 100\nsave 60 10000\n")
    }
}
