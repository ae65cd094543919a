// The rules EXPIRE, PEXPIRE, EXPIREAT and PEXPIREAT share (expire.c), kept apart from the
// commands so they can be checked on their own: turning the argument into an absolute Unix
// time in milliseconds, and the Redis 7 conditions NX, XX, GT and LT.

enum ExpireUnit {
    case seconds, milliseconds
}

struct ExpireConditions: Equatable {
    var nx = false
    var xx = false
    var gt = false
    var lt = false

    /// Parses the options after the time, with Redis's errors: an unknown word is reported
    /// as written, and NX cannot be combined with the others, nor GT with LT.
    static func parse(_ options: ArraySlice<[UInt8]>) -> Result<ExpireConditions, ExpireOptionError> {
        var conditions = ExpireConditions()
        for option in options {
            switch String(decoding: option, as: UTF8.self).lowercased() {
            case "nx": conditions.nx = true
            case "xx": conditions.xx = true
            case "gt": conditions.gt = true
            case "lt": conditions.lt = true
            default: return .failure(.unsupported(String(decoding: option, as: UTF8.self)))
            }
        }
        if conditions.nx && (conditions.xx || conditions.gt || conditions.lt) { return .failure(.nxWithOthers) }
        if conditions.gt && conditions.lt { return .failure(.gtWithLt) }
        return .success(conditions)
    }

    /// Whether the new expiry may replace `current` (nil: the key has no TTL). A key without
    /// a TTL counts as expiring never: GT always refuses it, LT always accepts it.
    func permit(current: Int64?, new: Int64) -> Bool {
        if nx && current != nil { return false }
        if xx && current == nil { return false }
        if gt {
            guard let current, new > current else { return false }
        }
        if lt, let current, new >= current { return false }
        return true
    }

    /// The absolute expiry in Unix milliseconds for `value` counted in `unit` from `base`
    /// (now for EXPIRE and PEXPIRE, 0 for the AT forms); nil when the conversion or the
    /// addition overflows, which Redis reports as an invalid expire time. Negative results
    /// are fine: they lie in the past and delete the key.
    static func absoluteTime(_ value: Int64, unit: ExpireUnit, base: Int64) -> Int64? {
        var milliseconds = value
        if unit == .seconds {
            guard value <= Int64.max / 1000 && value >= Int64.min / 1000 else { return nil }
            milliseconds = value * 1000
        }
        guard milliseconds <= Int64.max - base else { return nil }
        return milliseconds + base
    }
}

enum ExpireOptionError: Error, Equatable {
    case unsupported(String)
    case nxWithOthers
    case gtWithLt

    var message: String {
        switch self {
        case .unsupported(let option): return "ERR Unsupported option \(option)"
        case .nxWithOthers: return "ERR NX and XX, GT or LT options at the same time are not compatible"
        case .gtWithLt: return "ERR GT and LT options at the same time are not compatible"
        }
    }
}
