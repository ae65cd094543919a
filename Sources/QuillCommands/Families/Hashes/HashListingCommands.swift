// Commands that return a whole hash: HKEYS, HVALS and HGETALL, in the order Redis lists
// it (insertion order while it is a listpack). HGETALL is a map in RESP3 and a flat field,
// value, field, value… array in RESP2.

import QuillStore

extension HashCommands {
    static let listingCommands: [CommandSpec] = [
        CommandSpec("hkeys", arity: 2, flags: [.readonly], keys: (1, 1, 1),
                    categories: ["read", "hash", "slow"], group: "hash",
                    summary: "Get all the fields in a hash", since: "2.0.0",
                    handler: { list($0, fields: true, values: false) }),
        CommandSpec("hvals", arity: 2, flags: [.readonly], keys: (1, 1, 1),
                    categories: ["read", "hash", "slow"], group: "hash",
                    summary: "Get all the values in a hash", since: "2.0.0",
                    handler: { list($0, fields: false, values: true) }),
        CommandSpec("hgetall", arity: 2, flags: [.readonly], keys: (1, 1, 1),
                    categories: ["read", "hash", "slow"], group: "hash",
                    summary: "Get all the fields and values in a hash", since: "2.0.0",
                    handler: { list($0, fields: true, values: true) }),
    ]

    static func list(_ c: CommandContext, fields: Bool, values: Bool) {
        let hash: HashValue
        switch readHash(c, c.key(1)) {
        case .wrongType: return
        case .missing: hash = HashValue()
        case .found(let found): hash = found
        }
        c.reply { out in
            if fields && values {
                out.mapHeader(hash.count)
            } else {
                out.arrayHeader(hash.count)
            }
            for (field, value) in hash.orderedFields {
                if fields { out.bulk(field.bytes) }
                if values { out.bulk(value) }
            }
        }
    }
}
