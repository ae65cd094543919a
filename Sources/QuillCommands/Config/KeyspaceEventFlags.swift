// The classes of keyspace notifications `notify-keyspace-events` selects, with Redis's flag
// letters. Parsing accepts the letters in any order and `A` as an alias for every data-type
// class; printing uses Redis's canonical order (keyspaceEventsFlagsToString), which is what
// CONFIG GET shows, so "Kgx$lshzetd" reads back as "AK".

public struct KeyspaceEventFlags: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let keyspace = KeyspaceEventFlags(rawValue: 1 << 0)
    public static let keyevent = KeyspaceEventFlags(rawValue: 1 << 1)
    public static let generic = KeyspaceEventFlags(rawValue: 1 << 2)
    public static let string = KeyspaceEventFlags(rawValue: 1 << 3)
    public static let list = KeyspaceEventFlags(rawValue: 1 << 4)
    public static let set = KeyspaceEventFlags(rawValue: 1 << 5)
    public static let hash = KeyspaceEventFlags(rawValue: 1 << 6)
    public static let zset = KeyspaceEventFlags(rawValue: 1 << 7)
    public static let expired = KeyspaceEventFlags(rawValue: 1 << 8)
    public static let evicted = KeyspaceEventFlags(rawValue: 1 << 9)
    public static let stream = KeyspaceEventFlags(rawValue: 1 << 10)
    public static let keyMiss = KeyspaceEventFlags(rawValue: 1 << 11)
    public static let module = KeyspaceEventFlags(rawValue: 1 << 12)
    public static let new = KeyspaceEventFlags(rawValue: 1 << 13)

    /// What `A` stands for: every class except key-miss and new-key events.
    public static let all: KeyspaceEventFlags = [.generic, .string, .list, .set, .hash, .zset, .expired,
                                                 .evicted, .stream, .module]

    public static let invalidCharacter = "Invalid event class character. Use 'Ag$lshzxeKEtmdn'."

    /// Letters of the data-type classes, in the order Redis prints them.
    private static let classLetters: [(Character, KeyspaceEventFlags)] = [
        ("g", .generic), ("$", .string), ("l", .list), ("s", .set), ("h", .hash), ("z", .zset),
        ("x", .expired), ("e", .evicted), ("t", .stream), ("d", .module), ("n", .new),
    ]

    /// Parses Redis's letters; nil if one is not a flag.
    public init?(letters: String) {
        var flags: KeyspaceEventFlags = []
        for ch in letters {
            switch ch {
            case "A": flags.formUnion(.all)
            case "K": flags.insert(.keyspace)
            case "E": flags.insert(.keyevent)
            case "m": flags.insert(.keyMiss)
            default:
                guard let entry = Self.classLetters.first(where: { $0.0 == ch }) else { return nil }
                flags.insert(entry.1)
            }
        }
        self = flags
    }

    /// Redis's canonical spelling.
    public var letters: String {
        var text = ""
        if isSuperset(of: .all) {
            text = "A"
        } else {
            for (letter, flag) in Self.classLetters where contains(flag) { text.append(letter) }
        }
        if contains(.keyspace) { text.append("K") }
        if contains(.keyevent) { text.append("E") }
        if contains(.keyMiss) { text.append("m") }
        return text
    }
}
