// Reading and writing whole string values: GET, SET and its older variants (SETNX, SETEX,
// PSETEX, GETSET), GETDEL, GETEX, and the multi-key MGET, MSET, MSETNX.
//
// Redis's order of checks decides which error a client sees when several apply, so each
// handler follows setGenericCommand / getexCommand / msetGenericCommand step by step:
// option names, then the expiry number, then the old value for GET, then NX/XX.

import QuillRESP
import QuillStore

extension StringCommands {
    static let getAndSet: [CommandSpec] = [
        CommandSpec("get", arity: 2, flags: [.readonly, .fast], keys: (1, 1, 1),
                    categories: ["read", "string", "fast"], group: "string",
                    summary: "Get the value of a key", handler: get),
        CommandSpec("set", arity: -3, flags: [.write, .denyOOM], keys: (1, 1, 1),
                    categories: ["write", "string", "slow"], group: "string",
                    summary: "Set the string value of a key", handler: set),
        CommandSpec("setnx", arity: 3, flags: [.write, .denyOOM, .fast], keys: (1, 1, 1),
                    categories: ["write", "string", "fast"], group: "string",
                    summary: "Set the value of a key, only if the key does not exist", handler: setnx),
        CommandSpec("setex", arity: 4, flags: [.write, .denyOOM], keys: (1, 1, 1),
                    categories: ["write", "string", "slow"], group: "string",
                    summary: "Set the value and expiration of a key", since: "2.0.0",
                    handler: { setWithExpiry($0, unit: "ex", command: "setex") }),
        CommandSpec("psetex", arity: 4, flags: [.write, .denyOOM], keys: (1, 1, 1),
                    categories: ["write", "string", "slow"], group: "string",
                    summary: "Set the value and expiration in milliseconds of a key", since: "2.6.0",
                    handler: { setWithExpiry($0, unit: "px", command: "psetex") }),
        CommandSpec("getset", arity: 3, flags: [.write, .denyOOM, .fast], keys: (1, 1, 1),
                    categories: ["write", "string", "fast"], group: "string",
                    summary: "Set the string value of a key and return its old value", handler: getset),
        CommandSpec("getdel", arity: 2, flags: [.write, .fast], keys: (1, 1, 1),
                    categories: ["write", "string", "fast"], group: "string",
                    summary: "Get the value of a key and delete the key", since: "6.2.0", handler: getdel),
        CommandSpec("getex", arity: -2, flags: [.write, .fast], keys: (1, 1, 1),
                    categories: ["write", "string", "fast"], group: "string",
                    summary: "Get the value of a key and optionally set its expiration", since: "6.2.0",
                    handler: getex),
        CommandSpec("mget", arity: -2, flags: [.readonly, .fast], keys: (1, -1, 1),
                    categories: ["read", "string", "fast"], group: "string",
                    summary: "Get the values of all the given keys", handler: mget),
        CommandSpec("mset", arity: -3, flags: [.write, .denyOOM], keys: (1, -1, 2),
                    categories: ["write", "string", "slow"], group: "string",
                    summary: "Set multiple keys to multiple values", since: "1.0.1",
                    handler: { mset($0, onlyIfNoneExist: false) }),
        CommandSpec("msetnx", arity: -3, flags: [.write, .denyOOM], keys: (1, -1, 2),
                    categories: ["write", "string", "slow"], group: "string",
                    summary: "Set multiple keys to multiple values, only if none of the keys exist", since: "1.0.1",
                    handler: { mset($0, onlyIfNoneExist: true) }),
    ]

    static func get(_ c: CommandContext) {
        replyString(c, c.key(1))
    }

    /// Replies the old value as GET would; false after a WRONGTYPE error.
    private static func replyOldValue(_ c: CommandContext, _ key: Key) -> Bool {
        switch readString(c, key) {
        case .missing: c.null()
        case .found(let bytes): c.bulk(bytes)
        case .wrongType: return false
        }
        return true
    }

