// Connection commands: PING ECHO SELECT QUIT RESET AUTH HELLO. They change only the
// client's own state (database, protocol, authentication), never the keyspace.

import QuillRESP
import QuillStore

public enum ConnectionCommands {
    public static let all: [CommandSpec] = [
        CommandSpec("ping", arity: -1, flags: [.fast], categories: ["fast", "connection"], group: "connection",
                    summary: "Returns the server's liveliness response.", handler: ping),
        CommandSpec("echo", arity: 2, flags: [.fast], categories: ["fast", "connection"], group: "connection",
                    summary: "Returns the given string.", handler: echo),
        CommandSpec("select", arity: 2, flags: [.loading, .stale, .fast], categories: ["fast", "connection"],
                    group: "connection", summary: "Changes the selected database.", handler: select),
        CommandSpec("quit", arity: -1, flags: [.allowBusy, .noAuth, .noscript, .loading, .stale, .fast],
                    categories: ["fast", "connection"], group: "connection",
                    summary: "Closes the connection.", handler: quit),
        CommandSpec("reset", arity: 1, flags: [.noscript, .loading, .stale, .fast, .noAuth, .allowBusy],
                    categories: ["fast", "connection"], group: "connection",
                    summary: "Resets the connection.", since: "6.2.0", handler: reset),
        CommandSpec("auth", arity: -2, flags: [.noscript, .loading, .stale, .fast, .noAuth, .allowBusy],
                    categories: ["fast", "connection"], group: "connection",
                    summary: "Authenticates the connection.", handler: auth),
        CommandSpec("hello", arity: -1, flags: [.noscript, .loading, .stale, .fast, .noAuth, .allowBusy],
                    categories: ["fast", "connection"], group: "connection",
                    summary: "Handshakes with the Redis server.", since: "6.0.0", handler: hello),
    ]

    static func ping(_ c: CommandContext) {
        if c.args.count > 2 {
            c.error(ErrorReplies.wrongArity("ping"))
        } else if c.client.protocolVersion == 2 && c.client.isSubscribed {
            c.reply { out in
                out.arrayHeader(2)
                out.bulk("pong")
                out.bulk(c.args.count == 2 ? c.args[1] : [])
            }
        } else if c.args.count == 2 {
            c.bulk(c.args[1])
        } else {
            c.simple("PONG")
        }
    }

    static func echo(_ c: CommandContext) { c.bulk(c.args[1]) }

    static func select(_ c: CommandContext) {
        guard let index = c.integerArgument(1) else { return }
        guard index >= 0 && index < c.engine.keyspace.databaseCount else {
            c.error(ErrorReplies.outOfRangeDB)
            return
        }
        c.client.databaseIndex = index
        c.ok()
    }

    static func quit(_ c: CommandContext) {
        c.ok()
        c.client.closeAfterReply = true
    }

    static func reset(_ c: CommandContext) {
        let client = c.client
        client.transaction = nil
        c.engine.unwatchAll(client)
        PubSubCommands.unsubscribeAll(c)
        client.databaseIndex = 0
        client.protocolVersion = 2
        client.replyMode = .on
        client.noEvict = false
        client.noTouch = false
        client.name = []
        client.authenticated = c.engine.config.requirePass == nil
        c.simple("RESET")
    }

    /// Checks a password against `requirepass` for the default user (the only user Quill has).
    static func passwordMatches(_ c: CommandContext, user: [UInt8], password: [UInt8]) -> Bool {
        guard user == Array("default".utf8) else { return false }
        guard let required = c.engine.config.requirePass else { return true }
        return required == password
    }

    static func auth(_ c: CommandContext) {
        guard c.args.count <= 3 else {
            c.syntaxError()
            return
        }
        if c.args.count == 2 && c.engine.config.requirePass == nil {
            c.error("ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?")
            return
        }
        let user = c.args.count == 3 ? c.args[1] : Array("default".utf8)
        if passwordMatches(c, user: user, password: c.args[c.args.count - 1]) {
            c.client.authenticated = true
            c.ok()
        } else {
            c.error(ErrorReplies.wrongPass)
        }
    }

    static func hello(_ c: CommandContext) {
        var version = c.client.protocolVersion
        var i = 1
        if c.args.count >= 2 {
            guard let requested = DecimalParser.int(c.args[1]) else {
                c.error("ERR Protocol version is not an integer or out of range")
                return
            }
            guard requested == 2 || requested == 3 else {
                c.error("NOPROTO unsupported protocol version")
                return
            }
            version = requested
            i = 2
        }
        var credentials: (user: [UInt8], password: [UInt8])?
        var newName: [UInt8]?
        while i < c.args.count {
            let option = c.option(i)
            if option == "auth" && i + 2 < c.args.count {
                credentials = (c.args[i + 1], c.args[i + 2])
                i += 3
            } else if option == "setname" && i + 1 < c.args.count {
                newName = c.args[i + 1]
                i += 2
            } else {
                c.error("ERR Syntax error in HELLO option '\(String(decoding: c.args[i], as: UTF8.self))'")
                return
            }
        }
        if let credentials {
            guard passwordMatches(c, user: credentials.user, password: credentials.password) else {
                c.error(ErrorReplies.wrongPass)
                return
            }
            c.client.authenticated = true
        }
        if !c.client.authenticated {
            c.error("NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time")
            return
        }
        if let newName {
            guard ClientNames.isValid(newName) else {
                c.error(ClientNames.invalidError)
                return
            }
            c.client.name = newName
        }
        c.client.protocolVersion = version
        c.reply { out in
            out.mapHeader(7)
            out.bulk("server"); out.bulk("redis")
            out.bulk("version"); out.bulk(ServerEnvironment.redisVersion)
            out.bulk("proto"); out.integer(version)
            out.bulk("id"); out.integer(Int(c.client.id))
            out.bulk("mode"); out.bulk("standalone")
            out.bulk("role"); out.bulk("master")
            out.bulk("modules"); out.arrayHeader(0)
        }
    }
}

/// Redis's rule for CLIENT SETNAME and HELLO SETNAME: no spaces, newlines or other
/// characters outside '!'..'~'.
enum ClientNames {
    static let invalidError = "ERR Client names cannot contain spaces, newlines or special characters."

    static func isValid(_ name: [UInt8]) -> Bool {
        name.allSatisfy { $0 >= UInt8(ascii: "!") && $0 <= UInt8(ascii: "~") }
    }
}
