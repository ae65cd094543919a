// COMMAND (server.c commandCommand and friends): the command table as clients see it.
// redis-cli reads COMMAND DOCS for its hints, redis-py and cluster clients read COMMAND
// (INFO) for key positions, so the shapes here are Redis 7.0's exactly:
//
//   INFO entry: [name, arity, flags, first key, last key, step, @categories, tips,
//                key specs, subcommands], flags/categories/tips/specs/subcommands being sets
//                in RESP3; a subcommand's name is "parent|sub".
//   DOCS entry: name => {summary, since, group, complexity, …, arguments,
//                        [subcommands => {name => docs}]}, from Redis 7.0's recorded docs
//
// Key specs are Redis 7.0's, recorded (CommandKeySpecsData); a command Redis 7.0 does not
// have gets one range spec built from its CommandSpec's first/last/step, with flags from
// the command being read-only or a write.

import QuillRESP
import QuillStore

enum CommandCommand {
    static let flags: CommandFlags = [.loading, .stale]
    static let categories = ["slow", "connection"]

    static func sub(_ name: String, arity: Int, since: String, summary: String,
                    _ handler: @escaping CommandHandler) -> CommandSpec {
        CommandSpec(name, arity: arity, flags: flags, categories: categories, group: "server", summary: summary,
                    since: since, handler: handler)
    }

    static let spec = CommandSpec(
        "command", arity: -1, flags: flags, categories: categories, group: "server",
        summary: "Get array of Redis command details", since: "2.8.13",
        subcommands: [
            sub("count", arity: 2, since: "2.8.13", summary: "Get total number of Redis commands") {
                $0.integer($0.engine.table.commands.count)
            },
            sub("info", arity: -2, since: "2.8.13",
                summary: "Get array of specific Redis command details, or all when no argument is given.", info),
            sub("docs", arity: -2, since: "7.0.0", summary: "Get array of specific Redis command documentation", docs),
            sub("list", arity: -2, since: "7.0.0", summary: "Get an array of Redis command names", list),
            sub("getkeys", arity: -4, since: "2.8.13", summary: "Extract keys given a full Redis command") {
                getKeys($0, withFlags: false)
            },
            sub("getkeysandflags", arity: -4, since: "7.0.0",
                summary: "Extract keys and access flags given a full Redis command") {
                getKeys($0, withFlags: true)
            },
            sub("help", arity: 2, since: "5.0.0", summary: "Show helpful text about the different subcommands") { c in
                HelpReply.write(c, command: "COMMAND", lines: help)
            },
        ],
        handler: all)

    static let help = [
        "(no subcommand)",
        "    Return details about all Redis commands.",
        "COUNT",
        "    Return the total number of commands in this Redis server.",
        "LIST",
        "    Return a list of all commands in this Redis server.",
        "INFO [<command-name> ...]",
        "    Return details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "DOCS [<command-name> ...]",
        "    Return documentation details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "GETKEYS <full-command>",
        "    Return the keys from a full Redis command.",
        "GETKEYSANDFLAGS <full-command>",
        "    Return the keys and the access flags from a full Redis command.",
    ]

    /// A command and, for a subcommand, its container's name.
    struct Entry {
        let spec: CommandSpec
        let parent: String?
        var fullName: String { parent.map { "\($0)|\(spec.name)" } ?? spec.name }
    }

    static func topLevel(_ engine: Engine) -> [Entry] {
        engine.table.commands.values.sorted { $0.name < $1.name }.map { Entry(spec: $0, parent: nil) }
    }

