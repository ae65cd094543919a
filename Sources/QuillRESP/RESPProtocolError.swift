// The protocol errors a client can provoke, each carrying the exact text Redis 7
// replies with (networking.c). After one of these the server replies and closes the
// connection, as Redis does with CLIENT_CLOSE_AFTER_REPLY.

public enum RESPProtocolError: Error, Equatable, Sendable {
    case invalidMultibulkLength
    case invalidBulkLength
    case tooBigMultibulkCountString
    case tooBigBulkCountString
    case tooBigInlineRequest
    case expectedDollar(got: UInt8)
    case unbalancedQuotes

    /// The error line sent to the client, without the leading `-` and trailing CRLF.
    public var message: String {
        switch self {
        case .invalidMultibulkLength: return "ERR Protocol error: invalid multibulk length"
        case .invalidBulkLength: return "ERR Protocol error: invalid bulk length"
        case .tooBigMultibulkCountString: return "ERR Protocol error: too big mbulk count string"
        case .tooBigBulkCountString: return "ERR Protocol error: too big bulk count string"
        case .tooBigInlineRequest: return "ERR Protocol error: too big inline request"
        case .expectedDollar(let byte):
            // Redis prints the raw byte; a CR or LF would break the reply line, and
            // Redis's error sanitizer turns those into spaces.
            let shown: Character = (byte == 0x0D || byte == 0x0A) ? " " : Character(Unicode.Scalar(byte))
            return "ERR Protocol error: expected '$', got '\(shown)'"
        case .unbalancedQuotes: return "ERR Protocol error: unbalanced quotes in request"
        }
    }
}
