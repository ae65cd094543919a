// Finds the keys of a command line from Redis 7.0 key specs (db.c getKeysUsingKeySpecs), for
// COMMAND GETKEYS and GETKEYSANDFLAGS: each spec first finds where its keys begin (a fixed
// index, or just after a keyword searched from a given position), then which arguments
// from there are keys (a range with a step, or a count read from the arguments).

import QuillRESP

enum KeySpecSearch {
    struct Found {
        let position: Int
        let flags: [String]
    }

    /// The keys the specs find, in spec order; nil when a spec does not fit the arguments
    /// (out-of-bounds range, bad key count), which Redis treats as invalid arguments.
    static func keys(_ specs: [RecordedValue], arguments: [[UInt8]]) -> [Found]? {
        let argc = arguments.count
        var found: [Found] = []
        for spec in specs {
            let flags = spec["flags"]?.list.compactMap(\.text) ?? []
            if flags.contains("not_key") { continue }
            guard let begin = spec["begin_search"], let find = spec["find_keys"] else { return nil }
            var first = 0
            switch begin["type"]?.text {
            case "index":
                first = begin["spec"]?["index"]?.integer ?? 0
            case "keyword":
                guard let keyword = begin["spec"]?["keyword"]?.text.map({ Array($0.lowercased().utf8) }),
                      let startFrom = begin["spec"]?["startfrom"]?.integer else { return nil }
                first = keywordEnd(keyword, startFrom: startFrom, arguments: arguments)
                if first == 0 { continue }
            default:
                return nil
            }
            var last: Int
            var step: Int
            switch find["type"]?.text {
            case "range":
                guard let lastKey = find["spec"]?["lastkey"]?.integer, let keyStep = find["spec"]?["keystep"]?.integer,
                      let limit = find["spec"]?["limit"]?.integer else { return nil }
                step = keyStep
                if lastKey >= 0 {
                    last = first + lastKey
                } else if limit == 0 {
                    last = argc + lastKey
                } else {
                    last = first + ((argc - first) / limit + lastKey)
                }
            case "keynum":
                guard let index = find["spec"]?["keynumidx"]?.integer, let firstKey = find["spec"]?["firstkey"]?.integer,
                      let keyStep = find["spec"]?["keystep"]?.integer, index < argc - first,
                      let count = DecimalParser.int(arguments[first + index]), count >= 0 else { return nil }
                step = keyStep
                first += firstKey
                last = first + count - 1
            default:
                return nil
            }
            if last >= argc || last < first || first >= argc { return nil }
            for position in stride(from: first, through: last, by: max(step, 1)) {
                found.append(Found(position: position, flags: flags))
            }
        }
        return found
    }

    /// One past the position of `keyword`, searched forwards from `startFrom` (or backwards
    /// from the end when negative); 0 when absent.
    private static func keywordEnd(_ keyword: [UInt8], startFrom: Int, arguments: [[UInt8]]) -> Int {
        let argc = arguments.count
        let start = startFrom > 0 ? startFrom : argc + startFrom
        let end = startFrom > 0 ? argc - 1 : 0
        var i = start
        while i != end {
            if i >= argc || i < 1 { break }
            if arguments[i].map({ ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 32 : $0 }) == keyword { return i + 1 }
            i += start <= end ? 1 : -1
        }
        return 0
    }
}
