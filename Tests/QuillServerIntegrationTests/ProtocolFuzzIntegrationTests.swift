// Throws thousands of seeded random requests at the real binary over many concurrent
// connections: well-formed multibulk and inline commands with random arguments, truncated
// requests, random bytes, oversized counts and lengths, bad '$' markers, unbalanced quotes
// and huge inline lines. The server must survive all of it, answer only with Redis's
// protocol errors or ordinary command errors, keep answering well-formed streams, and still
// answer PING on a fresh connection at the end. QUILL_FUZZ_PORT points the same run at an
// already running server (a real redis-server), which is how the error set was checked;
// QUILL_FUZZ_SEED replaces the fixed seed to explore other sequences.

import Foundation
import XCTest

/// SplitMix64: its sequence depends only on the seed, so a failing run replays exactly.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// What a connection's stream must produce, beyond "no crash, only known errors".
enum FuzzExpectation {
    /// Only complete requests: the trailing ECHO marker must come back.
    case marker
    /// Complete requests, then one request Redis rejects at the protocol level: that
    /// error must be the last reply and the server must close the connection.
    case fatal(String)
    /// Truncated or random input: nothing beyond survival and the error set.
    case anything
}

/// Builds the random requests. Commands are drawn from the string, key, connection and
/// transaction families with argument pools mixing keys, option words, edge-case numbers
/// and random bytes; commands that would stop the server, block, change the connection's
/// mode or persist files are left out so every well-formed stream must be answered.
struct FuzzRequestGenerator {
    var rng: SeededGenerator

    static let marker = Array("fuzz-stream-end".utf8)

    static let commands = [
        "ping", "echo", "get", "set", "del", "exists", "dbsize", "select", "multi", "exec", "discard",
        "watch", "unwatch", "time", "lastsave", "hello", "auth", "reset", "incr", "decr", "incrby",
        "decrby", "incrbyfloat", "append", "strlen", "getrange", "setrange", "substr", "mget", "mset",
        "msetnx", "getset", "getdel", "getex", "setnx", "setex", "psetex", "expire", "pexpire",
        "expireat", "pexpireat", "expiretime", "ttl", "pttl", "persist", "type", "rename", "renamenx",
        "keys", "scan", "randomkey", "copy", "move", "touch", "unlink", "flushdb", "object", "command",
        "info", "lcs",
    ]

    static let words = [
        "NX", "XX", "EX", "PX", "EXAT", "PXAT", "GET", "KEEPTTL", "PERSIST", "GT", "LT", "MATCH",
        "COUNT", "TYPE", "REPLACE", "DB", "AUTH", "SETNAME", "default", "ASYNC", "SYNC", "string",
        "ENCODING", "FREQ", "IDLETIME", "REFCOUNT", "HELP", "INFO", "DOCS", "COUNT", "LIST", "LEN",
        "IDX", "MINMATCHLEN", "WITHMATCHLEN", "*", "k*", "k?", "[a-c]*", "\\", "memory", "server",
    ]

