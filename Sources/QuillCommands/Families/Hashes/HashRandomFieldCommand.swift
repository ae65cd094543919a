// HRANDFIELD key [count [WITHVALUES]] (hrandfieldCommand in t_hash.c). Without a count:
// one random field, or nil for a missing key. With a count: that many distinct fields (all
// of them when the hash is smaller), or for a negative count that many picks that may
// repeat. WITHVALUES pairs each field with its value: a flat array in RESP2, an array of
// two-element arrays in RESP3, and then the count must fit twice in a signed 64-bit integer.

import QuillStore

extension HashCommands {
    static let randomFieldSpec =
        CommandSpec("hrandfield", arity: -2, flags: [.readonly], keys: (1, 1, 1),
                    categories: ["read", "hash", "slow"], group: "hash",
                    summary: "Get one or multiple random fields from a hash", since: "6.2.0",
                    handler: hrandfield)

    static func hrandfield(_ c: CommandContext) {
        guard c.args.count >= 3 else { return randomField(c) }
        guard let count = RandomSelection.count(c, 2) else { return }
        var withValues = false
        if c.args.count >= 4 {
            guard c.args.count == 4, c.option(3) == "withvalues" else { return c.syntaxError() }
            withValues = true
            guard abs(count) <= Int.max / 2 else { return c.error(HashErrors.outOfRange) }
        }
        let hash: HashValue
        switch readHash(c, c.key(1)) {
        case .wrongType: return
        case .missing: return c.reply { $0.arrayHeader(0) }
        case .found(let found): hash = found
        }
        let picks: [(key: Key, value: ByteString)]
        if count < 0 {
            picks = RandomSelection.withRepetition(hash.fields, count: -count)
        } else if count >= hash.count {
            picks = hash.orderedFields
        } else {
            picks = RandomSelection.distinct(hash.fields, count: count)
        }
        c.reply { out in
            if withValues && !out.isRESP3 {
                out.arrayHeader(picks.count * 2)
            } else {
                out.arrayHeader(picks.count)
            }
            for (field, value) in picks {
                if withValues && out.isRESP3 { out.arrayHeader(2) }
                out.bulk(field)
                if withValues { out.bulk(value) }
            }
        }
    }

    static func randomField(_ c: CommandContext) {
        switch readHash(c, c.key(1)) {
        case .wrongType: return
        case .missing: c.null()
        case .found(let hash):
            c.bulk(RandomSelection.one(hash.fields).key)
        }
    }
}
