// SORT and SORT_RO (sort.c): the elements of a list, set or sorted set, ordered as numbers
// (strtod, so an element that is not a whole number fails the command) or byte-wise with
// ALPHA, optionally by the values of other keys named by a BY pattern, then cut by LIMIT,
// mapped through GET patterns and either replied or stored as a list. A BY pattern without
// `*` means "do not sort": lists and sorted sets keep their own order (DESC walks it
// backwards), a set keeps its iteration order, except with STORE, where Redis sorts the set
// ALPHA so that what is stored (and replicated) does not depend on the hash table.

import QuillRESP
import QuillStore

enum SortCommands {
    static let all: [CommandSpec] = [
        CommandSpec("sort", arity: -2, flags: [.write, .denyOOM, .movableKeys], keys: (1, 1, 1),
                    categories: ["write", "set", "sortedset", "list", "slow", "dangerous"], group: "generic",
                    summary: "Sort the elements in a list, set or sorted set", since: "1.0.0") {
            sort($0, readOnly: false)
        },
        CommandSpec("sort_ro", arity: -2, flags: [.readonly, .movableKeys], keys: (1, 1, 1),
                    categories: ["read", "set", "sortedset", "list", "slow", "dangerous"], group: "generic",
                    summary: "Sort the elements in a list, set or sorted set. Read-only variant of SORT.",
                    since: "7.0.0") {
            sort($0, readOnly: true)
        },
    ]

    struct Options {
        var descending = false
        var alpha = false
        var limitStart = 0
        var limitCount = -1
        var by: [UInt8]?
        /// Set by any BY pattern without `*`, and kept even if a later BY has one, as in Redis.
        var dontSort = false
        var gets: [[UInt8]] = []
        var store: Key?
    }

    /// The options after the key, in any order, later ones overriding earlier ones; nil after
    /// replying a syntax error or a bad LIMIT number. SORT_RO does not know STORE.
    static func options(_ c: CommandContext, readOnly: Bool) -> Options? {
        var options = Options()
        var j = 2
        while j < c.args.count {
            let left = c.args.count - j - 1
            switch c.option(j) {
            case "asc":
                options.descending = false
            case "desc":
                options.descending = true
            case "alpha":
                options.alpha = true
            case "limit" where left >= 2:
                guard let start = c.integerArgument(j + 1), let count = c.integerArgument(j + 2) else { return nil }
                options.limitStart = start
                options.limitCount = count
                j += 2
            case "store" where !readOnly && left >= 1:
                options.store = c.key(j + 1)
                j += 1
            case "by" where left >= 1:
                options.by = c.args[j + 1]
                if !cString(c.args[j + 1]).contains(UInt8(ascii: "*")) { options.dontSort = true }
                j += 1
            case "get" where left >= 1:
                options.gets.append(c.args[j + 1])
                j += 1
            default:
                c.syntaxError()
                return nil
            }
            j += 1
        }
        return options
    }

    /// One element being sorted with what it is compared by.
    private struct Item {
        let element: [UInt8]
        var score = 0.0
        var alphaKey: [UInt8]?
    }

    static func sort(_ c: CommandContext, readOnly: Bool) {
        guard var options = options(c, readOnly: readOnly) else { return }
        var elements: [[UInt8]]
        var isSet = false
        switch c.lookupRead(c.key(1)) {
        case nil:
            elements = []
        case .list(let list):
            elements = Array(list.elements)
        case .set(let set):
            elements = set.orderedMembers.map(\.bytes)
            isSet = true
        case .sortedSet(let zset):
            elements = zset.isEmpty ? [] : zset.elements(in: 0...(zset.count - 1)).map(\.member)
        default:
            return c.wrongType()
        }

        var dontSort = options.dontSort
        if dontSort && isSet && options.store != nil {
            dontSort = false
            options.alpha = true
            options.by = nil
        }

        // LIMIT clamped as Redis does, including its empty range when the offset is past the end.
        let total = elements.count
        var start = min(max(options.limitStart, 0), total)
        let count = min(max(options.limitCount, -1), total)
        var end = count < 0 ? total - 1 : start + count - 1
        if start >= total {
            start = total - 1
            end = total - 2
        }
        end = min(end, total - 1)

        if dontSort {
            if options.descending && !isSet { elements.reverse() }
        } else {
            guard let sorted = sorted(c, elements, options) else { return }
            elements = sorted
        }
        let selected = start <= end ? elements[start...end] : []

        var output: [[UInt8]?] = []
        if options.gets.isEmpty {
            output = selected.map { $0 }
        } else {
            output.reserveCapacity(selected.count * options.gets.count)
            for element in selected {
                for pattern in options.gets { output.append(lookup(c, pattern: pattern, element: element)) }
            }
        }

        guard let destination = options.store else {
            return c.reply { out in
                out.arrayHeader(output.count)
                for value in output {
                    if let value { out.bulk(value) } else { out.null() }
                }
            }
        }
        if output.isEmpty {
            if c.deleteKey(destination) { c.notify(.generic, "del", destination) }
        } else {
            c.setKey(destination, .list(ListValue(output.map { $0 ?? [] })))
            c.notify(.list, "sortstore", destination)
            // Redis counts one change per stored element, not one for the key.
            c.engine.addDirty(output.count - 1)
        }
        c.integer(output.count)
    }