    static let numbers = [
        "0", "1", "-1", "2", "3", "7", "10", "15", "16", "100", "65536", "100000", "1.5", "-0.5", "1e3",
        "inf", "-inf", "nan", "abc", "2147483648", "-2147483649", "9223372036854775807",
        "-9223372036854775808", "9223372036854775808", "99999999999999999999", "0x10", " 1", "1 ",
        "+1", "01", "",
    ]

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ percent: Int) -> Bool { int(0..<100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    mutating func randomBytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) } }

    /// Bytes biased towards the protocol's own punctuation, so random input often looks
    /// like the start of a request.
    mutating func protocolishBytes(_ count: Int) -> [UInt8] {
        let alphabet = Array("*$\r\n0123456789-+:\"' abcSETGET".utf8)
        return (0..<count).map { _ in chance(60) ? pick(alphabet) : UInt8.random(in: 0...255, using: &rng) }
    }

    mutating func key() -> [UInt8] { Array("k\(int(0..<12))".utf8) }

    mutating func argument() -> [UInt8] {
        switch int(0..<20) {
        case 0..<6: return key()
        case 6..<10: return Array(pick(Self.words).utf8)
        case 10..<16: return Array(pick(Self.numbers).utf8)
        case 16..<19: return randomBytes(int(0...24))
        default: return Array(repeating: UInt8(ascii: "v"), count: int(0...5000))
        }
    }

    mutating func commandName() -> [UInt8] {
        if chance(4) { return randomBytes(int(1...12)) }
        let name = pick(Self.commands)
        return Array((chance(30) ? name.uppercased() : name).utf8)
    }

    mutating func command() -> [[UInt8]] {
        [commandName()] + (0..<int(0...6)).map { _ in argument() }
    }

    /// An inline request that parses: plain tokens and well-formed quoted strings only.
    mutating func inline() -> [UInt8] {
        var tokens = [Array(pick(Self.commands).utf8)]
        for _ in 0..<int(0...4) {
            switch int(0..<6) {
            case 5 where chance(10):
                // Long but under the 64 KB inline limit.
                tokens.append(Array(repeating: UInt8(ascii: "x"), count: int(1_000...12_000)))
            case 0: tokens.append(Array("\"a b\\x41\\n\"".utf8))
            case 1: tokens.append(Array("'it\\'s'".utf8))
            case 2: tokens.append(Array(pick(Self.numbers.filter { !$0.isEmpty && !$0.contains(" ") }).utf8))
            default: tokens.append(key())
            }
        }
        var line = Array(tokens.joined(separator: [UInt8(ascii: " ")]))
        line += chance(80) ? [13, 10] : [10]
        return line
    }

    /// Requests that are complete and need no reply of their own: empty lines and
    /// multibulk counts of zero or below.
    mutating func empty() -> [UInt8] { Array(pick(["\r\n", "*0\r\n", "*-1\r\n", "*-7\r\n", "\n"]).utf8) }

    mutating func wellFormed() -> [UInt8] {
        switch int(0..<20) {
        case 0..<15: return RESPClient.encode(command())
        case 15..<19: return inline()
        default: return empty()
        }
    }

    /// One request Redis rejects while parsing, with the exact error it replies before
    /// closing the connection.
    mutating func fatal() -> (bytes: [UInt8], error: String) {
        let digits = { (count: Int) in String(repeating: "1", count: count) }
        switch int(0..<10) {
        case 0:
            return (Array("*\(int(2_147_483_648...99_999_999_999))\r\n".utf8), "ERR Protocol error: invalid multibulk length")
        case 1:
            return (Array("*\(pick(["x", "1x", "", "--1", " 2"]))\r\n".utf8), "ERR Protocol error: invalid multibulk length")
        case 2:
            return (Array("*1\r\n$\(int(536_870_913...9_999_999_999))\r\n".utf8), "ERR Protocol error: invalid bulk length")
        case 3:
            return (Array("*2\r\n$3\r\nGET\r\n$\(pick(["-1", "-5", "abc", "", "1.5"]))\r\n".utf8), "ERR Protocol error: invalid bulk length")
        case 4:
            let got = pick(Array("+:-*%x!#0".utf8))
            return (Array("*2\r\n$3\r\nGET\r\n".utf8) + [got] + Array("3\r\nfoo\r\n".utf8),
                    "ERR Protocol error: expected '$', got '\(Character(Unicode.Scalar(got)))'")
        case 5:
            return (Array(pick(["SET \"abc\r\n", "GET 'k\r\n", "SET \"a\"b c\r\n", "ECHO 'x'y\r\n", "\"\r\n"]).utf8),
                    "ERR Protocol error: unbalanced quotes in request")
        case 6, 7:
            let line = (0..<int(65_537...150_000)).map { _ in UInt8(ascii: "a") + UInt8(int(0..<26)) }
            return (line, "ERR Protocol error: too big inline request")
        case 8:
            return (Array("*1\(digits(int(65_537...80_000)))".utf8), "ERR Protocol error: too big mbulk count string")
        default:
            return (Array("*1\r\n$1\(digits(int(65_537...80_000)))".utf8), "ERR Protocol error: too big bulk count string")
        }
    }

    /// A stream for one connection and what it must produce.
    mutating func stream() -> (bytes: [UInt8], expectation: FuzzExpectation, requests: Int) {
        var bytes: [UInt8] = []
        let prefixCount = int(0...25)
        for _ in 0..<prefixCount { bytes += wellFormed() }
        switch int(0..<20) {
        case 0..<9:
            bytes += RESPClient.encode([Array("DISCARD".utf8)])
            bytes += RESPClient.encode([Array("ECHO".utf8), Self.marker])
            return (bytes, .marker, prefixCount + 2)
        case 9..<13:
            let (bad, error) = fatal()
            bytes += bad
            // Trailing bytes only after a request that ends its line: after an unterminated
            // one they could complete it, depending on how the server's reads are cut.
            if bad.last == 10 && chance(50) { bytes += protocolishBytes(int(1...200)) }
            return (bytes, .fatal(error), prefixCount + 1)
        case 13..<16:
            let request = RESPClient.encode(command())
            bytes += request.prefix(int(1..<request.count))
            return (bytes, .anything, prefixCount + 1)
        case 16..<18:
            bytes += chance(50) ? protocolishBytes(int(1...3000)) : randomBytes(int(1...3000))
            return (bytes, .anything, prefixCount + 1)
        default:
            // Legal but huge announced sizes, never followed by the data.
            bytes += Array(pick(["*1048576\r\n", "*2147483647\r\n$3\r\nGET\r\n", "*1\r\n$536870912\r\nabc",
                                 "*2\r\n$3\r\nSET\r\n$100000000\r\n"]).utf8)
            return (bytes, .anything, prefixCount + 1)
        }
    }
}

