// DEL and UNLINK. Quill frees values when their last reference goes, which never blocks
// the way freeing a huge Redis object can, so UNLINK's lazy freeing is simply DEL.

import QuillStore

extension KeyCommands {
    static let deletion: [CommandSpec] = [
        CommandSpec("del", arity: -2, flags: [.write], keys: (1, -1, 1),
                    categories: ["keyspace", "write", "slow"], group: "generic",
                    summary: "Delete a key", handler: del),
        CommandSpec("unlink", arity: -2, flags: [.write, .fast], keys: (1, -1, 1),
                    categories: ["keyspace", "write", "fast"], group: "generic",
                    summary: "Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.",
                    since: "4.0.0", handler: del),
    ]

    /// Counts each key that existed; a key named twice is deleted (and counted) once.
    static func del(_ c: CommandContext) {
        var removed = 0
        for i in 1..<c.args.count where c.deleteKey(c.key(i)) {
            c.notify(.generic, "del", c.key(i))
            removed += 1
        }
        c.integer(removed)
    }
}
