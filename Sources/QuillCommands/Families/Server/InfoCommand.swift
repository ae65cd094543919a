// INFO [section ...] (server.c genRedisInfoString): the server's state as `field:value`
// lines under `# Section` headers, CRLF-terminated, sections separated by a blank line.
//
// Field names and order are Redis 7.0's, so monitoring tools and client libraries that
// parse INFO find what they expect. Fields for machinery Quill does not have (replicas,
// forks, Lua, modules, I/O threads) keep the value an idle Redis reports for them.
// Sections always come out in Redis's order, whatever order they were asked in; unknown
// names add nothing. RESP3 clients get a verbatim string.

import Crypto
import QuillRESP
import QuillStore

enum InfoCommand {
    static let spec = CommandSpec(
        "info", arity: -1, flags: [.loading, .stale], categories: ["slow", "dangerous"], group: "server",
        summary: "Get information and statistics about the server", handler: info)

    /// Every section, in output order, with its header.
    static let sections: [(name: String, title: String)] = [
        ("server", "Server"), ("clients", "Clients"), ("memory", "Memory"), ("persistence", "Persistence"),
        ("stats", "Stats"), ("replication", "Replication"), ("cpu", "CPU"), ("module_list", "Modules"),
        ("commandstats", "Commandstats"), ("errorstats", "Errorstats"), ("latencystats", "Latencystats"),
        ("cluster", "Cluster"), ("keyspace", "Keyspace"),
    ]
    static let defaultSections: Set<String> = [
        "server", "clients", "memory", "persistence", "stats", "replication", "cpu", "module_list",
        "errorstats", "cluster", "keyspace",
    ]
    static let allSections = defaultSections.union(["commandstats", "latencystats"])

    static func info(_ c: CommandContext) {
        var requested: Set<String> = []
        if c.args.count == 1 { requested = defaultSections }
        for i in 1..<c.args.count {
            switch c.option(i) {
            case "default": requested.formUnion(defaultSections)
            case "all", "everything": requested.formUnion(allSections)
            case "modules": requested.insert("module_list")
            case let name: requested.insert(name)
            }
        }
        let text = render(requested, c.engine)
        c.reply { $0.verbatim(text) }
    }

    static func render(_ requested: Set<String>, _ engine: Engine) -> String {
        var out = ""
        for (name, title) in sections where requested.contains(name) {
            if !out.isEmpty { out += "\r\n" }
            out += "# \(title)\r\n"
            for (field, value) in fields(name, engine) { out += "\(field):\(value)\r\n" }
        }
        return out
    }

    static func fields(_ section: String, _ engine: Engine) -> [(String, String)] {
        switch section {
        case "server": return server(engine)
        case "clients": return clients(engine)
        case "memory": return memory(engine)
        case "persistence": return persistence(engine)
        case "stats": return stats(engine)
        case "replication": return replication(engine)
        case "cpu": return cpu()
        case "commandstats":
            return engine.commandCallsByName().map { name, call in
                let perCall = ProcessStats.fixed(Double(call.microseconds) / Double(max(call.calls, 1)), digits: 2)
                return ("cmdstat_\(name)", "calls=\(call.calls),usec=\(call.microseconds),usec_per_call=\(perCall),"
                        + "rejected_calls=\(call.rejectedCalls),failed_calls=\(call.failedCalls)")
            }
        case "errorstats":
            return engine.stats.errorCounts.sorted { $0.key < $1.key }.map { ("errorstat_\($0.key)", "count=\($0.value)") }
        case "latencystats": return engine.latencyStatsFields()
        case "cluster": return [("cluster_enabled", "0")]
        case "keyspace": return keyspace(engine)
        default: return []
        }
    }
}

