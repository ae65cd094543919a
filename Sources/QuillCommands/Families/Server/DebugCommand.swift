// DEBUG (debug.c): the subcommands test suites and operators rely on. Like Redis, DEBUG is
// one command that parses its own subcommand, so a wrong name or argument count gets
// debug.c's combined error rather than the dispatcher's "unknown subcommand".
//
// OBJECT reports Redis's line; the address is a stable fake (Quill values have none), and
// serializedlength is the string's RDB size, LZF-compressed as Redis's rdbcompression does;
// a list also gets Redis's quicklist fields, from the nodes QuicklistLayout rebuilds.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QuillRESP
import QuillStore

enum DebugCommand {
    static let spec = CommandSpec(
        "debug", arity: -2, flags: [.admin, .noscript, .loading, .stale], categories: ["admin", "slow", "dangerous"],
        group: "server", summary: "A container for debugging commands", handler: debug)

    static let help = [
        "AOF-FLUSH-SLEEP <microsec>",
        "    Server will sleep before flushing the AOF, this is used for testing.",
        "AOF-FAULT <write|fsync|truncate|rename|open> <enospc|eio|short|full|slow> [<count>] | AOF-FAULT OFF",
        "    Make the append-only file layer fail, for fault tests (Quill only).",
        "DIGEST",
        "    Output a hex signature representing the current DB content.",
        "DIGEST-VALUE <key> [<key> ...]",
        "    Output a hex signature of the values of all the specified keys.",
        "ERROR <string>",
        "    Return a Redis protocol error with <string> as message. Useful for clients",
        "    unit tests to simulate Redis errors.",
        "LOADAOF",
        "    Flush the AOF buffers on disk and reload the AOF in memory.",
        "OBJECT <key>",
        "    Show low level info about `key` and associated value.",
        "POPULATE <count> [<prefix>] [<size>]",
        "    Create <count> string keys named key:<num>. If <prefix> is specified then",
        "    it is used instead of the 'key' prefix. These are not propagated to",
        "    replicas. Cluster slots are not respected so keys not belonging to the",
        "    current node can be created in cluster mode.",
        "SET-ACTIVE-EXPIRE <0|1>",
        "    Setting it to 0 disables expiring keys in background when they are not",
        "    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
        "    default.",
        "SLEEP <seconds>",
        "    Stop the server for <seconds>. Decimals allowed.",
    ]

    static func debug(_ c: CommandContext) {
        let count = c.args.count
        switch c.option(1) {
        case "help" where count == 2:
            HelpReply.write(c, command: "DEBUG", lines: help)
        case "sleep" where count == 3:
            let seconds = strtod(String(decoding: c.args[2], as: UTF8.self), nil)
            if seconds > 0 {
                var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
                var remaining = timespec()
                while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
            }
            c.ok()
        case "set-active-expire" where count == 3:
            c.engine.activeExpireEnabled = atoi(String(decoding: c.args[2], as: UTF8.self)) != 0
            c.ok()
        case "object" where count == 3:
            object(c)
        case "digest" where count == 2:
            c.simple(DatasetDigest.dataset(c.engine.keyspace).hex)
        case "populate" where count >= 3 && count <= 5:
            populate(c)
        case "loadaof" where count == 2:
            loadAOF(c)
        case "aof-flush-sleep" where count == 3:
            c.engine.persistence?.setFlushSleep(microseconds: Int(atoi(String(decoding: c.args[2], as: UTF8.self))))
            c.ok()
        case "aof-fault" where count >= 3:
            let words = (2..<count).map { c.option($0) }
            guard let persistence = c.engine.persistence else {
                return c.error("ERR the append-only file layer is not active")
            }
            if let message = persistence.injectFault(words) {
                c.error(message)
            } else {
                c.ok()
            }
        case "error" where count == 3:
            c.error(String(decoding: c.args[2], as: UTF8.self))
        case "digest-value":
            let database = c.engine.keyspace.databases[c.db]
            c.reply { $0.arrayHeader(count - 2) }
            for i in 2..<count { c.simple(DatasetDigest.value(of: c.key(i), in: database).hex) }
        default:
            let name = String(decoding: c.args[1].prefix(128), as: UTF8.self)
            c.error("ERR unknown subcommand or wrong number of arguments for '\(name)'. Try DEBUG HELP.")
        }
    }

