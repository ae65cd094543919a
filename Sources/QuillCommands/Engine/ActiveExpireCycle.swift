// Active expiry: reclaims keys whose time has passed even if nobody touches them again,
// following Redis's activeExpireCycle() (expire.c) in its "slow" form, run from cron at `hz`.
//
// Each call walks the databases round-robin. In a database it visits the expiry table shard
// by shard from a saved cursor, about 20 keys per pass, deleting those already past. It keeps
// going while more than 10% of what it saw had expired (so a database full of stale keys is
// cleaned quickly) and stops when it has used 25% of one cron period, as Redis does.

import QuillStore

struct ActiveExpireCycle: Sendable {
    static let keysPerPass = 20
    static let acceptableStalePercent = 10
    static let timeBudgetPercentOfPeriod = 25
    var nextDatabase = 0
}

extension Engine {
    func runActiveExpireCycle() {
        let databaseCount = keyspace.databaseCount
        let budgetMicroseconds = Int64(1_000_000 / max(config.hz, 1) * ActiveExpireCycle.timeBudgetPercentOfPeriod / 100)
        let started = clock.microseconds()
        var sampledTotal = 0
        var expiredTotal = 0
        var timedOut = false
        for _ in 0..<databaseCount where !timedOut {
            let db = activeExpire.nextDatabase
            activeExpire.nextDatabase = (db + 1) % databaseCount
            while !keyspace.databases[db].expires.isEmpty {
                let (sampled, expired) = expirePass(db)
                sampledTotal += sampled
                expiredTotal += expired
                if clock.microseconds() - started > budgetMicroseconds {
                    timedOut = true
                    stats.expiredTimeCapReachedCount += 1
                    break
                }
                if sampled == 0 || expired * 100 <= sampled * ActiveExpireCycle.acceptableStalePercent { break }
            }
        }
        if sampledTotal > 0 {
            let current = Double(expiredTotal) / Double(sampledTotal)
            stats.expiredStalePercent = current * 0.05 + stats.expiredStalePercent * 0.95
        }
        stats.expireCycleCPUMilliseconds += Int((clock.microseconds() - started) / 1000)
        deliverPendingMessages()
    }

    /// One pass over at least `keysPerPass` keys with a TTL (whole shards, from the cursor).
    private func expirePass(_ db: Int) -> (sampled: Int, expired: Int) {
        var sampled = 0
        var due: [Key] = []
        var cursor = keyspace.databases[db].expireCursor
        let expires = keyspace.databases[db].expires
        while sampled < ActiveExpireCycle.keysPerPass {
            guard let shard = expires.nextNonEmptyShard(from: cursor) else {
                cursor = 0
                break
            }
            for (key, when) in expires.shard(shard) {
                sampled += 1
                if when <= nowMilliseconds { due.append(key) }
            }
            cursor = shard + 1
            if cursor >= ShardedTable<Int64>.shardCount { cursor = 0; break }
        }
        keyspace.databases[db].expireCursor = cursor
        for key in due {
            deleteExpiredKey(db, key)
            if !unitEffects.isEmpty { commitUnit(for: nil) }
        }
        return (sampled, due.count)
    }
}
