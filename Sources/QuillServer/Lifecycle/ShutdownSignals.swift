// SIGTERM and SIGINT start a clean shutdown. They are blocked in every thread from the first
// line of `main` (threads inherit the mask) and taken with sigwait on a thread of their own,
// so a signal that arrives early, even before that thread waits, stays pending and is
// handled: a handler armed later (a dispatch signal source is armed asynchronously) can miss
// it, and the server would then ignore the request to stop.

#if canImport(Glibc)
import Glibc
#endif

final class ShutdownSignals: Sendable {
    private let lifecycle: Lifecycle

    private init(lifecycle: Lifecycle) {
        self.lifecycle = lifecycle
    }

    private static var set: sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        return set
    }

    /// Blocks both signals in the calling thread; call before any other thread starts.
    static func block() {
        var signals = set
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }

    /// Starts the thread that waits for the signals and asks `lifecycle` to shut down.
    static func startWaiting(lifecycle: Lifecycle) {
        let context = Unmanaged.passRetained(ShutdownSignals(lifecycle: lifecycle)).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { context in
            Unmanaged<ShutdownSignals>.fromOpaque(context!).takeRetainedValue().wait()
            return nil
        }, context)
        if created == 0 { pthread_detach(thread) }
    }

    private func wait() {
        var signals = Self.set
        while true {
            var number: Int32 = 0
            guard sigwait(&signals, &number) == 0 else { continue }
            lifecycle.beginShutdown(signal: number == SIGTERM ? "SIGTERM" : "SIGINT")
        }
    }
}
