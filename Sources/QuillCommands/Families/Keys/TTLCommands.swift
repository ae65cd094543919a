// TTL, PTTL, EXPIRETIME and PEXPIRETIME (ttlGenericCommand in expire.c): -2 for a missing
// key, -1 for a key without a TTL, else the time left or the absolute expiry. The second
// forms round to the nearest second, as Redis does.

import QuillStore

extension KeyCommands {
    static let timeToLive: [CommandSpec] = [
        CommandSpec("ttl", arity: 2, flags: [.readonly, .fast], keys: (1, 1, 1),
                    categories: ["keyspace", "read", "fast"], group: "generic",
                    summary: "Get the time to live for a key in seconds",
                    handler: { ttl($0, milliseconds: false, absolute: false) }),
        CommandSpec("pttl", arity: 2, flags: [.readonly, .fast], keys: (1, 1, 1),
                    categories: ["keyspace", "read", "fast"], group: "generic",
                    summary: "Get the time to live for a key in milliseconds", since: "2.6.0",
                    handler: { ttl($0, milliseconds: true, absolute: false) }),
        CommandSpec("expiretime", arity: 2, flags: [.readonly, .fast], keys: (1, 1, 1),
                    categories: ["keyspace", "read", "fast"], group: "generic",
                    summary: "Get the expiration Unix timestamp for a key", since: "7.0.0",
                    handler: { ttl($0, milliseconds: false, absolute: true) }),
        CommandSpec("pexpiretime", arity: 2, flags: [.readonly, .fast], keys: (1, 1, 1),
                    categories: ["keyspace", "read", "fast"], group: "generic",
                    summary: "Get the expiration Unix timestamp for a key in milliseconds", since: "7.0.0",
                    handler: { ttl($0, milliseconds: true, absolute: true) }),
    ]

    static func ttl(_ c: CommandContext, milliseconds: Bool, absolute: Bool) {
        let key = c.key(1)
        guard c.lookupReadWithoutTouch(key) != nil else {
            c.integer(-2)
            return
        }
        guard let when = c.expireTime(key) else {
            c.integer(-1)
            return
        }
        let remaining = max(absolute ? when : when - c.now, 0)
        // Unsigned so that rounding a time near Int64.max does not overflow.
        c.integer(milliseconds ? Int(remaining) : Int((UInt64(remaining) + 500) / 1000))
    }
}
