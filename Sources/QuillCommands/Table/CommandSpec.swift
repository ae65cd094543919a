// The static description of one command, as Redis's command table (commands.def) has it:
// arity, flags, key positions and the documentation COMMAND INFO and COMMAND DOCS return.
//
// Arity follows Redis: a positive number is the exact argument count including the command
// name; a negative one is a minimum (`-3` means three or more).

public struct CommandFlags: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let write = CommandFlags(rawValue: 1 << 0)
    public static let readonly = CommandFlags(rawValue: 1 << 1)
    public static let denyOOM = CommandFlags(rawValue: 1 << 2)
    public static let admin = CommandFlags(rawValue: 1 << 3)
    public static let pubsub = CommandFlags(rawValue: 1 << 4)
    public static let noscript = CommandFlags(rawValue: 1 << 5)
    public static let blocking = CommandFlags(rawValue: 1 << 6)
    public static let loading = CommandFlags(rawValue: 1 << 7)
    public static let stale = CommandFlags(rawValue: 1 << 8)
    public static let skipMonitor = CommandFlags(rawValue: 1 << 9)
    public static let fast = CommandFlags(rawValue: 1 << 10)
    public static let noAuth = CommandFlags(rawValue: 1 << 11)
    public static let mayReplicate = CommandFlags(rawValue: 1 << 12)
    public static let noMulti = CommandFlags(rawValue: 1 << 13)
    public static let allowBusy = CommandFlags(rawValue: 1 << 14)
    public static let movableKeys = CommandFlags(rawValue: 1 << 15)

    /// Names in the order and spelling COMMAND INFO prints them.
    public var names: [String] {
        let all: [(CommandFlags, String)] = [
            (.write, "write"), (.readonly, "readonly"), (.denyOOM, "denyoom"), (.admin, "admin"),
            (.pubsub, "pubsub"), (.noscript, "noscript"), (.blocking, "blocking"), (.loading, "loading"),
            (.stale, "stale"), (.skipMonitor, "skip_monitor"), (.fast, "fast"), (.noAuth, "no_auth"),
            (.mayReplicate, "may_replicate"), (.noMulti, "no_multi"), (.allowBusy, "allow_busy"),
            (.movableKeys, "movablekeys"),
        ]
        return all.filter { contains($0.0) }.map { $0.1 }
    }
}

public typealias CommandHandler = @Sendable (CommandContext) -> Void

/// A class, not a struct: the dispatcher hands the same spec to every call, and copying a
/// struct of a dozen strings and arrays cost several retains and releases per command.
/// `fullName` and `statsSlot` are set once while the command table is built, before any
/// other thread can see the spec; after that it is never mutated, hence @unchecked Sendable.
public final class CommandSpec: @unchecked Sendable {
    /// Lower-case name; for a subcommand, the subcommand alone (`get` under `config`).
    public let name: String
    public let arity: Int
    public let flags: CommandFlags
    /// Key positions as in COMMAND INFO: first key, last key (negative counts from the end), step.
    public let firstKey: Int
    public let lastKey: Int
    public let keyStep: Int
    /// Redis's ACL categories without the '@', e.g. ["keyspace", "read", "fast"].
    public let categories: [String]
    /// The group COMMAND DOCS reports: "string", "generic", "server", "connection", …
    public let group: String
    public let summary: String
    public let since: String
    public let handler: CommandHandler?
    public let subcommands: [CommandSpec]
    /// False for EXEC: the commands it runs log their own effects, never EXEC itself.
    public let logsItsRequest: Bool
    /// "get", or "client|list" for a subcommand; set when the command table is built.
    public internal(set) var fullName: String
    /// Index of this command's counters in `ServerStats.commandCalls`; set by the command table.
    public internal(set) var statsSlot = 0

    public init(_ name: String, arity: Int, flags: CommandFlags, keys: (Int, Int, Int) = (0, 0, 0),
                categories: [String] = [], group: String, summary: String, since: String = "1.0.0",
                subcommands: [CommandSpec] = [], handler: CommandHandler?) {
        self.name = name
        self.arity = arity
        self.flags = flags
        self.firstKey = keys.0
        self.lastKey = keys.1
        self.keyStep = keys.2
        self.categories = categories
        self.group = group
        self.summary = summary
        self.since = since
        self.handler = handler
        self.subcommands = subcommands
        self.logsItsRequest = name != "exec"
        self.fullName = name
    }

    public func accepts(argumentCount: Int) -> Bool {
        arity >= 0 ? argumentCount == arity : argumentCount >= -arity
    }
}
