// The RESP form of an AOF base file: a snapshot of the keyspace written as the commands that
// rebuild it, byte for byte what Redis 7.0 writes in rewriteAppendOnlyFileRio when
// aof-use-rdb-preamble is no (checked against redis-server 7.0.15's BGREWRITEAOF output):
//
//   #TS:<unix seconds>        only when aof-timestamp-enabled is yes
//   SELECT <db>               before the keys of each non-empty database, in index order
//   SET k v | RPUSH k … | SADD k … | ZADD k score member … | HMSET k field value …
//   PEXPIREAT k <unix ms>     after each key that has an expire time
//
// Variadic commands carry at most 64 items (64 pairs for ZADD and HMSET), so a loader never
// sees a huge single command. Keys whose expire time has already passed are written with it,
// as Redis does: the loader or the first access drops them.
//
// The writer is pure (no files, no clock): it holds a copy of the keyspace, which is the
// O(1) snapshot, and hands out bytes in pieces so the caller can write, fsync every few
// megabytes and stop between pieces. It keeps its place inside a large value too, so no
// piece grows much beyond what was asked.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QuillStore

public struct RESPBaseWriter: Sendable {
    /// Redis's AOF_REWRITE_ITEMS_PER_CMD.
    public static let itemsPerCommand = 64

    private let keyspace: Keyspace
    private var pendingTimestamp: Int64?
    private let keyDelayMicroseconds: Int

    public let keysTotal: Int
    public private(set) var keysProcessed = 0

    private var databaseIndex = 0
    private var selectedDatabase = -1
    private var shardIndex = -1
    private var shard: [Key: Entry] = [:]
    private var shardPosition: Dictionary<Key, Entry>.Index
    private var current: KeyEmitter?

    /// `timestampSeconds` is the `#TS:` annotation to start with (nil when
    /// aof-timestamp-enabled is no). `keyDelayMicroseconds` is rdb-key-save-delay: a pause
    /// after each key, which tests use to keep a rewrite running; a negative value -n pauses
    /// one microsecond after about one key in n, as Redis's debugDelay.
    public init(keyspace: Keyspace, timestampSeconds: Int64?, keyDelayMicroseconds: Int = 0) {
        self.keyspace = keyspace
        self.pendingTimestamp = timestampSeconds
        self.keyDelayMicroseconds = keyDelayMicroseconds
        keysTotal = keyspace.databases.reduce(0) { $0 + $1.count }
        shardPosition = shard.endIndex
    }

    /// Appends the next bytes to `out`: whole commands, at least `chunkBytes` of them unless
    /// the snapshot runs out first. Returns false once everything has been written (that
    /// call may still have appended the last bytes).
    public mutating func writeNext(into out: inout [UInt8], chunkBytes: Int) -> Bool {
        let target = out.count + chunkBytes
        repeat {
            guard advance() else { return false }
            emitOne(into: &out)
        } while out.count < target
        return advance()
    }

    /// Makes sure something is ready to emit (the timestamp or a key in progress); false when
    /// nothing is left.
    private mutating func advance() -> Bool {
        if pendingTimestamp != nil || current != nil { return true }
        while databaseIndex < keyspace.databases.count {
            if shardPosition < shard.endIndex {
                let (key, entry) = shard[shardPosition]
                shardPosition = shard.index(after: shardPosition)
                let database = keyspace.databases[databaseIndex]
                current = KeyEmitter(key: key, value: entry.value, expireTime: database.expireTime(key))
                return true
            }
            let entries = keyspace.databases[databaseIndex].entries
            if let next = entries.nextNonEmptyShard(from: shardIndex + 1) {
                shardIndex = next
                shard = entries.shard(next)
                shardPosition = shard.startIndex
            } else {
                databaseIndex += 1
                shardIndex = -1
                shard = [:]
                shardPosition = shard.endIndex
            }
        }
        return false
    }

    /// Writes one line or command; `advance()` must have returned true.
    private mutating func emitOne(into out: inout [UInt8]) {
        if let timestamp = pendingTimestamp {
            out.append(contentsOf: "#TS:".utf8)
            RESPCommandEncoding.appendDecimal(timestamp, to: &out)
            RESPCommandEncoding.appendCRLF(to: &out)
            pendingTimestamp = nil
            return
        }
        if selectedDatabase != databaseIndex {
            RESPCommandEncoding.appendArrayHeader(2, to: &out)
            RESPCommandEncoding.appendBulk("SELECT", to: &out)
            RESPCommandEncoding.appendBulkDecimal(Int64(databaseIndex), to: &out)
            selectedDatabase = databaseIndex
            return
        }
        guard var emitter = current else { return }
        current = nil
        if emitter.emitCommand(into: &out) {
            current = emitter
        } else {
            keysProcessed += 1
            pauseAfterKey()
        }
    }

    private func pauseAfterKey() {
        var delay = keyDelayMicroseconds
        if delay < 0 { delay = Int.random(in: 0 ..< -delay) == 0 ? 1 : 0 }
        if delay > 0 { usleep(UInt32(clamping: delay)) }
    }
}

/// Writes one key as a sequence of commands, keeping its place between them.
private struct KeyEmitter: Sendable {
    let key: Key
    let expireTime: Int64?
    private var items: ItemCursor
    private var valueDone = false

    init(key: Key, value: Value, expireTime: Int64?) {
        self.key = key
        self.expireTime = expireTime
        items = ItemCursor(value)
    }

