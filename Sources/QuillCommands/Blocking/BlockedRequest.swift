// What a client blocked by BLPOP, BLMOVE, BZPOPMIN… waits for (Redis's c->bpop): the keys
// of one database, the type of value that would serve it, when it gives up, and how to
// finish the command once a key holds such a value. The blocking command builds the
// `serve` closure from its own parsed arguments, so the engine serves every blocking
// command the same way without knowing their replies.

import QuillStore

/// The value that serves a blocked client: Redis serves a ready key only to the clients
/// blocked for its type (BLOCKED_LIST, BLOCKED_ZSET) and leaves the others waiting.
public enum BlockedValueType: Sendable {
    case list, sortedSet
}

/// When a blocked client gives up.
public enum BlockingDeadline: Sendable, Equatable {
    /// A timeout of 0: only data, CLIENT UNBLOCK or a disconnection ends the wait.
    case never
    /// Unix milliseconds. A deadline past the 64-bit range waits forever, as in Redis
    /// (its timeout table orders deadlines as unsigned numbers), but still counts as a timeout.
    case at(Int64)
}

public struct BlockedRequest {
    /// The command's full name, for its statistics once it finishes.
    let commandName: String
    let arguments: [[UInt8]]
    let database: Int
    let keys: [Key]
    let valueType: BlockedValueType
    let deadline: BlockingDeadline
    /// CLIENT REPLY SKIP preceded the command: its reply, whenever it comes, is dropped.
    let skipsReply: Bool
    /// Finishes the command on `key`, which holds a value of `valueType`: pops, replies and
    /// logs the effect, writing to the blocked client through the context.
    let serve: (CommandContext, Key) -> Void
    /// How long the command ran before it blocked; its statistics count it once it finishes.
    var callMicroseconds: Int64 = 0
    /// WAITAOF: the log position that must be fsynced (no keys are waited on then).
    var logPosition: Int64?
    /// The reply when the deadline passes; nil for the null array of the blocking pops.
    var timeoutReply: ((CommandContext) -> Void)?

    func accepts(_ value: Value) -> Bool {
        switch (valueType, value) {
        case (.list, .list), (.sortedSet, .sortedSet): return true
        default: return false
        }
    }
}