    static func set(_ c: CommandContext) {
        guard let options = SetOptions.parse(c, from: 3) else { return }
        var expireAt: Int64?
        if let expire = options.expire {
            guard let when = SetOptions.resolveExpiry(c, unit: expire.unit, argument: expire.argument,
                                                      command: "set") else { return }
            expireAt = when
        }
        let key = c.key(1)
        if options.returnOld && !replyOldValue(c, key) { return }
        if options.condition == .always {
            // Only a due key needs handling before the overwrite; this skips a table probe.
            c.engine.expireIfNeeded(c.db, key)
        } else {
            let exists = c.lookupWrite(key) != nil
            if (options.condition == .ifAbsent && exists) || (options.condition == .ifPresent && !exists) {
                if !options.returnOld { c.null() }
                return
            }
        }
        store(c, key, c.args[2], keepTTL: options.keepTTL, expireAt: expireAt)
        if let expireAt {
            c.logEffect([EffectWords.set, key.bytes, c.args[2], EffectWords.pxat, EffectWords.decimal(expireAt)])
        } else if options.returnOld {
            c.logEffect(c.args.indices.filter { $0 < 3 || c.option($0) != "get" }.map { c.args[$0] })
        }
        c.notify(.string, "set", key)
        if expireAt != nil { c.notify(.generic, "expire", key) }
        if !options.returnOld { c.ok() }
    }

    static func setnx(_ c: CommandContext) {
        let key = c.key(1)
        if c.lookupWrite(key) != nil {
            c.integer(0)
            return
        }
        store(c, key, c.args[2])
        c.notify(.string, "set", key)
        c.integer(1)
    }

    /// SETEX and PSETEX: `key seconds|milliseconds value`.
    static func setWithExpiry(_ c: CommandContext, unit: String, command: String) {
        guard let when = SetOptions.resolveExpiry(c, unit: unit, argument: c.args[2], command: command) else { return }
        store(c, c.key(1), c.args[3], expireAt: when)
        c.logEffect([EffectWords.set, c.args[1], c.args[3], EffectWords.pxat, EffectWords.decimal(when)])
        c.notify(.string, "set", c.key(1))
        c.notify(.generic, "expire", c.key(1))
        c.ok()
    }

    static func getset(_ c: CommandContext) {
        let key = c.key(1)
        guard replyOldValue(c, key) else { return }
        store(c, key, c.args[2])
        c.logEffect([EffectWords.set, key.bytes, c.args[2]])
        c.notify(.string, "set", key)
    }

    static func getdel(_ c: CommandContext) {
        let key = c.key(1)
        switch readString(c, key) {
        case .missing:
            c.null()
        case .found(let bytes):
            c.bulk(bytes)
            c.deleteKey(key)
            c.logEffect([EffectWords.del, key.bytes])
            c.notify(.generic, "del", key)
        case .wrongType:
            break
        }
    }

    static func getex(_ c: CommandContext) {
        guard let options = SetOptions.parse(c, from: 2, forGetEx: true) else { return }
        let key = c.key(1)
        let bytes: [UInt8]
        switch readString(c, key) {
        case .missing:
            c.null()
            return
        case .wrongType:
            return
        case .found(let found):
            bytes = found
        }
        var expireAt: Int64?
        if let expire = options.expire {
            guard let when = SetOptions.resolveExpiry(c, unit: expire.unit, argument: expire.argument,
                                                      command: "getex") else { return }
            expireAt = when
        }
        c.bulk(bytes)
        if let expireAt, let unit = options.expire?.unit {
            if (unit == "exat" || unit == "pxat") && expireAt <= c.now {
                c.deleteKey(key)
                c.logExpiredDeletion(key)
                c.notify(.generic, "del", key)
            } else {
                c.setExpire(key, at: expireAt)
                c.logEffect([EffectWords.pexpireat, key.bytes, EffectWords.decimal(expireAt)])
                c.notify(.generic, "expire", key)
            }
        } else if options.persist, c.engine.keyspace.databases[c.db].removeExpire(key) {
            c.modified(key)
            c.logEffect([EffectWords.persist, key.bytes])
            c.notify(.generic, "persist", key)
        }
    }

    static func mget(_ c: CommandContext) {
        c.reply { $0.arrayHeader(c.args.count - 1) }
        for i in 1..<c.args.count {
            if case .string(let bytes)? = c.lookupRead(c.key(i)) { c.bulk(bytes) } else { c.null() }
        }
    }

    static func mset(_ c: CommandContext, onlyIfNoneExist: Bool) {
        guard c.args.count % 2 == 1 else {
            c.error(ErrorReplies.wrongArity(onlyIfNoneExist ? "msetnx" : "mset"))
            return
        }
        if onlyIfNoneExist {
            for i in stride(from: 1, to: c.args.count, by: 2) where c.lookupWrite(c.key(i)) != nil {
                c.integer(0)
                return
            }
        }
        for i in stride(from: 1, to: c.args.count, by: 2) {
            store(c, c.key(i), c.args[i + 1])
            c.notify(.string, "set", c.key(i))
        }
        if onlyIfNoneExist { c.integer(1) } else { c.ok() }
    }
}
