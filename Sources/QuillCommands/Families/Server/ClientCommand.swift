// CLIENT (networking.c clientCommand): the connection's identity and reply mode, and the
// operator's view of every connection (LIST, INFO, KILL).
//
// The description line of a client follows Redis 7.0's field list exactly, so tools that
// split it on spaces and '=' (redis-py's parse_client_list, redis-cli) read it. Quill has
// no pub/sub, replicas or tracking yet, so those fields hold an ordinary client's values.
// SETINFO and NO-TOUCH come from Redis 7.2: current client libraries send them on connect.

import QuillRESP
import QuillStore

enum ClientCommand {
    static let readFlags: CommandFlags = [.noscript, .loading, .stale]
    static let adminFlags: CommandFlags = [.admin, .noscript, .loading, .stale]
    static let adminCategories = ["admin", "slow", "dangerous", "connection"]

    static func sub(_ name: String, arity: Int, flags: CommandFlags = readFlags, categories: [String] = ["slow", "connection"],
                    since: String, summary: String, _ handler: @escaping CommandHandler) -> CommandSpec {
        CommandSpec(name, arity: arity, flags: flags, categories: categories, group: "connection", summary: summary,
                    since: since, handler: handler)
    }

    static let spec = CommandSpec(
        "client", arity: -2, flags: [], categories: ["slow"], group: "connection",
        summary: "A container for client connection commands", since: "2.4.0",
        subcommands: [
            sub("id", arity: 2, since: "5.0.0", summary: "Returns the client ID for the current connection") {
                $0.integer(Int($0.client.id))
            },
            sub("setname", arity: 3, since: "2.6.9", summary: "Set the current connection name", setname),
            sub("getname", arity: 2, since: "2.6.9", summary: "Get the current connection name") { c in
                if c.client.name.isEmpty { c.null() } else { c.bulk(c.client.name) }
            },
            sub("list", arity: -2, flags: adminFlags, categories: adminCategories, since: "2.4.0",
                summary: "Get the list of client connections", list),
            sub("info", arity: 2, since: "6.2.0", summary: "Returns information about the current client connection.") { c in
                let line = describe(c.client, engine: c.engine, current: c) + "\n"
                c.reply { $0.verbatim(line) }
            },
            sub("kill", arity: -3, flags: adminFlags, categories: adminCategories, since: "2.4.0",
                summary: "Kill the connection of a client", kill),
            sub("unblock", arity: -3, flags: adminFlags, categories: adminCategories, since: "5.0.0",
                summary: "Unblock a client blocked in a blocking command from a different connection", unblock),
            sub("reply", arity: 3, since: "3.2.0", summary: "Instruct the server whether to reply to commands", reply),
            sub("no-evict", arity: 3, flags: adminFlags, categories: adminCategories, since: "7.0.0",
                summary: "Set client eviction mode for the current connection") { c in
                onOff(c) { c.client.noEvict = $0 }
            },
            sub("no-touch", arity: 3, since: "7.2.0",
                summary: "Controls whether commands sent by the client affect the LRU/LFU of accessed keys") { c in
                onOff(c) { c.client.noTouch = $0 }
            },
            sub("setinfo", arity: 4, since: "7.2.0", summary: "Set client or connection specific info", setinfo),
            sub("help", arity: 2, flags: [.loading, .stale], since: "5.0.0",
                summary: "Show helpful text about the different subcommands") { c in
                HelpReply.write(c, command: "CLIENT", lines: help)
            },
        ],
        handler: nil)

    static let help = [
        "GETNAME",
        "    Return the name of the current connection.",
        "ID",
        "    Return the ID of the current connection.",
        "INFO",
        "    Return information about the current client connection.",
        "KILL <ip:port>",
        "    Kill connection made from <ip:port>.",
        "KILL <option> <value> [<option> <value> [...]]",
        "    Kill connections. Options are:",
        "    * ADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made from the specified address",
        "    * LADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made to specified local address",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Kill connections by type.",
        "    * USER <username>",
        "      Kill connections authenticated by <username>.",
        "    * SKIPME (YES|NO)",
        "      Skip killing current connection (default: yes).",
        "    * ID <client-id>",
        "      Kill connections by client id.",
        "LIST [options ...]",
        "    Return information about client connections. Options:",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Return clients of specified type.",
        "    * ID <client-id> [<client-id> ...]",
        "      Return clients with the given ids.",
        "REPLY (ON|OFF|SKIP)",
        "    Control the replies sent to the current connection.",
        "SETNAME <name>",
        "    Assign the name <name> to the current connection.",
        "UNBLOCK <clientid> [TIMEOUT|ERROR]",
        "    Unblock the specified blocked client.",
        "SETINFO <option> <value>",
        "    Set client meta attr. Options are:",
        "    * LIB-NAME: the client lib name.",
        "    * LIB-VER: the client lib version.",
        "NO-EVICT (ON|OFF)",
        "    Protect current client connection from eviction.",
        "NO-TOUCH (ON|OFF)",
        "    Will not touch LRU/LFU stats when this mode is on.",
    ]

