// WAITAOF numlocal numreplicas timeout (Redis 7.2's waitaofCommand): blocks the client until
// everything it wrote is fsynced to the local append-only file, or the timeout passes, and
// answers how many copies (local, replicas) hold it. Quill has no replicas, so a request for
// replicas can only end by its timeout.

import QuillRESP

enum WaitAOFCommand {
    static let appendOnlyDisabled = "ERR WAITAOF cannot be used when numlocal is set but appendonly is disabled."
    static let all: [CommandSpec] = [
        CommandSpec("waitaof", arity: 4, flags: [.blocking], categories: ["slow", "connection", "blocking"],
                    group: "generic",
                    summary: "Blocks until all of the preceding write commands sent by the connection are written to the append-only file of the primary and/or replicas.",
                    since: "7.2.0", handler: waitaof),
    ]

    static func waitaof(_ c: CommandContext) {
        guard let local = DecimalParser.int(c.args[1]) else { return c.notInteger() }
        guard local >= 0 && local <= 1 else { return c.error("ERR value is out of range, value must between 0 and 1") }
        guard let replicas = DecimalParser.int(c.args[2]) else { return c.notInteger() }
        guard replicas >= 0 else { return c.error("ERR value is out of range, must be positive") }
        guard let timeout = DecimalParser.int(c.args[3]) else {
            return c.error("ERR timeout is not an integer or out of range")
        }
        guard timeout >= 0 else { return c.error("ERR timeout is negative") }
        if local > 0 && !c.engine.config.appendOnly {
            return c.error(appendOnlyDisabled)
        }
        let position = c.client.requiredLogOffset
        let engine = c.engine
        // With the log off nothing counts as fsynced (Redis's fsynced_reploff is -1 then).
        func localCopies() -> Int {
            engine.config.appendOnly && engine.logDurability.syncedOffset >= position ? 1 : 0
        }
        func reply(_ context: CommandContext) {
            let acknowledged = localCopies()
            context.reply { out in
                out.arrayHeader(2)
                out.integer(acknowledged)
                out.integer(0)
            }
        }
        if (localCopies() >= local && replicas == 0) || !engine.mayBlock {
            return reply(c)
        }
        let deadline: BlockingDeadline = timeout == 0 ? .never : .at(engine.nowMilliseconds + Int64(timeout))
        engine.blockUntilLogSynced(c, position: replicas == 0 ? position : Int64.max, deadline: deadline,
                                   serve: reply, onTimeout: reply)
    }
}
