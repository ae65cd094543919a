// Replays replies kept as data (CommandDocsData, CommandKeySpecsData): tab-separated tokens,
// each a RESP3 type prefix and a value, written through RESPWriter so a RESP2 client gets
// arrays where a RESP3 client gets maps and sets.

import QuillRESP

enum RecordedReply {
    /// Lines of `name<TAB>token<TAB>token…`, indexed by name.
    static func index(_ text: String) -> [String: [Substring]] {
        var byName: [String: [Substring]] = [:]
        for line in text.split(separator: "\n") {
            let tokens = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard let name = tokens.first else { continue }
            byName[String(name)] = Array(tokens.dropFirst())
        }
        return byName
    }

    /// Writes the values `tokens[start...]` describe; returns the index after the last one used.
    @discardableResult
    static func write(_ tokens: [Substring], from start: Int, count: Int, _ out: inout RESPWriter) -> Int {
        var i = start
        for _ in 0..<count { i = writeOne(tokens, at: i, &out) }
        return i
    }

    private static func writeOne(_ tokens: [Substring], at i: Int, _ out: inout RESPWriter) -> Int {
        let token = tokens[i]
        let body = String(token.dropFirst())
        switch token.first {
        case "$": out.bulk(body)
        case "+": out.simpleString(body)
        case ":": out.integer(Int(body) ?? 0)
        case "*":
            let n = Int(body) ?? 0
            out.arrayHeader(n)
            return write(tokens, from: i + 1, count: n, &out)
        case "~":
            let n = Int(body) ?? 0
            out.setHeader(n)
            return write(tokens, from: i + 1, count: n, &out)
        case "%":
            let n = Int(body) ?? 0
            out.mapHeader(n)
            return write(tokens, from: i + 1, count: 2 * n, &out)
        default: out.null()
        }
        return i + 1
    }
}

/// A recorded value read back as a tree, for code that must look inside one (key spec flags).
indirect enum RecordedValue {
    case text(String)
    case integer(Int)
    case list([RecordedValue])
    case map([(String, RecordedValue)])

    /// The value under `key` in a map.
    subscript(key: String) -> RecordedValue? {
        guard case .map(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    var text: String? { if case .text(let s) = self { return s } else { return nil } }
    var integer: Int? { if case .integer(let n) = self { return n } else { return nil } }
    var list: [RecordedValue] { if case .list(let items) = self { return items } else { return [] } }

    /// Parses the value starting at `tokens[i]`; returns it and the index after it.
    static func parse(_ tokens: [Substring], at i: Int) -> (RecordedValue, Int) {
        let token = tokens[i]
        let body = token.dropFirst()
        switch token.first {
        case "$", "+": return (.text(String(body)), i + 1)
        case ":": return (.integer(Int(body) ?? 0), i + 1)
        case "*", "~":
            var items: [RecordedValue] = []
            var next = i + 1
            for _ in 0..<(Int(body) ?? 0) {
                let (item, after) = parse(tokens, at: next)
                items.append(item)
                next = after
            }
            return (.list(items), next)
        case "%":
            var pairs: [(String, RecordedValue)] = []
            var next = i + 1
            for _ in 0..<(Int(body) ?? 0) {
                let (key, afterKey) = parse(tokens, at: next)
                let (value, afterValue) = parse(tokens, at: afterKey)
                pairs.append((key.text ?? "", value))
                next = afterValue
            }
            return (.map(pairs), next)
        default: return (.text(""), i + 1)
        }
    }
}
