// One client connection: bytes in, requests decoded, executed on the engine, replies out.
//
// Every channel lives on the engine's single event loop, so the handler calls the engine
// directly. All complete requests of one read are executed in order and their replies
// gathered in one buffer, written once when the read completes and flushed by the
// ReplyGate at the end of the event-loop batch (pipelining costs one syscall per batch,
// not per command). A protocol error gets Redis's reply, then
// the connection closes after the replies already produced. A Pub/Sub message published
// by another client is flushed at once through the session's `flushReplies` hook.
// While a blocking command (BLPOP…) holds the client, requests that arrive stay in the
// buffer; the session's `resumeRequests` hook runs them once it is unblocked.
//
// With the append-only file on, a reply that depends on records the log has not reached
// yet is parked in the ReplyGate and leaves, in order, when the writer reports progress.

import Logging
import NIOCore
import QuillCommands
import QuillRESP

final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let engine: Engine
    private let gate: ReplyGate
    private let logger: Logger
    private var context: ChannelHandlerContext?
    /// Replies waiting for the log, oldest first, with the log position each needs and how
    /// many replies it holds (an fsync failure answers each of them with the error).
    private var held: [(reply: ByteBuffer, required: Int64, count: Int)] = []
    private var repliesSinceFlush = 0
    private var closeWhenReleased = false
    private var client: ClientSession?
    private var decoder: RequestDecoder
    private var pending: ByteBuffer?
    private var closing = false
    private let onShutdownRequest: () -> Void

    init(engine: Engine, gate: ReplyGate, logger: Logger, onShutdownRequest: @escaping () -> Void) {
        self.engine = engine
        self.gate = gate
        self.logger = logger
        self.decoder = RequestDecoder(maxBulkLength: engine.config.protoMaxBulkLength)
        self.onShutdownRequest = onShutdownRequest
    }

    func channelActive(context: ChannelHandlerContext) {
        self.context = context
        let channel = context.channel
        let session = engine.registerClient(
            remoteAddress: Self.describe(channel.remoteAddress),
            localAddress: Self.describe(channel.localAddress),
            fileDescriptor: -1,
            allocator: channel.allocator)
        let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        session.closeConnection = { [weak self] in
            guard let self, !self.closing else { return }
            self.closing = true
            loopBoundContext.value.close(promise: nil)
        }
        session.flushReplies = { [weak self] in
            guard let self, !self.closing else { return }
            self.flush(loopBoundContext.value)
        }
        session.resumeRequests = { [weak self] in
            guard let self else { return }
            let loopBoundSelf = NIOLoopBound(self, eventLoop: loopBoundContext.value.eventLoop)
            loopBoundContext.value.eventLoop.execute {
                let handler = loopBoundSelf.value
                guard !handler.closing else { return }
                handler.runPendingRequests(loopBoundContext.value)
                handler.flush(loopBoundContext.value)
            }
        }
        client = session
        if engine.clients.count > engine.config.maxClients {
            session.out.error("ERR max number of clients reached")
            engine.stats.rejectedConnections += 1
            flushAndClose(context)
            return
        }
        if let refusal = ProtectedMode.refusal(for: channel.remoteAddress, config: engine.config) {
            session.out.error(refusal)
            flushAndClose(context)
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let client { engine.unregisterClient(client) }
        client = nil
        gate.forget(self)
        held = []
        self.context = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard client != nil, !closing else { return }
        var incoming = unwrapInboundIn(data)
        engine.stats.totalNetInputBytes += incoming.readableBytes
        if pending != nil {
            pending!.writeBuffer(&incoming)
        } else {
            pending = incoming
        }
        runPendingRequests(context)
    }

    /// Executes the complete requests in `pending`, in order, until the client blocks.
    private func runPendingRequests(_ context: ChannelHandlerContext) {
        guard let client, pending != nil else { return }
        decoder.maxBulkLength = engine.config.protoMaxBulkLength
        var followsPrevious = false
        while !closing && !client.isBlocked {
            let request: [[UInt8]]?
            do {
                request = try decoder.next(&pending!)
            } catch {
                engine.stats.totalErrorReplies += 1
                client.out.error(error.message)
                logger.debug("Protocol error (\(error.message)) from client: id=\(client.id) addr=\(client.remoteAddress)")
                flushAndClose(context)
                return
            }
            guard let request else { break }
            if request.isEmpty { continue }
            engine.execute(request, for: client, followsPrevious: followsPrevious)
            followsPrevious = true
            repliesSinceFlush += 1
            if client.closeAfterReply {
                if engine.shutdownRequest != nil { onShutdownRequest() }
                flushAndClose(context)
                return
            }
        }
        if pending!.readableBytes == 0 {
            pending = nil
        } else {
            pending!.discardReadBytes()
            client.queryBufferBytes = pending!.readableBytes
            if pending!.readableBytes > engine.config.clientQueryBufferLimit {
                logger.warning("Closing client that reached max query buffer length: id=\(client.id) addr=\(client.remoteAddress) (qbuf initial bytes: \(pending!.readableBytes))")
                flushAndClose(context)
            }
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flush(context)
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    private func flush(_ context: ChannelHandlerContext) {
        guard let client, client.out.buffer.readableBytes > 0 else { return }
        let reply = client.out.buffer
        engine.stats.totalNetOutputBytes += reply.readableBytes
        client.out.buffer = context.channel.allocator.buffer(capacity: 512)
        let count = repliesSinceFlush
        repliesSinceFlush = 0
        if held.isEmpty && gate.allows(client.requiredLogOffset) {
            context.write(wrapOutboundOut(reply), promise: nil)
            gate.flushAtEndOfBatch(context)
        } else {
            held.append((reply, client.requiredLogOffset, count))
            gate.park(self)
        }
        gate.scheduleHandOff()
    }

    /// Writes the held replies the log now allows; true when none is left.
    func releaseHeld() -> Bool {
        guard let context else { return true }
        var released = 0
        while released < held.count && gate.allows(held[released].required) {
            context.write(wrapOutboundOut(held[released].reply), promise: nil)
            released += 1
        }
        if released > 0 {
            held.removeFirst(released)
            context.flush()
        }
        if held.isEmpty && closeWhenReleased { context.close(promise: nil) }
        return held.isEmpty
    }

    /// Replies that waited for an fsync that failed are replaced by the error, one per reply.
    func failHeld(upTo end: Int64, error: String) {
        guard let context else { return }
        for i in held.indices where held[i].required <= end && !gate.allows(held[i].required) {
            var replacement = context.channel.allocator.buffer(capacity: (error.utf8.count + 3) * max(held[i].count, 1))
            for _ in 0..<max(held[i].count, 1) { replacement.writeString("-\(error)\r\n") }
            held[i] = (replacement, 0, held[i].count)
        }
    }

    private func flushAndClose(_ context: ChannelHandlerContext) {
        closing = true
        flush(context)
        if held.isEmpty {
            context.flush()
            context.close(promise: nil)
        } else {
            closeWhenReleased = true
        }
    }

    static func describe(_ address: SocketAddress?) -> String {
        guard let address else { return "?:0" }
        switch address {
        case .v4: return "\(address.ipAddress ?? "?"):\(address.port ?? 0)"
        case .v6: return "[\(address.ipAddress ?? "?")]:\(address.port ?? 0)"
        case .unixDomainSocket: return address.pathname ?? ""
        }
    }
}
