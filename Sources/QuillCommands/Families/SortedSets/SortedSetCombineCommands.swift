// ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD (zunionInterDiffGenericCommand).
// Arguments: numkeys, the keys, then WEIGHTS w… and AGGREGATE SUM|MIN|MAX (not for ZDIFF),
// WITHSCORES (the reading forms) or LIMIT (ZINTERCARD). The keys are looked up before the
// options are read, so WRONGTYPE wins over a syntax error. A weighted score or a sum that
// comes out NaN (inf * 0, inf + -inf) counts as 0. Union and intersection fold the inputs
// from the smallest to the largest, as Redis does, which fixes the order of a float sum.

import QuillRESP
import QuillStore

extension SortedSetCommands {
    static let combining: [CommandSpec] = [
        spec("zunion", arity: -3, flags: [.readonly, .movableKeys], keys: (0, 0, 0),
             summary: "Add multiple sorted sets", since: "6.2.0") { combine($0, .union, store: false) },
        spec("zinter", arity: -3, flags: [.readonly, .movableKeys], keys: (0, 0, 0),
             summary: "Intersect multiple sorted sets", since: "6.2.0") { combine($0, .inter, store: false) },
        spec("zdiff", arity: -3, flags: [.readonly, .movableKeys], keys: (0, 0, 0),
             summary: "Subtract multiple sorted sets", since: "6.2.0") { combine($0, .diff, store: false) },
        spec("zunionstore", arity: -4, flags: [.write, .denyOOM, .movableKeys],
             summary: "Add multiple sorted sets and store the resulting sorted set in a new key",
             since: "2.0.0") { combine($0, .union, store: true) },
        spec("zinterstore", arity: -4, flags: [.write, .denyOOM, .movableKeys],
             summary: "Intersect multiple sorted sets and store the resulting sorted set in a new key",
             since: "2.0.0") { combine($0, .inter, store: true) },
        spec("zdiffstore", arity: -4, flags: [.write, .denyOOM, .movableKeys],
             summary: "Subtract multiple sorted sets and store the resulting sorted set in a new key",
             since: "6.2.0") { combine($0, .diff, store: true) },
        spec("zintercard", arity: -3, flags: [.readonly, .movableKeys], keys: (0, 0, 0),
             summary: "Intersect multiple sorted sets and return the cardinality of the result",
             since: "7.0.0") { combine($0, .inter, store: false, cardinalityOnly: true) },
    ]

    enum CombineOperation {
        case union, inter, diff

        /// The keyspace event of the STORE form.
        var storeEvent: String {
            switch self {
            case .union: return "zunionstore"
            case .inter: return "zinterstore"
            case .diff: return "zdiffstore"
            }
        }
    }

    enum Aggregate {
        case sum, min, max

        func combine(_ a: Double, _ b: Double) -> Double {
            switch self {
            case .sum:
                let total = a + b
                return total.isNaN ? 0 : total
            case .min: return Swift.min(a, b)
            case .max: return Swift.max(a, b)
            }
        }
    }

    /// One input: its members and scores (nil for a missing key) and its weight.
    private struct Source {
        var scores: AdaptiveDictionary<[UInt8], Double>?
        var weight: Double = 1
        var count: Int { scores?.count ?? 0 }
    }

    /// The member -> score view of a value that can be an input, or nil for another type.
    private static func inputScores(_ value: Value) -> AdaptiveDictionary<[UInt8], Double>? {
        switch value {
        case .sortedSet(let zset): return zset.scores
        case .set(let set):
            // Redis accepts plain sets here, every member with score 1.
            var scores: [[UInt8]: Double] = [:]
            scores.reserveCapacity(set.count)
            for member in set.members { scores[member.bytes] = 1 }
            return AdaptiveDictionary(scores)
        default: return nil
        }
    }

