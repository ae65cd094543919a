// A set of byte strings, with the encoding Redis 7.0 would report for it.
//
// Redis 7.0 keeps a set whose members are all canonical 64-bit integers as an intset while
// it has at most set-max-intset-entries members, and converts it to a hash table when a
// non-integer member arrives or it grows past that; it does not convert back. Quill always
// stores an AdaptiveSet (a plain Set while small, a tree that a keyspace snapshot shares
// node by node once large) and only remembers whether that conversion has happened. An
// intset is sorted, so Redis lists its members in numeric order; `orderedMembers` does the
// same.

import QuillRESP

public struct SetValue: Sendable {
    public private(set) var members = AdaptiveSet<Key>()
    /// True once Redis would have converted this set to a hash table ("hashtable").
    public private(set) var isHashtable = false

    public init() {}

    /// A new set built by adding `members` one by one under `maxIntsetEntries`, as Redis
    /// builds the result of SINTERSTORE, SUNIONSTORE and SDIFFSTORE.
    public init<S: Sequence>(_ members: S, maxIntsetEntries: Int) where S.Element == Key {
        self.members = AdaptiveSet(members)
        isHashtable = self.members.count > maxIntsetEntries
            || self.members.contains { $0.withBytes { DecimalParser.int64($0) } == nil }
    }

    public var count: Int { members.count }

    public func contains(_ member: Key) -> Bool { members.contains(member) }

    /// Adds `member`; true when it is new.
    @discardableResult
    public mutating func insert(_ member: Key, maxIntsetEntries: Int) -> Bool {
        guard members.insert(member) else { return false }
        if !isHashtable && (members.count > maxIntsetEntries || member.withBytes { DecimalParser.int64($0) } == nil) {
            isHashtable = true
        }
        return true
    }

    /// Removes `member`; true when it was there.
    @discardableResult
    public mutating func remove(_ member: Key) -> Bool {
        members.remove(member)
    }

    /// The members in the order Redis lists them: ascending integers for an intset, the
    /// table's own order otherwise.
    public var orderedMembers: [Key] {
        guard !isHashtable else { return Array(members) }
        return members.map { (value: $0.withBytes { DecimalParser.int64($0) } ?? 0, member: $0) }
            .sorted { $0.value < $1.value }
            .map(\.member)
    }
}
