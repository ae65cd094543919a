// OBJECT ENCODING | REFCOUNT | IDLETIME | FREQ | HELP (object.c): the internals of the value
// at a key. Lookups do not refresh the key's access time, so IDLETIME reports the time since
// the last real access. A missing key answers null.
//
// Quill has no maxmemory policies, hence no LFU counters: FREQ gives Redis's error for a
// non-LFU policy and IDLETIME always works.

import QuillRESP
import QuillStore

extension KeyCommands {
    static let objectInspection: [CommandSpec] = [
        CommandSpec("object", arity: -2, flags: [], categories: ["slow"], group: "generic",
                    summary: "A container for object introspection commands", since: "2.2.3",
                    subcommands: [
                        objectSubcommand("encoding", summary: "Inspect the internal encoding of a Redis object",
                                         since: "2.2.3", handler: objectEncoding),
                        objectSubcommand("freq", summary: "Get the logarithmic access frequency counter of a Redis object",
                                         since: "4.0.0", handler: objectFreq),
                        CommandSpec("help", arity: 2, flags: [.loading, .stale], categories: ["keyspace", "slow"],
                                    group: "generic", summary: "Show helpful text about the different subcommands",
                                    since: "6.2.0", handler: objectHelp),
                        objectSubcommand("idletime", summary: "Get the time since a Redis object was last accessed",
                                         since: "2.2.3", handler: objectIdleTime),
                        objectSubcommand("refcount", summary: "Get the number of references to the value of the key",
                                         since: "2.2.3", handler: objectRefcount),
                    ],
                    handler: nil),
    ]

    private static func objectSubcommand(_ name: String, summary: String, since: String,
                                         handler: @escaping CommandHandler) -> CommandSpec {
        CommandSpec(name, arity: 3, flags: [.readonly], keys: (2, 2, 1), categories: ["keyspace", "read", "slow"],
                    group: "generic", summary: summary, since: since, handler: handler)
    }

    /// The entry at the subcommand's key, or nil after replying null.
    private static func objectEntry(_ c: CommandContext) -> Entry? {
        guard let entry = c.lookupReadWithoutTouch(c.key(2), notifyingMiss: false) else {
            c.null()
            return nil
        }
        return entry
    }

    static func objectEncoding(_ c: CommandContext) {
        guard let entry = objectEntry(c) else { return }
        c.bulk(entry.value.encodingName)
    }

    static func objectRefcount(_ c: CommandContext) {
        guard let entry = objectEntry(c) else { return }
        c.integer(entry.value.referenceCount)
    }

    static func objectIdleTime(_ c: CommandContext) {
        guard let entry = objectEntry(c) else { return }
        // The LRU clock is 32 bits of seconds: the subtraction wraps as Redis's does.
        c.integer(Int(c.engine.lruSeconds &- entry.lastAccessSeconds))
    }

    static func objectFreq(_ c: CommandContext) {
        guard objectEntry(c) != nil else { return }
        c.error("ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.")
    }

    static let objectHelpLines = [
        "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "ENCODING <key>",
        "    Return the kind of internal representation used in order to store the value",
        "    associated with a <key>.",
        "FREQ <key>",
        "    Return the access frequency index of the <key>. The returned integer is",
        "    proportional to the logarithm of the recent access frequency of the key.",
        "IDLETIME <key>",
        "    Return the idle time of the <key>, that is the approximated number of",
        "    seconds elapsed since the last access to the key.",
        "REFCOUNT <key>",
        "    Return the number of references of the value associated with the specified",
        "    <key>.",
        "HELP",
        "    Prints this help.",
    ]

    static func objectHelp(_ c: CommandContext) {
        c.reply { out in
            out.arrayHeader(objectHelpLines.count)
            for line in objectHelpLines { out.simpleString(line) }
        }
    }
}

extension Value {
    /// What OBJECT REFCOUNT reports. Redis stores the integers 0 to 9999 as shared objects
    /// whose count is pinned at INT_MAX; every other value has a single owner.
    var referenceCount: Int {
        if case .string(let string) = self, encodingName == "int",
           let n = string.withBytes({ DecimalParser.int64($0) }), n >= 0 && n < 10_000 {
            return Int(Int32.max)
        }
        return 1
    }
}
