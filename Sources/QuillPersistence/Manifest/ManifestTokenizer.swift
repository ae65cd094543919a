// Splits a manifest line into tokens and quotes file names back, byte for byte as Redis's
// sdssplitargs and sdscatrepr do, so a manifest written by either server reads the same in
// both (names may hold spaces, quotes, newlines or any byte).

enum ManifestTokenizer {
    /// sdssplitargs: white-space separated tokens, "double quotes" with \n \r \t \b \a \xHH
    /// and \<any> escapes, 'single quotes' with \' only. nil when a quote is unbalanced or a
    /// closing quote is followed by something other than white space.
    static func split(_ line: ArraySlice<UInt8>) -> [[UInt8]]? {
        let bytes = Array(CNumberParsing.cString(line))
        func at(_ index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }
        var tokens: [[UInt8]] = []
        var p = 0
        while true {
            while at(p) != 0 && CNumberParsing.isSpace(at(p)) { p += 1 }
            if at(p) == 0 { return tokens }
            var current: [UInt8] = []
            var inDouble = false
            var inSingle = false
            var done = false
            while !done {
                let c = at(p)
                if inDouble {
                    if c == UInt8(ascii: "\\") && at(p + 1) == UInt8(ascii: "x"),
                       let high = hexValue(at(p + 2)), let low = hexValue(at(p + 3)) {
                        current.append(high * 16 + low)
                        p += 3
                    } else if c == UInt8(ascii: "\\") && at(p + 1) != 0 {
                        p += 1
                        switch at(p) {
                        case UInt8(ascii: "n"): current.append(0x0a)
                        case UInt8(ascii: "r"): current.append(0x0d)
                        case UInt8(ascii: "t"): current.append(0x09)
                        case UInt8(ascii: "b"): current.append(0x08)
                        case UInt8(ascii: "a"): current.append(0x07)
                        default: current.append(at(p))
                        }
                    } else if c == UInt8(ascii: "\"") {
                        if at(p + 1) != 0 && !CNumberParsing.isSpace(at(p + 1)) { return nil }
                        done = true
                    } else if c == 0 {
                        return nil
                    } else {
                        current.append(c)
                    }
                } else if inSingle {
                    if c == UInt8(ascii: "\\") && at(p + 1) == UInt8(ascii: "'") {
                        p += 1
                        current.append(UInt8(ascii: "'"))
                    } else if c == UInt8(ascii: "'") {
                        if at(p + 1) != 0 && !CNumberParsing.isSpace(at(p + 1)) { return nil }
                        done = true
                    } else if c == 0 {
                        return nil
                    } else {
                        current.append(c)
                    }
                } else {
                    switch c {
                    case 0x20, 0x0a, 0x0d, 0x09, 0: done = true
                    case UInt8(ascii: "\""): inDouble = true
                    case UInt8(ascii: "'"): inSingle = true
                    default: current.append(c)
                    }
                }
                if at(p) != 0 { p += 1 }
            }
            tokens.append(current)
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private static func isPrintable(_ byte: UInt8) -> Bool { byte >= 0x20 && byte <= 0x7e }

    /// sdsneedsrepr: the name holds a backslash, a quote, white space or an unprintable byte.
    static func needsQuoting(_ name: [UInt8]) -> Bool {
        name.contains { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || !isPrintable($0) || CNumberParsing.isSpace($0) }
    }

    /// sdscatrepr: the name in double quotes with C escapes.
    static func quoted(_ name: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        let hex = Array("0123456789abcdef".utf8)
        for byte in name {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), byte]
            case 0x0a: out += Array("\\n".utf8)
            case 0x0d: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0x07: out += Array("\\a".utf8)
            case 0x08: out += Array("\\b".utf8)
            default:
                if isPrintable(byte) {
                    out.append(byte)
                } else {
                    out += [UInt8(ascii: "\\"), UInt8(ascii: "x"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                }
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }
}
