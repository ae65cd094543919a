// Commands on named fields of a hash: HSET, HSETNX, HMSET, HGET, HMGET, HDEL, HLEN,
// HSTRLEN and HEXISTS. A missing key reads as an empty hash.

import QuillStore

extension HashCommands {
    static let fieldCommands: [CommandSpec] = [
        CommandSpec("hset", arity: -4, flags: [.write, .denyOOM, .fast], keys: (1, 1, 1),
                    categories: ["write", "hash", "fast"], group: "hash",
                    summary: "Set the string value of a hash field", since: "2.0.0",
                    handler: { setFields($0, replyOK: false) }),
        CommandSpec("hsetnx", arity: 4, flags: [.write, .denyOOM, .fast], keys: (1, 1, 1),
                    categories: ["write", "hash", "fast"], group: "hash",
                    summary: "Set the value of a hash field, only if the field does not exist", since: "2.0.0",
                    handler: hsetnx),
        CommandSpec("hget", arity: 3, flags: [.readonly, .fast], keys: (1, 1, 1),
                    categories: ["read", "hash", "fast"], group: "hash",
                    summary: "Get the value of a hash field", since: "2.0.0", handler: hget),
        CommandSpec("hmset", arity: -4, flags: [.write, .denyOOM, .fast], keys: (1, 1, 1),
                    categories: ["write", "hash", "fast"], group: "hash",
                    summary: "Set multiple hash fields to multiple values", since: "2.0.0",
                    handler: { setFields($0, replyOK: true) }),
        CommandSpec("hmget", arity: -3, flags: [.readonly, .fast], keys: (1, 1, 1),
                    categories: ["read", "hash", "fast"], group: "hash",
                    summary: "Get the values of all the given hash fields", since: "2.0.0", handler: hmget),
        CommandSpec("hdel", arity: -3, flags: [.write, .fast], keys: (1, 1, 1),
                    categories: ["write", "hash", "fast"], group: "hash",
                    summary: "Delete one or more hash fields", since: "2.0.0", handler: hdel),
        CommandSpec("hlen", arity: 2, flags: [.readonly, .fast], keys: (1, 1, 1),
                    categories: ["read", "hash", "fast"], group: "hash",
                    summary: "Get the number of fields in a hash", since: "2.0.0", handler: hlen),
        CommandSpec("hstrlen", arity: 3, flags: [.readonly, .fast], keys: (1, 1, 1),
                    categories: ["read", "hash", "fast"], group: "hash",
                    summary: "Get the length of the value of a hash field", since: "3.2.0", handler: hstrlen),
        CommandSpec("hexists", arity: 3, flags: [.readonly, .fast], keys: (1, 1, 1),
                    categories: ["read", "hash", "fast"], group: "hash",
                    summary: "Determine if a hash field exists", since: "2.0.0", handler: hexists),
    ]

    /// HSET replies how many fields were added, HMSET replies OK; both count every pair as
    /// a change, as Redis does.
    static func setFields(_ c: CommandContext, replyOK: Bool) {
        guard c.args.count % 2 == 0 else {
            return c.error(ErrorReplies.wrongArity(replyOK ? "hmset" : "hset"))
        }
        let limits = limits(c)
        let added = editHash(c, c.key(1)) { hash, changes -> Int in
            var added = 0
            for i in stride(from: 2, to: c.args.count, by: 2) where hash.set(c.key(i), c.args[i + 1], limits: limits) {
                added += 1
            }
            changes = (c.args.count - 2) / 2
            return added
        }
        guard let added else { return }
        c.notify(.hash, "hset", c.key(1))
        if replyOK { c.ok() } else { c.integer(added) }
    }

    static func hsetnx(_ c: CommandContext) {
        let limits = limits(c)
        let field = c.key(2)
        let added = editHash(c, c.key(1)) { hash, changes -> Bool in
            guard hash[field] == nil else { return false }
            hash.set(field, c.args[3], limits: limits)
            changes = 1
            return true
        }
        guard let added else { return }
        if added { c.notify(.hash, "hset", c.key(1)) }
        c.integer(added ? 1 : 0)
    }

    static func hget(_ c: CommandContext) {
        switch readHash(c, c.key(1)) {
        case .wrongType: return
        case .missing: c.null()
        case .found(let hash):
            if let value = hash[c.key(2)] { c.bulk(value) } else { c.null() }
        }
    }

    static func hmget(_ c: CommandContext) {
        let hash: HashValue
        switch readHash(c, c.key(1)) {
        case .wrongType: return
        case .missing: hash = HashValue()
        case .found(let found): hash = found
        }
        c.reply { out in
            out.arrayHeader(c.args.count - 2)
            for i in 2..<c.args.count {
                if let value = hash[c.key(i)] { out.bulk(value) } else { out.null() }
            }
        }
    }

    static func hdel(_ c: CommandContext) {
        let deleted = editHash(c, c.key(1)) { hash, changes -> Int in
            var deleted = 0
            for i in 2..<c.args.count where hash.remove(c.key(i)) {
                deleted += 1
                if hash.count == 0 { break }
            }
            changes = deleted
            return deleted
        }
        guard let deleted else { return }
        if deleted > 0 { c.notifyRemoval(.hash, "hdel", c.key(1)) }
        c.integer(deleted)
    }

    static func hlen(_ c: CommandContext) {
        switch readHash(c, c.key(1)) {
        case .wrongType: return
        case .missing: c.integer(0)
        case .found(let hash): c.integer(hash.count)
        }
    }

    static func hstrlen(_ c: CommandContext) {
        switch readHash(c, c.key(1)) {
        case .wrongType: return
        case .missing: c.integer(0)
        case .found(let hash): c.integer(hash[c.key(2)]?.count ?? 0)
        }
    }

    static func hexists(_ c: CommandContext) {
        switch readHash(c, c.key(1)) {
        case .wrongType: return
        case .missing: c.integer(0)
        case .found(let hash): c.integer(hash[c.key(2)] == nil ? 0 : 1)
        }
    }
}
