// Start-up and shutdown of the whole server: configuration, logging, the engine on a
// single event loop, listening sockets, the cron timer, signals.
//
// Why a single event loop: the engine is single-threaded by design (one owner of the
// keyspace), and a connection served on the engine's own loop reaches it without a thread
// hop or a lock. With 2 cores, the other one is left to the kernel's network stack, the
// clients and, later, the append-only file's background threads.

import Logging
import NIOCore
import NIOPosix
import QuillCommands
import QuillPersistence
import QuillStore

#if canImport(Glibc)
import Glibc
#endif

public enum QuillServer {
    /// Parses arguments and configuration, serves until shut down, and exits the process:
    /// 0 after a clean shutdown, 1 when the configuration or the listening sockets fail.
    public static func main(arguments: [String]) -> Never {
        ShutdownSignals.block()
        let config = Configuration()
        let loaded: ConfigLoader.Result
        do {
            loaded = try ConfigLoader.load(arguments: arguments, into: config)
        } catch {
            StandardError.write(error.report + "\n")
            exit(1)
        }
        let sink = RedisLogHandler.Sink(path: config.value("logfile") ?? "")
        sink.level = RedisLogHandler.level(forRedisName: config.value("loglevel") ?? "notice")
        LoggingSystem.bootstrap { _ in RedisLogHandler(sink: sink) }
        config.onChange.append { name in
            if name == "loglevel" {
                sink.level = RedisLogHandler.level(forRedisName: config.value("loglevel") ?? "notice")
            }
        }
        let logger = Logger(label: "quill")
        logger.warning("oO0OoO0OoO0Oo Quill is starting oO0OoO0OoO0Oo")
        logger.warning("Quill version=\(ServerEnvironment.quillVersion), Redis compatibility=\(ServerEnvironment.redisVersion), bits=64, pid=\(getpid()), just started")
        if loaded.configFilePath == nil {
            logger.warning("Warning: no config file specified, using the default config. In order to specify a config file use quill-server /path/to/redis.conf")
        } else {
            logger.notice("Configuration loaded")
        }
        for warning in loaded.warnings { logger.warning("\(warning)") }
        sink.role = "M"

        let settings = ListenSettings(config)
        var environment = ServerEnvironment()
        environment.processID = getpid()
        environment.tcpPort = settings.port
        environment.configFilePath = loaded.configFilePath ?? ""
        environment.executablePath = absolutePath(CommandLine.arguments.first ?? "")
        environment.runID = makeRunID()
        let engine = Engine(config: config)
        environment.startMilliseconds = engine.clock.milliseconds()
        engine.environment = environment

        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let appendOnlyFile = AppendOnlyFile(engine: engine, logger: logger,
                                            fileSystem: FaultInjectingFileSystem(wrapping: SystemFileSystem()))
        engine.persistence = appendOnlyFile
        let state = NIOLoopBoundBox.makeBoxSendingValue(
            ServerState(engine: engine, gate: ReplyGate(engine: engine, loop: loop), appendOnlyFile: appendOnlyFile),
            eventLoop: loop)
        let lifecycle = Lifecycle(loop: loop, state: state, logger: logger, stopped: loop.makePromise())
        logger.notice("Running mode=standalone, port=\(settings.port).")
        // Signals are taken over before the port opens: a client that can connect can also
        // stop the server.
        ShutdownSignals.startWaiting(lifecycle: lifecycle)
        do {
            try lifecycle.listen(settings, group: group)
        } catch {
            exit(1)
        }
        logger.notice(" PID: \(getpid())")
        logger.warning("Server initialized")
        lifecycle.startCron()
        lifecycle.loadData()
        try? lifecycle.stopped.futureResult.wait()
        // Listeners and clients are closed by now; exiting releases the event loop thread.
        // Waiting for the group to wind down added nothing but a chance to stall on exit.
        exit(0)
    }

    /// A path made absolute against the working directory, as Redis reports its executable
    /// in INFO (getAbsolutePath: no symlinks resolved).
    static func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") || path.isEmpty { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let directory = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let relative = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        return directory == "/" ? "/" + relative : directory + "/" + relative
    }

    static func makeRunID() -> String {
        var generator = SystemRandomNumberGenerator()
        let hex = Array("0123456789abcdef")
        return String((0..<40).map { _ in hex[Int(generator.next() % 16)] })
    }
}

/// The configuration values the main thread needs to open the listeners, read before the
/// configuration object moves to the event loop with the engine.
struct ListenSettings: Sendable {
    let port: Int
    let bindWords: [String]

    init(_ config: Configuration) {
        port = config.port
        bindWords = (config.value("bind") ?? "127.0.0.1").split(separator: " ").map(String.init)
    }
}

/// What lives on the event loop: the engine, the append-only file, the listeners and the cron task.
final class ServerState {
    let engine: Engine
    let gate: ReplyGate
    let appendOnlyFile: AppendOnlyFile
    var listeners: [Channel] = []
    var cron: RepeatedTask?
    var shuttingDown = false