    /// Creates `<prefix>:<n>` = `value:<n>` for n < count, skipping keys that exist; with a
    /// size, each value is cut or zero-padded to that many bytes. Like Redis, it invalidates
    /// WATCHes but is not counted as a change to propagate.
    static func populate(_ c: CommandContext) {
        let outOfRange = "ERR value is out of range, must be positive"
        guard let count = DecimalParser.int(c.args[2]), count >= 0 else { return c.error(outOfRange) }
        var size = 0
        if c.args.count == 5 {
            guard let n = DecimalParser.int(c.args[4]), n >= 0 else { return c.error(outOfRange) }
            size = n
        }
        let prefix = c.args.count >= 4 ? c.args[3] : Array("key".utf8)
        for n in 0..<count {
            let key = Key(prefix + Array(":\(n)".utf8))
            if c.lookupWrite(key) != nil { continue }
            var value = Array("value:\(n)".utf8)
            if size > 0 {
                value = Array(value.prefix(size))
                value += [UInt8](repeating: 0, count: size - value.count)
            }
            c.engine.keyspace.databases[c.db].add(key, .string(ByteString(value)), now: c.engine.lruSeconds)
            c.notify(.new, "new", key)
            c.engine.keyModified(c.db, key)
        }
        c.ok()
    }

    static func object(_ c: CommandContext) {
        let key = c.key(2)
        guard let entry = c.engine.keyspace.databases[c.db].entry(key) else {
            c.error(ErrorReplies.noSuchKey)
            return
        }
        let value = entry.value
        var refcount = 1
        if case .string(let string) = value, value.encodingName == "int",
           let n = string.withBytes({ DecimalParser.int64($0) }), n >= 0 && n < 10_000 {
            refcount = Int(Int32.max)
        }
        let lru = Int64(entry.lastAccessSeconds) & 0xFF_FFFF
        let idle = max(0, c.now / 1000 - Int64(entry.lastAccessSeconds))
        let fill = c.engine.config.value("list-max-listpack-size").flatMap { Int($0) } ?? -2
        var line = "Value at:\(fakeAddress(key)) refcount:\(refcount) encoding:\(value.encodingName) "
            + "serializedlength:\(serializedLength(value, listMaxListpackSize: fill)) lru:\(lru) lru_seconds_idle:\(idle)"
        if case .list(let list) = value { line += QuicklistLayout(list, listMaxListpackSize: fill).debugFields }
        c.simple(line)
    }

    /// A pointer-looking stand-in, stable for a key.
    static func fakeAddress(_ key: Key) -> String {
        let bits = UInt64(bitPattern: Int64(key.hashValue)) & 0x0000_7FFF_FFFF_FFF0
        return "0x" + String(bits | 0x7F00_0000_0000, radix: 16)
    }

    /// The size the value takes in an RDB file (rdbSavedObjectLen): integers in 1, 2 or 4
    /// bytes, longer strings LZF-compressed when that saves at least 4 bytes.
    static func serializedLength(_ value: Value, listMaxListpackSize: Int) -> Int {
        switch value {
        case .string(let string):
            let bytes = string.bytes
            if bytes.count <= 11, let n = DecimalParser.int64(bytes) {
                if n >= -(1 << 7) && n < (1 << 7) { return 2 }
                if n >= -(1 << 15) && n < (1 << 15) { return 3 }
                if n >= -(1 << 31) && n < (1 << 31) { return 5 }
            }
            if bytes.count > 20 {
                let compressed = LZFLength.compressedLength(bytes, capacity: bytes.count - 4)
                if compressed > 0 { return 1 + rdbLengthSize(compressed) + rdbLengthSize(bytes.count) + compressed }
            }
            return rdbLengthSize(bytes.count) + bytes.count
        case .list(let list):
            return QuicklistLayout(list, listMaxListpackSize: listMaxListpackSize).serializedLength
        case .hash(let hash):
            return hash.fields.reduce(rdbLengthSize(hash.count)) {
                $0 + serializedLength(.string($1.key), listMaxListpackSize: listMaxListpackSize) + serializedLength(.string($1.value), listMaxListpackSize: listMaxListpackSize)
            }
        case .set(let set):
            return set.members.reduce(rdbLengthSize(set.count)) { $0 + serializedLength(.string($1), listMaxListpackSize: listMaxListpackSize) }
        case .sortedSet(let zset):
            return SortedSetCommands.serializedLength(zset)
        }
    }

    static func rdbLengthSize(_ length: Int) -> Int {
        if length < (1 << 6) { return 1 }
        if length < (1 << 14) { return 2 }
        return length <= Int(UInt32.max) ? 5 : 9
    }
}

/// Redis's addReplyHelp: the usage line, the subcommand lines, then HELP, as status replies.
extension DebugCommand {
    /// Redis's DEBUG LOADAOF: the reply comes once the files are loaded again; `dirty`
    /// restarts from 0 as after a start-up load.
    static func loadAOF(_ c: CommandContext) {
        guard c.engine.persistence?.reloadFromDisk() == true else {
            return c.error("ERR Error trying to load the AOF files, check server logs.")
        }
        c.engine.resetDirty()
        c.ok()
    }
}

enum HelpReply {
    static func write(_ c: CommandContext, command: String, lines: [String]) {
        let all = ["\(command) <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"] + lines
            + ["HELP", "    Prints this help."]
        c.reply { out in
            out.arrayHeader(all.count)
            for line in all { out.simpleString(line) }
        }
    }

}
