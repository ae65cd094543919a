// BGREWRITEAOF (aof.c's bgrewriteaofCommand): the append-only file is compacted by a rewrite
// that runs beside the engine. The work is the persistence layer's (Engine.persistence);
// this file owns the command's replies.

import QuillRESP

enum PersistenceCommands {
    static let all: [CommandSpec] = [
        CommandSpec("bgrewriteaof", arity: 1, flags: [.admin, .noscript], categories: ["admin", "slow", "dangerous"],
                    group: "server", summary: "Asynchronously rewrite the append-only file", handler: bgrewriteaof),
    ]

    static func bgrewriteaof(_ c: CommandContext) {
        guard let persistence = c.engine.persistence else {
            return c.error("ERR Can't execute an AOF background rewriting. Please check the server logs for more information.")
        }
        switch persistence.requestRewrite(inTransaction: c.engine.executingTransaction) {
        case .started: c.simple("Background append only file rewriting started")
        case .scheduled: c.simple("Background append only file rewriting scheduled")
        case .alreadyRunning: c.error("ERR Background append only file rewriting already in progress")
        case .failed: c.error("ERR Can't execute an AOF background rewriting. Please check the server logs for more information.")
        }
    }
}
