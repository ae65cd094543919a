// The blocking sorted set pops: BZPOPMIN, BZPOPMAX and BZMPOP (t_zset.c's
// blockingGenericZpopCommand and zmpopGenericCommand).
//
// The keys are looked at in order: a missing key is skipped, a key of another type is
// WRONGTYPE, the first sorted set is popped at once; when every key is missing the client
// blocks (see FirstKeyPop, Engine+Blocking), except inside EXEC, where it gets a null
// array as if its timeout had expired. BZPOPMIN/BZPOPMAX reply one flat [key, member,
// score] array (the score a double in RESP3); BZMPOP nests [member, score] pairs under the
// key, as ZMPOP. Either way the effect logged is the plain ZPOPMIN/ZPOPMAX, with the number
// of members taken for BZMPOP. BZMPOP parses numkeys, MIN|MAX and COUNT before its timeout.

import QuillRESP
import QuillStore

extension SortedSetCommands {
    static let blocking: [CommandSpec] = [
        CommandSpec("bzpopmin", arity: -3, flags: [.write, .noscript, .blocking, .fast], keys: (1, -2, 1),
                    categories: ["write", "sortedset", "fast", "blocking"], group: "sorted-set",
                    summary: "Remove and return the member with the lowest score from one or more sorted sets, or block until one is available",
                    since: "5.0.0", handler: { bzpop($0, max: false) }),
        CommandSpec("bzpopmax", arity: -3, flags: [.write, .noscript, .blocking, .fast], keys: (1, -2, 1),
                    categories: ["write", "sortedset", "fast", "blocking"], group: "sorted-set",
                    summary: "Remove and return the member with the highest score from one or more sorted sets, or block until one is available",
                    since: "5.0.0", handler: { bzpop($0, max: true) }),
        CommandSpec("bzmpop", arity: -5, flags: [.write, .blocking, .movableKeys], keys: (0, 0, 0),
                    categories: ["write", "sortedset", "slow", "blocking"], group: "sorted-set",
                    summary: "Remove and return members with scores in a sorted set or block until one is available",
                    since: "7.0.0", handler: bzmpop),
    ]

    static func bzpop(_ c: CommandContext, max: Bool) {
        guard let deadline = BlockingTimeout.parse(c, c.args.count - 1) else { return }
        blockingPop(c, keys: (1..<(c.args.count - 1)).map { c.key($0) }, max: max, count: nil, deadline: deadline)
    }

    static func bzmpop(_ c: CommandContext) {
        guard let arguments = MultiPopArguments(c, numkeysIndex: 2, ends: popEnds),
              let deadline = BlockingTimeout.parse(c, 1) else { return }
        blockingPop(c, keys: arguments.keys, max: arguments.end, count: arguments.count, deadline: deadline)
    }

    /// `count` is nil for BZPOPMIN/BZPOPMAX (one member, flat reply), else BZMPOP's count.
    private static func blockingPop(_ c: CommandContext, keys: [Key], max: Bool, count: Int?,
                                    deadline: BlockingDeadline) {
        FirstKeyPop.popOrBlock(c, keys: keys, waitingFor: .sortedSet, deadline: deadline,
                               presence: { readForWrite(c, $0).presence }) { receiver, key, _ in
            popAndReply(receiver, key, max: max, count: count)
        }
    }

    private static func popAndReply(_ c: CommandContext, _ key: Key, max: Bool, count: Int?) {
        let popped = popMembers(c, key, max: max, count: count ?? 1)
        let verb = max ? EffectWords.zpopmax : EffectWords.zpopmin
        c.logEffect(count == nil ? [verb, key.bytes] : [verb, key.bytes, EffectWords.decimal(popped.count)])
        c.reply { out in
            if count == nil {
                out.arrayHeader(1 + 2 * popped.count)
                out.bulk(key.bytes)
                for e in popped {
                    out.bulk(e.member)
                    score(&out, e.score)
                }
            } else {
                out.arrayHeader(2)
                out.bulk(key.bytes)
                pairs(&out, popped, nested: true)
            }
        }
    }
}
