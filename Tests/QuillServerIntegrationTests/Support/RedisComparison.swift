// Runs the same commands on Quill and on a real redis-server 7.0.15 and asserts that the
// replies are identical. Replies that list a hash table (HGETALL, SMEMBERS, …) have no
// defined order in Redis, so those are compared as multisets: elements sorted, and for
// field/value replies, pairs sorted as pairs.

import XCTest

final class RedisComparison {
    let redisServer: RedisServerProcess
    let quill: RESPClient
    let redis: RESPClient

    init(quill server: ServerProcess) throws {
        redisServer = try RedisServerProcess()
        quill = try server.client()
        redis = try RESPClient(port: redisServer.port)
    }

    deinit { redisServer.stop() }

    /// Switches both connections to RESP3, so a script compares RESP3 replies.
    func useRESP3() throws {
        try quill.call("HELLO", "3")
        try redis.call("HELLO", "3")
    }

    /// How a reply's order is compared.
    enum Order {
        /// Exactly, element for element.
        case exact
        /// As a multiset of elements.
        case unordered
        /// As a multiset of consecutive (field, value) pairs, or of a map's entries.
        case pairs
        /// A SCAN reply: the cursor exactly, the page as a multiset of `Order`.
        indirect case scanPage(Order)
    }

    /// The order a command's reply is compared in.
    static func order(of args: [String]) -> Order {
        switch args[0].uppercased() {
        case "HGETALL": return .pairs
        case "HRANDFIELD" where args.count > 3: return .pairs
        case "HKEYS", "HVALS", "SMEMBERS", "SUNION", "SINTER", "SDIFF", "SPOP", "SRANDMEMBER", "HRANDFIELD":
            return .unordered
        case "HSCAN": return .scanPage(.pairs)
        case "SSCAN": return .scanPage(.unordered)
        default: return .exact
        }
    }

    static func canonical(_ reply: Reply, _ order: Order) -> String {
        switch (order, reply) {
        case (.exact, _):
            return reply.description
        case (.unordered, .array(let items)):
            return "[" + items.map(\.description).sorted().joined(separator: ", ") + "]"
        case (.unordered, .set(let items)):
            return "~[" + items.map(\.description).sorted().joined(separator: ", ") + "]"
        case (.pairs, .map(let entries)):
            return "{" + entries.map { "\($0.0): \($0.1)" }.sorted().joined(separator: ", ") + "}"
        case (.pairs, .array(let items)):
            if items.allSatisfy({ $0.array?.count == 2 }) {
                return "[" + items.map(\.description).sorted().joined(separator: ", ") + "]"
            }
            let pairs = stride(from: 0, to: items.count - 1, by: 2).map { "\(items[$0]) \(items[$0 + 1])" }
            return "[" + pairs.sorted().joined(separator: ", ") + "]"
        case (.scanPage(let inner), .array(let parts)) where parts.count == 2:
            return "[\(parts[0]), \(canonical(parts[1], inner))]"
        default:
            return reply.description
        }
    }

    /// Sends `args` to both servers and asserts the replies match; returns Quill's reply.
    @discardableResult
    func check(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Reply {
        let order = Self.order(of: args)
        let fromQuill = try quill.call(strings: args)
        let fromRedis = try redis.call(strings: args)
        XCTAssertEqual(Self.canonical(fromQuill, order), Self.canonical(fromRedis, order),
                       args.joined(separator: " "), file: file, line: line)
        return fromQuill
    }

    /// Runs each command of `script` on both servers and asserts that it changes the keyspace
    /// hit and miss counters and the change counter (`dirty`) by the same amounts.
    func checkStatistics(_ script: String, file: StaticString = #filePath, line: UInt = #line) throws {
        for text in script.split(separator: "\n") where !text.trimmingCharacters(in: .whitespaces).isEmpty {
            let args = text.split(separator: " ").map(String.init)
            var deltas: [[Int]] = []
            for client in [quill, redis] {
                try client.call("CONFIG", "RESETSTAT")
                let before = try Self.counters(client)
                try client.call(strings: args)
                let after = try Self.counters(client)
                deltas.append(zip(after, before).map { $0 - $1 })
            }
            XCTAssertEqual(deltas[0], deltas[1], "hits, misses, changes after \(text)", file: file, line: line)
        }
    }

    /// keyspace_hits, keyspace_misses and rdb_changes_since_last_save.
    private static func counters(_ client: RESPClient) throws -> [Int] {
        let info = (try client.call("INFO", "stats").string ?? "") + (try client.call("INFO", "persistence").string ?? "")
        let fields = ["keyspace_hits", "keyspace_misses", "rdb_changes_since_last_save"]
        return fields.map { name in
            let line = info.split(whereSeparator: \.isNewline).first { $0.hasPrefix(name + ":") } ?? ""
            return Int(line.dropFirst(name.count + 1)) ?? -1
        }
    }

    /// Runs every command of a script, one command a line, arguments separated by spaces
    /// ("''" stands for an empty argument).
    func run(_ script: String, file: StaticString = #filePath, line: UInt = #line) throws {
        for text in script.split(separator: "\n") where !text.trimmingCharacters(in: .whitespaces).isEmpty {
            let args = text.split(separator: " ").map { $0 == "''" ? "" : String($0) }
            try check(args, file: file, line: line)
        }
    }
}