    init(engine: Engine, gate: ReplyGate, appendOnlyFile: AppendOnlyFile) {
        self.engine = engine
        self.gate = gate
        self.appendOnlyFile = appendOnlyFile
        gate.appendOnlyFile = appendOnlyFile
        appendOnlyFile.onDurabilityChanged = { [unowned gate] in gate.release() }
        appendOnlyFile.onFailedSync = { [unowned gate] end, error in gate.failSync(upTo: end, error: error) }
    }
}

/// The handles that start and stop the server, safe to use from any thread.
struct Lifecycle: Sendable {
    let loop: EventLoop
    let state: NIOLoopBoundBox<ServerState>
    let logger: Logger
    let stopped: EventLoopPromise<Void>

    func listen(_ settings: ListenSettings, group: EventLoopGroup) throws {
        let lifecycle = self
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 511)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.socketOption(.so_keepalive), value: 1)
            .childChannelOption(.recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 1024, initial: 16 * 1024, maximum: 1024 * 1024))
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let state = lifecycle.state.value
                    let handler = ConnectionHandler(engine: state.engine, gate: state.gate, logger: lifecycle.logger) {
                        lifecycle.beginShutdown(signal: nil)
                    }
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
        var bound: [Channel] = []
        for word in settings.bindWords {
            let optional = word.hasPrefix("-")
            let host = optional ? String(word.dropFirst()) : word
            do {
                bound.append(try bootstrap.bind(host: host == "*" ? "0.0.0.0" : host, port: settings.port).wait())
            } catch {
                if optional { continue }
                logger.warning("Warning: Could not create server TCP listening socket \(host):\(settings.port): \(error)")
                logger.warning("Failed listening on port \(settings.port) (tcp), aborting.")
                bound.forEach { $0.close(promise: nil) }
                throw error
            }
        }
        let listeners = bound
        try loop.submit { lifecycle.state.value.listeners = listeners }.wait()
    }

    /// Runs the engine's cron `hz` times a second; a CONFIG SET hz reschedules it.
    func startCron() {
        let lifecycle = self
        @Sendable func schedule(_ hz: Int) -> RepeatedTask {
            let period = TimeAmount.microseconds(Int64(1_000_000 / max(hz, 1)))
            return lifecycle.loop.scheduleRepeatedTask(initialDelay: period, delay: period) { _ in
                let state = lifecycle.state.value
                guard !state.engine.loading else { return }
                state.engine.cron()
                state.appendOnlyFile.handOff()
                state.appendOnlyFile.rewriteCron()
            }
        }
        loop.execute {
            let state = lifecycle.state.value
            state.cron = schedule(state.engine.config.hz)
            state.engine.config.onChange.append { name in
                guard name == "hz", !state.shuttingDown else { return }
                state.cron?.cancel()
                state.cron = schedule(state.engine.config.hz)
            }
        }
    }

    /// Replays the append-only file while clients already get -LOADING, then opens the log
    /// for writing; a failure exits with code 1, as Redis does.
    func loadData() {
        let lifecycle = self
        loop.execute {
            let state = lifecycle.state.value
            let aof = state.appendOnlyFile
            // The next slice of the load is a task 1 ms ahead, not an immediate one: the event
            // loop runs ready tasks back to back, so only a deadline still in the future when
            // the slice returns lets it poll the sockets in between and answer clients
            // (-LOADING, INFO).
            aof.schedule = { work in
                let bound = NIOLoopBound(work, eventLoop: lifecycle.loop)
                _ = lifecycle.loop.scheduleTask(in: .milliseconds(1)) { bound.value() }
            }
            aof.deliverReport = { report in
                lifecycle.loop.execute { lifecycle.state.value.appendOnlyFile.apply(report) }
            }
            aof.runOnEngine = { work in
                lifecycle.loop.execute { work(lifecycle.state.value.appendOnlyFile) }
            }
            aof.loadAtStartup { loaded in
                guard loaded, aof.openAtStartup() else { exit(1) }
                lifecycle.logger.notice("Ready to accept connections tcp")
            }
        }
    }

    /// Stops accepting, closes every client, and lets `main` return.
    func beginShutdown(signal: String?) {
        let lifecycle = self
        loop.execute {
            let state = lifecycle.state.value
            guard !state.shuttingDown else { return }
            if let signal {
                lifecycle.logger.warning("Received \(signal) scheduling shutdown...")
                if state.appendOnlyFile.refusesShutdown(force: false) {
                    lifecycle.logger.warning("\(signal) received but errors trying to shut down the server, check the logs for more information")
                    return
                }
            }
            state.shuttingDown = true
            lifecycle.logger.warning("User requested shutdown...")
            state.cron?.cancel()
            for client in state.engine.clients.values { client.closeConnection() }
            let closes = state.listeners.map { $0.close() }
            EventLoopFuture.andAllComplete(closes, on: lifecycle.loop).whenComplete { _ in
                lifecycle.state.value.appendOnlyFile.shutdown()
                lifecycle.logger.warning("Quill is now ready to exit, bye bye...")
                lifecycle.stopped.succeed(())
            }
        }
    }
}

enum StandardError {
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