    /// Finds "get" or "config|get" (lookupCommandBySds), in any letter case.
    static func find(_ name: [UInt8], in engine: Engine) -> Entry? {
        let parts = name.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false)
        guard parts.count <= 2, let base = engine.table.lookup(Array(parts[0])) else { return nil }
        if parts.count == 1 { return Entry(spec: base, parent: nil) }
        let subName = String(decoding: parts[1], as: UTF8.self).lowercased()
        guard let sub = base.subcommands.first(where: { $0.name == subName }) else { return nil }
        return Entry(spec: sub, parent: base.name)
    }

    static func subcommands(of entry: Entry) -> [Entry] {
        entry.spec.subcommands.map { Entry(spec: $0, parent: entry.spec.name) }
    }

    // MARK: COMMAND, COMMAND INFO

    static func all(_ c: CommandContext) {
        let entries = topLevel(c.engine)
        c.reply { out in
            out.arrayHeader(entries.count)
            for entry in entries { writeInfo(entry, &out) }
        }
    }

    static func info(_ c: CommandContext) {
        if c.args.count == 2 {
            all(c)
            return
        }
        c.reply { out in
            out.arrayHeader(c.args.count - 2)
            for i in 2..<c.args.count {
                if let entry = find(c.args[i], in: c.engine) { writeInfo(entry, &out) } else { out.null() }
            }
        }
    }

    static func writeInfo(_ entry: Entry, _ out: inout RESPWriter) {
        let spec = entry.spec
        out.arrayHeader(10)
        out.bulk(entry.fullName)
        out.integer(spec.arity)
        writeStatusSet(spec.flags.names, &out)
        out.integer(spec.firstKey)
        out.integer(spec.lastKey)
        out.integer(spec.keyStep)
        writeStatusSet(spec.categories.map { "@" + $0 }, &out)
        let tips = CommandTips.byName[entry.fullName] ?? []
        out.setHeader(tips.count)
        for tip in tips { out.bulk(tip) }
        if let recorded = recordedKeySpecs[entry.fullName], let count = recorded.first.flatMap({ Int($0) }) {
            out.setHeader(count)
            RecordedReply.write(recorded, from: 1, count: count, &out)
        } else if spec.firstKey > 0 {
            out.setHeader(1)
            writeKeySpec(spec, &out)
        } else {
            out.setHeader(0)
        }
        let subs = subcommands(of: entry)
        out.setHeader(subs.count)
        for sub in subs { writeInfo(sub, &out) }
    }

    static func writeStatusSet(_ items: [String], _ out: inout RESPWriter) {
        out.setHeader(items.count)
        for item in items { out.simpleString(item) }
    }

    static let recordedKeySpecs = RecordedReply.index(CommandKeySpecsData.lines)

    /// The access flags a command's keys get when Redis has no key spec for it.
    static func keyFlags(_ spec: CommandSpec) -> [String] {
        if spec.flags.contains(.write) { return ["RW", "access", "update"] }
        return ["RO", "access"]
    }

    /// The recorded key specs of a command ("get", "object|encoding"), parsed.
    static func recordedSpecs(_ fullName: String) -> [RecordedValue]? {
        guard let recorded = recordedKeySpecs[fullName], let count = recorded.first.flatMap({ Int($0) }) else {
            return nil
        }
        var specs: [RecordedValue] = []
        var next = 1
        for _ in 0..<count {
            let (spec, after) = RecordedValue.parse(recorded, at: next)
            specs.append(spec)
            next = after
        }
        return specs
    }

    static func writeKeySpec(_ spec: CommandSpec, _ out: inout RESPWriter) {
        out.mapHeader(3)
        out.bulk("flags")
        writeStatusSet(keyFlags(spec), &out)
        out.bulk("begin_search")
        out.mapHeader(2)
        out.bulk("type"); out.bulk("index")
        out.bulk("spec")
        out.mapHeader(1)
        out.bulk("index"); out.integer(spec.firstKey)
        out.bulk("find_keys")
        out.mapHeader(2)
        out.bulk("type"); out.bulk("range")
        out.bulk("spec")
        out.mapHeader(3)
        out.bulk("lastkey"); out.integer(spec.lastKey >= 0 ? spec.lastKey - spec.firstKey : spec.lastKey)
        out.bulk("keystep"); out.integer(spec.keyStep)
        out.bulk("limit"); out.integer(0)
    }

    /// SET's key flags depend on its options (setGetKeys): with GET it reads the old value.
    static func setKeyFlags(_ arguments: [[UInt8]]) -> [String] {
        let readsOldValue = arguments.dropFirst(3).contains { $0.count == 3 && String(decoding: $0, as: UTF8.self).lowercased() == "get" }
        return readsOldValue ? ["RW", "access", "update"] : ["OW", "update"]
    }

    // MARK: COMMAND DOCS

    static func docs(_ c: CommandContext) {
        var entries: [Entry] = []
        if c.args.count == 2 {
            entries = topLevel(c.engine)
        } else {
            for i in 2..<c.args.count {
                if let entry = find(c.args[i], in: c.engine) { entries.append(entry) }
            }
        }
        c.reply { out in
            out.mapHeader(entries.count)
            for entry in entries {
                out.bulk(entry.fullName)
                writeDocs(entry, &out)
            }
        }
    }

    static let recordedDocs = RecordedReply.index(CommandDocsData.lines)

    /// Redis 7.0's documentation when Quill has it recorded, else summary/since/group from
    /// the spec; subcommands are the ones Quill implements.
    static func writeDocs(_ entry: Entry, _ out: inout RESPWriter) {
        let spec = entry.spec
        let subs = subcommands(of: entry)
        let extra = subs.isEmpty ? 0 : 1
        if let recorded = recordedDocs[entry.fullName], let pairs = recorded.first.flatMap({ Int($0) }) {
            out.mapHeader(pairs + extra)
            RecordedReply.write(recorded, from: 1, count: 2 * pairs, &out)
        } else {
            out.mapHeader(3 + extra)
            out.bulk("summary"); out.bulk(spec.summary)
            out.bulk("since"); out.bulk(spec.since)
            out.bulk("group"); out.bulk(spec.group)
        }
        if !subs.isEmpty {
            out.bulk("subcommands")
            out.mapHeader(subs.count)
            for sub in subs {
                out.bulk(sub.fullName)
                writeDocs(sub, &out)
            }
        }
    }

    // MARK: COMMAND LIST

    static func list(_ c: CommandContext) {
        var matches: (Entry) -> Bool = { _ in true }
        if c.args.count == 5 && c.option(2) == "filterby" {
            let argument = c.args[4]
            switch c.option(3) {
            case "module":
                matches = { _ in false }
            case "aclcat":
                let category = String(decoding: argument, as: UTF8.self).lowercased()
                matches = { $0.spec.categories.contains(category) }
            case "pattern":
                let pattern = GlobPattern(argument, caseInsensitive: true)
                matches = { pattern.matches(Array($0.fullName.utf8)) }
            default:
                c.syntaxError()
                return
            }
        } else if c.args.count != 2 {
            c.syntaxError()
            return
        }
        var names: [String] = []
        for entry in topLevel(c.engine) {
            for candidate in [entry] + subcommands(of: entry) where matches(candidate) { names.append(candidate.fullName) }
        }
        c.reply { out in
            out.arrayHeader(names.count)
            for name in names { out.bulk(name) }
        }
    }

    // MARK: COMMAND GETKEYS / GETKEYSANDFLAGS

    static func getKeys(_ c: CommandContext, withFlags: Bool) {
        let command = Array(c.args[2...])
        guard let base = c.engine.table.lookup(command[0]) else {
            c.error("ERR Invalid command specified")
            return
        }
        var entry = Entry(spec: base, parent: nil)
        if !base.subcommands.isEmpty && command.count >= 2 {
            let subName = String(decoding: command[1], as: UTF8.self).lowercased()
            guard let sub = base.subcommands.first(where: { $0.name == subName }) else {
                c.error("ERR Invalid command specified")
                return
            }
            entry = Entry(spec: sub, parent: base.name)
        }
        let spec = entry.spec
        let specs = recordedSpecs(entry.fullName)
        let hasKeys = specs.map { list in
            list.contains { !($0["flags"]?.list.contains { $0.text == "not_key" } ?? false) }
        } ?? (spec.firstKey > 0)
        guard hasKeys else {
            c.error("ERR The command has no key arguments")
            return
        }
        guard spec.accepts(argumentCount: command.count) else {
            c.error("ERR Invalid number of arguments specified for command")
            return
        }
        let found: [KeySpecSearch.Found]?
        if entry.fullName == "set" {
            found = [KeySpecSearch.Found(position: 1, flags: setKeyFlags(command))]
        } else if entry.fullName == "sort" || entry.fullName == "sort_ro" {
            found = SortCommands.keys(in: command, readOnly: entry.fullName == "sort_ro")
        } else if let specs {
            found = KeySpecSearch.keys(specs, arguments: command)
        } else {
            let last = spec.lastKey >= 0 ? spec.lastKey : command.count + spec.lastKey
            found = stride(from: spec.firstKey, through: min(last, command.count - 1), by: max(spec.keyStep, 1)).map {
                KeySpecSearch.Found(position: $0, flags: keyFlags(spec))
            }
        }
        guard let found, !found.isEmpty else {
            c.error("ERR Invalid arguments specified for command")
            return
        }
        c.reply { out in
            out.arrayHeader(found.count)
            for key in found {
                if withFlags {
                    out.arrayHeader(2)
                    out.bulk(command[key.position])
                    out.setHeader(key.flags.count)
                    for flag in key.flags { out.simpleString(flag) }
                } else {
                    out.bulk(command[key.position])
                }
            }
        }
    }
}
