// Strings used as numbers: INCR, DECR, INCRBY, DECRBY on 64-bit integers and INCRBYFLOAT
// on long doubles. The result is stored back as its decimal text, keeping the key's TTL
// (Redis replaces the value in place, dbReplaceValue); a missing key counts as 0.

import QuillRESP
import QuillStore

extension StringCommands {
    static let counters: [CommandSpec] = [
        CommandSpec("incr", arity: 2, flags: [.write, .denyOOM, .fast], keys: (1, 1, 1),
                    categories: ["write", "string", "fast"], group: "string",
                    summary: "Increment the integer value of a key by one",
                    handler: { incrementBy($0, 1) }),
        CommandSpec("decr", arity: 2, flags: [.write, .denyOOM, .fast], keys: (1, 1, 1),
                    categories: ["write", "string", "fast"], group: "string",
                    summary: "Decrement the integer value of a key by one",
                    handler: { incrementBy($0, -1) }),
        CommandSpec("incrby", arity: 3, flags: [.write, .denyOOM, .fast], keys: (1, 1, 1),
                    categories: ["write", "string", "fast"], group: "string",
                    summary: "Increment the integer value of a key by the given amount", handler: incrby),
        CommandSpec("decrby", arity: 3, flags: [.write, .denyOOM, .fast], keys: (1, 1, 1),
                    categories: ["write", "string", "fast"], group: "string",
                    summary: "Decrement the integer value of a key by the given number", handler: decrby),
        CommandSpec("incrbyfloat", arity: 3, flags: [.write, .denyOOM, .fast], keys: (1, 1, 1),
                    categories: ["write", "string", "fast"], group: "string",
                    summary: "Increment the float value of a key by the given amount", since: "2.6.0",
                    handler: incrbyfloat),
    ]

    static func incrby(_ c: CommandContext) {
        guard let delta = DecimalParser.int64(c.args[2]) else { return c.notInteger() }
        incrementBy(c, delta)
    }

    static func decrby(_ c: CommandContext) {
        guard let delta = DecimalParser.int64(c.args[2]) else { return c.notInteger() }
        guard delta != Int64.min else { return c.error(StringErrors.decrementOverflow) }
        incrementBy(c, -delta)
    }

    private enum Increment {
        case stored(Int64), wrongType, notInteger, overflow
    }

    /// An existing counter is read, checked and replaced in one probe of the table, as Redis
    /// replaces the value in place; a missing one is created from 0.
    static func incrementBy(_ c: CommandContext, _ delta: Int64) {
        let key = c.key(1)
        c.engine.expireIfNeeded(c.db, key)
        let outcome = c.engine.keyspace.databases[c.db].modifyValue(key, touching: c.engine.lruSeconds) { value -> Increment in
            guard case .string(let text) = value else { return .wrongType }
            guard let current = text.withBytes({ DecimalParser.int64($0) }) else { return .notInteger }
            let (sum, overflow) = current.addingReportingOverflow(delta)
            guard !overflow else { return .overflow }
            value = .string(ByteString(decimal: sum))
            return .stored(sum)
        }
        let sum: Int64
        switch outcome {
        case .wrongType?: return c.wrongType()
        case .notInteger?: return c.error(ErrorReplies.notInteger)
        case .overflow?: return c.error(ErrorReplies.overflow)
        case .stored(let stored)?:
            c.modified(key)
            sum = stored
        case nil:
            c.setKey(key, .string(ByteString(decimal: delta)))
            sum = delta
        }
        c.notify(.string, "incrby", key)
        c.integer(Int(sum))
    }

    static func incrbyfloat(_ c: CommandContext) {
        let key = c.key(1)
        guard let (current, exists) = storedCounter(c, key, parse: LongDoubleText.parse,
                                                    invalid: ErrorReplies.notFloat) else { return }
        guard let increment = LongDoubleText.parse(c.args[2]) else { return c.error(ErrorReplies.notFloat) }
        let sum = current + increment
        guard sum.isFinite else { return c.error(ErrorReplies.nanOrInfinity) }
        let text = LongDoubleText.humanFriendly(sum)
        store(c, key, text, keepTTL: exists)
        c.logEffect([EffectWords.set, key.bytes, text, EffectWords.keepTTL])
        c.notify(.string, "incrbyfloat", key)
        c.bulk(text)
    }

    /// The number a counter starts from and whether the key exists (so its TTL is kept); a
    /// missing key counts as 0. Nil once an error is replied: WRONGTYPE, or `invalid` when
    /// the stored text does not parse.
    static func storedCounter<Number: AdditiveArithmetic>(
        _ c: CommandContext, _ key: Key, parse: ([UInt8]) -> Number?, invalid: String
    ) -> (value: Number, exists: Bool)? {
        switch writableString(c, key) {
        case .missing:
            return (.zero, false)
        case .wrongType:
            return nil
        case .found(let bytes):
            guard let n = parse(bytes) else {
                c.error(invalid)
                return nil
            }
            return (n, true)
        }
    }
}
