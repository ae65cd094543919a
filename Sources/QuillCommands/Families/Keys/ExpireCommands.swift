// EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT and PERSIST: setting and removing a key's time to
// live (expireGenericCommand and persistCommand in expire.c). A time already in the past
// deletes the key at once and still answers 1, as Redis does on a master; the effect logged
// is the absolute PEXPIREAT, or the deletion.

import QuillRESP
import QuillStore

extension KeyCommands {
    static let expiry: [CommandSpec] = [
        CommandSpec("expire", arity: -3, flags: [.write, .fast], keys: (1, 1, 1),
                    categories: ["keyspace", "write", "fast"], group: "generic",
                    summary: "Set a key's time to live in seconds",
                    handler: { expire($0, name: "expire", unit: .seconds, relative: true) }),
        CommandSpec("pexpire", arity: -3, flags: [.write, .fast], keys: (1, 1, 1),
                    categories: ["keyspace", "write", "fast"], group: "generic",
                    summary: "Set a key's time to live in milliseconds", since: "2.6.0",
                    handler: { expire($0, name: "pexpire", unit: .milliseconds, relative: true) }),
        CommandSpec("expireat", arity: -3, flags: [.write, .fast], keys: (1, 1, 1),
                    categories: ["keyspace", "write", "fast"], group: "generic",
                    summary: "Set the expiration for a key as a UNIX timestamp", since: "1.2.0",
                    handler: { expire($0, name: "expireat", unit: .seconds, relative: false) }),
        CommandSpec("pexpireat", arity: -3, flags: [.write, .fast], keys: (1, 1, 1),
                    categories: ["keyspace", "write", "fast"], group: "generic",
                    summary: "Set the expiration for a key as a UNIX timestamp specified in milliseconds",
                    since: "2.6.0", handler: { expire($0, name: "pexpireat", unit: .milliseconds, relative: false) }),
        CommandSpec("persist", arity: 2, flags: [.write, .fast], keys: (1, 1, 1),
                    categories: ["keyspace", "write", "fast"], group: "generic",
                    summary: "Remove the expiration from a key", since: "2.2.0", handler: persist),
    ]

    /// Options are checked before the time, and the time before the key, in Redis's order.
    static func expire(_ c: CommandContext, name: String, unit: ExpireUnit, relative: Bool) {
        let conditions: ExpireConditions
        switch ExpireConditions.parse(c.args[3...]) {
        case .success(let parsed): conditions = parsed
        case .failure(let failure):
            c.error(failure.message)
            return
        }
        guard let value = DecimalParser.int64(c.args[2]) else {
            c.notInteger()
            return
        }
        guard let when = ExpireConditions.absoluteTime(value, unit: unit, base: relative ? c.now : 0) else {
            c.error(ErrorReplies.invalidExpire(name))
            return
        }
        let key = c.key(1)
        guard c.lookupWrite(key) != nil, conditions.permit(current: c.expireTime(key), new: when) else {
            c.integer(0)
            return
        }
        // While a log is replayed a past time is kept: the records after it still apply to the key.
        if when <= c.now && !c.engine.loading {
            c.deleteKey(key)
            c.logExpiredDeletion(key)
            c.notify(.generic, "del", key)
        } else {
            c.setExpire(key, at: when)
            c.notify(.generic, "expire", key)
            if name != "pexpireat" {
                var effect = c.args
                effect[0] = EffectWords.pexpireat
                effect[2] = EffectWords.decimal(when)
                c.logEffect(effect)
            }
        }
        c.integer(1)
    }

    static func persist(_ c: CommandContext) {
        let key = c.key(1)
        guard c.lookupWrite(key) != nil, c.engine.keyspace.databases[c.db].removeExpire(key) else {
            c.integer(0)
            return
        }
        c.modified(key)
        c.notify(.generic, "persist", key)
        c.integer(1)
    }
}
