// String commands (t_string.c): values are byte strings up to proto-max-bulk-len; counters
// are strings holding a canonical 64-bit integer.

import QuillRESP
import QuillStore

public enum StringCommands {
    public static let all: [CommandSpec] = [
        CommandSpec("get", arity: 2, flags: [.readonly, .fast], keys: (1, 1, 1),
                    categories: ["read", "string", "fast"], group: "string",
                    summary: "Returns the string value of a key.", handler: get),
        CommandSpec("set", arity: -3, flags: [.write, .denyOOM], keys: (1, 1, 1),
                    categories: ["write", "string", "slow"], group: "string",
                    summary: "Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.",
                    handler: set),
    ]

    /// The string at `key`, nil if absent; replies WRONGTYPE and returns `.wrongType` otherwise.
    static func readString(_ c: CommandContext, _ key: Key) -> StringLookup {
        guard let value = c.lookupRead(key) else { return .missing }
        guard case .string(let bytes) = value else {
            c.wrongType()
            return .wrongType
        }
        return .found(bytes)
    }

    enum StringLookup {
        case missing, found([UInt8]), wrongType
    }

    static func get(_ c: CommandContext) {
        switch readString(c, c.key(1)) {
        case .missing: c.null()
        case .found(let bytes): c.bulk(bytes)
        case .wrongType: break
        }
    }

    static func set(_ c: CommandContext) {
        guard let options = SetOptions.parse(c, from: 3, command: "set") else { return }
        let key = c.key(1)
        var previous: Value?
        if options.returnOld {
            previous = c.lookupRead(key)
            if let previous, case .string = previous {} else if previous != nil {
                c.wrongType()
                return
            }
        } else {
            previous = c.lookupWrite(key)
        }
        let exists = previous != nil
        if (options.condition == .ifAbsent && exists) || (options.condition == .ifPresent && !exists) {
            if options.returnOld, case .string(let old)? = previous { c.bulk(old) } else { c.null() }
            return
        }
        c.setKey(key, .string(c.args[2]), keepTTL: options.keepTTL)
        if let when = options.expireAtMilliseconds { c.setExpire(key, at: when) }
        if options.returnOld {
            if case .string(let old)? = previous { c.bulk(old) } else { c.null() }
        } else {
            c.ok()
        }
    }
}

/// The options SET and GETEX share: NX/XX, GET, EX/PX/EXAT/PXAT/KEEPTTL, with Redis's
/// rules on which may be combined (parseExtendedStringArgumentsOrReply).
struct SetOptions {
    enum Condition { case always, ifAbsent, ifPresent }
    var condition = Condition.always
    var returnOld = false
    var keepTTL = false
    var persist = false
    var expireAtMilliseconds: Int64?

    static func parse(_ c: CommandContext, from start: Int, command: String, forGetEx: Bool = false) -> SetOptions? {
        var options = SetOptions()
        var sawExpire = false
        var i = start
        while i < c.args.count {
            let name = c.option(i)
            let hasNext = i + 1 < c.args.count
            switch name {
            case "nx" where !forGetEx && options.condition == .always:
                options.condition = .ifAbsent
            case "xx" where !forGetEx && options.condition == .always:
                options.condition = .ifPresent
            case "get" where !forGetEx && !options.returnOld:
                options.returnOld = true
            case "keepttl" where !forGetEx && !sawExpire:
                sawExpire = true
                options.keepTTL = true
            case "persist" where forGetEx && !sawExpire:
                sawExpire = true
                options.persist = true
            case "ex" where hasNext && !sawExpire, "px" where hasNext && !sawExpire,
                 "exat" where hasNext && !sawExpire, "pxat" where hasNext && !sawExpire:
                sawExpire = true
                i += 1
                guard let n = DecimalParser.int64(c.args[i]) else {
                    c.notInteger()
                    return nil
                }
                guard let when = absoluteExpiry(n, unit: name, now: c.now) else {
                    c.error(ErrorReplies.invalidExpire(command))
                    return nil
                }
                options.expireAtMilliseconds = when
            default:
                c.syntaxError()
                return nil
            }
            i += 1
        }
        return options
    }

    /// Converts an EX/PX/EXAT/PXAT argument to Unix milliseconds; nil when Redis calls it an
    /// invalid expire time (not positive, or overflowing).
    static func absoluteExpiry(_ value: Int64, unit: String, now: Int64) -> Int64? {
        guard value > 0 else { return nil }
        let seconds = unit == "ex" || unit == "exat"
        if seconds && value > Int64.max / 1000 { return nil }
        let milliseconds = seconds ? value * 1000 : value
        if unit == "ex" || unit == "px" {
            let (sum, overflow) = milliseconds.addingReportingOverflow(now)
            return overflow ? nil : sum
        }
        return milliseconds
    }
}
