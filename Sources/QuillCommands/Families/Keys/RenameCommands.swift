// RENAME and RENAMENX (renameGenericCommand in db.c). The value moves with its TTL and its
// access time; a destination that existed is overwritten (RENAME) or left alone (RENAMENX).

import QuillStore

extension KeyCommands {
    static let renaming: [CommandSpec] = [
        CommandSpec("rename", arity: 3, flags: [.write], keys: (1, 2, 1),
                    categories: ["keyspace", "write", "slow"], group: "generic",
                    summary: "Rename a key", handler: { rename($0, onlyIfAbsent: false) }),
        CommandSpec("renamenx", arity: 3, flags: [.write, .fast], keys: (1, 2, 1),
                    categories: ["keyspace", "write", "fast"], group: "generic",
                    summary: "Rename a key, only if the new key does not exist",
                    handler: { rename($0, onlyIfAbsent: true) }),
    ]

    static func rename(_ c: CommandContext, onlyIfAbsent: Bool) {
        let source = c.key(1)
        let destination = c.key(2)
        guard let entry = c.lookupWrite(source, in: c.db) else {
            c.error(ErrorReplies.noSuchKey)
            return
        }
        if source == destination {
            if onlyIfAbsent { c.integer(0) } else { c.ok() }
            return
        }
        let expireAt = c.expireTime(source)
        if c.lookupWrite(destination, in: c.db) != nil {
            if onlyIfAbsent {
                c.integer(0)
                return
            }
            c.engine.keyspace.databases[c.db].remove(destination)
        }
        c.addEntry(entry, as: destination, in: c.db, expireAt: expireAt)
        c.removeEntry(source, from: c.db)
        c.notify(.generic, "rename_from", source)
        c.notify(.generic, "rename_to", destination)
        c.engine.addDirty()
        if onlyIfAbsent { c.integer(1) } else { c.ok() }
    }
}
