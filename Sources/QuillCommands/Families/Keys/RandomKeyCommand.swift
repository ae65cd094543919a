// RANDOMKEY: a random key of the database, or null when it is empty. A pick whose time has
// passed is deleted and another one drawn, as Redis's dbRandomKey does on a master.

import QuillStore

extension KeyCommands {
    static let randomSampling: [CommandSpec] = [
        CommandSpec("randomkey", arity: 1, flags: [.readonly], categories: ["keyspace", "read", "slow"],
                    group: "generic", summary: "Return a random key from the keyspace", handler: randomKey),
    ]

    static func randomKey(_ c: CommandContext) {
        let engine = c.engine
        while let (key, _) = engine.keyspace.databases[c.db].entries.randomEntry(using: &engine.randomGenerator) {
            if engine.expireIfNeeded(c.db, key) { continue }
            c.bulk(key.bytes)
            return
        }
        c.null()
    }
}
