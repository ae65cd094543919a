// SPOP key [count] and SRANDMEMBER key [count] (t_set.c). SPOP removes what it returns
// and replies a set in RESP3; SRANDMEMBER leaves the set alone and replies an array, with
// repetitions for a negative count. Without a count both reply one member or nil.
//
// When SPOP leaves only a few members (at most a fifth as many as it pops), Redis builds a
// new set from what remains instead of removing members one by one, so the remainder gets
// the encoding its contents call for (it may become an intset again); Quill does the same.

import QuillRESP
import QuillStore

extension SetCommands {
    static let randomCommands: [CommandSpec] = [
        CommandSpec("spop", arity: -2, flags: [.write, .fast], keys: (1, 1, 1),
                    categories: ["write", "set", "fast"], group: "set",
                    summary: "Remove and return one or multiple random members from a set", handler: spop),
        CommandSpec("srandmember", arity: -2, flags: [.readonly], keys: (1, 1, 1),
                    categories: ["read", "set", "slow"], group: "set",
                    summary: "Get one or multiple random members from a set", handler: srandmember),
    ]

    /// Redis's SPOP_MOVE_STRATEGY_MUL.
    static let rebuildRatio = 5

    static func spop(_ c: CommandContext) {
        guard c.args.count <= 3 else { return c.syntaxError() }
        guard c.args.count == 3 else { return popOne(c) }
        guard let count = DecimalParser.int(c.args[2]), count >= 0 else {
            return c.error(SetErrors.countNotPositive)
        }
        switch writableSet(c, c.key(1)) {
        case .wrongType: return
        case .missing: return replySet(c, [])
        case .found: break
        }
        let maxIntset = maxIntsetEntries(c)
        var tookAll = false
        let popped = editSet(c, c.key(1)) { set, changes -> [Key] in
            guard count > 0 else { return [] }
            if count >= set.count {
                tookAll = true
                // Redis answers this case with SUNION's code, whose read lookup counts a hit.
                c.engine.stats.keyspaceHits += 1
                let all = SetValue(set.members, maxIntsetEntries: maxIntset).orderedMembers
                set = SetValue()
                changes = all.count
                return all
            }
            let chosen = RandomSelection.distinct(set.members, count: count)
            for member in chosen { set.remove(member) }
            if set.count * rebuildRatio <= count {
                set = SetValue(set.members, maxIntsetEntries: maxIntset)
            }
            changes = chosen.count
            return chosen
        }
        guard let popped else { return }
        if !popped.isEmpty { c.notifyRemoval(.set, "spop", c.key(1)) }
        // Redis logs the random choice: the whole set goes as one DEL, a part as one SREM
        // per member (a group the log wraps in MULTI/EXEC).
        if tookAll {
            c.logEffect([EffectWords.del, c.args[1]])
        } else {
            for member in popped { c.logEffect([EffectWords.srem, c.args[1], member.bytes]) }
        }
        replySet(c, popped)
    }

    static func popOne(_ c: CommandContext) {
        switch writableSet(c, c.key(1)) {
        case .wrongType: return
        case .missing: return c.null()
        case .found: break
        }
        let member = editSet(c, c.key(1)) { set, changes -> Key in
            let member = RandomSelection.one(set.members)
            set.remove(member)
            changes = 1
            return member
        }
        guard let member else { return }
        c.notifyRemoval(.set, "spop", c.key(1))
        c.logEffect([EffectWords.srem, c.args[1], member.bytes])
        c.bulk(member.bytes)
    }

    static func srandmember(_ c: CommandContext) {
        guard c.args.count <= 3 else { return c.syntaxError() }
        if c.args.count == 2 {
            switch readSet(c, c.key(1)) {
            case .wrongType: return
            case .missing: c.null()
            case .found(let set): c.bulk(RandomSelection.one(set.members).bytes)
            }
            return
        }
        guard let count = RandomSelection.count(c, 2) else { return }
        let members: [Key]
        switch readSet(c, c.key(1)) {
        case .wrongType: return
        case .missing: members = []
        case .found(let set):
            if count < 0 {
                members = RandomSelection.withRepetition(set.members, count: -count)
            } else if count >= set.count {
                members = set.orderedMembers
            } else {
                members = RandomSelection.distinct(set.members, count: count)
            }
        }
        c.reply { out in
            out.arrayHeader(members.count)
            for member in members { out.bulk(member.bytes) }
        }
    }
}
