// Server commands: TIME LASTSAVE SHUTDOWN, and the introspection and administration
// commands (INFO, CONFIG, CLIENT, COMMAND, DEBUG) each in a file of its own.

import QuillRESP
import QuillStore

public enum ServerCommands {
    public static let all: [CommandSpec] = [
        CommandSpec("time", arity: 1, flags: [.loading, .stale, .fast], categories: ["fast"], group: "server",
                    summary: "Returns the server time.", since: "2.6.0", handler: time),
        CommandSpec("lastsave", arity: 1, flags: [.loading, .stale, .fast], categories: ["admin", "fast", "dangerous"],
                    group: "server", summary: "Returns the Unix timestamp of the last successful save to disk.",
                    handler: lastsave),
        CommandSpec("shutdown", arity: -1, flags: [.admin, .noscript, .loading, .stale, .noMulti, .allowBusy],
                    categories: ["admin", "slow", "dangerous"], group: "server",
                    summary: "Synchronously saves the database(s) to disk and shuts down the Redis server.",
                    handler: shutdown),
    ]

    static func time(_ c: CommandContext) {
        let micros = c.engine.clock.microseconds()
        c.reply { out in
            out.arrayHeader(2)
            out.bulkDecimal(Int(micros / 1_000_000))
            out.bulkDecimal(Int(micros % 1_000_000))
        }
    }

    static func lastsave(_ c: CommandContext) { c.integer(Int(c.engine.lastSaveSeconds)) }

    static func shutdown(_ c: CommandContext) {
        var save: Bool?
        var force = false
        for i in 1..<c.args.count {
            switch c.option(i) {
            case "nosave" where save == nil: save = false
            case "save" where save == nil: save = true
            case "now": break
            case "force": force = true
            case "abort":
                c.error("ERR No shutdown in progress.")
                return
            default:
                c.syntaxError()
                return
            }
        }
        if c.engine.persistence?.refusesShutdown(force: force) == true {
            return c.error("ERR Errors trying to SHUTDOWN. Check logs.")
        }
        c.engine.shutdownRequest = ShutdownRequest(save: save)
        c.client.closeAfterReply = true
    }
}
