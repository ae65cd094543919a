// Hash fields used as numbers: HINCRBY on 64-bit integers and HINCRBYFLOAT on long
// doubles, written back as decimal text exactly as INCRBY and INCRBYFLOAT write strings.
// A missing field (or key) counts as 0. The increment is checked before the key is looked
// up, so a bad increment is refused even against a key of another type, as in Redis.

import QuillRESP
import QuillStore

extension HashCommands {
    static let counters: [CommandSpec] = [
        CommandSpec("hincrby", arity: 4, flags: [.write, .denyOOM, .fast], keys: (1, 1, 1),
                    categories: ["write", "hash", "fast"], group: "hash",
                    summary: "Increment the integer value of a hash field by the given number", since: "2.0.0",
                    handler: hincrby),
        CommandSpec("hincrbyfloat", arity: 4, flags: [.write, .denyOOM, .fast], keys: (1, 1, 1),
                    categories: ["write", "hash", "fast"], group: "hash",
                    summary: "Increment the float value of a hash field by the given amount", since: "2.6.0",
                    handler: hincrbyfloat),
    ]

    private enum Outcome<Number> {
        case done(Number)
        case failed(String)
    }

    static func hincrby(_ c: CommandContext) {
        guard let increment = DecimalParser.int64(c.args[3]) else { return c.notInteger() }
        let limits = limits(c)
        let field = c.key(2)
        let outcome = editHash(c, c.key(1)) { hash, changes -> Outcome<Int64> in
            var current: Int64 = 0
            if let stored = hash[field] {
                guard let n = stored.withBytes({ DecimalParser.int64($0) }) else { return .failed(HashErrors.notInteger) }
                current = n
            }
            let (sum, overflow) = current.addingReportingOverflow(increment)
            guard !overflow else { return .failed(ErrorReplies.overflow) }
            hash.set(field, Array(String(sum).utf8), limits: limits)
            changes = 1
            return .done(sum)
        }
        switch outcome {
        case nil: return
        case .failed(let message)?: c.error(message)
        case .done(let sum)?:
            c.notify(.hash, "hincrby", c.key(1))
            c.integer(Int(sum))
        }
    }

    static func hincrbyfloat(_ c: CommandContext) {
        guard let increment = LongDoubleText.parse(c.args[3]) else { return c.error(ErrorReplies.notFloat) }
        guard increment.isFinite else { return c.error(HashErrors.incrementNaNOrInfinity) }
        let limits = limits(c)
        let field = c.key(2)
        let outcome = editHash(c, c.key(1)) { hash, changes -> Outcome<[UInt8]> in
            var current: Float80 = 0
            if let stored = hash[field] {
                guard let n = LongDoubleText.parse(stored.bytes) else { return .failed(HashErrors.notFloat) }
                current = n
            }
            let sum = current + increment
            guard sum.isFinite else { return .failed(ErrorReplies.nanOrInfinity) }
            let text = LongDoubleText.humanFriendly(sum)
            hash.set(field, text, limits: limits)
            changes = 1
            return .done(text)
        }
        switch outcome {
        case nil: return
        case .failed(let message)?: c.error(message)
        case .done(let text)?:
            c.logEffect([EffectWords.hset, c.args[1], c.args[2], text])
            c.notify(.hash, "hincrbyfloat", c.key(1))
            c.bulk(text)
        }
    }
}
