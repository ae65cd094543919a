// Reading and changing a list by position or by value: LRANGE, LINDEX, LSET, LREM, LTRIM,
// LINSERT and LPOS. Indexes count from 0 at the head; negative ones count from the tail.
//
// Each handler checks its arguments in Redis's order, which decides the error a client sees
// when several apply: LRANGE, LREM and LTRIM parse their numbers before looking the key up,
// LINDEX and LSET look the key up first, LINSERT checks BEFORE|AFTER first.

import QuillRESP
import QuillStore

extension ListCommands {
    static let indexed: [CommandSpec] = [
        CommandSpec("lrange", arity: 4, flags: [.readonly], keys: (1, 1, 1),
                    categories: ["read", "list", "slow"], group: "list",
                    summary: "Get a range of elements from a list", handler: lrange),
        CommandSpec("lindex", arity: 3, flags: [.readonly], keys: (1, 1, 1),
                    categories: ["read", "list", "slow"], group: "list",
                    summary: "Get an element from a list by its index", handler: lindex),
        CommandSpec("lset", arity: 4, flags: [.write, .denyOOM], keys: (1, 1, 1),
                    categories: ["write", "list", "slow"], group: "list",
                    summary: "Set the value of an element in a list by its index", handler: lset),
        CommandSpec("lrem", arity: 4, flags: [.write], keys: (1, 1, 1),
                    categories: ["write", "list", "slow"], group: "list",
                    summary: "Remove elements from a list", handler: lrem),
        CommandSpec("ltrim", arity: 4, flags: [.write], keys: (1, 1, 1),
                    categories: ["write", "list", "slow"], group: "list",
                    summary: "Trim a list to the specified range", handler: ltrim),
        CommandSpec("linsert", arity: 5, flags: [.write, .denyOOM], keys: (1, 1, 1),
                    categories: ["write", "list", "slow"], group: "list",
                    summary: "Insert an element before or after another element in a list", since: "2.2.0",
                    handler: linsert),
        CommandSpec("lpos", arity: -3, flags: [.readonly], keys: (1, 1, 1),
                    categories: ["read", "list", "slow"], group: "list",
                    summary: "Return the index of matching elements on a list", since: "6.0.6",
                    handler: lpos),
    ]

    static func lrange(_ c: CommandContext) {
        guard let start = c.integerArgument(2), let end = c.integerArgument(3) else { return }
        switch readList(c, c.key(1)) {
        case .missing:
            c.reply { $0.arrayHeader(0) }
        case .found(let list):
            guard let offsets = list.offsets(start: start, end: end) else {
                c.reply { $0.arrayHeader(0) }
                return
            }
            replyElements(c, list.elements[offsets])
        case .wrongType:
            break
        }
    }

    static func lindex(_ c: CommandContext) {
        switch readList(c, c.key(1)) {
        case .missing:
            c.null()
        case .found(let list):
            guard let index = c.integerArgument(2) else { return }
            if let offset = list.offset(ofIndex: index) { c.bulk(list[offset]) } else { c.null() }
        case .wrongType:
            break
        }
    }

    static func lset(_ c: CommandContext) {
        let key = c.key(1)
        switch writableList(c, key) {
        case .missing:
            c.error(ErrorReplies.noSuchKey)
        case .present:
            guard let index = c.integerArgument(2) else { return }
            let element = c.args[3]
            let replaced = editList(c, key) { list -> Bool in
                guard let offset = list.offset(ofIndex: index) else { return false }
                list[offset] = element
                return true
            } ?? false
            guard replaced else {
                c.error(ListErrors.indexOutOfRange)
                return
            }
            recordChange(c, key, changes: 1)
            c.notify(.list, "lset", key)
            c.ok()
        case .wrongType:
            break
        }
    }

    static func lrem(_ c: CommandContext) {
        guard let limit = c.integerArgument(2) else { return }
        let key = c.key(1)
        switch writableList(c, key) {
        case .missing:
            c.integer(0)
        case .present:
            let element = c.args[3]
            let removed = editList(c, key) { $0.remove(element, limit: limit) } ?? 0
            if removed > 0 { recordChange(c, key, changes: removed) }
            if removed > 0 { c.notifyRemoval(.list, "lrem", key) }
            c.integer(removed)
        case .wrongType:
            break
        }
    }

