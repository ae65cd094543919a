// Picking random elements of a hash or set for HRANDFIELD, SRANDMEMBER and SPOP, and the
// count rules ZRANDMEMBER shares.
//
// Swift's Dictionary and Set have no random access, so one element is found by walking to
// a random offset (uniform, linear in the size) and several are chosen in one pass over a
// copy of the elements. Redis's count argument rules live here too: a negative count asks
// for that many picks with repetition, a positive one for distinct elements.

import QuillRESP

enum RandomSelection {
    static let countOutOfRange =
        "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"

    /// Most picks a negative count may ask for. Redis tries to build any reply asked of it,
    /// and a count such as -9223372036854775807 exhausts its memory; Quill refuses counts
    /// beyond this (about 67 million picks, a reply of a gigabyte or more) instead.
    static let maximumRepetitions = 1 << 26

    /// The count argument of HRANDFIELD, SRANDMEMBER and ZRANDMEMBER: any 64-bit integer but
    /// the most negative one, and no more than `maximumRepetitions` picks with repetition.
    /// Nil after replying an error.
    static func count(_ c: CommandContext, _ index: Int) -> Int? {
        guard let n = DecimalParser.int(c.args[index]) else {
            c.notInteger()
            return nil
        }
        guard n != Int.min else {
            c.error(countOutOfRange)
            return nil
        }
        guard n >= -maximumRepetitions else {
            c.error("ERR value is out of range")
            return nil
        }
        return n
    }

    /// One element chosen uniformly; `collection` must not be empty.
    static func one<C: Collection>(_ collection: C) -> C.Element {
        let offset = Int.random(in: 0..<collection.count)
        return collection[collection.index(collection.startIndex, offsetBy: offset)]
    }

    /// `count` elements chosen uniformly with repetition; `collection` must not be empty.
    static func withRepetition<C: Collection>(_ collection: C, count: Int) -> [C.Element] {
        let all = Array(collection)
        return (0..<count).map { _ in all[Int.random(in: 0..<all.count)] }
    }

    /// `count` distinct elements in random order, or all of them when there are no more
    /// than `count`.
    static func distinct<C: Collection>(_ collection: C, count: Int) -> [C.Element] {
        guard count < collection.count else { return Array(collection) }
        var all = Array(collection)
        for i in 0..<count { all.swapAt(i, Int.random(in: i..<all.count)) }
        return Array(all.prefix(count))
    }
}
