// SCAN cursor [MATCH pattern] [COUNT count] [TYPE type] (scanGenericCommand in db.c).
//
// The cursor is a shard index of the database's ShardedTable: each call returns whole
// shards, starting at the cursor, and hands back the index of the next non-empty shard, or
// 0 once the last shard is done. A key never changes shard, so a full iteration returns
// every key that existed from its start to its end, the guarantee Redis's reverse-binary
// cursor gives; a key may be returned twice only if it is deleted and re-added meanwhile.
//
// COUNT means what it means in Redis: roughly how many keys to look at, not to return.
// A call stops at the first shard boundary once that many keys were visited, so a shard is
// never split across calls. MATCH and TYPE filter what was visited; keys whose time has
// passed are deleted on the way (lazy expiry) and not returned.

import QuillRESP
import QuillStore

extension KeyCommands {
    static let scanning: [CommandSpec] = [
        CommandSpec("scan", arity: -2, flags: [.readonly], categories: ["keyspace", "read", "slow"],
                    group: "generic", summary: "Incrementally iterate the keys space", since: "2.8.0", handler: scan),
    ]

    static let invalidCursor = "ERR invalid cursor"

    static func scan(_ c: CommandContext) {
        guard let cursor = ScanCursor.parse(c.args[1]) else {
            c.error(invalidCursor)
            return
        }
        guard let options = ElementScan.options(c, from: 2, allowType: true) else { return }
        let count = options.count, pattern = options.pattern, typeName = options.typeName

        let (visited, next) = ScanCursor.collect(from: cursor, atLeast: count,
                                                 in: c.engine.keyspace.databases[c.db].entries)
        var keys: [Key] = []
        keys.reserveCapacity(visited.count)
        for key in visited {
            if let pattern, !pattern.matches(key.bytes) { continue }
            if let typeName {
                guard let entry = c.lookupReadWithoutTouch(key), entry.value.typeName == typeName else { continue }
            } else if c.engine.expireIfNeeded(c.db, key) {
                continue
            }
            keys.append(key)
        }
        c.reply { out in
            out.arrayHeader(2)
            out.bulkDecimal(next)
            out.arrayHeader(keys.count)
            for key in keys { out.bulk(key.bytes) }
        }
    }
}

/// The shard-index cursor shared by SCAN-style iterations over a ShardedTable.
enum ScanCursor {
    /// Parses a cursor as Redis's strtoul-based parseScanCursorOrReply accepts it: an optional
    /// sign, decimal digits, nothing else, no leading space; a negative number wraps around
    /// like C's unsigned conversion, and an empty argument is cursor 0. Nil means invalid.
    static func parse(_ bytes: [UInt8]) -> UInt64? {
        if bytes.isEmpty { return 0 }
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        guard index < bytes.count else { return nil }
        var value: UInt64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit <= 9 else { return nil }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(UInt64(digit))
            if overflow1 || overflow2 { return nil }
            value = sum
            index += 1
        }
        return negative ? 0 &- value : value
    }

    /// The keys of whole shards from shard `cursor` on, stopping at a shard boundary once at
    /// least `count` keys were collected, and the cursor to resume from (0 when done).
    static func collect<V>(from cursor: UInt64, atLeast count: Int,
                           in table: ShardedTable<V>) -> (keys: [Key], next: Int) {
        guard cursor < UInt64(ShardedTable<V>.shardCount) else { return ([], 0) }
        var keys: [Key] = []
        var shard = table.nextNonEmptyShard(from: Int(cursor))
        while let current = shard {
            keys.append(contentsOf: table.shard(current).keys)
            shard = current + 1 < ShardedTable<V>.shardCount ? table.nextNonEmptyShard(from: current + 1) : nil
            if keys.count >= count { break }
        }
        return (keys, shard ?? 0)
    }
}
