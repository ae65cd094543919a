// Decides when replies leave: holds replies back until the append-only file has reached the
// log position they depend on, hands each event-loop batch's records to the log's writer
// once per batch, and flushes the replies of a batch to their sockets once it is over.
//
// A connection whose reply depends on records not yet written (or not yet fsynced, under
// `appendfsync always`) parks it here; when the writer reports progress, parked replies
// leave in order. Under everysec and no the batch is usually written during the hand-over
// itself, so its parked replies leave in the same end-of-batch task. The end of a batch is
// a task on the event loop, which NIO runs after it has processed every read of the current
// wake-up: one write(2) to the log covers the whole batch, and the sockets are flushed back
// to back after every request of the batch has run, as Redis writes replies in beforeSleep. Flushing each connection as soon as its
// requests ran instead interleaves reads with writes, so a client often went back to sleep
// between two of our writes and each write paid for waking it up again.

import NIOCore
import QuillCommands
import QuillPersistence

final class ReplyGate {
    private let engine: Engine
    private let loop: EventLoop
    var appendOnlyFile: AppendOnlyFile?
    private var waiting: [ObjectIdentifier: ConnectionHandler] = [:]
    private var endOfBatchScheduled = false
    /// Connections with replies written during this batch and not flushed yet.
    private var unflushed: [ChannelHandlerContext] = []

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
        guard engine.effectLog.isRecording, !engine.effectLog.pending.isEmpty else { return }
        scheduleEndOfBatch()
    }

    /// Flushes `context` once the current batch is over.
    func flushAtEndOfBatch(_ context: ChannelHandlerContext) {
        unflushed.append(context)
        scheduleEndOfBatch()
    }

    private func scheduleEndOfBatch() {
        guard !endOfBatchScheduled else { return }
        endOfBatchScheduled = true
        let gate = NIOLoopBound(self, eventLoop: loop)
        loop.execute { gate.value.endBatch() }
    }

    private func endBatch() {
        endOfBatchScheduled = false
        appendOnlyFile?.handOff()
        // Indexed, so the list keeps its storage from batch to batch (a copy to iterate
        // would make removeAll allocate anew).
        var index = 0
        while index < unflushed.count {
            unflushed[index].flush()
            index += 1
        }
        unflushed.removeAll(keepingCapacity: true)
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