/// A parsed reply, reduced to what the fuzz test checks.
indirect enum FuzzReply {
    case error(String)
    case bulk([UInt8])
    case aggregate([FuzzReply])
    case other

    var errors: [String] {
        switch self {
        case .error(let message): return [message]
        case .aggregate(let items): return items.flatMap(\.errors)
        default: return []
        }
    }

    /// Parses one RESP2/RESP3 reply at `position`, or returns nil when the buffer does
    /// not hold all of it yet.
    static func parse(_ buffer: [UInt8], _ position: inout Int) throws -> FuzzReply? {
        var cursor = position
        guard let reply = try parseValue(buffer, &cursor) else { return nil }
        position = cursor
        return reply
    }

    private static func line(_ buffer: [UInt8], _ cursor: inout Int) -> String? {
        var end = cursor
        while end + 1 < buffer.count {
            if buffer[end] == 13 && buffer[end + 1] == 10 {
                let text = String(decoding: buffer[cursor..<end], as: UTF8.self)
                cursor = end + 2
                return text
            }
            end += 1
        }
        return nil
    }

    private static func parseValue(_ buffer: [UInt8], _ cursor: inout Int) throws -> FuzzReply? {
        guard cursor < buffer.count else { return nil }
        let type = buffer[cursor]
        cursor += 1
        guard let header = line(buffer, &cursor) else { return nil }
        switch type {
        case UInt8(ascii: "-"): return .error(header)
        case UInt8(ascii: "+"), UInt8(ascii: ":"), UInt8(ascii: "_"), UInt8(ascii: ","), UInt8(ascii: "#"),
             UInt8(ascii: "("):
            return .other
        case UInt8(ascii: "$"), UInt8(ascii: "="), UInt8(ascii: "!"):
            guard let length = Int(header) else { throw RESPClientError.malformed(header) }
            if length < 0 { return .other }
            guard buffer.count >= cursor + length + 2 else { return nil }
            let body = Array(buffer[cursor..<(cursor + length)])
            cursor += length + 2
            return type == UInt8(ascii: "!") ? .error(String(decoding: body, as: UTF8.self)) : .bulk(body)
        case UInt8(ascii: "*"), UInt8(ascii: "~"), UInt8(ascii: ">"), UInt8(ascii: "%"), UInt8(ascii: "|"):
            guard let count = Int(header) else { throw RESPClientError.malformed(header) }
            let elements = max(0, count) * (type == UInt8(ascii: "%") || type == UInt8(ascii: "|") ? 2 : 1)
            var items: [FuzzReply] = []
            for _ in 0..<elements {
                guard let item = try parseValue(buffer, &cursor) else { return nil }
                items.append(item)
            }
            if type == UInt8(ascii: "|") { return try parseValue(buffer, &cursor) }
            return .aggregate(items)
        default:
            throw RESPClientError.malformed(String(decoding: [type], as: UTF8.self) + header)
        }
    }
}

