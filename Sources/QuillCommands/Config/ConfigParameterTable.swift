// The parameters Quill supports, with Redis 7.0's names, aliases, defaults, ranges and flags
// (config.c's standardConfig table). Several are only stored until the feature that reads
// them lands; they are accepted now so that a redis.conf written for Redis loads unchanged.
//
// Quill's deliberate differences: `bind` defaults to "127.0.0.1 -::1" (the line Redis's
// shipped redis.conf has) rather than every interface; `port` and `bind` cannot be changed
// at runtime because the listeners are opened once at start-up; the append-only file is on
// by default (`appendonly yes`), since durability is the point of Quill, and its base is
// written in RESP (`aof-use-rdb-preamble no`) until RDB support lands.

extension Configuration {
    private static let intMax = Int(Int32.max)
    private static let intMin = Int(Int32.min)
    private static let megabyte = 1024 * 1024

    public static let parameters: [ConfigParameter] = [
        // Network and clients.
        ConfigParameter("port", .integer(0...65535), default: "6379", mutable: false),
        ConfigParameter("bind", .bindAddresses, default: "127.0.0.1 -::1", mutable: false),
        ConfigParameter("protected-mode", .bool, default: "yes"),
        ConfigParameter("tcp-backlog", .integer(0...intMax), default: "511", mutable: false),
        ConfigParameter("tcp-keepalive", .integer(0...intMax), default: "300"),
        ConfigParameter("timeout", .integer(0...intMax), default: "0"),
        ConfigParameter("maxclients", .integer(1...Int(UInt32.max)), default: "10000"),
        ConfigParameter("proto-max-bulk-len", .memory(megabyte...Int.max), default: "536870912"),
        ConfigParameter("client-query-buffer-limit", .memory(megabyte...Int.max), default: "1073741824"),
        ConfigParameter("requirepass", .string(validate: nil), default: "", sensitive: true),
        // General.
        ConfigParameter("databases", .integer(1...intMax), default: "16", mutable: false),
        ConfigParameter("hz", .integer(0...intMax), default: "10"),
        ConfigParameter("dynamic-hz", .bool, default: "yes"),
        ConfigParameter("activerehashing", .bool, default: "yes"),
        ConfigParameter("dir", .directory, default: ".", protected: true),
        ConfigParameter("loglevel", .enumeration(["debug", "verbose", "notice", "warning"]), default: "notice"),
        ConfigParameter("logfile", .string(validate: nil), default: "", mutable: false),
        ConfigParameter("daemonize", .bool, default: "no", mutable: false),
        ConfigParameter("pidfile", .string(validate: nil), default: "", mutable: false),
        ConfigParameter("supervised", .enumeration(["upstart", "systemd", "auto", "no"]), default: "no", mutable: false),
        ConfigParameter("always-show-logo", .bool, default: "no", mutable: false),
        ConfigParameter("enable-debug-command", .enumeration(["no", "yes", "local"]), default: "no", mutable: false),
        ConfigParameter("enable-protected-configs", .enumeration(["no", "yes", "local"]), default: "no", mutable: false),
        ConfigParameter("notify-keyspace-events", .keyspaceEvents, default: ""),
        ConfigParameter("latency-monitor-threshold", .integer(0...Int.max), default: "0"),
        ConfigParameter("latency-tracking", .bool, default: "yes"),
        ConfigParameter("latency-tracking-info-percentiles", .percentiles, default: "50 99 99.9"),
        ConfigParameter("slowlog-log-slower-than", .integer(-1...Int.max), default: "10000"),
        ConfigParameter("slowlog-max-len", .integer(0...Int.max), default: "128"),
        // Memory.
        ConfigParameter("maxmemory", .memory(0...Int.max), default: "0"),
        ConfigParameter("maxmemory-policy", .enumeration([
            "volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl",
            "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction",
        ]), default: "noeviction"),
        ConfigParameter("maxmemory-samples", .integer(1...255), default: "5"),
        ConfigParameter("maxmemory-eviction-tenacity", .integer(0...100), default: "10"),
        ConfigParameter("maxmemory-clients", .memory(0...Int.max), default: "0"),
        ConfigParameter("lazyfree-lazy-eviction", .bool, default: "no"),
        ConfigParameter("lazyfree-lazy-expire", .bool, default: "no"),
        ConfigParameter("lazyfree-lazy-server-del", .bool, default: "no"),
        ConfigParameter("lazyfree-lazy-user-del", .bool, default: "no"),
        ConfigParameter("lazyfree-lazy-user-flush", .bool, default: "no"),
        // Snapshots.
        ConfigParameter("save", .savePoints, default: "3600 1 300 100 60 10000"),
        ConfigParameter("dbfilename", .string(validate: baseName("dbfilename", "filename")), default: "dump.rdb",
                        protected: true),
        ConfigParameter("stop-writes-on-bgsave-error", .bool, default: "yes"),
        ConfigParameter("rdbcompression", .bool, default: "yes"),
        ConfigParameter("rdbchecksum", .bool, default: "yes", mutable: false),
        ConfigParameter("rdb-key-save-delay", .integer(intMin...intMax), default: "0", hidden: true),
        // Append-only file.
        ConfigParameter("appendonly", .bool, default: "yes"),
        ConfigParameter("appendfilename", .string(validate: baseName("appendfilename", "filename")),
                        default: "appendonly.aof", mutable: false),
        ConfigParameter("appenddirname", .string(validate: baseName("appenddirname", "dirname")),
                        default: "appendonlydir", mutable: false),
        ConfigParameter("appendfsync", .enumeration(["everysec", "always", "no"]), default: "everysec"),
        ConfigParameter("no-appendfsync-on-rewrite", .bool, default: "no"),
        ConfigParameter("auto-aof-rewrite-percentage", .integer(0...intMax), default: "100"),
        ConfigParameter("auto-aof-rewrite-min-size", .memory(0...Int.max), default: "67108864"),
        ConfigParameter("aof-load-truncated", .bool, default: "yes"),
        ConfigParameter("aof-use-rdb-preamble", .bool, default: "no"),
        ConfigParameter("aof-timestamp-enabled", .bool, default: "no"),
        ConfigParameter("key-load-delay", .integer(intMin...intMax), default: "0", hidden: true),
        ConfigParameter("aof-rewrite-incremental-fsync", .bool, default: "yes"),
        ConfigParameter("aof-disable-auto-gc", .bool, default: "no"),
        // Encoding thresholds.
        ConfigParameter("list-max-listpack-size", alias: "list-max-ziplist-size", .integer(intMin...intMax), default: "-2"),
        ConfigParameter("hash-max-listpack-entries", alias: "hash-max-ziplist-entries", .integer(0...Int.max), default: "512"),
        ConfigParameter("hash-max-listpack-value", alias: "hash-max-ziplist-value", .integer(0...Int.max), default: "64"),
        ConfigParameter("set-max-intset-entries", .integer(0...Int.max), default: "512"),
        ConfigParameter("set-max-listpack-entries", .integer(0...Int.max), default: "128"),
        ConfigParameter("set-max-listpack-value", .integer(0...Int.max), default: "64"),
        ConfigParameter("zset-max-listpack-entries", alias: "zset-max-ziplist-entries", .integer(0...Int.max), default: "128"),
        ConfigParameter("zset-max-listpack-value", alias: "zset-max-ziplist-value", .integer(0...Int.max), default: "64"),
    ]

    /// Redis refuses a path where it wants a bare file or directory name.
    private static func baseName(_ parameter: String, _ what: String) -> @Sendable (String) -> String? {
        { value in
            value.contains("/") || value.contains("\\") ? "\(parameter) can't be a path, just a \(what)" : nil
        }
    }
}