    static func combine(_ c: CommandContext, _ operation: CombineOperation, store: Bool, cardinalityOnly: Bool = false) {
        let numkeysIndex = store ? 2 : 1
        guard let setCount = c.integerArgument(numkeysIndex) else { return }
        guard setCount >= 1 else {
            c.error("ERR at least 1 input key is needed for '\(c.option(0))' command")
            return
        }
        guard setCount <= c.args.count - numkeysIndex - 1 else {
            c.syntaxError()
            return
        }
        var sources: [Source] = []
        sources.reserveCapacity(setCount)
        for index in (numkeysIndex + 1)...(numkeysIndex + setCount) {
            let key = c.key(index)
            guard let value = c.lookupRead(key) else {
                sources.append(Source(scores: nil))
                continue
            }
            guard let scores = inputScores(value) else {
                c.wrongType()
                return
            }
            sources.append(Source(scores: scores))
        }

        var aggregate = Aggregate.sum
        var withScores = false
        var limit = 0
        var j = numkeysIndex + setCount + 1
        while j < c.args.count {
            let remaining = c.args.count - j
            let option = c.option(j)
            if operation != .diff && !cardinalityOnly && remaining > setCount && option == "weights" {
                for i in 0..<setCount {
                    guard let weight = ScoreText.parse(c.args[j + 1 + i]) else {
                        c.error("ERR weight value is not a float")
                        return
                    }
                    sources[i].weight = weight
                }
                j += setCount + 1
            } else if operation != .diff && !cardinalityOnly && remaining >= 2 && option == "aggregate" {
                switch c.option(j + 1) {
                case "sum": aggregate = .sum
                case "min": aggregate = .min
                case "max": aggregate = .max
                default:
                    c.syntaxError()
                    return
                }
                j += 2
            } else if !store && !cardinalityOnly && option == "withscores" {
                withScores = true
                j += 1
            } else if cardinalityOnly && remaining >= 2 && option == "limit" {
                guard let n = DecimalParser.int(c.args[j + 1]), n >= 0 else {
                    c.error("ERR LIMIT can't be negative")
                    return
                }
                limit = n
                j += 2
            } else {
                c.syntaxError()
                return
            }
        }

        if cardinalityOnly {
            c.integer(intersectionCount(sources, limit: limit))
            return
        }
        let result: [[UInt8]: Double]
        switch operation {
        case .union: result = union(sources, aggregate)
        case .inter: result = intersection(sources, aggregate)
        case .diff: result = difference(sources)
        }
        let limits = limits(c)
        var zset = SortedSetValue()
        for (member, score) in result { zset.set(member, score: score, limits: limits) }
        if store {
            SortedSetCommands.store(c, c.key(1), zset)
            if !zset.isEmpty { c.notify(.zset, operation.storeEvent, c.key(1)) }
            c.integer(zset.count)
        } else {
            elements(c, zset.isEmpty ? [] : zset.elements(in: 0...(zset.count - 1)), withScores: withScores)
        }
    }

    private static func weighted(_ score: Double, _ weight: Double) -> Double {
        let product = score * weight
        return product.isNaN ? 0 : product
    }

    private static func bySize(_ sources: [Source]) -> [Source] {
        sources.enumerated().sorted { ($0.element.count, $0.offset) < ($1.element.count, $1.offset) }.map(\.element)
    }

    private static func union(_ sources: [Source], _ aggregate: Aggregate) -> [[UInt8]: Double] {
        var result: [[UInt8]: Double] = [:]
        for source in bySize(sources) {
            guard let scores = source.scores else { continue }
            for (member, score) in scores {
                let value = weighted(score, source.weight)
                if let current = result[member] {
                    result[member] = aggregate.combine(current, value)
                } else {
                    result[member] = value
                }
            }
        }
        return result
    }

    private static func intersection(_ sources: [Source], _ aggregate: Aggregate) -> [[UInt8]: Double] {
        let ordered = bySize(sources)
        guard let smallest = ordered[0].scores else { return [:] }
        var result: [[UInt8]: Double] = [:]
        candidates: for (member, score) in smallest {
            var value = weighted(score, ordered[0].weight)
            for other in ordered.dropFirst() {
                guard let otherScore = other.scores?[member] else { continue candidates }
                value = aggregate.combine(value, weighted(otherScore, other.weight))
            }
            result[member] = value
        }
        return result
    }

    private static func intersectionCount(_ sources: [Source], limit: Int) -> Int {
        let ordered = bySize(sources)
        guard let smallest = ordered[0].scores else { return 0 }
        var found = 0
        for member in smallest.keys where ordered.dropFirst().allSatisfy({ $0.scores?[member] != nil }) {
            found += 1
            if limit > 0 && found >= limit { break }
        }
        return found
    }

    private static func difference(_ sources: [Source]) -> [[UInt8]: Double] {
        guard let first = sources[0].scores else { return [:] }
        return first.filter { member, _ in !sources.dropFirst().contains { $0.scores?[member] != nil } }
    }
}
