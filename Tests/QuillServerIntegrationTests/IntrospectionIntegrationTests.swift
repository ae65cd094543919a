// INFO, CLIENT, COMMAND and DEBUG through the real binary, including redis-cli reading them
// and DEBUG DIGEST compared byte for byte with a real redis-server holding the same data.

import Foundation
import XCTest

final class IntrospectionIntegrationTests: XCTestCase {
    var server: ServerProcess!

    override func setUpWithError() throws { server = try ServerProcess() }
    override func tearDown() { server?.stop() }

    private func text(_ reply: Reply) -> String { reply.string ?? "" }

    /// Waits until the server lists `count` connections: one closed by a client (or killed)
    /// leaves the list when the server has seen the close, a moment later.
    private func waitForClientCount(_ c: RESPClient, _ count: Int) throws {
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline {
            if text(try c.call("CLIENT", "LIST")).split(separator: "\n").count == count { return }
            usleep(20_000)
        }
    }

    // MARK: INFO

    func testInfoDefaultSectionsInRedisOrder() throws {
        let c = try server.client()
        let info = text(try c.call("INFO"))
        let headers = info.components(separatedBy: "\r\n").filter { $0.hasPrefix("# ") }
        XCTAssertEqual(headers, ["# Server", "# Clients", "# Memory", "# Persistence", "# Stats", "# Replication",
                                 "# CPU", "# Modules", "# Errorstats", "# Cluster", "# Keyspace"])
        XCTAssertTrue(info.hasSuffix("\r\n"))
        XCTAssertFalse(info.hasSuffix("\r\n\r\n"))
        for line in info.components(separatedBy: "\r\n") where !line.isEmpty && !line.hasPrefix("#") {
            XCTAssertTrue(line.contains(":"), "bad line \(line)")
        }
        XCTAssertTrue(info.contains("\r\nredis_version:7.0.15\r\n"))
        XCTAssertTrue(info.contains("\r\nquill_version:"))
        XCTAssertTrue(info.contains("\r\ntcp_port:\(server.port)\r\n"))
        XCTAssertTrue(info.contains("\r\nprocess_id:\(server.processIdentifier)\r\n"))
        XCTAssertTrue(info.contains("\r\nrole:master\r\n"))
        XCTAssertTrue(info.contains("\r\naof_enabled:1\r\n"))
        XCTAssertTrue(info.contains("\r\nmem_allocator:libc\r\n"))
        XCTAssertTrue(info.contains("\r\ncluster_enabled:0\r\n"))
    }

    func testInfoFieldsFollowTheServerState() throws {
        let c = try server.client()
        try c.call("SET", "a", "1")
        try c.call("SET", "b", "2", "EX", "100")
        try c.call("GET", "a")
        try c.call("GET", "missing")
        try c.call("SELECT", "3")
        try c.call("SET", "c", "3")
        let other = try server.client()
        try other.call("PING")
        XCTAssertEqual(try c.call("NOPE"), .error("ERR unknown command 'NOPE', with args beginning with: "))
        var info = text(try c.call("INFO", "keyspace", "stats", "clients", "errorstats"))
        let deadline = Date().addingTimeInterval(3)
        while !info.hasPrefix("# Clients\r\nconnected_clients:2\r\n") && Date() < deadline {
            usleep(20_000)
            info = text(try c.call("INFO", "keyspace", "stats", "clients", "errorstats"))
        }
        XCTAssertTrue(info.hasPrefix("# Clients\r\nconnected_clients:2\r\n"), info)
        XCTAssertTrue(info.contains("\r\nkeyspace_hits:1\r\nkeyspace_misses:1\r\n"))
        XCTAssertTrue(info.contains("# Errorstats\r\nerrorstat_ERR:count=1\r\n"))
        XCTAssertTrue(info.contains("\r\ntotal_error_replies:1\r\n"))
        let keyspace = info.components(separatedBy: "# Keyspace\r\n")[1].components(separatedBy: "\r\n")
        XCTAssertTrue(keyspace[0].hasPrefix("db0:keys=2,expires=1,avg_ttl="), keyspace[0])
        let ttl = Int(keyspace[0].components(separatedBy: "avg_ttl=")[1]) ?? -1
        XCTAssertTrue(ttl > 90_000 && ttl <= 100_000, "avg_ttl \(ttl)")
        XCTAssertEqual(keyspace[1], "db3:keys=1,expires=0,avg_ttl=0")
    }

