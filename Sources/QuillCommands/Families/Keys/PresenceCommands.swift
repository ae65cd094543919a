// EXISTS, TYPE and TOUCH: questions about whether keys are there. EXISTS and TYPE look
// without refreshing the key's access time (Redis's LOOKUP_NOTOUCH); TOUCH exists to refresh it.

import QuillStore

extension KeyCommands {
    static let presence: [CommandSpec] = [
        CommandSpec("exists", arity: -2, flags: [.readonly, .fast], keys: (1, -1, 1),
                    categories: ["keyspace", "read", "fast"], group: "generic",
                    summary: "Determine if a key exists", handler: exists),
        CommandSpec("type", arity: 2, flags: [.readonly, .fast], keys: (1, 1, 1),
                    categories: ["keyspace", "read", "fast"], group: "generic",
                    summary: "Determine the type stored at key", handler: type),
        CommandSpec("touch", arity: -2, flags: [.readonly, .fast], keys: (1, -1, 1),
                    categories: ["keyspace", "read", "fast"], group: "generic",
                    summary: "Alters the last access time of a key(s). Returns the number of existing keys specified.",
                    since: "3.2.1", handler: touch),
    ]

    /// A key named twice counts twice, as in Redis.
    static func exists(_ c: CommandContext) {
        var found = 0
        for i in 1..<c.args.count where c.lookupReadWithoutTouch(c.key(i)) != nil { found += 1 }
        c.integer(found)
    }

    static func type(_ c: CommandContext) {
        c.simple(c.lookupReadWithoutTouch(c.key(1))?.value.typeName ?? "none")
    }

    /// Refreshes the access time even for a CLIENT NO-TOUCH client: that is TOUCH's purpose.
    static func touch(_ c: CommandContext) {
        var touched = 0
        for i in 1..<c.args.count {
            let key = c.key(i)
            guard c.lookupReadWithoutTouch(key) != nil else { continue }
            c.engine.keyspace.databases[c.db].touch(key, now: c.engine.lruSeconds)
            touched += 1
        }
        c.integer(touched)
    }
}
