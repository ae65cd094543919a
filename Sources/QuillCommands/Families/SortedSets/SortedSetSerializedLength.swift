// DEBUG OBJECT's serializedlength for a sorted set: the bytes its RDB form would take. A
// skiplist set is saved as a count, then each member as a string and its score as an 8-byte
// binary double. A listpack set is saved as its listpack blob (a 6-byte header, each member
// and each score as an entry, an end byte); scores are entries holding the integer or
// "%.17g" text Redis writes for them. The blob is counted uncompressed.

import QuillStore

extension SortedSetCommands {
    static func serializedLength(_ zset: SortedSetValue) -> Int {
        if !zset.isListpack {
            var total = DebugCommand.rdbLengthSize(zset.count)
            for member in zset.scores.keys { total += DebugCommand.rdbLengthSize(member.count) + member.count + 8 }
            return total
        }
        var blob = 6 + 1
        for (member, score) in zset.scores {
            blob += listpackEntrySize(string: member.count)
            if score == score.rounded(), abs(score) < 4_503_599_627_370_496 {
                blob += listpackEntrySize(integer: Int64(score))
            } else {
                blob += listpackEntrySize(string: ScoreText.format(score).utf8.count)
            }
        }
        return DebugCommand.rdbLengthSize(blob) + blob
    }

    private static func listpackEntrySize(string length: Int) -> Int {
        let header = length <= 63 ? 1 : (length <= 4095 ? 2 : 5)
        return withBacklength(header + length)
    }

    private static func listpackEntrySize(integer value: Int64) -> Int {
        let size: Int
        switch value {
        case 0...127: size = 1
        case -4096...4095: size = 2
        case Int64(Int16.min)...Int64(Int16.max): size = 3
        case -(1 << 23)...((1 << 23) - 1): size = 4
        case Int64(Int32.min)...Int64(Int32.max): size = 5
        default: size = 9
        }
        return withBacklength(size)
    }

    private static func withBacklength(_ size: Int) -> Int {
        if size <= 127 { return size + 1 }
        if size < 16383 { return size + 2 }
        if size < 2_097_151 { return size + 3 }
        return size < 268_435_455 ? size + 4 : size + 5
    }
}
