// Facts about the running process that INFO and other commands report but the engine does
// not own: set once by the server at start-up.

public struct ServerEnvironment: Sendable {
    /// The Redis version whose behaviour Quill follows, reported as `redis_version`.
    public static let redisVersion = "7.0.15"
    /// Quill's own version, reported as `quill_version`.
    public static let quillVersion = "0.1.0"

    public var processID: Int32 = 0
    public var runID = String(repeating: "0", count: 40)
    public var tcpPort = 6379
    public var executablePath = ""
    public var configFilePath = ""
    public var startMilliseconds: Int64 = 0

    public init() {}
}