    /// Writes the next command of this key; true when more follow.
    mutating func emitCommand(into out: inout [UInt8]) -> Bool {
        if !valueDone {
            valueDone = !items.emitCommand(key: key, into: &out)
            return !valueDone || expireTime != nil
        }
        if let expireTime {
            RESPCommandEncoding.appendArrayHeader(3, to: &out)
            RESPCommandEncoding.appendBulk("PEXPIREAT", to: &out)
            RESPCommandEncoding.appendBulk(key.bytes, to: &out)
            RESPCommandEncoding.appendBulkDecimal(expireTime, to: &out)
        }
        return false
    }
}

/// The items of a value still to be written, in the order Redis's rewrite visits them: a
/// list from head to tail, a small set or hash in its compact encoding's order, a sorted set
/// in ascending (score, member) order.
///
/// Indirect, so every case holds one boxed payload: with the payloads inline (tables,
/// their indices and ByteString pairs side by side) the debug build destroyed a copy of the
/// enum through the wrong case.
private indirect enum ItemCursor: Sendable {
    case string([UInt8])
    case list(ListValue, next: Int)
    case setMembers([Key], next: Int)
    case setTable(AdaptiveSet<Key>, next: AdaptiveSet<Key>.Index, remaining: Int)
    case hashFields([(key: Key, value: ByteString)], next: Int)
    case hashTable(AdaptiveDictionary<Key, ByteString>, next: AdaptiveDictionary<Key, ByteString>.Index, remaining: Int)
    case sortedSet(SortedSetValue, nextRank: Int)

    init(_ value: Value) {
        switch value {
        case .string(let string):
            self = .string(string.bytes)
        case .list(let list):
            self = .list(list, next: 0)
        case .set(let set):
            self = set.isHashtable ? .setTable(set.members, next: set.members.startIndex, remaining: set.count)
                : .setMembers(set.orderedMembers, next: 0)
        case .hash(let hash):
            self = hash.isHashtable ? .hashTable(hash.fields, next: hash.fields.startIndex, remaining: hash.count)
                : .hashFields(hash.orderedFields, next: 0)
        case .sortedSet(let zset):
            self = .sortedSet(zset, nextRank: 0)
        }
    }

    /// Writes the next command of the value; true when more follow.
    mutating func emitCommand(key: Key, into out: inout [UInt8]) -> Bool {
        let limit = RESPBaseWriter.itemsPerCommand
        switch self {
        case .string(let bytes):
            RESPCommandEncoding.appendArrayHeader(3, to: &out)
            RESPCommandEncoding.appendBulk("SET", to: &out)
            RESPCommandEncoding.appendBulk(key.bytes, to: &out)
            RESPCommandEncoding.appendBulk(bytes, to: &out)
            return false
        case .list(let list, let next):
            let end = min(next + limit, list.count)
            Self.header("RPUSH", key, items: end - next, argumentsPerItem: 1, into: &out)
            for i in next..<end { RESPCommandEncoding.appendBulk(list[i], to: &out) }
            self = .list(list, next: end)
            return end < list.count
        case .setMembers(let members, let next):
            let end = min(next + limit, members.count)
            Self.header("SADD", key, items: end - next, argumentsPerItem: 1, into: &out)
            for i in next..<end { RESPCommandEncoding.appendBulk(members[i].bytes, to: &out) }
            self = .setMembers(members, next: end)
            return end < members.count
        case .setTable(let members, var next, let remaining):
            let count = min(limit, remaining)
            Self.header("SADD", key, items: count, argumentsPerItem: 1, into: &out)
            for _ in 0..<count {
                RESPCommandEncoding.appendBulk(members[next].bytes, to: &out)
                next = members.index(after: next)
            }
            self = .setTable(members, next: next, remaining: remaining - count)
            return remaining > count
        case .hashFields(let fields, let next):
            let end = min(next + limit, fields.count)
            Self.header("HMSET", key, items: end - next, argumentsPerItem: 2, into: &out)
            for i in next..<end {
                RESPCommandEncoding.appendBulk(fields[i].key.bytes, to: &out)
                RESPCommandEncoding.appendBulk(fields[i].value, to: &out)
            }
            self = .hashFields(fields, next: end)
            return end < fields.count
        case .hashTable(let fields, var next, let remaining):
            let count = min(limit, remaining)
            Self.header("HMSET", key, items: count, argumentsPerItem: 2, into: &out)
            for _ in 0..<count {
                let (field, value) = fields[next]
                RESPCommandEncoding.appendBulk(field.bytes, to: &out)
                RESPCommandEncoding.appendBulk(value, to: &out)
                next = fields.index(after: next)
            }
            self = .hashTable(fields, next: next, remaining: remaining - count)
            return remaining > count
        case .sortedSet(let zset, let nextRank):
            let end = min(nextRank + limit, zset.count)
            Self.header("ZADD", key, items: end - nextRank, argumentsPerItem: 2, into: &out)
            for element in end > nextRank ? zset.elements(in: nextRank...(end - 1)) : [] {
                RESPCommandEncoding.appendBulkScore(element.score, to: &out)
                RESPCommandEncoding.appendBulk(element.member, to: &out)
            }
            self = .sortedSet(zset, nextRank: end)
            return end < zset.count
        }
    }

    private static func header(_ name: StaticString, _ key: Key, items: Int, argumentsPerItem: Int,
                               into out: inout [UInt8]) {
        RESPCommandEncoding.appendArrayHeader(2 + items * argumentsPerItem, to: &out)
        RESPCommandEncoding.appendBulk(name, to: &out)
        RESPCommandEncoding.appendBulk(key.bytes, to: &out)
    }
}
