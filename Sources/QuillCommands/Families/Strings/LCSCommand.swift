// LCS: the longest common subsequence of two strings, by the textbook dynamic programming
// table, as Redis 7 computes it. Which of several equally long subsequences is returned,
// and how IDX splits it into matching ranges, follow from walking the table back from the
// end preferring to drop a byte of the second string on ties, exactly as Redis walks it.
// The table takes (len1+1)·(len2+1)·4 bytes, and Redis refuses a table larger than
// proto-max-bulk-len.

import QuillRESP
import QuillStore

extension StringCommands {
    static let lcsSpec = CommandSpec(
        "lcs", arity: -3, flags: [.readonly], keys: (1, 2, 1),
        categories: ["read", "string", "slow"], group: "string",
        summary: "Find longest common substring", since: "7.0.0", handler: lcs)

    static func lcs(_ c: CommandContext) {
        let first = c.lookupRead(c.key(1))
        let second = c.lookupRead(c.key(2))
        guard let a = stringOrEmpty(first), let b = stringOrEmpty(second) else {
            return c.error(StringErrors.lcsNotStrings)
        }
        var wantLength = false
        var wantIndexes = false
        var withMatchLength = false
        var minimumMatchLength = 0
        var i = 3
        while i < c.args.count {
            switch c.option(i) {
            case "idx": wantIndexes = true
            case "len": wantLength = true
            case "withmatchlen": withMatchLength = true
            case "minmatchlen" where i + 1 < c.args.count:
                i += 1
                guard let n = c.integerArgument(i) else { return }
                minimumMatchLength = max(n, 0)
            default:
                return c.syntaxError()
            }
            i += 1
        }
        if wantIndexes && wantLength { return c.error(StringErrors.lcsIdxAndLen) }
        if a.count >= Int(UInt32.max) - 1 || b.count >= Int(UInt32.max) - 1 { return c.error(StringErrors.lcsTooLong) }
        let (tableCells, overflow) = (a.count + 1).multipliedReportingOverflow(by: b.count + 1)
        if overflow || tableCells > c.engine.config.protoMaxBulkLength / 4 {
            return c.error(StringErrors.lcsExceedsLimit)
        }
        let result = LongestCommonSubsequence(a, b)
        if wantIndexes {
            let matches = result.matches.filter { minimumMatchLength == 0 || $0.length >= minimumMatchLength }
            c.reply { out in
                out.mapHeader(2)
                out.bulk("matches")
                out.arrayHeader(matches.count)
                for match in matches {
                    out.arrayHeader(withMatchLength ? 3 : 2)
                    out.arrayHeader(2)
                    out.integer(match.first.lowerBound)
                    out.integer(match.first.upperBound)
                    out.arrayHeader(2)
                    out.integer(match.second.lowerBound)
                    out.integer(match.second.upperBound)
                    if withMatchLength { out.integer(match.length) }
                }
                out.bulk("len")
                out.integer(result.length)
            }
        } else if wantLength {
            c.integer(result.length)
        } else {
            c.bulk(result.subsequence)
        }
    }

    /// A missing key reads as the empty string; nil for a value of another type.
    private static func stringOrEmpty(_ value: Value?) -> [UInt8]? {
        guard let value else { return [] }
        guard case .string(let string) = value else { return nil }
        return string.bytes
    }
}

/// The longest common subsequence of two byte strings and the runs it is made of.
struct LongestCommonSubsequence {
    /// One run of consecutive matching bytes: its inclusive ranges in each string.
    struct Match: Equatable {
        var first: ClosedRange<Int>
        var second: ClosedRange<Int>
        var length: Int { first.count }
    }

    let length: Int
    let subsequence: [UInt8]
    /// The runs from the end of the strings towards their start, as Redis lists them.
    let matches: [Match]

    init(_ a: [UInt8], _ b: [UInt8]) {
        let width = b.count + 1
        // table[i * width + j] is the LCS length of a[..<i] and b[..<j].
        var table = [UInt32](repeating: 0, count: (a.count + 1) * width)
        if !a.isEmpty && !b.isEmpty {
            for i in 1...a.count {
                for j in 1...b.count {
                    if a[i - 1] == b[j - 1] {
                        table[i * width + j] = table[(i - 1) * width + j - 1] + 1
                    } else {
                        table[i * width + j] = max(table[(i - 1) * width + j], table[i * width + j - 1])
                    }
                }
            }
        }
        length = Int(table[a.count * width + b.count])
        var subsequence = [UInt8](repeating: 0, count: length)
        var matches: [Match] = []
        var run: Match?
        var remaining = length
        var i = a.count
        var j = b.count
        while i > 0 && j > 0 {
            if a[i - 1] == b[j - 1] {
                remaining -= 1
                subsequence[remaining] = a[i - 1]
                if let current = run {
                    run = Match(first: (i - 1)...current.first.upperBound, second: (j - 1)...current.second.upperBound)
                } else {
                    run = Match(first: (i - 1)...(i - 1), second: (j - 1)...(j - 1))
                }
                i -= 1
                j -= 1
                if (i == 0 || j == 0), let current = run {
                    matches.append(current)
                    run = nil
                }
            } else {
                if table[(i - 1) * width + j] > table[i * width + j - 1] { i -= 1 } else { j -= 1 }
                if let current = run {
                    matches.append(current)
                    run = nil
                }
            }
        }
        self.subsequence = subsequence
        self.matches = matches
    }
}
