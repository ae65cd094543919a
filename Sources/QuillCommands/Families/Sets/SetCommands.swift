// The set family (t_set.c): a key holds distinct byte strings. Each group of commands has
// its own file in this folder; this file gathers their specs into the one list the command
// table registers, and holds the lookups they share: reads go through `readSet`, writes
// through `editSet` (AggregateEditing), so WRONGTYPE, WATCH, the change counter and the
// removal of an emptied set are handled in one place.

import QuillStore

public enum SetCommands {
    public static let all: [CommandSpec] = memberCommands + randomCommands + algebraCommands + [scanSpec]

    /// The set at `key` looked up for reading; replies WRONGTYPE when it is another type.
    static func readSet(_ c: CommandContext, _ key: Key) -> AggregateLookup<SetValue> {
        c.readAggregate(key, as: SetValue.self)
    }

    /// Runs `body` on the set at `key` and stores the outcome (see AggregateEditing).
    static func editSet<R>(_ c: CommandContext, _ key: Key, _ body: (inout SetValue, inout Int) -> R) -> R? {
        c.editAggregate(key, as: SetValue.self, body)
    }

    /// The set at `key` as a write command sees it (no hit/miss counting, no LRU touch);
    /// replies WRONGTYPE when it is another type.
    static func writableSet(_ c: CommandContext, _ key: Key) -> AggregateLookup<SetValue> {
        guard let value = c.lookupWrite(key) else { return .missing }
        guard case .set(let set) = value else {
            c.wrongType()
            return .wrongType
        }
        return .found(set)
    }

    /// The intset threshold in force now.
    static func maxIntsetEntries(_ c: CommandContext) -> Int { c.engine.config.setMaxIntsetEntries }
}

/// Error replies only the set family gives, in Redis's words.
enum SetErrors {
    static let countNotPositive = "ERR value is out of range, must be positive"
    static let numkeysNotPositive = "ERR numkeys should be greater than 0"
    static let tooManyNumkeys = "ERR Number of keys can't be greater than number of args"
    static let negativeLimit = "ERR LIMIT can't be negative"
}
