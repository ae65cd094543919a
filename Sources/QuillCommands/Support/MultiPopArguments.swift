// The arguments LMPOP, BLMPOP, ZMPOP and BZMPOP share: `numkeys key… <end> [COUNT n]`
// (lmpopGenericCommand in t_list.c, zmpopGenericCommand in t_zset.c). Both families parse
// them the same way, in the same order and with the same messages: numkeys must be a
// positive integer, the end word must follow the keys, COUNT may be given once and must
// be positive; anything else is a syntax error. The blocking forms take their timeout
// before numkeys but parse it after these, so a bad timeout is reported last.

import QuillRESP
import QuillStore

struct MultiPopArguments<End> {
    let keys: [Key]
    let end: End
    /// 1 when COUNT is not given.
    let count: Int

    /// Parses the arguments from numkeys, at `numkeysIndex`, to the last, the end word being
    /// one of `ends`' lower-case keys; nil after replying the error.
    init?(_ c: CommandContext, numkeysIndex: Int, ends: [String: End]) {
        guard let numkeys = DecimalParser.int(c.args[numkeysIndex]), numkeys > 0 else {
            c.error(MultiPopErrors.numkeys)
            return nil
        }
        guard numkeys < c.args.count - numkeysIndex - 1 else {
            c.syntaxError()
            return nil
        }
        let endIndex = numkeysIndex + numkeys + 1
        guard let end = ends[c.option(endIndex)] else {
            c.syntaxError()
            return nil
        }
        var count: Int?
        var i = endIndex + 1
        while i < c.args.count {
            guard count == nil, c.option(i) == "count", i + 1 < c.args.count else {
                c.syntaxError()
                return nil
            }
            guard let n = DecimalParser.int(c.args[i + 1]), n > 0 else {
                c.error(MultiPopErrors.count)
                return nil
            }
            count = n
            i += 2
        }
        keys = ((numkeysIndex + 1)..<endIndex).map { c.key($0) }
        self.end = end
        self.count = count ?? 1
    }
}

/// The same words in t_list.c and t_zset.c.
enum MultiPopErrors {
    static let numkeys = "ERR numkeys should be greater than 0"
    static let count = "ERR count should be greater than 0"
}
