// A hash: field bytes to value bytes, with the encoding Redis 7.0 would report for it.
//
// Redis keeps a small hash as a listpack and converts it to a hash table once it holds more
// than hash-max-listpack-entries fields or a field or value longer than
// hash-max-listpack-value bytes; it never converts back, even when the hash shrinks or the
// limits are raised. Quill always stores an AdaptiveDictionary (a plain table while small,
// shards that a keyspace snapshot shares one by one once large) of ByteStrings (short
// values inline in the table's slots) and only remembers
// whether that conversion has happened, checking the limits on each write as Redis does.
// While the hash would still be a listpack it also keeps the fields in insertion order, the
// order in which Redis lists a small hash (HGETALL, HKEYS, HSCAN…); a hash table has no
// defined order.

public struct HashValue: Sendable {
    public private(set) var fields = AdaptiveDictionary<Key, ByteString>()
    /// True once Redis would have converted this hash to a hash table ("hashtable").
    public private(set) var isHashtable = false
    /// The fields in the order a listpack holds them; empty once `isHashtable`.
    private var listpackOrder: [Key] = []

    public init() {}

    public var count: Int { fields.count }

    public subscript(field: Key) -> ByteString? { fields[field] }

    /// Sets `field` to `value`; true when the field is new. `limits` are the listpack
    /// thresholds in force at the time of the write.
    @discardableResult
    public mutating func set(_ field: Key, _ value: [UInt8], limits: CompactLimits) -> Bool {
        if !isHashtable && (field.count > limits.maxValueLength || value.count > limits.maxValueLength) {
            convertToHashtable()
        }
        let added = fields.updateValue(ByteString(value), forKey: field) == nil
        if !isHashtable {
            if added { listpackOrder.append(field) }
            if fields.count > limits.maxEntries { convertToHashtable() }
        }
        return added
    }

    private mutating func convertToHashtable() {
        isHashtable = true
        listpackOrder = []
    }

    /// Removes `field`; true when it was there.
    @discardableResult
    public mutating func remove(_ field: Key) -> Bool {
        guard fields.removeValue(forKey: field) != nil else { return false }
        if !isHashtable, let index = listpackOrder.firstIndex(of: field) { listpackOrder.remove(at: index) }
        return true
    }

    /// The fields and values in the order Redis lists them: insertion order for a listpack,
    /// the table's own order otherwise.
    public var orderedFields: [(key: Key, value: ByteString)] {
        guard !isHashtable else { return Array(fields) }
        return listpackOrder.map { ($0, fields[$0] ?? ByteString([])) }
    }
}

/// The thresholds below which Redis keeps an aggregate in its compact encoding.
public struct CompactLimits: Sendable {
    public var maxEntries: Int
    public var maxValueLength: Int

    public init(maxEntries: Int, maxValueLength: Int) {
        self.maxEntries = maxEntries
        self.maxValueLength = maxValueLength
    }
}