    static func onOff(_ c: CommandContext, _ apply: (Bool) -> Void) {
        switch c.option(2) {
        case "on": apply(true)
        case "off": apply(false)
        default:
            c.syntaxError()
            return
        }
        c.ok()
    }

    static func setname(_ c: CommandContext) {
        guard ClientNames.isValid(c.args[2]) else {
            c.error(ClientNames.invalidError)
            return
        }
        c.client.name = c.args[2]
        c.ok()
    }

    static func setinfo(_ c: CommandContext) {
        let attribute = String(decoding: c.args[2], as: UTF8.self)
        let option = c.option(2)
        guard option == "lib-name" || option == "lib-ver" else {
            c.error("ERR Unrecognized option '\(attribute)'")
            return
        }
        guard ClientNames.isValid(c.args[3]) else {
            c.error("ERR \(attribute) cannot contain spaces, newlines or special characters.")
            return
        }
        if option == "lib-name" { c.client.libraryName = c.args[3] } else { c.client.libraryVersion = c.args[3] }
        c.ok()
    }

    static func reply(_ c: CommandContext) {
        switch c.option(2) {
        case "on":
            c.client.replyMode = .on
            c.ok()
        case "off":
            c.client.replyMode = .off
        case "skip":
            if c.client.replyMode != .off { c.client.replyMode = .skipNext }
        default:
            c.syntaxError()
        }
    }

    // MARK: LIST

    /// The client types Redis names (getClientTypeByName); Quill's clients are all normal.
    enum ClientType { case normal, replica, pubsub, master }

    static func clientType(_ name: String) -> ClientType? {
        switch name {
        case "normal": return .normal
        case "slave", "replica": return .replica
        case "pubsub": return .pubsub
        case "master": return .master
        default: return nil
        }
    }

    static func typeOf(_ client: ClientSession) -> ClientType { client.isSubscribed ? .pubsub : .normal }

    static func list(_ c: CommandContext) {
        var selected = c.engine.clients.values.sorted { $0.id < $1.id }
        if c.args.count == 4 && c.option(2) == "type" {
            guard let type = clientType(c.option(3)) else {
                c.error("ERR Unknown client type '\(String(decoding: c.args[3], as: UTF8.self))'")
                return
            }
            selected = selected.filter { typeOf($0) == type }
        } else if c.args.count > 3 && c.option(2) == "id" {
            var ids: Set<UInt64> = []
            for i in 3..<c.args.count {
                guard let id = DecimalParser.int64(c.args[i]) else {
                    c.error("ERR Invalid client ID")
                    return
                }
                if id > 0 { ids.insert(UInt64(id)) }
            }
            selected = selected.filter { ids.contains($0.id) }
        } else if c.args.count != 2 {
            c.syntaxError()
            return
        }
        var text = ""
        for client in selected { text += describe(client, engine: c.engine, current: c) + "\n" }
        c.reply { $0.verbatim(text) }
    }

    /// One client's line, as Redis 7.0's catClientInfoString writes it.
    static func describe(_ client: ClientSession, engine: Engine, current c: CommandContext) -> String {
        let now = engine.clock.milliseconds()
        let isCaller = client === c.client
        var flags = ""
        if client.isSubscribed { flags += "P" }
        if client.transaction != nil { flags += "x" }
        if client.isBlocked { flags += "b" }
        if client.watchedKeyTouched { flags += "d" }
        if client.closeAfterReply { flags += "c" }
        if client.noEvict { flags += "e" }
        if client.noTouch { flags += "T" }
        if flags.isEmpty { flags = "N" }
        // A blocked client keeps its command's arguments until it is served.
        let heldArguments = isCaller ? c.args : client.blockedRequest?.arguments ?? []
        let argvMemory = heldArguments.reduce(0) { $0 + $1.count }
        let multiMemory = client.transaction?.queued.reduce(0) { sum, args in sum + args.reduce(0) { $0 + $1.count } } ?? 0
        let outputBuffer = client.out.buffer.readableBytes
        let replyBufferSize = client.out.buffer.capacity
        let totalMemory = replyBufferSize + client.queryBufferBytes + argvMemory + multiMemory
        let fields: [(String, String)] = [
            ("id", String(client.id)),
            ("addr", client.remoteAddress),
            ("laddr", client.localAddress),
            ("fd", String(client.fileDescriptor)),
            ("name", String(decoding: client.name, as: UTF8.self)),
            ("age", String(max(0, now - client.createdAtMilliseconds) / 1000)),
            ("idle", String(max(0, now - client.lastInteractionMilliseconds) / 1000)),
            ("flags", flags),
            ("db", String(client.databaseIndex)),
            ("sub", String(client.pubsubChannels.count)),
            ("psub", String(client.pubsubPatterns.count)),
            ("ssub", "0"),
            ("multi", String(client.transaction.map { $0.queued.count } ?? -1)),
            ("qbuf", String(client.queryBufferBytes)),
            ("qbuf-free", "0"),
            ("argv-mem", String(argvMemory)),
            ("multi-mem", String(multiMemory)),
            ("rbs", String(replyBufferSize)),
            ("rbp", String(replyBufferSize)),
            ("obl", String(outputBuffer)),
            ("oll", "0"),
            ("omem", "0"),
            ("tot-mem", String(totalMemory)),
            ("events", outputBuffer > 0 && !isCaller ? "rw" : "r"),
            ("cmd", client.lastCommandName),
            ("user", "default"),
            ("redir", "-1"),
            ("resp", String(client.protocolVersion)),
        ]
        return fields.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
    }

