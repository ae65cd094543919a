// SSCAN key cursor [MATCH pattern] [COUNT count]: pages of a set's members (see
// ElementScan for the cursor). An intset comes back whole, in ascending order, with cursor
// 0. The cursor is checked first, then the key: a missing key gives an empty page before
// any option is looked at, as in Redis.

import QuillStore

extension SetCommands {
    static let scanSpec =
        CommandSpec("sscan", arity: -3, flags: [.readonly], keys: (1, 1, 1),
                    categories: ["read", "set", "slow"], group: "set",
                    summary: "Incrementally iterate Set elements", since: "2.8.0", handler: sscan)

    static func sscan(_ c: CommandContext) {
        guard let cursor = ScanCursor.parse(c.args[2]) else { return c.error(KeyCommands.invalidCursor) }
        let set: SetValue
        switch readSet(c, c.key(1)) {
        case .wrongType: return
        case .missing:
            return ElementScan.replyEmptyPage(c)
        case .found(let found): set = found
        }
        guard let options = ElementScan.options(c, from: 3) else { return }
        var members: [Key]
        var next: UInt64 = 0
        if set.isHashtable {
            (members, next) = ElementScan.page(set.members, key: { $0 }, cursor: cursor, count: options.count)
        } else {
            members = set.orderedMembers
        }
        if let pattern = options.pattern { members.removeAll { !pattern.matches($0.bytes) } }
        c.reply { out in
            out.arrayHeader(2)
            out.bulkDecimal(Int(next))
            out.arrayHeader(members.count)
            for member in members { out.bulk(member.bytes) }
        }
    }
}
