// Wall-clock time behind a protocol, so expiry and timestamps can be driven by tests.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public protocol Clock: Sendable {
    /// Unix time in microseconds.
    func microseconds() -> Int64
}

extension Clock {
    public func milliseconds() -> Int64 { microseconds() / 1000 }
}

public struct SystemClock: Clock {
    public init() {}

    public func microseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000
    }
}