extension InfoCommand {
    static func server(_ engine: Engine) -> [(String, String)] {
        let environment = engine.environment
        let nowMicroseconds = engine.clock.microseconds()
        let uptime = max(0, (nowMicroseconds / 1000 - environment.startMilliseconds) / 1000)
        return [
            ("redis_version", ServerEnvironment.redisVersion),
            ("quill_version", ServerEnvironment.quillVersion),
            ("redis_git_sha1", "00000000"),
            ("redis_git_dirty", "0"),
            ("redis_build_id", "0"),
            ("redis_mode", "standalone"),
            ("os", ProcessStats.operatingSystem()),
            ("arch_bits", String(Int.bitWidth)),
            ("monotonic_clock", "POSIX clock_gettime"),
            ("multiplexing_api", "epoll"),
            ("atomicvar_api", "c11-builtin"),
            ("gcc_version", "0.0.0"),
            ("process_id", String(environment.processID)),
            ("process_supervised", "no"),
            ("run_id", environment.runID),
            ("tcp_port", String(environment.tcpPort)),
            ("server_time_usec", String(nowMicroseconds)),
            ("uptime_in_seconds", String(uptime)),
            ("uptime_in_days", String(uptime / 86400)),
            ("hz", String(engine.config.hz)),
            ("configured_hz", String(engine.config.hz)),
            ("lru_clock", String(lruClock(nowMicroseconds / 1000))),
            ("executable", environment.executablePath),
            ("config_file", environment.configFilePath),
            ("io_threads_active", "0"),
        ]
    }

    /// Redis's 24-bit LRU clock in seconds.
    static func lruClock(_ milliseconds: Int64) -> Int64 { (milliseconds / 1000) & 0xFF_FFFF }

    static func clients(_ engine: Engine) -> [(String, String)] {
        let sessions = engine.clients.values
        return [
            ("connected_clients", String(sessions.count)),
            ("cluster_connections", "0"),
            ("maxclients", String(engine.config.maxClients)),
            ("client_recent_max_input_buffer", String(sessions.map(\.queryBufferBytes).max() ?? 0)),
            ("client_recent_max_output_buffer", String(sessions.map(\.out.buffer.readableBytes).max() ?? 0)),
            ("blocked_clients", String(engine.blocking.clients.count)),
            ("tracking_clients", "0"),
            ("clients_in_timeout_table", String(engine.blocking.clientsWithDeadline)),
        ]
    }

    static func memory(_ engine: Engine) -> [(String, String)] {
        let used = ProcessStats.usedMemory()
        let rss = ProcessStats.residentSetSize()
        engine.stats.peakMemory = max(engine.stats.peakMemory, used)
        let peak = engine.stats.peakMemory
        let clientBuffers = engine.clients.values.reduce(0) { $0 + $1.out.buffer.capacity + $1.queryBufferBytes }
        let dataset = max(0, used - clientBuffers)
        let system = ProcessStats.totalSystemMemory()
        func ratio(_ a: Int, _ b: Int) -> String { ProcessStats.fixed(b == 0 ? 0 : Double(a) / Double(b), digits: 2) }
        func percent(_ a: Int, _ b: Int) -> String { ProcessStats.fixed(b == 0 ? 0 : Double(a) * 100 / Double(b), digits: 2) + "%" }
        return [
            ("used_memory", String(used)),
            ("used_memory_human", ProcessStats.human(used)),
            ("used_memory_rss", String(rss)),
            ("used_memory_rss_human", ProcessStats.human(rss)),
            ("used_memory_peak", String(peak)),
            ("used_memory_peak_human", ProcessStats.human(peak)),
            ("used_memory_peak_perc", percent(used, peak)),
            ("used_memory_overhead", String(clientBuffers)),
            ("used_memory_startup", "0"),
            ("used_memory_dataset", String(dataset)),
            ("used_memory_dataset_perc", percent(dataset, used)),
            ("allocator_allocated", String(used)),
            ("allocator_active", String(used)),
            ("allocator_resident", String(rss)),
            ("total_system_memory", String(system)),
            ("total_system_memory_human", ProcessStats.human(system)),
            ("used_memory_lua", "0"),
            ("used_memory_vm_eval", "0"),
            ("used_memory_lua_human", "0B"),
            ("used_memory_scripts_eval", "0"),
            ("number_of_cached_scripts", "0"),
            ("number_of_functions", "0"),
            ("number_of_libraries", "0"),
            ("used_memory_vm_functions", "0"),
            ("used_memory_vm_total", "0"),
            ("used_memory_vm_total_human", "0B"),
            ("used_memory_functions", "0"),
            ("used_memory_scripts", "0"),
            ("used_memory_scripts_human", "0B"),
            ("maxmemory", "0"),
            ("maxmemory_human", "0B"),
            ("maxmemory_policy", "noeviction"),
            ("allocator_frag_ratio", "1.00"),
            ("allocator_frag_bytes", "0"),
            ("allocator_rss_ratio", ratio(rss, used)),
            ("allocator_rss_bytes", String(rss - used)),
            ("rss_overhead_ratio", "1.00"),
            ("rss_overhead_bytes", "0"),
            ("mem_fragmentation_ratio", ratio(rss, used)),
            ("mem_fragmentation_bytes", String(rss - used)),
            ("mem_not_counted_for_evict", "0"),
            ("mem_replication_backlog", "0"),
            ("mem_total_replication_buffers", "0"),
            ("mem_clients_slaves", "0"),
            ("mem_clients_normal", String(clientBuffers)),
            ("mem_cluster_links", "0"),
            ("mem_aof_buffer", String(engine.persistence?.bufferedBytes ?? 0)),
            ("mem_allocator", "libc"),
            ("active_defrag_running", "0"),
            ("lazyfree_pending_objects", "0"),
            ("lazyfreed_objects", "0"),
        ]
    }

