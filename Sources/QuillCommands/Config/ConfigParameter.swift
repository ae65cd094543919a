// One configuration parameter as CONFIG GET/SET, CONFIG REWRITE and redis.conf see it: its
// name (and the old name Redis still accepts), the kind of value it takes (which decides how
// it is parsed, printed and rewritten), its default, and Redis's flags for it: immutable
// (start-up only), protected (CONFIG SET only with enable-protected-configs), hidden (CONFIG
// GET shows it only when asked by exact name) and sensitive.

public enum ConfigKind: Sendable {
    /// yes / no.
    case bool
    /// A plain integer within the range (Redis's string2ll rules: no '+', no leading zero).
    case integer(ClosedRange<Int>)
    /// A byte count that accepts units (`1k`, `5mb`, `1gb`); printed in bytes.
    case memory(ClosedRange<Int>)
    /// One of the listed words, case-insensitive; printed in lower case.
    case enumeration([String])
    /// Any string (a path, a password); `validate` returns Redis's reason for refusing one.
    case string(validate: (@Sendable (String) -> String?)?)
    /// `save`: "" or pairs of <seconds> <changes>.
    case savePoints
    /// `bind`: up to 16 addresses.
    case bindAddresses
    /// `notify-keyspace-events`: Redis's flag letters.
    case keyspaceEvents
    /// `dir`: the working directory; setting it changes directory.
    case directory
    /// `latency-tracking-info-percentiles`: numbers between 0 and 100.
    case percentiles

    /// Parameters whose value is a list of words (redis.conf may give them several arguments).
    var takesSeveralArguments: Bool {
        switch self {
        case .savePoints, .bindAddresses, .percentiles: return true
        default: return false
        }
    }
}

public struct ConfigParameter: Sendable {
    public let name: String
    public let alias: String?
    public let kind: ConfigKind
    public let defaultValue: String
    public let mutable: Bool
    public let protected: Bool
    public let hidden: Bool
    public let sensitive: Bool

    public init(_ name: String, alias: String? = nil, _ kind: ConfigKind, default defaultValue: String,
                mutable: Bool = true, protected: Bool = false, hidden: Bool = false, sensitive: Bool = false) {
        self.name = name
        self.alias = alias
        self.kind = kind
        self.defaultValue = defaultValue
        self.mutable = mutable
        self.protected = protected
        self.hidden = hidden
        self.sensitive = sensitive
    }
}
