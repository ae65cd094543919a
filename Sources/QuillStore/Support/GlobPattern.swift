// Glob matching over bytes with the syntax of Redis's stringmatchlen() (util.c), used by
// KEYS, SCAN MATCH and, later, pattern subscriptions:
//
//     *  any run of bytes      ?  one byte      [abc] [^abc] [a-z]  a set     \x  a literal x
//
// Like Redis, a '*' that cannot match the rest of the subject stops the search instead of
// backtracking through every position, which keeps hostile patterns linear-ish.

public struct GlobPattern: Sendable {
    public let pattern: [UInt8]
    public let caseInsensitive: Bool

    public init(_ pattern: [UInt8], caseInsensitive: Bool = false) {
        self.pattern = pattern
        self.caseInsensitive = caseInsensitive
    }

    /// True when the pattern is `*`, which matches everything.
    public var matchesEverything: Bool { pattern == [UInt8(ascii: "*")] }

    public func matches(_ subject: [UInt8]) -> Bool {
        var skipLonger = false
        return pattern.withUnsafeBufferPointer { p in
            subject.withUnsafeBufferPointer { s in
                Self.match(p, 0, s, 0, caseInsensitive, &skipLonger, nesting: 0)
            }
        }
    }

    private static func lower(_ b: UInt8) -> UInt8 {
        (b >= 0x41 && b <= 0x5A) ? b + 32 : b
    }

    private static func match(_ p: UnsafeBufferPointer<UInt8>, _ pStart: Int,
                              _ s: UnsafeBufferPointer<UInt8>, _ sStart: Int,
                              _ nocase: Bool, _ skipLonger: inout Bool, nesting: Int) -> Bool {
        // Redis caps recursion the same way: a pattern this deep is refused as a non-match.
        if nesting > 1000 { return false }
        var pi = pStart
        var si = sStart
        while pi < p.count && si < s.count {
            switch p[pi] {
            case UInt8(ascii: "*"):
                while pi + 1 < p.count && p[pi + 1] == UInt8(ascii: "*") { pi += 1 }
                if pi + 1 == p.count { return true }
                while si < s.count {
                    if match(p, pi + 1, s, si, nocase, &skipLonger, nesting: nesting + 1) { return true }
                    if skipLonger { return false }
                    si += 1
                }
                skipLonger = true
                return false
            case UInt8(ascii: "?"):
                si += 1
            case UInt8(ascii: "["):
                pi += 1
                let negate = pi < p.count && p[pi] == UInt8(ascii: "^")
                if negate { pi += 1 }
                var matched = false
                while true {
                    if pi >= p.count { pi -= 1; break }
                    let c = p[pi]
                    if c == UInt8(ascii: "\\") && pi + 1 < p.count {
                        pi += 1
                        if p[pi] == s[si] { matched = true }
                    } else if c == UInt8(ascii: "]") {
                        break
                    } else if pi + 2 < p.count && p[pi + 1] == UInt8(ascii: "-") {
                        var start = p[pi]
                        var end = p[pi + 2]
                        var ch = s[si]
                        if start > end { swap(&start, &end) }
                        if nocase { start = lower(start); end = lower(end); ch = lower(ch) }
                        pi += 2
                        if ch >= start && ch <= end { matched = true }
                    } else if nocase ? lower(c) == lower(s[si]) : c == s[si] {
                        matched = true
                    }
                    pi += 1
                }
                if negate { matched = !matched }
                if !matched { return false }
                si += 1
            case UInt8(ascii: "\\") where pi + 1 < p.count:
                pi += 1
                fallthrough
            default:
                let equal = nocase ? lower(p[pi]) == lower(s[si]) : p[pi] == s[si]
                if !equal { return false }
                si += 1
            }
            pi += 1
            if si == s.count {
                while pi < p.count && p[pi] == UInt8(ascii: "*") { pi += 1 }
                break
            }
        }
        return pi == p.count && si == s.count
    }
}