    static func persistence(_ engine: Engine) -> [(String, String)] {
        let appendOnly = engine.persistence?.appendOnlyInfo() ?? [
            ("aof_enabled", "0"),
            ("aof_rewrite_in_progress", "0"),
            ("aof_rewrite_scheduled", "0"),
            ("aof_last_rewrite_time_sec", "-1"),
            ("aof_current_rewrite_time_sec", "-1"),
            ("aof_last_bgrewrite_status", "ok"),
            ("aof_rewrites", "0"),
            ("aof_rewrites_consecutive_failures", "0"),
            ("aof_last_write_status", "ok"),
            ("aof_last_cow_size", "0"),
        ]
        let progress = engine.persistence?.rewriteProgress()
        return [
            ("loading", engine.loading ? "1" : "0"),
            ("async_loading", "0"),
            ("current_cow_peak", "0"),
            ("current_cow_size", "0"),
            ("current_cow_size_age", "0"),
            ("current_fork_perc", "0.00"),
            ("current_save_keys_processed", String(progress?.keysProcessed ?? 0)),
            ("current_save_keys_total", String(progress?.keysTotal ?? 0)),
            ("rdb_changes_since_last_save", String(engine.dirty)),
            ("rdb_bgsave_in_progress", "0"),
            ("rdb_last_save_time", String(engine.lastSaveSeconds)),
            ("rdb_last_bgsave_status", "ok"),
            ("rdb_last_bgsave_time_sec", "-1"),
            ("rdb_current_bgsave_time_sec", "-1"),
            ("rdb_saves", "0"),
            ("rdb_last_cow_size", "0"),
            ("rdb_last_load_keys_expired", "0"),
            ("rdb_last_load_keys_loaded", "0"),
        ] + appendOnly + [
            ("module_fork_in_progress", "0"),
            ("module_fork_last_cow_size", "0"),
        ] + (engine.persistence?.appendOnlyDetailInfo() ?? [])
    }

    static func stats(_ engine: Engine) -> [(String, String)] {
        let s = engine.stats
        return [
            ("total_connections_received", String(s.totalConnectionsReceived)),
            ("total_commands_processed", String(s.totalCommandsProcessed)),
            ("instantaneous_ops_per_sec", String(s.instantaneousOpsPerSecond)),
            ("total_net_input_bytes", String(s.totalNetInputBytes)),
            ("total_net_output_bytes", String(s.totalNetOutputBytes)),
            ("total_net_repl_input_bytes", "0"),
            ("total_net_repl_output_bytes", "0"),
            ("instantaneous_input_kbps", "0.00"),
            ("instantaneous_output_kbps", "0.00"),
            ("instantaneous_input_repl_kbps", "0.00"),
            ("instantaneous_output_repl_kbps", "0.00"),
            ("rejected_connections", String(s.rejectedConnections)),
            ("sync_full", "0"),
            ("sync_partial_ok", "0"),
            ("sync_partial_err", "0"),
            ("expired_keys", String(s.expiredKeys)),
            ("expired_stale_perc", ProcessStats.fixed(s.expiredStalePercent * 100, digits: 2)),
            ("expired_time_cap_reached_count", String(s.expiredTimeCapReachedCount)),
            ("expire_cycle_cpu_milliseconds", String(s.expireCycleCPUMilliseconds)),
            ("evicted_keys", String(s.evictedKeys)),
            ("evicted_clients", "0"),
            ("total_eviction_exceeded_time", "0"),
            ("current_eviction_exceeded_time", "0"),
            ("keyspace_hits", String(s.keyspaceHits)),
            ("keyspace_misses", String(s.keyspaceMisses)),
            ("pubsub_channels", String(engine.pubsub.channelCount)),
            ("pubsub_patterns", String(engine.pubsub.patternCount)),
            ("pubsubshard_channels", "0"),
            ("latest_fork_usec", String(engine.persistence?.rewriteProgress().latestSnapshotMicroseconds ?? 0)),
            ("total_forks", String(engine.persistence?.rewriteProgress().snapshots ?? 0)),
            ("migrate_cached_sockets", "0"),
            ("slave_expires_tracked_keys", "0"),
            ("active_defrag_hits", "0"),
            ("active_defrag_misses", "0"),
            ("active_defrag_key_hits", "0"),
            ("active_defrag_key_misses", "0"),
            ("total_active_defrag_time", "0"),
            ("current_active_defrag_time", "0"),
            ("tracking_total_keys", "0"),
            ("tracking_total_items", "0"),
            ("tracking_total_prefixes", "0"),
            ("unexpected_error_replies", String(s.unexpectedErrorReplies)),
            ("total_error_replies", String(s.totalErrorReplies)),
            ("dump_payload_sanitizations", "0"),
            ("total_reads_processed", String(s.totalCommandsProcessed)),
            ("total_writes_processed", String(s.totalCommandsProcessed)),
            ("io_threaded_reads_processed", "0"),
            ("io_threaded_writes_processed", "0"),
            ("reply_buffer_shrinks", "0"),
            ("reply_buffer_expands", "0"),
        ]
    }

