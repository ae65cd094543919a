// The options SET and GETEX share (parseExtendedStringArgumentsOrReply in t_string.c):
// NX/XX, GET, KEEPTTL, PERSIST and one expiry unit among EX/PX/EXAT/PXAT.
//
// Redis validates the option names first and the expiry number only later (SET before it
// looks at the key, GETEX after it found a string), so the expiry is kept here as the raw
// argument and turned into a time by `resolveExpiry` when the command gets to it.

import QuillRESP
import QuillStore

struct SetOptions {
    enum Condition { case always, ifAbsent, ifPresent }

    var condition = Condition.always
    var returnOld = false
    var keepTTL = false
    var persist = false
    /// The expiry option's name (`ex`, `px`, `exat`, `pxat`) and its argument.
    var expire: (unit: String, argument: [UInt8])?

    /// Parses `c.args[start...]`; replies a syntax error and returns nil on a bad option.
    /// An option may be repeated (the last expiry wins) but not combined with a conflicting one.
    static func parse(_ c: CommandContext, from start: Int, forGetEx: Bool = false) -> SetOptions? {
        var options = SetOptions()
        var i = start
        while i < c.args.count {
            let name = c.option(i)
            let hasNext = i + 1 < c.args.count
            switch name {
            case "nx" where !forGetEx && options.condition != .ifPresent:
                options.condition = .ifAbsent
            case "xx" where !forGetEx && options.condition != .ifAbsent:
                options.condition = .ifPresent
            case "get" where !forGetEx:
                options.returnOld = true
            case "keepttl" where !forGetEx && options.expire == nil:
                options.keepTTL = true
            case "persist" where forGetEx && options.expire == nil:
                options.persist = true
            case "ex", "px", "exat", "pxat":
                guard hasNext, !options.keepTTL, !options.persist,
                      options.expire == nil || options.expire?.unit == name else {
                    c.syntaxError()
                    return nil
                }
                i += 1
                options.expire = (name, c.args[i])
            default:
                c.syntaxError()
                return nil
            }
            i += 1
        }
        return options
    }

    /// The absolute expiry in Unix milliseconds for `argument` in `unit`; nil after replying
    /// Redis's error for a non-integer or an invalid time.
    static func resolveExpiry(_ c: CommandContext, unit: String, argument: [UInt8], command: String) -> Int64? {
        guard let value = DecimalParser.int64(argument) else {
            c.notInteger()
            return nil
        }
        guard let when = absoluteExpiry(value, unit: unit, now: c.now) else {
            c.error(ErrorReplies.invalidExpire(command))
            return nil
        }
        return when
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
