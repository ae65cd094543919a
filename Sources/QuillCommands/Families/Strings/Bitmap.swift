// Bit arithmetic on byte strings, apart from the commands so it can be tested on its own.
// Bits are numbered as Redis numbers them: bit 0 is the most significant bit of byte 0.
// Ranges are inclusive bit positions that the caller has already clamped to the string.

enum Bitmap {
    enum Operation { case and, or, xor, not }

    /// The bits of one byte from position `first` to `last` (0 = most significant), inclusive.
    static func mask(from first: Int, through last: Int) -> UInt8 {
        (UInt8(0xFF) >> first) & (UInt8(0xFF) << (7 - last))
    }

    /// The bit at `offset`, 0 beyond the end of the string.
    static func bit(at offset: Int, in bytes: [UInt8]) -> UInt8 {
        let index = offset >> 3
        guard index < bytes.count else { return 0 }
        return (bytes[index] >> (7 - (offset & 7))) & 1
    }

    /// The number of set bits among bit positions `bits`.
    static func countOnes(in bytes: [UInt8], bits: ClosedRange<Int>) -> Int {
        let firstByte = bits.lowerBound >> 3
        let lastByte = bits.upperBound >> 3
        let firstBit = bits.lowerBound & 7
        let lastBit = bits.upperBound & 7
        if firstByte == lastByte {
            return (bytes[firstByte] & mask(from: firstBit, through: lastBit)).nonzeroBitCount
        }
        var count = (bytes[firstByte] & mask(from: firstBit, through: 7)).nonzeroBitCount
            + (bytes[lastByte] & mask(from: 0, through: lastBit)).nonzeroBitCount
        if lastByte > firstByte + 1 {
            bytes.withUnsafeBytes { raw in
                count += popcount(UnsafeRawBufferPointer(rebasing: raw[(firstByte + 1)..<lastByte]))
            }
        }
        return count
    }

    /// The number of set bits in `raw`, eight bytes at a time.
    static func popcount(_ raw: UnsafeRawBufferPointer) -> Int {
        var count = 0
        var index = 0
        while index + 8 <= raw.count {
            count += raw.loadUnaligned(fromByteOffset: index, as: UInt64.self).nonzeroBitCount
            index += 8
        }
        while index < raw.count {
            count += raw[index].nonzeroBitCount
            index += 1
        }
        return count
    }

    /// The position of the first bit equal to `target` (0 or 1) among positions `bits`.
    static func firstBit(_ target: UInt8, in bytes: [UInt8], bits: ClosedRange<Int>) -> Int? {
        var position = bits.lowerBound
        while position <= bits.upperBound && position & 7 != 0 {
            if bit(at: position, in: bytes) == target { return position }
            position += 1
        }
        // Whole bytes that lie inside the range are skipped while they hold no `target` bit.
        let skipped: UInt8 = target == 1 ? 0x00 : 0xFF
        let skippedWord: UInt64 = target == 1 ? 0 : .max
        let wholeBytesEnd = (bits.upperBound + 1) >> 3
        var index = position >> 3
        bytes.withUnsafeBytes { raw in
            while index + 8 <= wholeBytesEnd && raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) == skippedWord {
                index += 8
            }
            while index < wholeBytesEnd && raw[index] == skipped { index += 1 }
        }
        position = max(position, index << 3)
        while position <= bits.upperBound {
            if bit(at: position, in: bytes) == target { return position }
            position += 1
        }
        return nil
    }

    /// BITOP's result: as long as the longest source, shorter sources read as zero bytes.
    /// NOT takes exactly one source.
    static func combine(_ operation: Operation, _ sources: [[UInt8]]) -> [UInt8] {
        let length = sources.map(\.count).max() ?? 0
        guard length > 0 else { return [] }
        if operation == .not { return sources[0].map { ~$0 } }
        var result = sources[0] + repeatElement(0, count: length - sources[0].count)
        for source in sources.dropFirst() {
            switch operation {
            case .and:
                for i in 0..<source.count { result[i] &= source[i] }
                for i in source.count..<length { result[i] = 0 }
            case .or:
                for i in 0..<source.count { result[i] |= source[i] }
            case .xor:
                for i in 0..<source.count { result[i] ^= source[i] }
            case .not:
                break
            }
        }
        return result
    }
}
