// Serving a pop from the first of several keys that holds a value, or blocking until one
// does: the loop BLPOP, BRPOP, BLMPOP, LMPOP, BZPOPMIN, BZPOPMAX and BZMPOP share
// (blockingPopGenericCommand and lmpopGenericCommand in t_list.c, blockingGenericZpopCommand
// in t_zset.c).
//
// The keys are looked at in order: a missing key is skipped, a key of another type answers
// WRONGTYPE and ends the command, the first key holding a value is popped at once. When
// every key is missing the client blocks (see Engine+Blocking), except inside EXEC, where
// the command answers a null array as if its timeout had expired; a command that never
// blocks (LMPOP) answers that null array at once.

import QuillStore

/// Whether a key holds a value of the type a command wants, looked up for writing; the
/// lookup has replied WRONGTYPE when it holds another type.
enum KeyPresence {
    case missing, present, wrongType
}

enum FirstKeyPop {
    /// Runs `pop` on the first of `keys` that `presence` finds present, now or, given a
    /// `deadline`, once one holds a `valueType` value; `pop`'s last argument says whether
    /// the client is served after waiting.
    static func popOrBlock(_ c: CommandContext, keys: [Key], waitingFor valueType: BlockedValueType,
                           deadline: BlockingDeadline?, presence: (Key) -> KeyPresence,
                           pop: @escaping (CommandContext, Key, Bool) -> Void) {
        for key in keys {
            switch presence(key) {
            case .missing: continue
            case .wrongType: return
            case .present:
                pop(c, key, false)
                return
            }
        }
        guard let deadline, c.engine.mayBlock else {
            c.reply { $0.nullArray() }
            return
        }
        c.engine.block(c, on: keys, waitingFor: valueType, deadline: deadline) { receiver, key in
            pop(receiver, key, true)
        }
    }
}
