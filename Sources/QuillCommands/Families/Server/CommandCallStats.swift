// Per-command counters for INFO commandstats (server.c's cmdstat_ lines): how often each
// command ran, for how long, how often it answered with an error, and how often it was
// refused before running. Subcommands count under their full name ("client|list"), as in
// Redis; an unknown subcommand counts nowhere.

public struct CommandCallStats: Sendable {
    public var calls = 0
    public var microseconds: Int64 = 0
    public var failedCalls = 0
    public var rejectedCalls = 0

    public init() {}
}

extension Engine {
    /// "get" for a command, "client|list" for a subcommand (whose spec carries only "list").
    func fullName(of spec: CommandSpec, invokedAs name: [UInt8]) -> String {
        if Self.asciiCaseInsensitiveEqual(name, spec.name) { return spec.name }
        return String(decoding: name, as: UTF8.self).lowercased() + "|" + spec.name
    }

    func recordCall(_ name: String, microseconds: Int64, failed: Bool) {
        Self.add(&stats.commandCalls[name, default: CommandCallStats()], microseconds: microseconds, failed: failed)
    }

    /// Counts a command refused before it ran (arity, authentication, MULTI rules): Redis's
    /// rejected_calls.
    func recordRejection(_ spec: CommandSpec, invokedAs name: [UInt8]) {
        stats.commandCalls[fullName(of: spec, invokedAs: name), default: CommandCallStats()].rejectedCalls += 1
    }

    /// One dictionary access for the whole update.
    private static func add(_ entry: inout CommandCallStats, microseconds: Int64, failed: Bool) {
        entry.calls += 1
        entry.microseconds += microseconds
        if failed { entry.failedCalls += 1 }
    }

    static func asciiCaseInsensitiveEqual(_ bytes: [UInt8], _ lowercased: String) -> Bool {
        var index = 0
        for expected in lowercased.utf8 {
            guard index < bytes.count else { return false }
            let b = bytes[index]
            if ((b >= 0x41 && b <= 0x5A) ? b + 32 : b) != expected { return false }
            index += 1
        }
        return index == bytes.count
    }
}
