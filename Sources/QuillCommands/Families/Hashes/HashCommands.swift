// The hash family (t_hash.c): a key holds fields, each with a byte-string value. Each group
// of commands has its own file in this folder; this file gathers their specs into the one
// list the command table registers, and holds the lookups they share: every read goes
// through `readHash` and every write through `editHash` (AggregateEditing), so WRONGTYPE,
// WATCH, the change counter and the removal of an emptied hash are handled in one place.

import QuillStore

public enum HashCommands {
    public static let all: [CommandSpec] = fieldCommands + listingCommands + counters
        + [randomFieldSpec, scanSpec]

    /// The hash at `key` looked up for reading; replies WRONGTYPE when it is another type.
    static func readHash(_ c: CommandContext, _ key: Key) -> AggregateLookup<HashValue> {
        c.readAggregate(key, as: HashValue.self)
    }

    /// Runs `body` on the hash at `key` and stores the outcome (see AggregateEditing).
    static func editHash<R>(_ c: CommandContext, _ key: Key,
                            _ body: (inout HashValue, inout Int) -> R) -> R? {
        c.editAggregate(key, as: HashValue.self, body)
    }

    /// The listpack thresholds in force now.
    static func limits(_ c: CommandContext) -> CompactLimits { c.engine.config.hashListpackLimits }
}

/// Error replies only the hash family gives, in Redis's words.
enum HashErrors {
    static let notInteger = "ERR hash value is not an integer"
    static let notFloat = "ERR hash value is not a float"
    static let incrementNaNOrInfinity = "ERR value is NaN or Infinity"
    static let outOfRange = "ERR value is out of range"
}
