// Commands on named members of a set: SADD, SREM, SCARD, SISMEMBER, SMISMEMBER, SMEMBERS
// and SMOVE. A missing key reads as an empty set. SMEMBERS is a set in RESP3.

import QuillStore

extension SetCommands {
    static let memberCommands: [CommandSpec] = [
        CommandSpec("sadd", arity: -3, flags: [.write, .denyOOM, .fast], keys: (1, 1, 1),
                    categories: ["write", "set", "fast"], group: "set",
                    summary: "Add one or more members to a set", handler: sadd),
        CommandSpec("srem", arity: -3, flags: [.write, .fast], keys: (1, 1, 1),
                    categories: ["write", "set", "fast"], group: "set",
                    summary: "Remove one or more members from a set", handler: srem),
        CommandSpec("scard", arity: 2, flags: [.readonly, .fast], keys: (1, 1, 1),
                    categories: ["read", "set", "fast"], group: "set",
                    summary: "Get the number of members in a set", handler: scard),
        CommandSpec("sismember", arity: 3, flags: [.readonly, .fast], keys: (1, 1, 1),
                    categories: ["read", "set", "fast"], group: "set",
                    summary: "Determine if a given value is a member of a set", handler: sismember),
        CommandSpec("smismember", arity: -3, flags: [.readonly, .fast], keys: (1, 1, 1),
                    categories: ["read", "set", "fast"], group: "set",
                    summary: "Returns the membership associated with the given elements for a set",
                    since: "6.2.0", handler: smismember),
        CommandSpec("smembers", arity: 2, flags: [.readonly], keys: (1, 1, 1),
                    categories: ["read", "set", "slow"], group: "set",
                    summary: "Get all the members in a set", handler: smembers),
        CommandSpec("smove", arity: 4, flags: [.write, .fast], keys: (1, 2, 1),
                    categories: ["write", "set", "fast"], group: "set",
                    summary: "Move a member from one set to another", handler: smove),
    ]

    static func sadd(_ c: CommandContext) {
        let maxIntset = maxIntsetEntries(c)
        let added = editSet(c, c.key(1)) { set, changes -> Int in
            for i in 2..<c.args.count where set.insert(c.key(i), maxIntsetEntries: maxIntset) { changes += 1 }
            return changes
        }
        if let added, added > 0 { c.notify(.set, "sadd", c.key(1)) }
        if let added { c.integer(added) }
    }

    static func srem(_ c: CommandContext) {
        let removed = editSet(c, c.key(1)) { set, changes -> Int in
            for i in 2..<c.args.count where set.remove(c.key(i)) {
                changes += 1
                if set.count == 0 { break }
            }
            return changes
        }
        if let removed, removed > 0 { c.notifyRemoval(.set, "srem", c.key(1)) }
        if let removed { c.integer(removed) }
    }

    static func scard(_ c: CommandContext) {
        switch readSet(c, c.key(1)) {
        case .wrongType: return
        case .missing: c.integer(0)
        case .found(let set): c.integer(set.count)
        }
    }

    static func sismember(_ c: CommandContext) {
        switch readSet(c, c.key(1)) {
        case .wrongType: return
        case .missing: c.integer(0)
        case .found(let set): c.integer(set.contains(c.key(2)) ? 1 : 0)
        }
    }

    static func smismember(_ c: CommandContext) {
        let set: SetValue
        switch readSet(c, c.key(1)) {
        case .wrongType: return
        case .missing: set = SetValue()
        case .found(let found): set = found
        }
        c.reply { out in
            out.arrayHeader(c.args.count - 2)
            for i in 2..<c.args.count { out.integer(set.contains(c.key(i)) ? 1 : 0) }
        }
    }

    static func smembers(_ c: CommandContext) {
        switch readSet(c, c.key(1)) {
        case .wrongType: return
        case .missing: c.reply { $0.setHeader(0) }
        case .found(let set): replySet(c, set.orderedMembers)
        }
    }

    /// A set reply: `~` in RESP3, an array in RESP2.
    static func replySet(_ c: CommandContext, _ members: [Key]) {
        c.reply { out in
            out.setHeader(members.count)
            for member in members { out.bulk(member.bytes) }
        }
    }

    /// SMOVE source destination member: 1 when the member was in the source. A missing
    /// source answers 0 before the destination's type is checked, and a move onto the same
    /// set only reports membership, as in Redis. The destination counts as modified even
    /// when it already had the member (WATCH sees it), again as in Redis.
    static func smove(_ c: CommandContext) {
        let source = c.key(1)
        let destination = c.key(2)
        let member = c.key(3)
        let isMember: Bool
        switch writableSet(c, source) {
        case .wrongType: return
        case .missing: return c.integer(0)
        case .found(let set): isMember = set.contains(member)
        }
        if case .wrongType = writableSet(c, destination) { return }
        guard source != destination else { return c.integer(isMember ? 1 : 0) }
        guard isMember else { return c.integer(0) }
        editSet(c, source) { set, changes in
            set.remove(member)
            changes = 1
        }
        c.notifyRemoval(.set, "srem", source)
        let maxIntset = maxIntsetEntries(c)
        let added = editSet(c, destination) { set, changes -> Bool in
            guard set.insert(member, maxIntsetEntries: maxIntset) else { return false }
            changes = 1
            return true
        }
        if added == true { c.notify(.set, "sadd", destination) }
        if added == false { c.engine.keyModified(c.db, destination) }
        c.integer(1)
    }
}