    func testInfoReportsTheExecutableAsAnAbsolutePath() throws {
        // Started as ./quill-server from its own directory, as a user typing a relative path.
        let port = try ServerProcess.freePort()
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "cd '\(ServerProcess.productsDirectory.path)' && exec ./quill-server --port \(port) --bind 127.0.0.1 > /dev/null 2>&1"]
        try shell.run()
        defer {
            shell.terminate()
            shell.waitUntilExit()
        }
        var reply: Reply?
        let deadline = Date().addingTimeInterval(20)
        while reply == nil && Date() < deadline {
            reply = try? RESPClient(port: port).call("INFO", "server")
            if reply == nil { usleep(50_000) }
        }
        let line = text(try XCTUnwrap(reply)).components(separatedBy: "\r\n").first { $0.hasPrefix("executable:") }
        XCTAssertEqual(line, "executable:" + ServerProcess.binaryURL.path)
    }

    func testInfoCommandstats() throws {
        let c = try server.client()
        try c.call("SET", "a", "1")
        try c.call("SET", "b", "2")
        try c.call("GET", "a")
        XCTAssertEqual(try c.call("SELECT", "99"), .error("ERR DB index is out of range"))
        try c.call("CLIENT", "ID")
        XCTAssertTrue(try c.call("GET").isError)
        XCTAssertTrue(try c.call("CLIENT", "ID", "x").isError)
        XCTAssertTrue(try c.call("CLIENT", "NOPE").isError)
        let stats = text(try c.call("INFO", "commandstats")).components(separatedBy: "\r\n")
        XCTAssertTrue(stats.contains { $0.hasPrefix("cmdstat_get:calls=1,") && $0.hasSuffix(",rejected_calls=1,failed_calls=0") })
        XCTAssertTrue(stats.contains { $0.hasPrefix("cmdstat_client|id:calls=1,") && $0.hasSuffix(",rejected_calls=1,failed_calls=0") })
        XCTAssertFalse(stats.contains { $0.hasPrefix("cmdstat_client:") || $0.hasPrefix("cmdstat_client|nope") })
        XCTAssertEqual(stats.first, "# Commandstats")
        XCTAssertTrue(stats.contains { $0.hasPrefix("cmdstat_set:calls=2,usec=") && $0.hasSuffix(",rejected_calls=0,failed_calls=0") })
        XCTAssertTrue(stats.contains { $0.hasPrefix("cmdstat_get:calls=1,usec=") })
        XCTAssertTrue(stats.contains { $0.hasPrefix("cmdstat_select:calls=1,") && $0.hasSuffix(",failed_calls=1") })
        XCTAssertTrue(stats.contains { $0.hasPrefix("cmdstat_client|id:calls=1,") })
        let line = stats.first { $0.hasPrefix("cmdstat_set:") } ?? ""
        XCTAssertNotNil(line.range(of: #"usec_per_call=\d+\.\d\d,"#, options: .regularExpression), line)
    }

    func testInfoSectionSelection() throws {
        let c = try server.client()
        let two = text(try c.call("INFO", "CPU", "server", "cpu"))
        XCTAssertEqual(two.components(separatedBy: "\r\n").filter { $0.hasPrefix("# ") }, ["# Server", "# CPU"])
        XCTAssertTrue(two.contains("\r\n\r\n# CPU\r\nused_cpu_sys:"))
        XCTAssertEqual(try c.call("INFO", "nosuchsection"), .bulk(""))
        let everything = text(try c.call("INFO", "everything"))
        XCTAssertTrue(everything.contains("# Commandstats\r\n"))
        XCTAssertTrue(everything.contains("# Latencystats\r\n"))
        let memory = text(try c.call("INFO", "memory"))
        let used = memory.components(separatedBy: "\r\n").first { $0.hasPrefix("used_memory:") }
        XCTAssertGreaterThan(Int(used?.dropFirst("used_memory:".count) ?? "") ?? 0, 100_000)
        XCTAssertTrue(memory.contains("\r\nused_memory_human:"))
        XCTAssertTrue(memory.contains("\r\nmaxmemory_policy:noeviction\r\n"))
    }

    func testInfoIsVerbatimInRESP3() throws {
        let c = try server.client()
        try c.call("HELLO", "3")
        guard case .verbatim(let body) = try c.call("INFO", "server") else { return XCTFail("expected verbatim") }
        XCTAssertTrue(body.hasPrefix("# Server\r\nredis_version:7.0.15\r\n"))
    }

    func testRedisCliInfo() throws {
        let result = try ServerProcess.run("redis-cli", ["-p", String(server.port), "INFO"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.output.contains("redis_version:7.0.15"))
        XCTAssertTrue(result.output.contains("# Keyspace"))
    }

    // MARK: CLIENT

    func testClientIdNameAndInfo() throws {
        let c = try server.client()
        guard let id = try c.call("CLIENT", "ID").integer else { return XCTFail("no id") }
        XCTAssertEqual(try c.call("CLIENT", "GETNAME"), .null)
        XCTAssertEqual(try c.call("CLIENT", "SETNAME", "worker-1"), .simple("OK"))
        XCTAssertEqual(try c.call("CLIENT", "GETNAME"), .bulk("worker-1"))
        XCTAssertEqual(try c.call("CLIENT", "SETNAME", "a b"),
                       .error("ERR Client names cannot contain spaces, newlines or special characters."))
        XCTAssertEqual(try c.call("CLIENT", "SETNAME", ""), .simple("OK"))
        XCTAssertEqual(try c.call("CLIENT", "GETNAME"), .null)
        try c.call("SELECT", "2")
        let line = text(try c.call("CLIENT", "INFO"))
        XCTAssertTrue(line.hasSuffix("\n"))
        let names = line.dropLast().split(separator: " ").map { $0.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0] }
        XCTAssertEqual(names.map(String.init), ["id", "addr", "laddr", "fd", "name", "age", "idle", "flags", "db", "sub", "psub",
                                                "ssub", "multi", "qbuf", "qbuf-free", "argv-mem", "multi-mem", "rbs", "rbp",
                                                "obl", "oll", "omem", "tot-mem", "events", "cmd", "user", "redir", "resp"])
        XCTAssertTrue(line.hasPrefix("id=\(id) addr=127.0.0.1:"))
        XCTAssertTrue(line.contains(" laddr=127.0.0.1:\(server.port) "))
        XCTAssertTrue(line.contains(" flags=N db=2 "))
        XCTAssertTrue(line.contains(" multi=-1 "))
        XCTAssertTrue(line.contains(" cmd=client|info user=default redir=-1 resp=2"))
        XCTAssertEqual(try c.call("CLIENT", "ID", "x"), .error("ERR wrong number of arguments for 'client|id' command"))
        XCTAssertEqual(try c.call("CLIENT"), .error("ERR wrong number of arguments for 'client' command"))
        XCTAssertEqual(try c.call("CLIENT", "FOO"), .error("ERR unknown subcommand 'FOO'. Try CLIENT HELP."))
    }

    func testClientListFilters() throws {
        let c = try server.client()
        let other = try server.client()
        try other.call("CLIENT", "SETNAME", "other")
        try other.call("MULTI")
        try other.call("SET", "k", "v")
        let otherID = try other.call("CLIENT", "ID")
        XCTAssertEqual(otherID, .simple("QUEUED"))
        try waitForClientCount(c, 2)
        let all = text(try c.call("CLIENT", "LIST")).split(separator: "\n")
        XCTAssertEqual(all.count, 2)
        let otherLine = String(all[1])
        XCTAssertTrue(otherLine.contains(" name=other "))
        XCTAssertTrue(otherLine.contains(" flags=x "))
        XCTAssertTrue(otherLine.contains(" multi=2 "))
        let otherIDValue = otherLine.split(separator: " ")[0].dropFirst(3)
        XCTAssertEqual(text(try c.call("CLIENT", "LIST", "TYPE", "normal")).split(separator: "\n").count, 2)
        XCTAssertEqual(try c.call("CLIENT", "LIST", "TYPE", "pubsub"), .bulk(""))
        XCTAssertEqual(try c.call("CLIENT", "LIST", "TYPE", "replica"), .bulk(""))
        XCTAssertEqual(try c.call("CLIENT", "LIST", "TYPE", "bad"), .error("ERR Unknown client type 'bad'"))
        XCTAssertEqual(text(try c.call("CLIENT", "LIST", "ID", String(otherIDValue), "99999")), otherLine + "\n")
        XCTAssertEqual(try c.call("CLIENT", "LIST", "ID", "x"), .error("ERR Invalid client ID"))
        XCTAssertEqual(try c.call("CLIENT", "LIST", "ID"), .error("ERR syntax error"))
        XCTAssertEqual(try c.call("CLIENT", "LIST", "FOO"), .error("ERR syntax error"))
        XCTAssertEqual(try c.call("CLIENT", "LIST", "TYPE", "normal", "ID", "1"), .error("ERR syntax error"))
    }

    func testRedisCliClientList() throws {
        let result = try ServerProcess.run("redis-cli", ["-p", String(server.port), "--no-raw", "CLIENT", "LIST"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.output.hasPrefix("id="), result.output)
        XCTAssertEqual(result.output.split(separator: "\n").count, 1)
        XCTAssertTrue(result.output.contains("cmd=client|list"))
    }

    func testClientKill() throws {
        let c = try server.client()
        let victim = try server.client()
        guard let victimID = try victim.call("CLIENT", "ID").integer else { return XCTFail("no id") }
        XCTAssertEqual(try c.call("CLIENT", "KILL", "ID", String(victimID)), .integer(1))
        XCTAssertThrowsError(try victim.call("PING"))
        XCTAssertEqual(try c.call("CLIENT", "KILL", "ID", String(victimID)), .integer(0))

        let byAddress = try server.client()
        let line = text(try byAddress.call("CLIENT", "INFO"))
        let address = String(line.split(separator: " ")[1].dropFirst(5))
        XCTAssertEqual(try c.call("CLIENT", "KILL", address), .simple("OK"))
        XCTAssertThrowsError(try byAddress.call("PING"))
        XCTAssertEqual(try c.call("CLIENT", "KILL", address), .error("ERR No such client"))

        XCTAssertEqual(try c.call("CLIENT", "KILL", "ID", "x"), .error("ERR client-id should be greater than 0"))
        XCTAssertEqual(try c.call("CLIENT", "KILL", "ID", "0"), .error("ERR client-id should be greater than 0"))
        XCTAssertEqual(try c.call("CLIENT", "KILL", "TYPE", "bad"), .error("ERR Unknown client type 'bad'"))
        XCTAssertEqual(try c.call("CLIENT", "KILL", "USER", "nobody"), .error("ERR No such user 'nobody'"))
        XCTAssertEqual(try c.call("CLIENT", "KILL", "SKIPME", "maybe"), .error("ERR syntax error"))
        XCTAssertEqual(try c.call("CLIENT", "KILL", "FOO", "x"), .error("ERR syntax error"))
        XCTAssertEqual(try c.call("CLIENT", "KILL", "TYPE", "pubsub"), .integer(0))
        XCTAssertEqual(try c.call("CLIENT", "KILL"), .error("ERR wrong number of arguments for 'client|kill' command"))

        let bystander = try server.client()
        XCTAssertEqual(try bystander.call("PING"), .simple("PONG"))
        try waitForClientCount(c, 2)
        XCTAssertEqual(try c.call("CLIENT", "KILL", "TYPE", "normal", "USER", "default"), .integer(1))
        XCTAssertThrowsError(try bystander.call("PING"))
        XCTAssertEqual(try c.call("PING"), .simple("PONG"))
        XCTAssertEqual(try c.call("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "no"), .integer(1))
        XCTAssertThrowsError(try c.call("PING"))
    }

    func testClientReplyModes() throws {
        let c = try server.client()
        try c.send(strings: ["CLIENT", "REPLY", "OFF"])
        try c.send(strings: ["SET", "k", "1"])
        try c.send(strings: ["CLIENT", "REPLY", "ON"])
        XCTAssertEqual(try c.read(), .simple("OK"))
        try c.send(strings: ["CLIENT", "REPLY", "SKIP"])
        try c.send(strings: ["GET", "k"])
        XCTAssertEqual(try c.call("ECHO", "after"), .bulk("after"))
        XCTAssertEqual(try c.call("CLIENT", "REPLY", "maybe"), .error("ERR syntax error"))
    }

    func testClientFlagsAndLibraryInfo() throws {
        let c = try server.client()
        XCTAssertEqual(try c.call("CLIENT", "NO-EVICT", "on"), .simple("OK"))
        XCTAssertEqual(try c.call("CLIENT", "NO-TOUCH", "on"), .simple("OK"))
        XCTAssertTrue(text(try c.call("CLIENT", "INFO")).contains(" flags=eT "))
        XCTAssertEqual(try c.call("CLIENT", "NO-EVICT", "off"), .simple("OK"))
        XCTAssertEqual(try c.call("CLIENT", "NO-TOUCH", "OFF"), .simple("OK"))
        XCTAssertTrue(text(try c.call("CLIENT", "INFO")).contains(" flags=N "))
        XCTAssertEqual(try c.call("CLIENT", "NO-EVICT", "maybe"), .error("ERR syntax error"))
        XCTAssertEqual(try c.call("CLIENT", "NO-TOUCH", "maybe"), .error("ERR syntax error"))
        XCTAssertEqual(try c.call("CLIENT", "SETINFO", "LIB-NAME", "redis-py"), .simple("OK"))
        XCTAssertEqual(try c.call("CLIENT", "SETINFO", "lib-ver", "5.0.1"), .simple("OK"))
        XCTAssertEqual(try c.call("CLIENT", "SETINFO", "lib-name", "a b"),
                       .error("ERR lib-name cannot contain spaces, newlines or special characters."))
        XCTAssertEqual(try c.call("CLIENT", "SETINFO", "color", "red"), .error("ERR Unrecognized option 'color'"))
        let help = try c.call("CLIENT", "HELP").strings
        XCTAssertEqual(help.first, "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:")
        XCTAssertEqual(help.last, "    Prints this help.")
        XCTAssertTrue(help.contains("KILL <ip:port>"))
    }

    // MARK: COMMAND

    func testCommandInfoShape() throws {
        let c = try server.client()
        guard let entries = try c.call("COMMAND", "INFO", "get", "nope", "client|id").array else { return XCTFail() }
        XCTAssertEqual(entries.count, 3)
        XCTAssertEqual(entries[0], .array([
            .bulk("get"), .integer(2), .array([.simple("readonly"), .simple("fast")]),
            .integer(1), .integer(1), .integer(1),
            .array([.simple("@read"), .simple("@string"), .simple("@fast")]),
            .array([]),
            .array([.array([
                .bulk("flags"), .array([.simple("RO"), .simple("access")]),
                .bulk("begin_search"), .array([.bulk("type"), .bulk("index"), .bulk("spec"), .array([.bulk("index"), .integer(1)])]),
                .bulk("find_keys"), .array([.bulk("type"), .bulk("range"), .bulk("spec"),
                                            .array([.bulk("lastkey"), .integer(0), .bulk("keystep"), .integer(1),
                                                    .bulk("limit"), .integer(0)])]),
            ])]),
            .array([]),
        ]))
        XCTAssertEqual(entries[1], .null)
        XCTAssertEqual(entries[2].array?.first, .bulk("client|id"))
        let client = try c.call("COMMAND", "INFO", "client").array?.first?.array ?? []
        XCTAssertEqual(client.count, 10)
        XCTAssertEqual(client[1], .integer(-2))
        let subcommandNames = client[9].array?.compactMap { $0.array?.first?.string } ?? []
        XCTAssertTrue(subcommandNames.contains("client|kill"))
        let infoTips = try c.call("COMMAND", "INFO", "info").array?.first?.array?[7]
        XCTAssertEqual(infoTips, .array([.bulk("nondeterministic_output"), .bulk("request_policy:all_shards"),
                                         .bulk("response_policy:special")]))
        let del = try c.call("COMMAND", "INFO", "del").array?.first?.array?[8].array?.first
        XCTAssertEqual(del?.array?[1], .array([.simple("RM"), .simple("delete")]))
    }

    func testCommandCountListAndWholeTable() throws {
        let c = try server.client()
        guard let count = try c.call("COMMAND", "COUNT").integer else { return XCTFail() }
        let everything = try c.call("COMMAND").array ?? []
        XCTAssertEqual(everything.count, count)
        XCTAssertTrue(everything.contains { $0.array?.first == .bulk("set") })
        let names = try c.call("COMMAND", "LIST").strings
        XCTAssertTrue(names.contains("get") && names.contains("client|list") && names.contains("command|docs"))
        XCTAssertEqual(Set(try c.call("COMMAND", "LIST", "FILTERBY", "PATTERN", "cl*").strings),
                       Set(names.filter { $0.hasPrefix("client") }))
        let connection = try c.call("COMMAND", "LIST", "FILTERBY", "ACLCAT", "connection").strings
        XCTAssertTrue(connection.contains("ping") && connection.contains("client|id"))
        XCTAssertFalse(connection.contains("get"))
        XCTAssertEqual(try c.call("COMMAND", "LIST", "FILTERBY", "MODULE", "x"), .array([]))
        XCTAssertEqual(try c.call("COMMAND", "LIST", "FILTERBY", "bad", "x"), .error("ERR syntax error"))
        XCTAssertEqual(try c.call("COMMAND", "LIST", "foo"), .error("ERR syntax error"))
        XCTAssertEqual(try c.call("COMMAND", "COUNT", "x"), .error("ERR wrong number of arguments for 'command|count' command"))
        XCTAssertEqual(try c.call("COMMAND", "NOPE"), .error("ERR unknown subcommand 'NOPE'. Try COMMAND HELP."))
    }

    func testCommandDocs() throws {
        let c = try server.client()
        XCTAssertEqual(try c.call("COMMAND", "DOCS", "get", "nope"), .array([
            .bulk("get"), .array([.bulk("summary"), .bulk("Get the value of a key"),
                                  .bulk("since"), .bulk("1.0.0"), .bulk("group"), .bulk("string"),
                                  .bulk("complexity"), .bulk("O(1)"),
                                  .bulk("arguments"), .array([.array([.bulk("name"), .bulk("key"), .bulk("type"), .bulk("key"),
                                                                      .bulk("key_spec_index"), .integer(0)])])]),
        ]))
        XCTAssertEqual(try c.call("COMMAND", "DOCS", "client|setinfo"), .array([
            .bulk("client|setinfo"), .array([.bulk("summary"), .bulk("Set client or connection specific info"),
                                             .bulk("since"), .bulk("7.2.0"), .bulk("group"), .bulk("connection")]),
        ]))
        XCTAssertEqual(try c.call("COMMAND", "DOCS", "nope"), .array([]))
        try c.call("HELLO", "3")
        guard case .map(let docs) = try c.call("COMMAND", "DOCS", "client") else { return XCTFail("expected map") }
        guard case .map(let fields) = docs[0].1 else { return XCTFail("expected map") }
        XCTAssertEqual(fields.map(\.0.description),
                       ["\"summary\"", "\"since\"", "\"group\"", "\"complexity\"", "\"subcommands\""])
        XCTAssertEqual(fields[3].1, .bulk("Depends on subcommand."))
        guard case .map(let subs) = fields[4].1 else { return XCTFail("expected map") }
        XCTAssertTrue(subs.contains { $0.0 == .bulk("client|setname") })
        let cli = try ServerProcess.run("redis-cli", ["-p", String(server.port), "COMMAND", "DOCS", "get"])
        XCTAssertEqual(cli.status, 0)
        XCTAssertTrue(cli.output.contains("summary"), cli.output)
        let interactive = try ServerProcess.run("redis-cli", ["-p", String(server.port)], input: "SET hint 1\nGET hint\n")
        XCTAssertTrue(interactive.output.contains("OK") && interactive.output.contains("1"), interactive.output)
        let cliHelp = try ServerProcess.run("redis-cli", ["-p", String(server.port), "HELP", "SET"])
        XCTAssertTrue(cliHelp.output.contains("key value [NX|XX]"), cliHelp.output)
    }

    func testCommandGetKeys() throws {
        let c = try server.client()
        XCTAssertEqual(try c.call("COMMAND", "GETKEYS", "GET", "k"), .array([.bulk("k")]))
        XCTAssertEqual(try c.call("COMMAND", "GETKEYS", "del", "a", "b", "c"), .array([.bulk("a"), .bulk("b"), .bulk("c")]))
        XCTAssertEqual(try c.call("COMMAND", "GETKEYS", "set", "a", "b"), .array([.bulk("a")]))
        XCTAssertEqual(try c.call("COMMAND", "GETKEYS", "foo", "a"), .error("ERR Invalid command specified"))
        XCTAssertEqual(try c.call("COMMAND", "GETKEYS", "client", "nope"), .error("ERR Invalid command specified"))
        XCTAssertEqual(try c.call("COMMAND", "GETKEYS", "ping", "a"), .error("ERR The command has no key arguments"))
        XCTAssertEqual(try c.call("COMMAND", "GETKEYS", "set", "a"),
                       .error("ERR Invalid number of arguments specified for command"))
        XCTAssertEqual(try c.call("COMMAND", "GETKEYS", "get", "a", "b"),
                       .error("ERR Invalid number of arguments specified for command"))
        XCTAssertEqual(try c.call("COMMAND", "GETKEYS", "get"),
                       .error("ERR wrong number of arguments for 'command|getkeys' command"))
        XCTAssertEqual(try c.call("COMMAND", "GETKEYSANDFLAGS", "get", "k"),
                       .array([.array([.bulk("k"), .array([.simple("RO"), .simple("access")])])]))
        XCTAssertEqual(try c.call("COMMAND", "GETKEYSANDFLAGS", "set", "k", "v"),
                       .array([.array([.bulk("k"), .array([.simple("OW"), .simple("update")])])]))
        XCTAssertEqual(try c.call("COMMAND", "GETKEYSANDFLAGS", "set", "k", "v", "get"),
                       .array([.array([.bulk("k"), .array([.simple("RW"), .simple("access"), .simple("update")])])]))
        XCTAssertEqual(try c.call("COMMAND", "GETKEYSANDFLAGS", "del", "a", "b"),
                       .array([.array([.bulk("a"), .array([.simple("RM"), .simple("delete")])]),
                               .array([.bulk("b"), .array([.simple("RM"), .simple("delete")])])]))
    }

    func testCommandHelp() throws {
        let help = try server.client().call("COMMAND", "HELP").strings
        XCTAssertEqual(help.first, "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:")
        XCTAssertTrue(help.contains("GETKEYS <full-command>"))
    }

    // MARK: DEBUG

    func testDebugErrorsAndHelp() throws {
        let c = try server.client()
        XCTAssertEqual(try c.call("DEBUG", "nope"),
                       .error("ERR unknown subcommand or wrong number of arguments for 'nope'. Try DEBUG HELP."))
        XCTAssertEqual(try c.call("DEBUG", "OBJECT"),
                       .error("ERR unknown subcommand or wrong number of arguments for 'OBJECT'. Try DEBUG HELP."))
        XCTAssertEqual(try c.call("DEBUG", "DIGEST", "x"),
                       .error("ERR unknown subcommand or wrong number of arguments for 'DIGEST'. Try DEBUG HELP."))
        XCTAssertEqual(try c.call("DEBUG"), .error("ERR wrong number of arguments for 'debug' command"))
        XCTAssertEqual(try c.call("DEBUG", "OBJECT", "missing"), .error("ERR no such key"))
        let help = try c.call("DEBUG", "HELP").strings
        XCTAssertEqual(help.first, "DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:")
        XCTAssertTrue(help.contains("SLEEP <seconds>"))
        XCTAssertEqual(try c.call("DEBUG", "DIGEST"), .simple(String(repeating: "0", count: 40)))
        XCTAssertEqual(try c.call("DEBUG", "DIGEST-VALUE"), .array([]))
    }

    func testDebugPopulateAndError() throws {
        let c = try server.client()
        XCTAssertEqual(try c.call("SET", "key:1", "mine"), .simple("OK"))
        XCTAssertEqual(try c.call("DEBUG", "POPULATE", "3"), .simple("OK"))
        XCTAssertEqual(try c.call("DBSIZE"), .integer(3))
        XCTAssertEqual(try c.call("GET", "key:0"), .bulk("value:0"))
        XCTAssertEqual(try c.call("GET", "key:1"), .bulk("mine"))
        XCTAssertEqual(try c.call("DEBUG", "POPULATE", "2", "pre", "10"), .simple("OK"))
        XCTAssertEqual(try c.call("GET", "pre:1"), .bulk(Array("value:1".utf8) + [0, 0, 0]))
        XCTAssertEqual(try c.call("DEBUG", "POPULATE", "1", "cut", "3"), .simple("OK"))
        XCTAssertEqual(try c.call("GET", "cut:0"), .bulk("val"))
        XCTAssertEqual(try c.call("DEBUG", "POPULATE", "-1"), .error("ERR value is out of range, must be positive"))
        XCTAssertEqual(try c.call("DEBUG", "POPULATE", "x"), .error("ERR value is out of range, must be positive"))
        XCTAssertEqual(try c.call("DEBUG", "POPULATE", "1", "a", "-1"), .error("ERR value is out of range, must be positive"))
        XCTAssertEqual(try c.call("DEBUG", "POPULATE", "1", "a", "3", "x"),
                       .error("ERR unknown subcommand or wrong number of arguments for 'POPULATE'. Try DEBUG HELP."))
        XCTAssertEqual(try c.call("DEBUG", "ERROR", "foo bar"), .error("foo bar"))
        XCTAssertEqual(try c.call("DEBUG", "ERROR", "WRONGTYPE x"), .error("WRONGTYPE x"))
    }

    func testDebugObject() throws {
        let c = try server.client()
        try c.call("SET", "s", "bar")
        try c.call("SET", "n", "12345")
        try c.call("SET", "small", "7")
        try c.call("SET", "long", String(repeating: "x", count: 50))
        func object(_ key: String) throws -> String { text(try c.call("DEBUG", "OBJECT", key)) }
        let pattern = #"^Value at:0x[0-9a-f]+ refcount:\d+ encoding:[a-z]+ serializedlength:\d+ lru:\d+ lru_seconds_idle:\d+$"#
        for key in ["s", "n", "small", "long"] {
            let line = try object(key)
            XCTAssertNotNil(line.range(of: pattern, options: .regularExpression), line)
        }
        XCTAssertTrue(try object("s").contains(" refcount:1 encoding:embstr serializedlength:4 "))
        XCTAssertTrue(try object("n").contains(" refcount:1 encoding:int serializedlength:3 "))
        XCTAssertTrue(try object("small").contains(" refcount:2147483647 encoding:int serializedlength:2 "))
        XCTAssertTrue(try object("long").contains(" encoding:raw serializedlength:12 "))
        try c.call("SET", "abc", String(repeating: "abc", count: 100))
        try c.call("SET", "text", "the quick brown fox jumps")
        XCTAssertTrue(try object("abc").contains(" encoding:raw serializedlength:18 "))
        XCTAssertTrue(try object("text").contains(" encoding:embstr serializedlength:26 "))
    }

    func testDebugSleepBlocksTheServer() throws {
        let c = try server.client()
        let other = try server.client()
        try c.send(strings: ["DEBUG", "SLEEP", "0.3"])
        usleep(50_000)
        let started = Date()
        XCTAssertEqual(try other.call("PING"), .simple("PONG"))
        XCTAssertGreaterThan(Date().timeIntervalSince(started), 0.15)
        XCTAssertEqual(try c.read(), .simple("OK"))
        XCTAssertEqual(try c.call("DEBUG", "SLEEP", "0"), .simple("OK"))
    }

    func testDebugSetActiveExpire() throws {
        let c = try server.client()
        XCTAssertEqual(try c.call("DEBUG", "SET-ACTIVE-EXPIRE", "0"), .simple("OK"))
        try c.call("SET", "gone", "v", "PX", "1")
        usleep(300_000)
        XCTAssertEqual(try c.call("DBSIZE"), .integer(1))
        XCTAssertEqual(try c.call("DEBUG", "SET-ACTIVE-EXPIRE", "1"), .simple("OK"))
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline, try c.call("DBSIZE") != .integer(0) { usleep(50_000) }
        XCTAssertEqual(try c.call("DBSIZE"), .integer(0))
    }

    // MARK: DEBUG DIGEST against redis-server

    func testDigestsMatchRealRedis() throws {
        let redis = try RedisServerProcess()
        defer { redis.stop() }
        let quillClient = try server.client()
        let redisClient = try RESPClient(port: redis.port)
        XCTAssertEqual(try redisClient.call("DEBUG", "DIGEST"), try quillClient.call("DEBUG", "DIGEST"))
        let binary: [UInt8] = [0, 1, 2, 255, 13, 10, 0x80]
        let script: [[[UInt8]]] = [
            ["SET", "plain", "hello"].map { Array($0.utf8) },
            ["SET", "int", "12345"].map { Array($0.utf8) },
            ["SET", "negative", "-42"].map { Array($0.utf8) },
            ["SET", "big", "123456789012345678"].map { Array($0.utf8) },
            ["SET", "leadingzero", "007"].map { Array($0.utf8) },
            ["SET", "empty", ""].map { Array($0.utf8) },
            ["SET", "long", String(repeating: "abc", count: 100)].map { Array($0.utf8) },
            ["SET", "ttl", "v", "EX", "1000"].map { Array($0.utf8) },
            [Array("SET".utf8), binary, binary + binary],
            ["SELECT", "1"].map { Array($0.utf8) },
            ["SET", "plain", "hello"].map { Array($0.utf8) },
            ["SET", "other", "42", "PX", "5000000"].map { Array($0.utf8) },
            ["SELECT", "15"].map { Array($0.utf8) },
            ["SET", "last", "x"].map { Array($0.utf8) },
            ["SELECT", "0"].map { Array($0.utf8) },
        ]
        for command in script {
            XCTAssertEqual(try quillClient.call(command), try redisClient.call(command), "\(command)")
        }
        let quillDigest = try quillClient.call("DEBUG", "DIGEST")
        XCTAssertEqual(quillDigest.string?.count, 40)
        XCTAssertNotEqual(quillDigest.string, String(repeating: "0", count: 40))
        XCTAssertEqual(quillDigest, try redisClient.call("DEBUG", "DIGEST"))
        let keys: [[UInt8]] = ["plain", "int", "negative", "big", "leadingzero", "empty", "long", "ttl", "missing"]
            .map { Array($0.utf8) } + [binary]
        let request = [Array("DEBUG".utf8), Array("DIGEST-VALUE".utf8)] + keys
        let quillValues = try quillClient.call(request)
        XCTAssertEqual(quillValues.array?.count, keys.count)
        XCTAssertEqual(quillValues, try redisClient.call(request))
        XCTAssertEqual(quillValues.array?[8], .simple(String(repeating: "0", count: 40)))
        try quillClient.call("SELECT", "1")
        try redisClient.call("SELECT", "1")
        XCTAssertEqual(try quillClient.call("DEBUG", "DIGEST-VALUE", "plain", "other"),
                       try redisClient.call("DEBUG", "DIGEST-VALUE", "plain", "other"))
        XCTAssertEqual(try quillClient.call("DEL", "other"), try redisClient.call("DEL", "other"))
        XCTAssertEqual(try quillClient.call("DEBUG", "DIGEST"), try redisClient.call("DEBUG", "DIGEST"))
    }
}

/// A real redis-server on a free loopback port, without persistence, DEBUG enabled.
final class RedisServerProcess {
    let port: Int
    private let process = Process()

    init() throws {
        port = try ServerProcess.freePort()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["redis-server", "--port", String(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--enable-debug-command", "yes", "--daemonize", "no"]
        process.currentDirectoryURL = FileManager.default.temporaryDirectory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let client = try? RESPClient(port: port), (try? client.call("PING")) == .simple("PONG") { return }
            usleep(20_000)
        }
        stop()
        throw ServerProcessError.notReady(log: "redis-server did not start")
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    deinit { stop() }
}
