// A small blocking RESP2/RESP3 client for integration tests: sends commands as multibulk
// (or raw bytes, for protocol tests) and parses one reply at a time into `Reply`.

import Foundation

enum Reply: Equatable, CustomStringConvertible {
    case simple(String)
    case error(String)
    case integer(Int)
    case bulk([UInt8])
    case null
    case array([Reply])
    case nullArray
    case map([(Reply, Reply)])
    case set([Reply])
    case double(String)
    case boolean(Bool)
    case verbatim(String)
    case push([Reply])
    case bigNumber(String)

    static func == (lhs: Reply, rhs: Reply) -> Bool { lhs.description == rhs.description }

    static func bulk(_ s: String) -> Reply { .bulk(Array(s.utf8)) }

    /// The reply as text: a bulk or simple string's content, an error's message.
    var string: String? {
        switch self {
        case .simple(let s), .error(let s), .double(let s), .verbatim(let s), .bigNumber(let s): return s
        case .bulk(let b): return String(decoding: b, as: UTF8.self)
        case .integer(let n): return String(n)
        default: return nil
        }
    }

    var integer: Int? { if case .integer(let n) = self { return n } else { return nil } }

    var array: [Reply]? {
        switch self {
        case .array(let a), .set(let a), .push(let a): return a
        default: return nil
        }
    }

    var strings: [String] { array?.compactMap(\.string) ?? [] }

    var isError: Bool { if case .error = self { return true } else { return false } }

    var description: String {
        switch self {
        case .simple(let s): return "+\(s)"
        case .error(let s): return "-\(s)"
        case .integer(let n): return ":\(n)"
        case .bulk(let b): return "\"\(String(decoding: b, as: UTF8.self))\""
        case .null: return "(nil)"
        case .nullArray: return "(nil array)"
        case .array(let a): return "[" + a.map(\.description).joined(separator: ", ") + "]"
        case .map(let m): return "{" + m.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
        case .set(let a): return "~[" + a.map(\.description).joined(separator: ", ") + "]"
        case .double(let s): return ",\(s)"
        case .boolean(let b): return b ? "#t" : "#f"
        case .verbatim(let s): return "=\(s)"
        case .push(let a): return ">[" + a.map(\.description).joined(separator: ", ") + "]"
        case .bigNumber(let s): return "(\(s)"
        }
    }
}

enum RESPClientError: Error {
    case connectFailed(Int32)
    case closed
    case malformed(String)
    case timeout
}

final class RESPClient {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var position = 0

    init(port: Int, timeoutSeconds: Int = 10) throws {
        fd = try Self.connectedSocket(port: port)
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close(fd) }

    /// A TCP socket connected to 127.0.0.1:`port`, with no options set.
    static func connectedSocket(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let error = errno
            close(fd)
            throw RESPClientError.connectFailed(error)
        }
        return fd
    }

    /// Sends one command and reads its reply.
    @discardableResult
    func call(_ args: String...) throws -> Reply { try call(args.map { Array($0.utf8) }) }

    @discardableResult
    func call(_ args: [[UInt8]]) throws -> Reply {
        try send(args)
        return try read()
    }

    @discardableResult
    func call(strings args: [String]) throws -> Reply { try call(args.map { Array($0.utf8) }) }

    func send(_ args: [[UInt8]]) throws { try sendRaw(Self.encode(args)) }

    func send(strings args: [String]) throws { try send(args.map { Array($0.utf8) }) }

    static func encode(_ args: [[UInt8]]) -> [UInt8] {
        var out = Array("*\(args.count)\r\n".utf8)
        for a in args {
            out += Array("$\(a.count)\r\n".utf8)
            out += a
            out += [13, 10]
        }
        return out
    }

    func sendRaw(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Foundation.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { throw RESPClientError.closed }
            offset += n
        }
    }

    func sendRaw(_ text: String) throws { try sendRaw(Array(text.utf8)) }

    /// True once the server has closed the connection (reads return end of stream).
    func isClosedByServer() -> Bool {
        if position < buffer.count { return false }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let n = recv(fd, &chunk, chunk.count, 0)
        if n > 0 { buffer += chunk[0..<n]; return false }
        return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
    }

    private func fill() throws {
        if position > 0 && position == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            position = 0
        }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &chunk, chunk.count, 0)
        if n == 0 { throw RESPClientError.closed }
        if n < 0 { throw (errno == EAGAIN || errno == EWOULDBLOCK) ? RESPClientError.timeout : RESPClientError.closed }
        buffer += chunk[0..<n]
    }

    private func readLine() throws -> String {
        while true {
            if let cr = buffer[position...].firstIndex(of: 13), cr + 1 < buffer.count {
                let line = String(decoding: buffer[position..<cr], as: UTF8.self)
                position = cr + 2
                return line
            }
            try fill()
        }
    }

    private func readBytes(_ count: Int) throws -> [UInt8] {
        while buffer.count - position < count + 2 { try fill() }
        let bytes = Array(buffer[position..<(position + count)])
        position += count + 2
        return bytes
    }

    func read() throws -> Reply {
        let line = try readLine()
        guard let type = line.first else { throw RESPClientError.malformed(line) }
        let rest = String(line.dropFirst())
        switch type {
        case "+": return .simple(rest)
        case "-": return .error(rest)
        case ":": return .integer(Int(rest) ?? 0)
        case "$":
            let n = Int(rest) ?? -1
            return n < 0 ? .null : .bulk(try readBytes(n))
        case "*":
            let n = Int(rest) ?? -1
            if n < 0 { return .nullArray }
            return .array(try (0..<n).map { _ in try read() })
        case "%":
            let n = Int(rest) ?? 0
            return .map(try (0..<n).map { _ in (try read(), try read()) })
        case "~": return .set(try (0..<(Int(rest) ?? 0)).map { _ in try read() })
        case ">": return .push(try (0..<(Int(rest) ?? 0)).map { _ in try read() })
        case "_": return .null
        case ",": return .double(rest)
        case "#": return .boolean(rest == "t")
        case "(": return .bigNumber(rest)
        case "=":
            let bytes = try readBytes(Int(rest) ?? 0)
            return .verbatim(String(decoding: bytes.dropFirst(4), as: UTF8.self))
        default: throw RESPClientError.malformed(line)
        }
    }
}