    static func ltrim(_ c: CommandContext) {
        guard let start = c.integerArgument(2), let end = c.integerArgument(3) else { return }
        let key = c.key(1)
        switch writableList(c, key) {
        case .missing:
            c.ok()
        case .present:
            let removed = editList(c, key) { $0.keep($0.offsets(start: start, end: end)) } ?? 0
            // Redis signals the key as modified even when nothing was trimmed.
            recordChange(c, key, changes: removed)
            c.notifyRemoval(.list, "ltrim", key)
            c.ok()
        case .wrongType:
            break
        }
    }

    static func linsert(_ c: CommandContext) {
        let after: Bool
        switch c.option(2) {
        case "after": after = true
        case "before": after = false
        default:
            c.syntaxError()
            return
        }
        let key = c.key(1)
        switch writableList(c, key) {
        case .missing:
            c.integer(0)
        case .present:
            let pivot = c.args[3], element = c.args[4]
            let length = editList(c, key) { list -> Int? in
                list.insert(element, after: after, pivot: pivot) ? list.count : nil
            } ?? nil
            guard let length else {
                c.integer(-1)
                return
            }
            recordChange(c, key, changes: 1)
            c.notify(.list, "linsert", key)
            c.integer(length)
        case .wrongType:
            break
        }
    }

    static func lpos(_ c: CommandContext) {
        var rank = 1, count: Int?, maxlen = 0
        var i = 3
        while i < c.args.count {
            let hasValue = i + 1 < c.args.count
            switch c.option(i) {
            case "rank" where hasValue:
                guard let n = c.integerArgument(i + 1) else { return }
                guard n != 0 else {
                    c.error(ListErrors.rankZero)
                    return
                }
                rank = n
            case "count" where hasValue:
                guard let n = DecimalParser.int(c.args[i + 1]), n >= 0 else {
                    c.error(ListErrors.countNegative)
                    return
                }
                count = n
            case "maxlen" where hasValue:
                guard let n = DecimalParser.int(c.args[i + 1]), n >= 0 else {
                    c.error(ListErrors.maxlenNegative)
                    return
                }
                maxlen = n
            default:
                c.syntaxError()
                return
            }
            i += 2
        }
        switch readList(c, c.key(1)) {
        case .missing:
            if count == nil { c.null() } else { c.reply { $0.arrayHeader(0) } }
        case .found(let list):
            let matches = positions(of: c.args[2], in: list, rank: rank, count: count, maxlen: maxlen)
            if count != nil {
                c.reply { out in
                    out.arrayHeader(matches.count)
                    for index in matches { out.integer(index) }
                }
            } else if let index = matches.first {
                c.integer(index)
            } else {
                c.null()
            }
        case .wrongType:
            break
        }
    }

    /// The indexes LPOS reports, following lposCommand's loop: scan from the head for a
    /// positive rank, from the tail for a negative one, skip the first |rank|-1 matches,
    /// stop after `count` matches (all for 0; one when there is no COUNT) or after `maxlen`
    /// elements compared (no limit for 0). Redis negates the rank and counts with C's
    /// wrapping arithmetic, so a rank of LLONG_MIN behaves there as "every match from the
    /// tail"; the same wrapping operators reproduce that here.
    static func positions(of element: [UInt8], in list: ListValue, rank: Int, count: Int?,
                          maxlen: Int) -> [Int] {
        let fromTail = rank < 0
        let skipTo = fromTail ? 0 &- rank : rank
        let length = list.count
        var found: [Int] = []
        var matches = 0
        var scanned = 0
        while scanned < length && (maxlen == 0 || scanned < maxlen) {
            let offset = fromTail ? length - 1 - scanned : scanned
            if list[offset] == element {
                matches += 1
                if matches >= skipTo {
                    found.append(offset)
                    guard let count else { break }
                    if count != 0 && matches &- skipTo &+ 1 >= count { break }
                }
            }
            scanned += 1
        }
        return found
    }
}