    /// The elements in sorted order, or nil after replying that a score is not a number.
    /// Every BY key is looked up before the error is known, as Redis does.
    private static func sorted(_ c: CommandContext, _ elements: [[UInt8]], _ options: Options) -> [[UInt8]]? {
        var items = elements.map { Item(element: $0) }
        var notNumber = false
        for index in items.indices {
            let compared: [UInt8]
            if let by = options.by {
                guard let found = lookup(c, pattern: by, element: items[index].element) else { continue }
                compared = found
            } else {
                compared = items[index].element
            }
            if options.alpha {
                if options.by != nil { items[index].alphaKey = compared }
            } else if let score = sortScore(compared) {
                items[index].score = score
            } else {
                notNumber = true
            }
        }
        if notNumber {
            c.error("ERR One or more scores can't be converted into double")
            return nil
        }
        let byPattern = options.by != nil
        let sign = options.descending ? -1 : 1
        items.sort { compare($0, $1, alpha: options.alpha, byPattern: byPattern) * sign < 0 }
        return items.map(\.element)
    }

    /// sortCompare: numbers with ties broken by the elements' bytes; ALPHA by the BY values
    /// (a missing one first) or by the elements themselves.
    private static func compare(_ a: Item, _ b: Item, alpha: Bool, byPattern: Bool) -> Int {
        if !alpha {
            if a.score != b.score { return a.score < b.score ? -1 : 1 }
            return compareBytes(a.element, b.element)
        }
        guard byPattern else { return compareBytes(a.element, b.element) }
        switch (a.alphaKey, b.alphaKey) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case (let x?, let y?): return compareBytes(x, y)
        }
    }

    private static func compareBytes(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a == b { return 0 }
        return a.lexicographicallyPrecedes(b) ? -1 : 1
    }

    /// An element or BY value as a number: strtod over the text up to its first NUL, which
    /// must all be read; overflow, underflow and NaN are refused. Empty text is 0.
    static func sortScore(_ bytes: [UInt8]) -> Double? {
        let text = cString(bytes)
        guard let (value, consumed, rangeError) = ScoreText.readDouble(text),
              consumed == text.count, !rangeError, !value.isNaN else { return nil }
        return value
    }

    /// The bytes C string functions see: everything before the first NUL.
    private static func cString(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        bytes[..<(bytes.firstIndex(of: 0) ?? bytes.count)]
    }

    /// lookupKeyByPattern: "#" is the element itself; otherwise the first `*` is replaced by
    /// the element to name a key, whose string value is returned, or with `->field` after
    /// the `*`, that field of the hash there. A pattern without `*`, a missing key or field
    /// and a key of another type give nil.
    static func lookup(_ c: CommandContext, pattern: [UInt8], element: [UInt8]) -> [UInt8]? {
        let text = cString(pattern)
        if text.count == 1 && text.first == UInt8(ascii: "#") { return element }
        guard let star = text.firstIndex(of: UInt8(ascii: "*")) else { return nil }
        var keyEnd = pattern.count
        var field: [UInt8]?
        if let arrow = arrowIndex(in: text[(star + 1)...]), arrow + 2 < text.endIndex {
            keyEnd = arrow
            field = Array(pattern[(arrow + 2)...])
        }
        let name = Array(pattern[..<star]) + element + pattern[(star + 1)..<keyEnd]
        switch c.lookupRead(Key(name)) {
        case .hash(let hash)? where field != nil:
            return hash[Key(field!)]?.bytes
        case .string(let value)? where field == nil:
            return value.bytes
        default:
            return nil
        }
    }

    private static func arrowIndex(in text: ArraySlice<UInt8>) -> Int? {
        var i = text.startIndex
        while i + 1 < text.endIndex {
            if text[i] == UInt8(ascii: "-") && text[i + 1] == UInt8(ascii: ">") { return i }
            i += 1
        }
        return nil
    }

    /// The keys COMMAND GETKEYS finds in a SORT or SORT_RO line (sortGetKeys, sortROGetKeys):
    /// the sorted key, and for SORT the destination of the last STORE. The arguments of LIMIT,
    /// BY and GET are skipped, so they are never taken for STORE.
    static func keys(in command: [[UInt8]], readOnly: Bool) -> [KeySpecSearch.Found] {
        var found = [KeySpecSearch.Found(position: 1, flags: ["RO", "access"])]
        guard !readOnly else { return found }
        var store: Int?
        var i = 2
        while i < command.count {
            switch String(decoding: command[i].map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 32 : $0 }, as: UTF8.self) {
            case "limit": i += 2
            case "get", "by": i += 1
            case "store" where i + 1 < command.count: store = i + 1
            default: break
            }
            i += 1
        }
        if let store { found.append(KeySpecSearch.Found(position: store, flags: ["OW", "update"])) }
        return found
    }
}
