// A swift-log handler that prints Redis's log line format, so operators' tools and tests
// that read Redis logs read ours:
//
//     4242:M 26 Nov 2026 08:10:54.123 * Ready to accept connections tcp
//     pid role  timestamp (local time)  level message
//
// Level marks: '.' debug, '-' verbose (info), '*' notice, '#' warning and worse. Lines go to
// standard output or to `logfile`, written and flushed one at a time, as Redis does.

#if canImport(Glibc)
import Glibc
#endif
import Logging
import NIOConcurrencyHelpers

public struct RedisLogHandler: LogHandler {
    /// Where lines go; shared by every logger of the process.
    public final class Sink: @unchecked Sendable {
        private let lock = NIOLock()
        private let descriptor: Int32
        private var currentRole: Character = "C"
        private var currentLevel: Logger.Level = .notice

        /// Opens `path` for appending; an empty path means standard output.
        public init(path: String) {
            let opened = path.isEmpty ? -1 : open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
            descriptor = opened >= 0 ? opened : STDOUT_FILENO
        }

        /// 'C' before the server is initialised, 'M' (master) after, as Redis marks its lines.
        public var role: Character {
            get { lock.withLock { currentRole } }
            set { lock.withLock { currentRole = newValue } }
        }

        /// The threshold every logger of the process applies; CONFIG SET loglevel changes it.
        public var level: Logger.Level {
            get { lock.withLock { currentLevel } }
            set { lock.withLock { currentLevel = newValue } }
        }

        func write(_ line: String) {
            lock.withLock {
                var bytes = Array(line.utf8)
                _ = bytes.withUnsafeMutableBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            }
        }
    }

    public var metadata: Logger.Metadata = [:]
    private let sink: Sink

    public init(sink: Sink) {
        self.sink = sink
    }

    /// Read from the shared sink, so a runtime change of `loglevel` reaches every logger.
    public var logLevel: Logger.Level {
        get { sink.level }
        set { sink.level = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        sink.write(Self.format(level: event.level, message: event.message.description, role: sink.role))
    }

    static func format(level: Logger.Level, message: String, role: Character) -> String {
        var tv = timeval()
        gettimeofday(&tv, nil)
        var seconds = tv.tv_sec
        var parts = tm()
        localtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 64)
        let length = strftime(&buffer, buffer.count, "%d %b %Y %H:%M:%S.", &parts)
        let stamp = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let millis = Int(tv.tv_usec / 1000)
        let millisText = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(getpid()):\(role) \(stamp)\(millisText) \(mark(level)) \(message)\n"
    }

    static func mark(_ level: Logger.Level) -> Character {
        switch level {
        case .trace, .debug: return "."
        case .info: return "-"
        case .notice: return "*"
        case .warning, .error, .critical: return "#"
        }
    }

    /// Maps Redis's `loglevel` words to swift-log levels.
    public static func level(forRedisName name: String) -> Logger.Level {
        switch name {
        case "debug": return .debug
        case "verbose": return .info
        case "notice": return .notice
        default: return .warning
        }
    }
}
