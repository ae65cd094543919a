// Strings as bitmaps (bitops.c): SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP. A missing key is
// an endless run of zero bits. Bit offsets are limited to proto-max-bulk-len bytes, and
// BITCOUNT/BITPOS ranges count bytes unless BIT is given.

import QuillRESP
import QuillStore

extension StringCommands {
    static let bitmaps: [CommandSpec] = [
        CommandSpec("setbit", arity: 4, flags: [.write, .denyOOM], keys: (1, 1, 1),
                    categories: ["write", "bitmap", "slow"], group: "bitmap",
                    summary: "Sets or clears the bit at offset in the string value stored at key", since: "2.2.0",
                    handler: setbit),
        CommandSpec("getbit", arity: 3, flags: [.readonly, .fast], keys: (1, 1, 1),
                    categories: ["read", "bitmap", "fast"], group: "bitmap",
                    summary: "Returns the bit value at offset in the string value stored at key", since: "2.2.0",
                    handler: getbit),
        CommandSpec("bitcount", arity: -2, flags: [.readonly], keys: (1, 1, 1),
                    categories: ["read", "bitmap", "slow"], group: "bitmap",
                    summary: "Count set bits in a string", since: "2.6.0", handler: bitcount),
        CommandSpec("bitpos", arity: -3, flags: [.readonly], keys: (1, 1, 1),
                    categories: ["read", "bitmap", "slow"], group: "bitmap",
                    summary: "Find first bit set or clear in a string", since: "2.8.7", handler: bitpos),
        CommandSpec("bitop", arity: -4, flags: [.write, .denyOOM], keys: (2, -1, 1),
                    categories: ["write", "bitmap", "slow"], group: "bitmap",
                    summary: "Perform bitwise operations between strings", since: "2.6.0", handler: bitop),
    ]

    /// Argument `i` as a bit offset (getBitOffsetFromArgument): a non-negative integer whose
    /// byte lies below proto-max-bulk-len; nil after replying the error.
    static func bitOffset(_ c: CommandContext, _ i: Int) -> Int? {
        guard let offset = DecimalParser.int(c.args[i]), offset >= 0,
              offset >> 3 < c.engine.config.protoMaxBulkLength else {
            c.error(ErrorReplies.bitOffset)
            return nil
        }
        return offset
    }

    static func setbit(_ c: CommandContext) {
        guard let offset = bitOffset(c, 2) else { return }
        guard let on = DecimalParser.int(c.args[3]), on & ~1 == 0 else { return c.error(ErrorReplies.bitValue) }
        let key = c.key(1)
        let byte = offset >> 3
        let shift = 7 - (offset & 7)
        switch writableLength(c, key) {
        case .wrongType:
            return
        case .missing:
            var bytes = [UInt8](repeating: 0, count: byte + 1)
            bytes[byte] = UInt8(on) << shift
            store(c, key, bytes)
            c.notify(.string, "setbit", key)
            c.integer(0)
        case .length(let length):
            var previous = 0
            editString(c, key) { bytes in
                let grown = bytes.count <= byte
                if grown { bytes.append(contentsOf: repeatElement(0, count: byte + 1 - bytes.count)) }
                previous = Int(bytes[byte] >> shift) & 1
                guard previous != on else { return grown }
                bytes[byte] ^= 1 << shift
                return true
            }
            if length <= byte || previous != on { c.notify(.string, "setbit", key) }
            c.integer(previous)
        }
    }

    static func getbit(_ c: CommandContext) {
        guard let offset = bitOffset(c, 2) else { return }
        switch readString(c, c.key(1)) {
        case .missing: c.integer(0)
        case .found(let bytes): c.integer(Int(Bitmap.bit(at: offset, in: bytes)))
        case .wrongType: break
        }
    }

    /// The BYTE|BIT unit argument at `i`: true for BIT; nil after a syntax error.
    private static func countsBits(_ c: CommandContext, _ i: Int) -> Bool? {
        switch c.option(i) {
        case "bit": return true
        case "byte": return false
        default:
            c.syntaxError()
            return nil
        }
    }

    /// A clamped range in bytes or bits turned into bit positions.
    private static func bitPositions(_ range: ClosedRange<Int>, countsBits: Bool) -> ClosedRange<Int> {
        countsBits ? range : (range.lowerBound << 3)...((range.upperBound << 3) + 7)
    }

    static func bitcount(_ c: CommandContext) {
        let bytes: [UInt8]
        switch readString(c, c.key(1)) {
        case .missing: return c.integer(0)
        case .wrongType: return
        case .found(let found): bytes = found
        }
        var start = 0
        var end = -1
        var inBits = false
        switch c.args.count {
        case 2:
            break
        case 4, 5:
            guard let first = c.integerArgument(2), let last = c.integerArgument(3) else { return }
            if first < 0 && last < 0 && first > last { return c.integer(0) }
            if c.args.count == 5 {
                guard let unit = countsBits(c, 4) else { return }
                inBits = unit
            }
            start = first
            end = last
        default:
            return c.syntaxError()
        }
        let length = inBits ? bytes.count << 3 : bytes.count
        guard let range = clampedRange(start: start, end: end, length: length) else { return c.integer(0) }
        c.integer(Bitmap.countOnes(in: bytes, bits: bitPositions(range, countsBits: inBits)))
    }

    static func bitpos(_ c: CommandContext) {
        guard let wanted = c.integerArgument(2) else { return }
        guard wanted == 0 || wanted == 1 else { return c.error(StringErrors.bitArgument) }
        let bytes: [UInt8]
        switch readString(c, c.key(1)) {
        case .missing: return c.integer(wanted == 1 ? -1 : 0)
        case .wrongType: return
        case .found(let found): bytes = found
        }
        var start = 0
        var end = -1
        var endGiven = false
        var inBits = false
        switch c.args.count {
        case 3:
            break
        case 4, 5, 6:
            guard let first = c.integerArgument(3) else { return }
            start = first
            if c.args.count == 6 {
                guard let unit = countsBits(c, 5) else { return }
                inBits = unit
            }
            if c.args.count >= 5 {
                guard let last = c.integerArgument(4) else { return }
                end = last
                endGiven = true
            }
        default:
            return c.syntaxError()
        }
        let length = inBits ? bytes.count << 3 : bytes.count
        guard let range = clampedRange(start: start, end: end, length: length) else { return c.integer(-1) }
        let bits = bitPositions(range, countsBits: inBits)
        if let position = Bitmap.firstBit(UInt8(wanted), in: bytes, bits: bits) {
            c.integer(position)
        } else if wanted == 1 || endGiven {
            c.integer(-1)
        } else {
            // Without an explicit end the string reads as followed by zero bits.
            c.integer(bits.upperBound + 1)
        }
    }

    static func bitop(_ c: CommandContext) {
        let operation: Bitmap.Operation
        switch c.option(1) {
        case "and": operation = .and
        case "or": operation = .or
        case "xor": operation = .xor
        case "not": operation = .not
        default: return c.syntaxError()
        }
        if operation == .not && c.args.count != 4 { return c.error(StringErrors.bitopNotSingleSource) }
        var sources: [[UInt8]] = []
        for i in 3..<c.args.count {
            switch readString(c, c.key(i)) {
            case .missing: sources.append([])
            case .found(let bytes): sources.append(bytes)
            case .wrongType: return
            }
        }
        let result = Bitmap.combine(operation, sources)
        let destination = c.key(2)
        if result.isEmpty {
            if c.deleteKey(destination) { c.notify(.generic, "del", destination) }
        } else {
            store(c, destination, result)
            c.notify(.string, "set", destination)
        }
        c.integer(result.count)
    }
}