/// One fuzzed connection: sends its stream in random-sized pieces and collects replies
/// without blocking, so many connections progress side by side.
final class FuzzConnection {
    let fd: Int32
    let expectation: FuzzExpectation
    let label: String
    private var inbox: [UInt8] = []
    private var position = 0
    private(set) var replies: [FuzzReply] = []
    private(set) var closedByServer = false
    private(set) var finished = false
    private(set) var malformed: String?
    private var lastActivity = Date()

    init(port: Int, expectation: FuzzExpectation, label: String) throws {
        self.expectation = expectation
        self.label = label
        let client = try RESPClient.connectedSocket(port: port)
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        fd = client
    }

    deinit { close(fd) }

    /// Sends the stream in pieces, draining replies in between so neither side stalls on
    /// a full socket buffer. Stops quietly when the server has closed the connection.
    func send(_ bytes: [UInt8], pieces: inout SeededGenerator) {
        var offset = 0
        while offset < bytes.count && !closedByServer {
            let end = min(bytes.count, offset + Int.random(in: 1...20_000, using: &pieces))
            var sent = offset
            while sent < end {
                let n = bytes[sent..<end].withUnsafeBytes { Foundation.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if n <= 0 { return }
                sent += n
            }
            offset = end
            receive(waitMilliseconds: 0)
        }
    }

    /// Reads whatever is available within the wait and parses complete replies.
    func receive(waitMilliseconds: Int32) {
        guard !closedByServer else { return }
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, waitMilliseconds) > 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let n = recv(fd, &chunk, chunk.count, Int32(MSG_DONTWAIT))
        if n <= 0 {
            if n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) { closedByServer = true }
            return
        }
        lastActivity = Date()
        inbox += chunk[0..<n]
        do {
            while let reply = try FuzzReply.parse(inbox, &position) { replies.append(reply) }
        } catch {
            malformed = "\(error)"
            closedByServer = true
        }
    }

    var sawMarker: Bool {
        replies.contains {
            if case .bulk(let bytes) = $0 { return bytes == FuzzRequestGenerator.marker }
            return false
        }
    }

    /// Whether this connection has nothing more to wait for.
    func updateFinished(idleLimit: TimeInterval) {
        if finished { return }
        switch expectation {
        case .marker: finished = sawMarker || closedByServer
        case .fatal: finished = closedByServer
        case .anything: finished = closedByServer || Date().timeIntervalSince(lastActivity) > idleLimit
        }
    }
}

final class ProtocolFuzzIntegrationTests: XCTestCase {
    /// Every error a fuzzed stream may get back: Redis's protocol errors and the ordinary
    /// errors of the commands the generator uses.
    static let allowedErrors = [
        "ERR Protocol error: (invalid multibulk length|invalid bulk length|too big mbulk count string|too big bulk count string|too big inline request|unbalanced quotes in request|expected '\\$', got '.')",
        "ERR unknown command '.*', with args beginning with: .*",
        "ERR unknown subcommand '.*'\\. Try [A-Z]+ HELP\\.",
        "ERR wrong number of arguments for '[a-z|]+' command",
        "ERR syntax error",
        "ERR value is not an integer or out of range",
        "ERR value is not a valid float",
        "ERR value is out of range, must be positive",
        "ERR value is out of range, value must between -?[0-9]+ and -?[0-9]+",
        "ERR invalid expire time in '[a-z]+' command",
        "ERR DB index is out of range",
        "ERR (increment or decrement|decrement) would overflow",
        "ERR increment would produce NaN or Infinity",
        "ERR no such key",
        "ERR offset is out of range",
        "ERR string exceeds maximum allowed size \\(proto-max-bulk-len\\)",
        "ERR source and destination objects are the same",
        "ERR invalid cursor",
        "ERR Unsupported option .*",
        "ERR NX and XX, GT or LT options at the same time are not compatible",
        "ERR GT and LT options at the same time are not compatible",
        "ERR MULTI calls can not be nested",
        "ERR EXEC without MULTI",
        "ERR DISCARD without MULTI",
        "ERR WATCH inside MULTI is not allowed",
        "ERR Command not allowed inside a transaction",
        "EXECABORT Transaction discarded because of previous errors\\.",
        "EXECABORT Transaction discarded because of: .*",
        "NOPROTO unsupported protocol version",
        "ERR Protocol version is not an integer or out of range",
        "ERR Syntax error in HELLO option '.*'",
        "ERR Client names cannot contain spaces, newlines or special characters\\.",
        "ERR AUTH <password> called without any password configured for the default user\\. Are you sure your configuration is correct\\?",
        "WRONGPASS invalid username-password pair or user is disabled\\.",
        "WRONGTYPE Operation against a key holding the wrong kind of value",
        "ERR An LFU maxmemory policy is not selected, access frequency not tracked\\. .*",
        "ERR An LFU maxmemory policy is selected, idle time not tracked\\. .*",
        "ERR Invalid command specified",
        "ERR unknown type name",
    ]