    static func replication(_ engine: Engine) -> [(String, String)] {
        [
            ("role", "master"),
            ("connected_slaves", "0"),
            ("master_failover_state", "no-failover"),
            ("master_replid", replicationID(engine)),
            ("master_replid2", String(repeating: "0", count: 40)),
            ("master_repl_offset", "0"),
            ("second_repl_offset", "-1"),
            ("repl_backlog_active", "0"),
            ("repl_backlog_size", "1048576"),
            ("repl_backlog_first_byte_offset", "0"),
            ("repl_backlog_histlen", "0"),
        ]
    }

    /// A 40-hex replication id that is fixed for the life of the process and differs from
    /// the run id, as Redis's are: derived from the run id rather than stored.
    static func replicationID(_ engine: Engine) -> String {
        let digest = Insecure.SHA1.hash(data: Array(("replid:" + engine.environment.runID).utf8))
        return DatasetDigest.hex(Array(digest))
    }

    static func cpu() -> [(String, String)] {
        let me = ProcessStats.selfCPU
        let children = ProcessStats.childrenCPU
        let thread = ProcessStats.threadCPU
        func f(_ v: Double) -> String { ProcessStats.fixed(v, digits: 6) }
        return [
            ("used_cpu_sys", f(me.system)),
            ("used_cpu_user", f(me.user)),
            ("used_cpu_sys_children", f(children.system)),
            ("used_cpu_user_children", f(children.user)),
            ("used_cpu_sys_main_thread", f(thread.system)),
            ("used_cpu_user_main_thread", f(thread.user)),
        ]
    }

    /// `dbN:keys=…,expires=…,avg_ttl=…` for each non-empty database. avg_ttl is the mean
    /// remaining TTL in ms over a sample of at most `ttlSampleSize` keys with an expiry.
    static func keyspace(_ engine: Engine) -> [(String, String)] {
        var lines: [(String, String)] = []
        let now = engine.clock.milliseconds()
        for (index, db) in engine.keyspace.databases.enumerated() where db.count > 0 {
            let expires = db.expires
            lines.append(("db\(index)", "keys=\(db.count),expires=\(expires.count),avg_ttl=\(averageTTL(expires, now: now))"))
        }
        return lines
    }

    static let ttlSampleSize = 1000

    static func averageTTL(_ expires: ShardedTable<Int64>, now: Int64) -> Int64 {
        var total: Int64 = 0
        var sampled: Int64 = 0
        var shard = 0
        while sampled < ttlSampleSize, let next = expires.nextNonEmptyShard(from: shard) {
            for (_, when) in expires.shard(next) {
                total += max(0, when - now)
                sampled += 1
            }
            shard = next + 1
            if shard >= ShardedTable<Int64>.shardCount { break }
        }
        return sampled == 0 ? 0 : total / sampled
    }
}
