// HSCAN key cursor [MATCH pattern] [COUNT count]: field, value, field, value… pages of a
// hash (see ElementScan for the cursor). The cursor is checked first, then the key: a
// missing key gives an empty page before any option is looked at, as in Redis.

import QuillStore

extension HashCommands {
    static let scanSpec =
        CommandSpec("hscan", arity: -3, flags: [.readonly], keys: (1, 1, 1),
                    categories: ["read", "hash", "slow"], group: "hash",
                    summary: "Incrementally iterate hash fields and associated values", since: "2.8.0",
                    handler: hscan)

    static func hscan(_ c: CommandContext) {
        guard let cursor = ScanCursor.parse(c.args[2]) else { return c.error(KeyCommands.invalidCursor) }
        let hash: HashValue
        switch readHash(c, c.key(1)) {
        case .wrongType: return
        case .missing:
            return ElementScan.replyEmptyPage(c)
        case .found(let found): hash = found
        }
        guard let options = ElementScan.options(c, from: 3) else { return }
        var pairs: [(key: Key, value: ByteString)]
        var next: UInt64 = 0
        if hash.isHashtable {
            (pairs, next) = ElementScan.page(hash.fields, key: \.key, cursor: cursor, count: options.count)
        } else {
            pairs = hash.orderedFields
        }
        if let pattern = options.pattern { pairs.removeAll { !pattern.matches($0.key.bytes) } }
        c.reply { out in
            out.arrayHeader(2)
            out.bulkDecimal(Int(next))
            out.arrayHeader(pairs.count * 2)
            for (field, value) in pairs {
                out.bulk(field)
                out.bulk(value)
            }
        }
    }
}
