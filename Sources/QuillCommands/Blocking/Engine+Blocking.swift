// Blocking commands in the engine (Redis's blocked.c): a command that finds nothing to pop
// parks its client here; after every command or transaction, the keys it made ready are
// served (handleClientsBlockedOnKeys), each key's waiters in the order they blocked, as
// long as the key holds a value of the type they wait for; cron times waiters out; CLIENT
// UNBLOCK and disconnections take them out.
//
// A client served after waiting finishes its command as an execution unit of its own: its
// effect (LPOP k, LMOVE …) is logged right after the unit that made the key ready, its
// reply waits for that log position like any write's, and its connection then goes on
// with the requests that arrived meanwhile.

import QuillStore

extension Engine {
    static let unblockedError = "UNBLOCKED client unblocked via CLIENT UNBLOCK"

    /// Whether the running command may block: not inside EXEC (Redis's CLIENT_DENY_BLOCKING),
    /// where a blocking command answers as if its timeout had expired, nor during a replay.
    var mayBlock: Bool { callDepth <= 1 && !loading }

    /// Parks `c`'s client until one of `keys` holds a `valueType` value, then `serve` runs.
    func block(_ c: CommandContext, on keys: [Key], waitingFor valueType: BlockedValueType,
               deadline: BlockingDeadline, serve: @escaping (CommandContext, Key) -> Void) {
        let client = c.client
        client.blockedRequest = BlockedRequest(
            commandName: client.lastCommandName, arguments: c.args, database: c.db, keys: keys,
            valueType: valueType, deadline: deadline, skipsReply: client.replyMode == .skipThis, serve: serve)
        blocking.add(client, database: c.db, keys: keys)
    }

    /// Serves the clients waiting on the keys made ready so far, including keys made ready
    /// while serving (a BLMOVE's destination).
    func serveBlockedClients() {
        while let ready = blocking.nextReady() {
            for receiver in blocking.waiters(ready.database, ready.key) {
                guard let request = receiver.blockedRequest else { continue }
                if expireIfNeeded(ready.database, ready.key) {
                    commitUnit(for: nil)
                    break
                }
                guard let value = keyspace.databases[ready.database].entry(ready.key)?.value else { break }
                guard request.accepts(value) else { continue }
                finishBlocked(receiver, request) { request.serve($0, ready.key) }
            }
        }
    }

    /// Parks `c`'s client until the log has fsynced `position` (WAITAOF); `serve` replies
    /// then, `onTimeout` when the deadline passes first.
    func blockUntilLogSynced(_ c: CommandContext, position: Int64, deadline: BlockingDeadline,
                             serve: @escaping (CommandContext) -> Void, onTimeout: @escaping (CommandContext) -> Void) {
        let client = c.client
        var request = BlockedRequest(
            commandName: client.lastCommandName, arguments: c.args, database: c.db, keys: [],
            valueType: .list, deadline: deadline, skipsReply: client.replyMode == .skipThis,
            serve: { context, _ in serve(context) })
        request.logPosition = position
        request.timeoutReply = onTimeout
        client.blockedRequest = request
        blocking.add(client, database: c.db, keys: [])
    }

    /// The log fsynced further: WAITAOF clients whose position it reached get their reply.
    public func wakeLogWaiters() {
        guard !blocking.isEmpty else { return }
        let synced = logDurability.syncedOffset
        for client in blocking.clients.values.sorted(by: { $0.id < $1.id }) {
            guard let request = client.blockedRequest, let position = request.logPosition, position <= synced else { continue }
            finishBlocked(client, request) { request.serve($0, Key([])) }
        }
    }

    /// The log was switched off: WAITAOF clients get Redis's error.
    public func failLogWaiters() {
        guard !blocking.isEmpty else { return }
        for client in blocking.clients.values.sorted(by: { $0.id < $1.id }) {
            guard let request = client.blockedRequest, request.logPosition != nil else { continue }
            finishBlocked(client, request) { $0.error(WaitAOFCommand.appendOnlyDisabled) }
        }
    }

    /// Replies null to the clients whose deadline has passed, earliest deadline first.
    func timeOutBlockedClients() {
        guard !blocking.isEmpty else { return }
        let now = clock.milliseconds()
        let expired = blocking.clients.values.compactMap { client -> (deadline: Int64, client: ClientSession)? in
            guard case .at(let deadline)? = client.blockedRequest?.deadline, deadline < now else { return nil }
            return (deadline, client)
        }.sorted { ($0.deadline, $0.client.id) < ($1.deadline, $1.client.id) }
        for (_, client) in expired {
            guard let request = client.blockedRequest else { continue }
            finishBlocked(client, request) { c in
                if let reply = request.timeoutReply { reply(c) } else { c.reply { $0.nullArray() } }
            }
        }
    }

    /// CLIENT UNBLOCK: ends `client`'s wait as a timeout would, or with an error. False if
    /// it was not blocked. Redis 7.0 counts the command as failed either way.
    func unblock(_ client: ClientSession, withError: Bool) -> Bool {
        guard let request = client.blockedRequest else { return false }
        finishBlocked(client, request, countsAsFailed: true) { c in
            if withError { c.error(Self.unblockedError) } else { c.reply { $0.nullArray() } }
        }
        return true
    }

    /// Forgets a blocked client that goes away (disconnection, CLIENT KILL); its command
    /// still counts as a call, as in Redis 7.0.
    func dropBlockedClient(_ client: ClientSession) {
        guard let request = client.blockedRequest else { return }
        forget(client, request)
        recordBlockedCall(request, microseconds: request.callMicroseconds, failed: false)
    }

    private func forget(_ client: ClientSession, _ request: BlockedRequest) {
        blocking.remove(client, database: request.database, keys: request.keys)
        client.blockedRequest = nil
    }

    private func recordBlockedCall(_ request: BlockedRequest, microseconds: Int64, failed: Bool) {
        guard let spec = table.commands[request.commandName] else { return }
        recordCall(spec, microseconds: microseconds, failed: failed)
    }

    /// Unblocks `client`, lets `body` reply (and log), then commits, counts the command
    /// and sends the reply.
    private func finishBlocked(_ client: ClientSession, _ request: BlockedRequest, countsAsFailed: Bool = false,
                               _ body: (CommandContext) -> Void) {
        forget(client, request)
        let context = CommandContext(engine: self, client: client, args: request.arguments)
        let replyStart = client.out.buffer.writerIndex
        let errorsBefore = stats.totalErrorReplies
        let started = clock.microseconds()
        body(context)
        if effectLog.isRecording { collectEffect(context, changed: false) }
        if !unitEffects.isEmpty || !unitKeys.isEmpty { commitUnit(for: client) }
        recordBlockedCall(request, microseconds: request.callMicroseconds + clock.microseconds() - started,
                          failed: countsAsFailed || stats.totalErrorReplies != errorsBefore)
        if request.skipsReply || client.replyMode == .off { client.out.buffer.moveWriterIndex(to: replyStart) }
        client.flushReplies()
        client.resumeRequests()
    }
}
