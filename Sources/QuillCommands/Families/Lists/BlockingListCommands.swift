// The blocking list commands: BLPOP, BRPOP, BLMOVE, BRPOPLPUSH and BLMPOP (t_list.c's
// blockingPopGenericCommand, blmoveGenericCommand, lmpopGenericCommand).
//
// Each first parses its arguments in Redis's order (BLMOVE's ends before its timeout,
// BLMPOP's numkeys, end and COUNT before its timeout), then looks at its keys in order: a
// missing key is skipped, a key of another type is WRONGTYPE, the first list is popped at
// once. When every key is missing the client blocks (see FirstKeyPop, Engine+Blocking),
// except inside EXEC, where the command answers as if its timeout had expired: a null
// array, or a null for BLMOVE and BRPOPLPUSH.
//
// What is logged is the plain pop: `LPOP key`, `LPOP key <n popped>` for BLMPOP,
// `RPOPLPUSH src dst`, and for BLMOVE `LMOVE src dst <from> <to>` with the client's own
// words when served at once, or Redis's shared lower-case `left`/`right` when served after
// waiting. Served after waiting, BLPOP and BLMOVE count no change, as in Redis.

import QuillRESP
import QuillStore

extension ListCommands {
    static let blocking: [CommandSpec] = [
        CommandSpec("blpop", arity: -3, flags: [.write, .noscript, .blocking], keys: (1, -2, 1),
                    categories: ["write", "list", "slow", "blocking"], group: "list",
                    summary: "Remove and get the first element in a list, or block until one is available",
                    since: "2.0.0", handler: { blockingPop($0, front: true) }),
        CommandSpec("brpop", arity: -3, flags: [.write, .noscript, .blocking], keys: (1, -2, 1),
                    categories: ["write", "list", "slow", "blocking"], group: "list",
                    summary: "Remove and get the last element in a list, or block until one is available",
                    since: "2.0.0", handler: { blockingPop($0, front: false) }),
        CommandSpec("blmove", arity: 6, flags: [.write, .denyOOM, .noscript, .blocking], keys: (1, 2, 1),
                    categories: ["write", "list", "slow", "blocking"], group: "list",
                    summary: "Pop an element from a list, push it to another list and return it; or block until one is available",
                    since: "6.2.0", handler: blmove),
        CommandSpec("brpoplpush", arity: 4, flags: [.write, .denyOOM, .noscript, .blocking], keys: (1, 2, 1),
                    categories: ["write", "list", "slow", "blocking"], group: "list",
                    summary: "Pop an element from a list, push it to another list and return it; or block until one is available",
                    since: "2.2.0", handler: brpoplpush),
        CommandSpec("blmpop", arity: -5, flags: [.write, .blocking, .movableKeys], keys: (0, 0, 0),
                    categories: ["write", "list", "slow", "blocking"], group: "list",
                    summary: "Pop elements from a list, or block until one is available", since: "7.0.0",
                    handler: blmpop),
    ]

    static let lmoveWord = Array("LMOVE".utf8)
    static let rpoplpushWord = Array("RPOPLPUSH".utf8)
    static let leftWord = Array("left".utf8)
    static let rightWord = Array("right".utf8)

    static func blockingPop(_ c: CommandContext, front: Bool) {
        guard let deadline = BlockingTimeout.parse(c, c.args.count - 1) else { return }
        FirstKeyPop.popOrBlock(c, keys: (1..<(c.args.count - 1)).map { c.key($0) }, waitingFor: .list,
                               deadline: deadline, presence: { writableList(c, $0) }) { receiver, key, served in
            popOne(receiver, key, front: front, served: served)
        }
    }

    /// Pops one element and replies [key, element].
    static func popOne(_ c: CommandContext, _ key: Key, front: Bool, served: Bool) {
        guard let element = editList(c, key, { front ? $0.popFront() : $0.popBack() }) ?? nil else { return }
        if !served { recordChange(c, key, changes: 1) }
        c.logEffect([front ? EffectWords.lpop : EffectWords.rpop, key.bytes])
        c.reply { out in
            out.arrayHeader(2)
            out.bulk(key.bytes)
            out.bulk(element)
        }
    }

    static func blmove(_ c: CommandContext) {
        guard let fromFront = end(c, 3), let toFront = end(c, 4),
              let deadline = BlockingTimeout.parse(c, 5) else { return }
        blockingMove(c, fromFront: fromFront, toFront: toFront, deadline: deadline, asRPopLPush: false)
    }

    static func brpoplpush(_ c: CommandContext) {
        guard let deadline = BlockingTimeout.parse(c, 3) else { return }
        blockingMove(c, fromFront: false, toFront: true, deadline: deadline, asRPopLPush: true)
    }

    /// The source is checked first: a missing source blocks whatever the destination holds;
    /// a destination of another type is found when the move is attempted, and then the
    /// waiting client gets WRONGTYPE and nothing moves.
    static func blockingMove(_ c: CommandContext, fromFront: Bool, toFront: Bool, deadline: BlockingDeadline,
                             asRPopLPush: Bool) {
        let source = c.key(1), destination = c.key(2)
        switch writableList(c, source) {
        case .wrongType:
            return
        case .present:
            if move(c, fromFront: fromFront, toFront: toFront) {
                c.logEffect(asRPopLPush ? [rpoplpushWord, source.bytes, destination.bytes]
                                        : [lmoveWord, source.bytes, destination.bytes, c.args[3], c.args[4]])
            }
            return
        case .missing:
            break
        }
        guard c.engine.mayBlock else {
            c.null()
            return
        }
        c.engine.block(c, on: [source], waitingFor: .list, deadline: deadline) { receiver, _ in
            guard move(receiver, fromFront: fromFront, toFront: toFront, served: true) else { return }
            receiver.logEffect(asRPopLPush ? [rpoplpushWord, source.bytes, destination.bytes]
                                           : [lmoveWord, source.bytes, destination.bytes,
                                              fromFront ? leftWord : rightWord, toFront ? leftWord : rightWord])
        }
    }

    static func blmpop(_ c: CommandContext) {
        guard let arguments = MultiPopArguments(c, numkeysIndex: 2, ends: ends),
              let deadline = BlockingTimeout.parse(c, 1) else { return }
        FirstKeyPop.popOrBlock(c, keys: arguments.keys, waitingFor: .list, deadline: deadline,
                               presence: { writableList(c, $0) }) { receiver, key, _ in
            popRange(receiver, key, front: arguments.end, count: arguments.count)
        }
    }
}
