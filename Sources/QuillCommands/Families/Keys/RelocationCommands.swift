// MOVE and COPY: a key to another database (MOVE), or a duplicate under another name and
// optionally another database (COPY, 6.2). Both carry the TTL along. Values are value types
// with copy-on-write, so COPY's duplicate shares storage until either side is written.

import QuillStore

extension KeyCommands {
    static let relocation: [CommandSpec] = [
        CommandSpec("move", arity: 3, flags: [.write, .fast], keys: (1, 1, 1),
                    categories: ["keyspace", "write", "fast"], group: "generic",
                    summary: "Move a key to another database", handler: move),
        CommandSpec("copy", arity: -3, flags: [.write, .denyOOM], keys: (1, 2, 1),
                    categories: ["keyspace", "write", "slow"], group: "generic",
                    summary: "Copy a key", since: "6.2.0", handler: copy),
    ]

    /// Replies 0 when the key is missing or already exists in the target database.
    static func move(_ c: CommandContext) {
        guard let target = c.int32Argument(2) else { return }
        guard c.isValidDatabase(target) else {
            c.error(ErrorReplies.outOfRangeDB)
            return
        }
        guard target != c.db else {
            c.error(ErrorReplies.sameObject)
            return
        }
        let key = c.key(1)
        guard let entry = c.lookupWrite(key, in: c.db), c.lookupWrite(key, in: target) == nil else {
            c.integer(0)
            return
        }
        c.addEntry(entry, as: key, in: target, expireAt: c.expireTime(key))
        c.removeEntry(key, from: c.db)
        c.notify(.generic, "move_from", key)
        c.engine.notifyKeyspaceEvent(.generic, "move_to", key, db: target)
        c.engine.addDirty()
        c.integer(1)
    }

    static func copy(_ c: CommandContext) {
        var target = c.db
        var replace = false
        var i = 3
        while i < c.args.count {
            switch c.option(i) {
            case "replace":
                replace = true
            case "db" where i + 1 < c.args.count:
                i += 1
                guard let index = c.int32Argument(i) else { return }
                guard c.isValidDatabase(index) else {
                    c.error(ErrorReplies.outOfRangeDB)
                    return
                }
                target = index
            default:
                c.syntaxError()
                return
            }
            i += 1
        }
        let source = c.key(1)
        let destination = c.key(2)
        if target == c.db && source == destination {
            c.error(ErrorReplies.sameObject)
            return
        }
        guard let value = c.lookupRead(source) else {
            c.integer(0)
            return
        }
        let expireAt = c.expireTime(source)
        if c.lookupWrite(destination, in: target) != nil {
            guard replace else {
                c.integer(0)
                return
            }
            c.engine.keyspace.databases[target].remove(destination)
        }
        // A copy is a new object in Redis, so its access time starts now.
        c.addEntry(Entry(value: value, lastAccessSeconds: c.engine.lruSeconds), as: destination, in: target,
                   expireAt: expireAt)
        c.engine.notifyKeyspaceEvent(.generic, "copy_to", destination, db: target)
        c.engine.addDirty()
        c.integer(1)
    }
}
