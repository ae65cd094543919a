// The option parsing SCAN, HSCAN, SSCAN and ZSCAN share, and the cursor iteration HSCAN and SSCAN share (scanGenericCommand in db.c for a hash or a
// set). A compact encoding (listpack, intset) is returned whole in one call with cursor 0,
// as Redis does. A hash table is walked in the order of a per-process hash of each element:
// the cursor is the hash value to resume from and each page is the range of hash values up
// to the next cursor, so an element present from the first call to the last is returned
// exactly once, whatever is added or removed in between, which is the guarantee Redis's
// reverse-binary cursor gives.
//
// Finding a page costs a pass over the whole collection, so a page holds about 1/32 of it
// at least: a full iteration is a few dozen passes. COUNT is a hint in Redis too.

import QuillRESP
import QuillStore

enum ElementScan {
    struct Options {
        var count = 10
        var pattern: GlobPattern?
        /// SCAN's TYPE filter, lower-cased; the per-key scans do not take it.
        var typeName: String?
    }

    /// Parses `[MATCH pattern] [COUNT count]`, and `[TYPE type]` when `allowType`, from
    /// argument `start` on, for SCAN, HSCAN, SSCAN and ZSCAN alike; nil after replying an error.
    static func options(_ c: CommandContext, from start: Int, allowType: Bool = false) -> Options? {
        var options = Options()
        var i = start
        while i < c.args.count {
            let hasValue = i + 1 < c.args.count
            switch c.option(i) {
            case "count" where hasValue:
                guard let n = c.integerArgument(i + 1) else { return nil }
                guard n >= 1 else {
                    c.syntaxError()
                    return nil
                }
                options.count = n
            case "match" where hasValue:
                let glob = GlobPattern(c.args[i + 1])
                options.pattern = glob.matchesEverything ? nil : glob
            case "type" where hasValue && allowType:
                options.typeName = String(decoding: c.args[i + 1], as: UTF8.self).lowercased()
            default:
                c.syntaxError()
                return nil
            }
            i += 2
        }
        return options
    }

    /// The reply to a scan of a missing key: cursor 0 and no elements.
    static func replyEmptyPage(_ c: CommandContext) {
        c.reply { out in
            out.arrayHeader(2)
            out.bulk("0")
            out.arrayHeader(0)
        }
    }

    /// Where an element sits in the iteration order: 63 bits, so the cursor prints as a
    /// positive number.
    static func position(_ key: Key) -> UInt64 { UInt64(bitPattern: Int64(key.hashValue)) >> 1 }

    static let positionLimit: UInt64 = 1 << 63

    /// The next page of a hash-table-encoded collection from `cursor`, and the cursor after
    /// it (0 when the iteration is complete). A page is the slice of positions from the
    /// cursor to the next cursor; slices are sized so that each holds about
    /// max(count, size/32) elements, positions being uniformly spread.
    static func page<E>(_ elements: some Collection<E>, key: (E) -> Key, cursor: UInt64,
                        count: Int) -> (page: [E], next: UInt64) {
        guard cursor < positionLimit else { return ([], 0) }
        let batch = max(count, elements.count / 32)
        let width = positionLimit / UInt64(max(1, elements.count / batch))
        let (end, overflow) = cursor.addingReportingOverflow(width)
        let next = overflow || end >= positionLimit ? 0 : end
        var page: [E] = []
        for element in elements {
            let p = position(key(element))
            if p >= cursor && (next == 0 || p < next) { page.append(element) }
        }
        return (page, next)
    }
}
