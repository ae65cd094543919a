// Holds replies back until the append-only file has reached the log position they depend
// on, and hands each event-loop batch's records to the log's writer once per batch.
//
// A connection whose reply depends on records not yet written (or not yet fsynced, under
// `appendfsync always`) parks it here; when the writer reports progress, parked replies
// leave in order. The hand-over runs as a task on the event loop, which NIO runs after it
// has processed every read of the current wake-up: one write(2) covers the whole batch.

import NIOCore
import QuillCommands
import QuillPersistence

final class ReplyGate {
    private let engine: Engine
    private let loop: EventLoop
    var appendOnlyFile: AppendOnlyFile?
    private var waiting: [ObjectIdentifier: ConnectionHandler] = [:]
    private var handOffScheduled = false

    init(engine: Engine, loop: EventLoop) {
        self.engine = engine
        self.loop = loop
    }

    /// Whether a reply needing `offset` may leave now.
    func allows(_ offset: Int64) -> Bool { engine.logDurability.allows(offset) }

    func park(_ handler: ConnectionHandler) {
        waiting[ObjectIdentifier(handler)] = handler
        scheduleHandOff()
    }

    func forget(_ handler: ConnectionHandler) {
        waiting[ObjectIdentifier(handler)] = nil
    }

    /// Makes sure the batch's records reach the writer once the current batch is over.
    func scheduleHandOff() {
        guard !handOffScheduled, engine.effectLog.isRecording, !engine.effectLog.pending.isEmpty else { return }
        handOffScheduled = true
        let gate = NIOLoopBound(self, eventLoop: loop)
        loop.execute {
            gate.value.handOffScheduled = false
            gate.value.appendOnlyFile?.handOff()
        }
    }

    /// The durable positions moved: release what may go.
    func release() {
        for (id, handler) in waiting where handler.releaseHeld() {
            waiting[id] = nil
        }
    }

    /// An fsync failed: replies that waited for it get `error` instead.
    func failSync(upTo end: Int64, error: String) {
        for handler in waiting.values { handler.failHeld(upTo: end, error: error) }
        release()
    }
}
