// A stored value. Each case is one Redis type; the payload is a value type with
// copy-on-write, so a snapshot of the keyspace shares every value until it is written.
//
// Strings are ByteStrings (inline up to 23 bytes, an array beyond). Redis reports their encoding from their shape ("int" for a
// canonical 64-bit integer, "embstr" up to 44 bytes, "raw" beyond), and so do we.

import QuillRESP

public enum Value: Sendable {
    case string(ByteString)
    case list(ListValue)
    indirect case hash(HashValue)
    indirect case set(SetValue)
    indirect case sortedSet(SortedSetValue)

    /// The name TYPE reports.
    public var typeName: String {
        switch self {
        case .string: return "string"
        case .list: return "list"
        case .hash: return "hash"
        case .set: return "set"
        case .sortedSet: return "zset"
        }
    }

    /// Redis's object type number (OBJ_STRING = 0, …), which DEBUG DIGEST mixes in.
    public var redisTypeCode: UInt32 {
        switch self {
        case .string: return 0
        case .list: return 1
        case .set: return 2
        case .hash: return 4
        case .sortedSet: return 3
        }
    }

    /// What OBJECT ENCODING reports.
    public var encodingName: String {
        switch self {
        case .string(let string):
            if string.count <= 20, string.withBytes({ DecimalParser.int64($0) }) != nil { return "int" }
            return string.count <= 44 ? "embstr" : "raw"
        case .list:
            return "quicklist"
        case .hash(let hash):
            return hash.isHashtable ? "hashtable" : "listpack"
        case .set(let set):
            return set.isHashtable ? "hashtable" : "intset"
        case .sortedSet(let zset):
            return zset.isListpack ? "listpack" : "skiplist"
        }
    }
}

/// One key's slot in a database: its value and when it was last touched, in seconds of the
/// LRU clock (OBJECT IDLETIME).
public struct Entry: Sendable {
    public var value: Value
    public var lastAccessSeconds: UInt32

    public init(value: Value, lastAccessSeconds: UInt32) {
        self.value = value
        self.lastAccessSeconds = lastAccessSeconds
    }
}
