// KEYS pattern: every key of the database matching a Redis glob, in one reply. Like Redis,
// keys whose time has passed are left out but not deleted here (that is the expiry
// machinery's job), and the pattern "*" skips matching so that even an empty key is listed.

import QuillStore

extension KeyCommands {
    static let listing: [CommandSpec] = [
        CommandSpec("keys", arity: 2, flags: [.readonly], categories: ["keyspace", "read", "slow", "dangerous"],
                    group: "generic", summary: "Find all keys matching the given pattern", handler: keys),
    ]

    static func keys(_ c: CommandContext) {
        let pattern = GlobPattern(c.args[1])
        let everything = pattern.matchesEverything
        let database = c.engine.keyspace.databases[c.db]
        let now = c.now
        var found: [Key] = []
        database.entries.forEach { key, _ in
            guard everything || pattern.matches(key.bytes) else { return }
            if let when = database.expireTime(key), when <= now { return }
            found.append(key)
        }
        c.reply { out in
            out.arrayHeader(found.count)
            for key in found { out.bulk(key.bytes) }
        }
    }
}
