// Popping from one list and pushing onto another (LMOVE, RPOPLPUSH), and popping from the
// first non-empty list of several (LMPOP): the non-blocking halves of BLMOVE, BRPOPLPUSH
// and BLMPOP.
//
// LMOVE checks the source first: a missing source answers null whatever the destination
// holds, but a destination of another type is refused before anything is popped. Source
// and destination may be the same key, which rotates the list. The move counts as one
// change, as in lmoveGenericCommand.

import QuillRESP
import QuillStore

extension ListCommands {
    static let moves: [CommandSpec] = [
        CommandSpec("lmove", arity: 5, flags: [.write, .denyOOM], keys: (1, 2, 1),
                    categories: ["write", "list", "slow"], group: "list",
                    summary: "Pop an element from a list, push it to another list and return it", since: "6.2.0",
                    handler: lmove),
        CommandSpec("rpoplpush", arity: 3, flags: [.write, .denyOOM], keys: (1, 2, 1),
                    categories: ["write", "list", "slow"], group: "list",
                    summary: "Remove the last element in a list, prepend it to another list and return it",
                    since: "1.2.0", handler: { move($0, fromFront: false, toFront: true) }),
        CommandSpec("lmpop", arity: -4, flags: [.write, .movableKeys], keys: (0, 0, 0),
                    categories: ["write", "list", "slow"], group: "list",
                    summary: "Pop elements from a list", since: "7.0.0", handler: lmpop),
    ]

    static func lmove(_ c: CommandContext) {
        guard let fromFront = end(c, 3), let toFront = end(c, 4) else { return }
        move(c, fromFront: fromFront, toFront: toFront)
    }

    /// Moves one element from the list at argument 1 to the list at argument 2 and replies
    /// it; returns whether it moved one. A blocked BLMOVE `served` after waiting does not
    /// count the change, as serveClientBlockedOnList does not.
    @discardableResult
    static func move(_ c: CommandContext, fromFront: Bool, toFront: Bool, served: Bool = false) -> Bool {
        let source = c.key(1), destination = c.key(2)
        switch writableList(c, source) {
        case .missing:
            c.null()
            return false
        case .wrongType:
            return false
        case .present:
            break
        }
        if case .wrongType = writableList(c, destination) { return false }
        guard let element = editList(c, source, { fromFront ? $0.popFront() : $0.popBack() }) ?? nil else {
            c.null()
            return false
        }
        // Moving the only element of a list onto the same list deleted the key just above.
        if c.engine.keyspace.databases[c.db].entry(destination) != nil {
            _ = editList(c, destination) { toFront ? $0.pushFront(element) : $0.pushBack(element) }
        } else {
            if source != destination { c.notify(.new, "new", destination) }
            addList(c, destination, ListValue([element]))
        }
        c.notify(.list, toFront ? "lpush" : "rpush", destination)
        c.notifyRemoval(.list, fromFront ? "lpop" : "rpop", source)
        c.engine.keyModified(c.db, destination)
        recordChange(c, source, changes: served ? 0 : 1)
        c.bulk(element)
        return true
    }

    static func lmpop(_ c: CommandContext) {
        guard let arguments = MultiPopArguments(c, numkeysIndex: 1, ends: ends) else { return }
        FirstKeyPop.popOrBlock(c, keys: arguments.keys, waitingFor: .list, deadline: nil,
                               presence: { writableList(c, $0) }) { c, key, _ in
            popRange(c, key, front: arguments.end, count: arguments.count)
        }
    }

    /// Pops up to `count` elements from the list at `key` and replies them under the key's
    /// name (listPopRangeAndReplyWithKey); logged as the plain pop with the number taken.
    static func popRange(_ c: CommandContext, _ key: Key, front: Bool, count: Int) {
        let popped = editList(c, key) { popElements(&$0, count: count, front: front) } ?? []
        recordChange(c, key, changes: popped.count)
        c.logEffect([front ? EffectWords.lpop : EffectWords.rpop, key.bytes, EffectWords.decimal(popped.count)])
        c.notifyRemoval(.list, front ? "lpop" : "rpop", key)
        c.reply { out in
            out.arrayHeader(2)
            out.bulk(key.bytes)
            out.arrayHeader(popped.count)
            for element in popped { out.bulk(element) }
        }
    }
}
