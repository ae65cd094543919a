// The error replies commands share, in Redis 7's exact words (server.c's shared objects
// and the addReplyError calls of each family). Tests assert these strings.

public enum ErrorReplies {
    public static let wrongType = "WRONGTYPE Operation against a key holding the wrong kind of value"
    public static let notInteger = "ERR value is not an integer or out of range"
    public static let notFloat = "ERR value is not a valid float"
    public static let syntax = "ERR syntax error"
    public static let noSuchKey = "ERR no such key"
    public static let outOfRangeDB = "ERR DB index is out of range"
    public static let noAuth = "NOAUTH Authentication required."
    public static let wrongPass = "WRONGPASS invalid username-password pair or user is disabled."
    public static let stringTooLong = "ERR string exceeds maximum allowed size (proto-max-bulk-len)"
    public static let overflow = "ERR increment or decrement would overflow"
    public static let nanOrInfinity = "ERR increment would produce NaN or Infinity"
    public static let bitOffset = "ERR bit offset is not an integer or out of range"
    public static let bitValue = "ERR bit is not an integer or out of range"
    public static let sameObject = "ERR source and destination objects are the same"
    public static let timeoutNotFloat = "ERR timeout is not a float or out of range"

    public static func wrongArity(_ name: String) -> String {
        "ERR wrong number of arguments for '\(name)' command"
    }

    public static func invalidExpire(_ command: String) -> String {
        "ERR invalid expire time in '\(command)' command"
    }

    /// Redis's reply to an unknown command: the name and the first arguments, each quoted,
    /// cut at 128 bytes like Redis's "%.128s" formats.
    public static func unknownCommand(_ args: [[UInt8]]) -> String {
        var listed = ""
        var index = 1
        while index < args.count && listed.utf8.count < 128 {
            let room = 128 - listed.utf8.count
            listed += "'" + String(decoding: args[index].prefix(room), as: UTF8.self) + "' "
            index += 1
        }
        let name = String(decoding: args[0].prefix(128), as: UTF8.self)
        return "ERR unknown command '\(name)', with args beginning with: \(listed)"
    }

    public static func unknownSubcommand(_ sub: [UInt8], of command: String) -> String {
        "ERR unknown subcommand '\(String(decoding: sub.prefix(128), as: UTF8.self))'. Try \(command.uppercased()) HELP."
    }
}
