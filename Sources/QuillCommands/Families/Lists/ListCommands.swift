// The list family (t_list.c): values are sequences of byte strings with O(1) pushes and
// pops at both ends. Each group of commands has its own file
// in this folder; this file gathers their specs into the one list the command table
// registers, and holds the lookups and the in-place edit they share.
//
// As in Redis, a list is never stored empty: the command that removes its last element
// deletes the key. Redis counts one change (`dirty`) per element pushed, popped or removed,
// so these commands record their changes with that count rather than one per command.

import QuillRESP
import QuillStore

enum ListCommands {
    static let all: [CommandSpec] = pushAndPop + indexed + moves + blocking

    enum ListLookup {
        case missing, found(ListValue), wrongType
    }

    /// The list at `key` looked up for reading; replies WRONGTYPE when it is another type.
    static func readList(_ c: CommandContext, _ key: Key) -> ListLookup {
        guard let value = c.lookupRead(key) else { return .missing }
        guard case .list(let list) = value else {
            c.wrongType()
            return .wrongType
        }
        return .found(list)
    }

    /// Whether `key` holds a list, looked up for writing; replies WRONGTYPE when it holds
    /// another type. It keeps no reference to the list, so `editList` finds it uniquely
    /// referenced and changes it without a copy.
    static func writableList(_ c: CommandContext, _ key: Key) -> KeyPresence {
        guard let value = c.lookupWrite(key) else { return .missing }
        guard case .list = value else {
            c.wrongType()
            return .wrongType
        }
        return .present
    }

    /// Edits the list stored at `key` in place, keeping its TTL, and deletes the key when
    /// the edit leaves the list empty. The list is taken out of the entry while `body` runs
    /// so that it is uniquely referenced and changes without being copied. Recording the
    /// change is the caller's job (`recordChange`).
    static func editList<R>(_ c: CommandContext, _ key: Key, _ body: (inout ListValue) -> R) -> R? {
        guard case .edited(let result) = c.editStored(key, as: ListValue.self, body) else { return nil }
        return result
    }

    /// Stores a new list under `key`, which must not exist (after lazy expiry).
    static func addList(_ c: CommandContext, _ key: Key, _ list: ListValue) {
        c.engine.keyspace.databases[c.db].add(key, .list(list), now: c.engine.lruSeconds)
    }

    /// Invalidates WATCHers of `key` and counts `changes` changes to the dataset.
    static func recordChange(_ c: CommandContext, _ key: Key, changes: Int) {
        c.engine.keyModified(c.db, key)
        c.engine.addDirty(changes)
    }

    /// Writes `elements` as an array of bulk strings.
    static func replyElements<C: Collection>(_ c: CommandContext, _ elements: C) where C.Element == [UInt8] {
        c.reply { out in
            out.arrayHeader(elements.count)
            for element in elements { out.bulk(element) }
        }
    }

    /// The end words (getListPositionFromObjectOrReply), lower-case: whether each means the front.
    static let ends = ["left": true, "right": false]

    /// LEFT or RIGHT at argument `i`, in any letter case: true for LEFT, nil after a syntax error.
    static func end(_ c: CommandContext, _ i: Int) -> Bool? {
        guard let front = ends[c.option(i)] else {
            c.syntaxError()
            return nil
        }
        return front
    }
}

/// Error replies only the list family gives, in Redis's words.
enum ListErrors {
    static let indexOutOfRange = "ERR index out of range"
    static let mustBePositive = "ERR value is out of range, must be positive"
    static let rankZero = "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list"
    static let countNegative = "ERR COUNT can't be negative"
    static let maxlenNegative = "ERR MAXLEN can't be negative"
}
