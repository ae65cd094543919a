// Splits an inline request line (or a redis.conf line) into arguments with the quoting rules of Redis's
// sdssplitargs(): spaces separate arguments; "double quotes" understand \n \r \t \b \a
// \\ \" and \xHH escapes; 'single quotes' understand only \'; a closing quote must be
// followed by a space or the end of the line. Returns nil for unbalanced quotes.
//
//     set "a b" 'c\'d' "\x41"   ->   [set] [a b] [c'd] [A]

public enum InlineSplitter {
    public static func split<C: Collection>(_ line: C) -> [[UInt8]]? where C.Element == UInt8, C.Index == Int {
        var args: [[UInt8]] = []
        var i = line.startIndex
        let end = line.endIndex
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0x0B || b == 0x0C }
        func hexValue(_ b: UInt8) -> UInt8? {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        while true {
            while i < end && isSpace(line[i]) { i += 1 }
            if i >= end { return args }
            var current: [UInt8] = []
            var inDouble = false
            var inSingle = false
            var done = false
            while !done {
                if inDouble {
                    guard i < end else { return nil }
                    let b = line[i]
                    if b == UInt8(ascii: "\\") && i + 3 < end && line[i + 1] == UInt8(ascii: "x"),
                       let hi = hexValue(line[i + 2]), let lo = hexValue(line[i + 3]) {
                        current.append(hi << 4 | lo)
                        i += 3
                    } else if b == UInt8(ascii: "\\") && i + 1 < end {
                        i += 1
                        switch line[i] {
                        case UInt8(ascii: "n"): current.append(0x0A)
                        case UInt8(ascii: "r"): current.append(0x0D)
                        case UInt8(ascii: "t"): current.append(0x09)
                        case UInt8(ascii: "b"): current.append(0x08)
                        case UInt8(ascii: "a"): current.append(0x07)
                        default: current.append(line[i])
                        }
                    } else if b == UInt8(ascii: "\"") {
                        if i + 1 < end && !isSpace(line[i + 1]) { return nil }
                        done = true
                    } else {
                        current.append(b)
                    }
                } else if inSingle {
                    guard i < end else { return nil }
                    let b = line[i]
                    if b == UInt8(ascii: "\\") && i + 1 < end && line[i + 1] == UInt8(ascii: "'") {
                        i += 1
                        current.append(UInt8(ascii: "'"))
                    } else if b == UInt8(ascii: "'") {
                        if i + 1 < end && !isSpace(line[i + 1]) { return nil }
                        done = true
                    } else {
                        current.append(b)
                    }
                } else {
                    if i >= end { done = true; break }
                    let b = line[i]
                    switch b {
                    case 0x20, 0x0A, 0x0D, 0x09, 0x00:
                        done = true
                    case UInt8(ascii: "\""): inDouble = true
                    case UInt8(ascii: "'"): inSingle = true
                    default: current.append(b)
                    }
                }
                if i < end { i += 1 }
            }
            args.append(current)
        }
    }
}
