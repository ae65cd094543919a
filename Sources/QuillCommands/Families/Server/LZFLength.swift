// The size of a string after Redis's LZF compression (liblzf's lzf_compress as Redis builds
// it: 16-bit hash, VERY_FAST), without producing the bytes: DEBUG OBJECT's serializedlength
// is the RDB size, and Redis writes strings longer than 20 bytes compressed when that saves
// at least 4 bytes. Only the output position is tracked; the walk over the input, the hash
// table and every bounds check follow lzf_compress so the count comes out the same.

enum LZFLength {
    static let hashBits = 16
    static let maxLiteral = 1 << 5
    static let maxOffset = 1 << 13
    static let maxReference = (1 << 8) + (1 << 3)

    /// What lzf_compress(input, into `capacity` bytes) returns: the compressed length, or 0
    /// when it does not fit.
    static func compressedLength(_ input: [UInt8], capacity: Int) -> Int {
        let count = input.count
        guard count > 2, capacity > 0 else { return 0 }
        var table = [Int](repeating: 0, count: 1 << hashBits)
        func slot(_ h: UInt32) -> Int { Int(((h >> UInt32(24 - hashBits)) &- h &* 5) & UInt32((1 << hashBits) - 1)) }
        func first(_ p: Int) -> UInt32 { UInt32(input[p]) << 8 | UInt32(input[p + 1]) }
        func next(_ h: UInt32, _ p: Int) -> UInt32 { h << 8 | UInt32(input[p + 2]) }

        var op = 1
        var literals = 0
        var ip = 0
        var hash = first(0)
        /// One input byte copied as a literal; a run that reaches maxLiteral is closed and
        /// the next run's length byte reserved.
        func copyLiteral() {
            literals += 1
            op += 1
            ip += 1
            if literals == maxLiteral {
                literals = 0
                op += 1
            }
        }

        while ip < count - 2 {
            hash = next(hash, ip)
            let index = slot(hash)
            let reference = table[index]
            table[index] = ip
            if reference < ip && ip - reference - 1 < maxOffset && reference > 0
                && input[reference + 2] == input[ip + 2] && input[reference] == input[ip]
                && input[reference + 1] == input[ip + 1] {
                var length = 2
                let maxLength = min(count - ip - length, maxReference)
                if op + 3 + 1 >= capacity && op - (literals == 0 ? 1 : 0) + 3 + 1 >= capacity { return 0 }
                op -= literals == 0 ? 1 : 0
                var mismatched = false
                if maxLength > 16 {
                    for _ in 0..<16 {
                        length += 1
                        if input[reference + length] != input[ip + length] { mismatched = true; break }
                    }
                }
                if !mismatched {
                    repeat { length += 1 } while length < maxLength && input[reference + length] == input[ip + length]
                }
                length -= 2
                ip += 1
                op += length < 7 ? 2 : 3
                literals = 0
                op += 1
                ip += length + 1
                if ip >= count - 2 { break }
                ip -= 2
                hash = first(ip)
                hash = next(hash, ip)
                table[slot(hash)] = ip
                ip += 1
                hash = next(hash, ip)
                table[slot(hash)] = ip
                ip += 1
            } else {
                if op >= capacity { return 0 }
                copyLiteral()
            }
        }
        if op + 3 > capacity { return 0 }
        while ip < count {
            copyLiteral()
        }
        return op - (literals == 0 ? 1 : 0)
    }
}