    static func isAllowed(_ message: String, _ patterns: [NSRegularExpression]) -> Bool {
        let range = NSRange(message.startIndex..., in: message)
        return patterns.contains { $0.firstMatch(in: message, range: range) != nil }
    }

    static func describe(_ reply: FuzzReply?) -> String {
        switch reply {
        case .error(let message): return message
        case .some(let other): return "\(other)"
        case .none: return "none"
        }
    }

    func testServerSurvivesRandomRequests() throws {
        let external = ProcessInfo.processInfo.environment["QUILL_FUZZ_PORT"].flatMap { Int($0) }
        let server = external == nil ? try ServerProcess() : nil
        defer { server?.stop() }
        guard let port = external ?? server?.port else { return XCTFail("no server to fuzz") }

        let patterns = try Self.allowedErrors.map {
            try NSRegularExpression(pattern: "^(?:\($0))$", options: [.dotMatchesLineSeparators])
        }
        let seed = ProcessInfo.processInfo.environment["QUILL_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x5155_494C_4C46_5A5A
        var generator = FuzzRequestGenerator(seed: seed)
        var unexpectedErrors: [String: String] = [:]
        var failures: [String] = []
        var requestCount = 0
        var connectionCount = 0
        var errorCount = 0
        let started = Date()

        for round in 0..<24 {
            var connections: [FuzzConnection] = []
            for index in 0..<24 {
                let (bytes, expectation, requests) = generator.stream()
                let connection = try FuzzConnection(port: port, expectation: expectation, label: "round \(round) connection \(index)")
                // Its own generator, so how far a closed connection got never shifts the
                // main sequence.
                var pieces = SeededGenerator(seed: generator.rng.next())
                connection.send(bytes, pieces: &pieces)
                connections.append(connection)
                requestCount += requests
            }
            connectionCount += connections.count
            let deadline = Date().addingTimeInterval(15)
            while Date() < deadline {
                for connection in connections where !connection.finished {
                    connection.receive(waitMilliseconds: 0)
                    connection.updateFinished(idleLimit: 0.3)
                }
                if connections.allSatisfy(\.finished) { break }
                usleep(2_000)
            }
            for connection in connections {
                if let malformed = connection.malformed { failures.append("\(connection.label): malformed reply \(malformed)") }
                let errors = connection.replies.flatMap(\.errors)
                errorCount += errors.count
                for error in errors where !Self.isAllowed(error, patterns) {
                    unexpectedErrors[String(error.prefix(200))] = connection.label
                }
                switch connection.expectation {
                case .marker:
                    if !connection.sawMarker {
                        failures.append("\(connection.label): well-formed stream not fully answered (closed: \(connection.closedByServer), replies: \(connection.replies.count))")
                    }
                case .fatal(let expected):
                    let last = Self.describe(connection.replies.last)
                    if last != expected || !connection.closedByServer {
                        failures.append("\(connection.label): expected '\(expected)' then close, got last reply \(last), closed: \(connection.closedByServer)")
                    }
                case .anything:
                    break
                }
            }
            if let server, !server.isRunning { break }
        }

        print("fuzz (seed \(seed)): \(connectionCount) connections, \(requestCount) requests, \(errorCount) error replies in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        if let server { XCTAssertTrue(server.isRunning, "server died:\n\(server.log.suffix(4000))") }
        XCTAssertGreaterThan(requestCount, 5_000)
        XCTAssertTrue(unexpectedErrors.isEmpty, "unexpected errors:\n" + unexpectedErrors.map { "\($0.value): \($0.key)" }.sorted().joined(separator: "\n"))
        XCTAssertTrue(failures.isEmpty, "\(failures.count) failures:\n" + failures.prefix(30).joined(separator: "\n"))
        let fresh = try RESPClient(port: port)
        XCTAssertEqual(try fresh.call("PING"), .simple("PONG"))
    }
}
