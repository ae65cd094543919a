// Generic key commands (db.c, expire.c): existence, deletion, renaming, expiry, iteration.

import QuillRESP
import QuillStore

public enum KeyCommands {
    public static let all: [CommandSpec] = [
        CommandSpec("del", arity: -2, flags: [.write], keys: (1, -1, 1),
                    categories: ["keyspace", "write", "slow"], group: "generic",
                    summary: "Deletes one or more keys.", handler: del),
        CommandSpec("exists", arity: -2, flags: [.readonly, .fast], keys: (1, -1, 1),
                    categories: ["keyspace", "read", "fast"], group: "generic",
                    summary: "Determines whether one or more keys exist.", handler: exists),
        CommandSpec("dbsize", arity: 1, flags: [.readonly, .fast], categories: ["keyspace", "read", "fast"],
                    group: "server", summary: "Returns the number of keys in the database.", handler: dbsize),
    ]

    static func del(_ c: CommandContext) {
        var removed = 0
        for i in 1..<c.args.count where c.deleteKey(c.key(i)) { removed += 1 }
        c.integer(removed)
    }

    static func exists(_ c: CommandContext) {
        var found = 0
        for i in 1..<c.args.count where c.lookupRead(c.key(i)) != nil { found += 1 }
        c.integer(found)
    }

    static func dbsize(_ c: CommandContext) {
        c.integer(c.engine.keyspace.databases[c.db].count)
    }
}