    // MARK: UNBLOCK

    /// CLIENT UNBLOCK id [TIMEOUT|ERROR]: the reason is checked before the id, as in Redis.
    static func unblock(_ c: CommandContext) {
        guard c.args.count <= 4 else {
            c.error("ERR unknown subcommand or wrong number of arguments for '\(String(decoding: c.args[1], as: UTF8.self))'. Try CLIENT HELP.")
            return
        }
        var withError = false
        if c.args.count == 4 {
            switch c.option(3) {
            case "timeout": withError = false
            case "error": withError = true
            default:
                c.error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR")
                return
            }
        }
        guard let id = DecimalParser.int64(c.args[2]) else {
            c.notInteger()
            return
        }
        guard id > 0, let target = c.engine.clients[UInt64(id)] else {
            c.integer(0)
            return
        }
        c.integer(c.engine.unblock(target, withError: withError) ? 1 : 0)
    }

    // MARK: KILL

    struct KillFilter {
        var id: UInt64?
        var address: [UInt8]?
        var localAddress: [UInt8]?
        var type: ClientType?
        var user: [UInt8]?
        var skipMe = true

        func matches(_ client: ClientSession, caller: ClientSession) -> Bool {
            if let id, client.id != id { return false }
            if let address, Array(client.remoteAddress.utf8) != address { return false }
            if let localAddress, Array(client.localAddress.utf8) != localAddress { return false }
            if let type, typeOf(client) != type { return false }
            if let user, user != Array("default".utf8) { return false }
            if skipMe && client === caller { return false }
            return true
        }
    }

    static func kill(_ c: CommandContext) {
        var filter = KillFilter()
        let oldForm = c.args.count == 3
        if oldForm {
            filter.address = c.args[2]
            filter.skipMe = false
        } else {
            var i = 2
            while i < c.args.count {
                guard i + 1 < c.args.count else {
                    c.syntaxError()
                    return
                }
                let value = c.args[i + 1]
                switch c.option(i) {
                case "id":
                    guard let id = DecimalParser.int64(value), id > 0 else {
                        c.error("ERR client-id should be greater than 0")
                        return
                    }
                    filter.id = UInt64(id)
                case "type":
                    guard let type = clientType(c.option(i + 1)) else {
                        c.error("ERR Unknown client type '\(String(decoding: value, as: UTF8.self))'")
                        return
                    }
                    filter.type = type
                case "addr": filter.address = value
                case "laddr": filter.localAddress = value
                case "user":
                    guard value == Array("default".utf8) else {
                        c.error("ERR No such user '\(String(decoding: value, as: UTF8.self))'")
                        return
                    }
                    filter.user = value
                case "skipme":
                    switch c.option(i + 1) {
                    case "yes": filter.skipMe = true
                    case "no": filter.skipMe = false
                    default:
                        c.syntaxError()
                        return
                    }
                default:
                    c.syntaxError()
                    return
                }
                i += 2
            }
        }
        var killed = 0
        for client in c.engine.clients.values.sorted(by: { $0.id < $1.id }) where filter.matches(client, caller: c.client) {
            killed += 1
            if client === c.client {
                client.closeAfterReply = true
            } else {
                c.engine.dropBlockedClient(client)
                client.closeConnection()
            }
        }
        if oldForm {
            if killed == 0 { c.error("ERR No such client") } else { c.ok() }
        } else {
            c.integer(killed)
        }
    }
}
