// Adding and taking elements at the ends of a list: LPUSH, RPUSH, their -X variants that
// only touch an existing list, LPOP and RPOP with their optional count, and LLEN.
//
// The null replies follow popGenericCommand: without a count a missing key is a null bulk,
// with a count it is a null array (both `_` in RESP3), and a count of 0 on an existing list
// is an empty array. The count is checked before the key, so a bad count wins over a
// missing key or a wrong type.

import QuillRESP
import QuillStore

extension ListCommands {
    static let pushAndPop: [CommandSpec] = [
        CommandSpec("lpush", arity: -3, flags: [.write, .denyOOM, .fast], keys: (1, 1, 1),
                    categories: ["write", "list", "fast"], group: "list",
                    summary: "Prepend one or multiple elements to a list",
                    handler: { push($0, front: true, onlyIfExists: false) }),
        CommandSpec("rpush", arity: -3, flags: [.write, .denyOOM, .fast], keys: (1, 1, 1),
                    categories: ["write", "list", "fast"], group: "list",
                    summary: "Append one or multiple elements to a list",
                    handler: { push($0, front: false, onlyIfExists: false) }),
        CommandSpec("lpushx", arity: -3, flags: [.write, .denyOOM, .fast], keys: (1, 1, 1),
                    categories: ["write", "list", "fast"], group: "list",
                    summary: "Prepend an element to a list, only if the list exists", since: "2.2.0",
                    handler: { push($0, front: true, onlyIfExists: true) }),
        CommandSpec("rpushx", arity: -3, flags: [.write, .denyOOM, .fast], keys: (1, 1, 1),
                    categories: ["write", "list", "fast"], group: "list",
                    summary: "Append an element to a list, only if the list exists", since: "2.2.0",
                    handler: { push($0, front: false, onlyIfExists: true) }),
        CommandSpec("lpop", arity: -2, flags: [.write, .fast], keys: (1, 1, 1),
                    categories: ["write", "list", "fast"], group: "list",
                    summary: "Remove and get the first elements in a list",
                    handler: { pop($0, front: true) }),
        CommandSpec("rpop", arity: -2, flags: [.write, .fast], keys: (1, 1, 1),
                    categories: ["write", "list", "fast"], group: "list",
                    summary: "Remove and get the last elements in a list",
                    handler: { pop($0, front: false) }),
        CommandSpec("llen", arity: 2, flags: [.readonly, .fast], keys: (1, 1, 1),
                    categories: ["read", "list", "fast"], group: "list",
                    summary: "Get the length of a list", handler: llen),
    ]

    static func push(_ c: CommandContext, front: Bool, onlyIfExists: Bool) {
        let key = c.key(1)
        let elements = c.args[2...]
        c.engine.expireIfNeeded(c.db, key)
        let pushed = c.editStored(key, as: ListValue.self) { list -> Int in
            for element in elements {
                if front { list.pushFront(element) } else { list.pushBack(element) }
            }
            return list.count
        }
        switch pushed {
        case .wrongType:
            return c.wrongType()
        case .missing:
            if onlyIfExists {
                c.integer(0)
                return
            }
            var list = ListValue()
            for element in elements {
                if front { list.pushFront(element) } else { list.pushBack(element) }
            }
            c.notify(.new, "new", key)
            addList(c, key, list)
            c.integer(list.count)
        case .edited(let length):
            c.integer(length)
        }
        c.notify(.list, front ? "lpush" : "rpush", key)
        recordChange(c, key, changes: elements.count)
    }

    static func pop(_ c: CommandContext, front: Bool) {
        guard c.args.count <= 3 else {
            c.error(ErrorReplies.wrongArity(front ? "lpop" : "rpop"))
            return
        }
        var count: Int?
        if c.args.count == 3 {
            guard let n = DecimalParser.int(c.args[2]), n >= 0 else {
                c.error(ListErrors.mustBePositive)
                return
            }
            count = n
        }
        let key = c.key(1)
        switch writableList(c, key) {
        case .wrongType:
            return
        case .missing:
            c.reply { out in
                if count == nil { out.null() } else { out.nullArray() }
            }
        case .present:
            guard let count else {
                let element = editList(c, key) { list in front ? list.popFront() : list.popBack() } ?? nil
                recordChange(c, key, changes: 1)
                c.notifyRemoval(.list, front ? "lpop" : "rpop", key)
                c.bulk(element ?? [])
                return
            }
            guard count > 0 else {
                c.reply { $0.arrayHeader(0) }
                return
            }
            let popped = editList(c, key) { list in popElements(&list, count: count, front: front) } ?? []
            recordChange(c, key, changes: popped.count)
            c.notifyRemoval(.list, front ? "lpop" : "rpop", key)
            replyElements(c, popped)
        }
    }

    /// Pops up to `count` elements from one end, in the order they leave the list.
    static func popElements(_ list: inout ListValue, count: Int, front: Bool) -> [[UInt8]] {
        var popped: [[UInt8]] = []
        popped.reserveCapacity(min(count, list.count))
        while popped.count < count, let element = front ? list.popFront() : list.popBack() {
            popped.append(element)
        }
        return popped
    }

    static func llen(_ c: CommandContext) {
        switch readList(c, c.key(1)) {
        case .missing: c.integer(0)
        case .found(let list): c.integer(list.count)
        case .wrongType: break
        }
    }
}
