// One configuration parameter as CONFIG GET/SET and redis.conf see it: its name, the
// kind of value it takes (which decides how it is parsed and printed), its default, and
// whether CONFIG SET may change it at runtime (Redis's IMMUTABLE_CONFIG).

public enum ConfigKind: Sendable {
    /// yes / no.
    case bool
    /// A plain integer within the range.
    case integer(ClosedRange<Int>)
    /// A byte count that accepts units (`1k`, `5mb`, `1gb`); printed in bytes.
    case memory(ClosedRange<Int>)
    /// One of the listed words, case-insensitive; printed in lower case.
    case enumeration([String])
    /// Any string (a path, a password).
    case string
    /// Space-separated words (bind, save), kept as given.
    case list
}

public struct ConfigParameter: Sendable {
    public let name: String
    public let alias: String?
    public let kind: ConfigKind
    public let defaultValue: String
    public let mutable: Bool
    /// CONFIG GET hides the value of sensitive parameters from nobody, but CONFIG REWRITE and
    /// INFO must not print them; redacted parameters are marked here.
    public let sensitive: Bool

    public init(_ name: String, alias: String? = nil, _ kind: ConfigKind, default defaultValue: String,
                mutable: Bool = true, sensitive: Bool = false) {
        self.name = name
        self.alias = alias
        self.kind = kind
        self.defaultValue = defaultValue
        self.mutable = mutable
        self.sensitive = sensitive
    }
}
