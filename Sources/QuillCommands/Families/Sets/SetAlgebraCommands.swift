// Intersection, union and difference of sets: SINTER, SINTERCARD, SUNION, SDIFF and the
// STORE forms that write the result to a key (replacing whatever it held, dropping its TTL,
// deleting it when the result is empty). Every key is type-checked, even after a missing
// one, and a missing key counts as an empty set, as in Redis. Results come back as sets in
// RESP3; a result made only of integers lists them in ascending order, as Redis's intset
// does.

import QuillRESP
import QuillStore

extension SetCommands {
    static let algebraCommands: [CommandSpec] = [
        CommandSpec("sinter", arity: -2, flags: [.readonly], keys: (1, -1, 1),
                    categories: ["read", "set", "slow"], group: "set",
                    summary: "Intersect multiple sets", handler: { combine($0, .intersection, storing: false) }),
        CommandSpec("sintercard", arity: -3, flags: [.readonly, .movableKeys],
                    categories: ["read", "set", "slow"], group: "set",
                    summary: "Intersect multiple sets and return the cardinality of the result",
                    since: "7.0.0", handler: sintercard),
        CommandSpec("sunion", arity: -2, flags: [.readonly], keys: (1, -1, 1),
                    categories: ["read", "set", "slow"], group: "set",
                    summary: "Add multiple sets", handler: { combine($0, .union, storing: false) }),
        CommandSpec("sdiff", arity: -2, flags: [.readonly], keys: (1, -1, 1),
                    categories: ["read", "set", "slow"], group: "set",
                    summary: "Subtract multiple sets", handler: { combine($0, .difference, storing: false) }),
        CommandSpec("sinterstore", arity: -3, flags: [.write, .denyOOM], keys: (1, -1, 1),
                    categories: ["write", "set", "slow"], group: "set",
                    summary: "Intersect multiple sets and store the resulting set in a key",
                    handler: { combine($0, .intersection, storing: true) }),
        CommandSpec("sunionstore", arity: -3, flags: [.write, .denyOOM], keys: (1, -1, 1),
                    categories: ["write", "set", "slow"], group: "set",
                    summary: "Add multiple sets and store the resulting set in a key",
                    handler: { combine($0, .union, storing: true) }),
        CommandSpec("sdiffstore", arity: -3, flags: [.write, .denyOOM], keys: (1, -1, 1),
                    categories: ["write", "set", "slow"], group: "set",
                    summary: "Subtract multiple sets and store the resulting set in a key",
                    handler: { combine($0, .difference, storing: true) }),
    ]

    enum Operation {
        case intersection, union, difference

        /// The keyspace event of the STORE form.
        var storeEvent: String {
            switch self {
            case .intersection: return "sinterstore"
            case .union: return "sunionstore"
            case .difference: return "sdiffstore"
            }
        }
    }

    /// The sets at `c.args[range]`, nil standing for a missing key; nil overall after
    /// replying WRONGTYPE. Sources are read lookups (hits, misses, LRU) even for the STORE
    /// forms, as in Redis 7.0.
    static func sources(_ c: CommandContext, _ range: Range<Int>) -> [SetValue?]? {
        var sets: [SetValue?] = []
        sets.reserveCapacity(range.count)
        for i in range {
            switch readSet(c, c.key(i)) {
            case .wrongType: return nil
            case .missing: sets.append(nil)
            case .found(let set): sets.append(set)
            }
        }
        return sets
    }

    /// The members of the intersection, in the order of the smallest set, stopping after
    /// `limit` members when it is positive.
    static func intersection(_ sets: [SetValue?], limit: Int = 0) -> [Key] {
        var present: [SetValue] = []
        for set in sets {
            guard let set else { return [] }
            present.append(set)
        }
        present.sort { $0.count < $1.count }
        guard let smallest = present.first else { return [] }
        var result: [Key] = []
        for member in smallest.orderedMembers where present.dropFirst().allSatisfy({ $0.contains(member) }) {
            result.append(member)
            if limit > 0 && result.count >= limit { break }
        }
        return result
    }

    static func combine(_ c: CommandContext, _ operation: Operation, storing: Bool) {
        let first = storing ? 2 : 1
        guard let sets = sources(c, first..<c.args.count) else { return }
        let maxIntset = maxIntsetEntries(c)
        let members: [Key]
        switch operation {
        case .intersection:
            members = intersection(sets)
        case .union:
            var union = Set<Key>()
            for set in sets { if let set { union.formUnion(set.members) } }
            members = SetValue(union, maxIntsetEntries: maxIntset).orderedMembers
        case .difference:
            var difference = sets[0]?.members ?? []
            for set in sets.dropFirst() where !difference.isEmpty {
                if let set { difference.subtract(set.members) }
            }
            members = SetValue(difference, maxIntsetEntries: maxIntset).orderedMembers
        }
        guard storing else { return replySet(c, members) }
        let destination = c.key(1)
        if members.isEmpty {
            if c.deleteKey(destination) { c.notify(.generic, "del", destination) }
        } else {
            c.setKey(destination, .set(SetValue(members, maxIntsetEntries: maxIntset)))
            c.notify(.set, operation.storeEvent, destination)
        }
        c.integer(members.count)
    }

    /// SINTERCARD numkeys key [key …] [LIMIT limit].
    static func sintercard(_ c: CommandContext) {
        guard let numkeys = DecimalParser.int(c.args[1]), numkeys > 0 else {
            return c.error(SetErrors.numkeysNotPositive)
        }
        guard numkeys <= c.args.count - 2 else { return c.error(SetErrors.tooManyNumkeys) }
        var limit = 0
        var i = 2 + numkeys
        while i < c.args.count {
            guard c.option(i) == "limit", i + 1 < c.args.count else { return c.syntaxError() }
            guard let n = DecimalParser.int(c.args[i + 1]), n >= 0 else { return c.error(SetErrors.negativeLimit) }
            limit = n
            i += 2
        }
        guard let sets = sources(c, 2..<(2 + numkeys)) else { return }
        c.integer(intersection(sets, limit: limit).count)
    }
}
