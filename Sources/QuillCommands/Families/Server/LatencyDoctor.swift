// LATENCY DOCTOR's report (createLatencyReport in latency.c): per event, the number of
// spikes, their average and mean deviation, the average period between them and the worst
// ever; then the advice those events call for, in Redis's words and order. Quill never
// forks and has no eviction, so the events tied to those produce no advice of their own
// beyond what Redis gives for the same event names.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum LatencyDoctor {
    private struct Advice: OptionSet {
        let rawValue: Int
        static let slowlogEnabled = Advice(rawValue: 1 << 0)
        static let slowlogTuning = Advice(rawValue: 1 << 1)
        static let slowlogInspect = Advice(rawValue: 1 << 2)
        static let scheduler = Advice(rawValue: 1 << 3)
        static let localDisk = Advice(rawValue: 1 << 4)
        static let ssd = Advice(rawValue: 1 << 5)
        static let dataWriteback = Advice(rawValue: 1 << 6)
        static let diskContention = Advice(rawValue: 1 << 7)
        static let noAppendfsync = Advice(rawValue: 1 << 8)
        static let relaxFsyncPolicy = Advice(rawValue: 1 << 9)
        static let writeLoadInfo = Advice(rawValue: 1 << 10)
        static let hz = Advice(rawValue: 1 << 11)
        static let largeObjects = Advice(rawValue: 1 << 12)
        static let massEviction = Advice(rawValue: 1 << 13)
        static let disableTHP = Advice(rawValue: 1 << 14)
    }

    /// The statistics of one event's samples (analyzeLatencyForEvent).
    struct Statistics: Equatable {
        var samples = 0
        var average = 0
        var meanDeviation = 0
        /// Seconds from the oldest sample to now, at least 1.
        var period: Int64 = 0
    }

    static func statistics(_ series: LatencyMonitor.TimeSeries, nowSeconds: Int64) -> Statistics {
        let samples = series.samples.filter { $0.time != 0 }
        var stats = Statistics()
        guard let oldest = samples.map(\.time).min() else { return stats }
        stats.samples = samples.count
        stats.average = samples.reduce(0) { $0 + $1.latency } / samples.count
        stats.period = max(nowSeconds - oldest, 1)
        stats.meanDeviation = samples.reduce(0) { $0 + abs(stats.average - $1.latency) } / samples.count
        return stats
    }

    static func report(_ engine: Engine) -> String {
        let config = engine.config
        let events = engine.latency.events
        if events.isEmpty && config.latencyMonitorThreshold == 0 {
            return "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we weren't in a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n"
        }
        var report = ""
        var advice: Advice = []
        var adviceCount = 0
        let now = engine.unixSeconds
        for (number, event) in events.enumerated() {
            if number == 0 {
                report += "Dave, I have observed latency spikes in this Redis instance. You don't mind talking about it, do you Dave?\n\n"
            }
            let stats = statistics(event.series, nowSeconds: now)
            let period = ProcessStats.fixed(Double(stats.period) / Double(stats.samples), digits: 2)
            report += "\(number + 1). \(event.name): \(stats.samples) latency spikes (average \(stats.average)ms, mean deviation \(stats.meanDeviation)ms, period \(period) sec). Worst all time event \(event.series.allTimeHigh)ms."
            switch event.name.lowercased() {
            case "command":
                if config.slowlogLogSlowerThan < 0 {
                    advice.insert(.slowlogEnabled)
                    adviceCount += 1
                } else if config.slowlogLogSlowerThan / 1000 > config.latencyMonitorThreshold {
                    advice.insert(.slowlogTuning)
                    adviceCount += 1
                }
                advice.formUnion([.slowlogInspect, .largeObjects])
                adviceCount += 2
            case "fast-command":
                advice.insert(.scheduler)
                adviceCount += 1
            case "aof-write-pending-fsync":
                advice.formUnion([.localDisk, .diskContention, .ssd, .dataWriteback])
                adviceCount += 4
            case "aof-write-active-child":
                advice.formUnion([.noAppendfsync, .dataWriteback, .ssd])
                adviceCount += 3
            case "aof-write-alone":
                advice.formUnion([.localDisk, .dataWriteback, .ssd])
                adviceCount += 3
            case "aof-fsync-always":
                advice.insert(.relaxFsyncPolicy)
                adviceCount += 1
            case "aof-fstat", "rdb-unlink-temp-file":
                advice.formUnion([.diskContention, .localDisk])
                adviceCount += 2
            case "aof-rewrite-diff-write", "aof-rename":
                advice.formUnion([.writeLoadInfo, .dataWriteback, .ssd, .localDisk])
                adviceCount += 4
            case "expire-cycle":
                advice.formUnion([.hz, .largeObjects])
                adviceCount += 2
            case "eviction-del":
                advice.insert(.largeObjects)
                adviceCount += 1
            case "eviction-cycle":
                advice.insert(.massEviction)
                adviceCount += 1
            default:
                break
            }
            report += "\n"
        }
        if anonymousHugePagesBytes() > 0 {
            advice.insert(.disableTHP)
            adviceCount += 1
        }
        if events.isEmpty && adviceCount == 0 {
            report += "Dave, no latency spike was observed during the lifetime of this Redis instance, not in the slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think things over.\n"
            return report
        }
        if adviceCount == 0 {
            report += "\nWhile there are latency events logged, I'm not able to suggest any easy fix. Please use the Redis community to get some help, providing this report in your help request.\n"
            return report
        }
        report += "\nI have a few advices for you:\n\n"
        let slowerThan = config.latencyMonitorThreshold * 1000
        if advice.contains(.slowlogEnabled) {
            report += "- There are latency issues with potentially slow commands you are using. Try to enable the Slow Log Redis feature using the command 'CONFIG SET slowlog-log-slower-than \(slowerThan)'. If the Slow log is disabled Redis is not able to log slow commands execution for you.\n"
        }
        if advice.contains(.slowlogTuning) {
            report += "- Your current Slow Log configuration only logs events that are slower than your configured latency monitor threshold. Please use 'CONFIG SET slowlog-log-slower-than \(slowerThan)'.\n"
        }
        if advice.contains(.slowlogInspect) {
            report += "- Check your Slow Log to understand what are the commands you are running which are too slow to execute. Please check https://redis.io/commands/slowlog for more information.\n"
        }
        if advice.contains(.scheduler) {
            report += "- The system is slow to execute Redis code paths not containing system calls. This usually means the system does not provide Redis CPU time to run for long periods. You should try to:\n"
                + "  1) Lower the system load.\n"
                + "  2) Use a computer / VM just for Redis if you are running other software in the same system.\n"
                + "  3) Check if you have a \"noisy neighbour\" problem.\n"
                + "  4) Check with 'redis-cli --intrinsic-latency 100' what is the intrinsic latency in your system.\n"
                + "  5) Check if the problem is allocator-related by recompiling Redis with MALLOC=libc, if you are using Jemalloc. However this may create fragmentation problems.\n"
        }
        if advice.contains(.localDisk) {
            report += "- It is strongly advised to use local disks for persistence, especially if you are using AOF. Remote disks provided by platform-as-a-service providers are known to be slow.\n"
        }
        if advice.contains(.ssd) {
            report += "- SSD disks are able to reduce fsync latency, and total time needed for snapshotting and AOF log rewriting (resulting in smaller memory usage and smaller final AOF rewrite buffer flushes). With extremely high write load SSD disks can be a good option. However Redis should perform reasonably with high load using normal disks. Use this advice as a last resort.\n"
        }
        if advice.contains(.dataWriteback) {
            report += "- Mounting ext3/4 filesystems with data=writeback can provide a performance boost compared to data=ordered, however this mode of operation provides less guarantees, and sometimes it can happen that after a hard crash the AOF file will have a half-written command at the end and will require to be repaired before Redis restarts.\n"
        }
        if advice.contains(.diskContention) {
            report += "- Try to lower the disk contention. This is often caused by other disk intensive processes running in the same computer (including other Redis instances).\n"
        }
        if advice.contains(.noAppendfsync) {
            report += "- Assuming from the point of view of data safety this is viable in your environment, you could try to enable the 'no-appendfsync-on-rewrite' option, so that fsync will not be performed while there is a child rewriting the AOF file or producing an RDB file (the moment where there is high disk contention).\n"
        }
        if advice.contains(.relaxFsyncPolicy) && config.value("appendfsync") == "always" {
            report += "- Your fsync policy is set to 'always'. It is very hard to get good performances with such a setup, if possible try to relax the fsync policy to 'onesec'.\n"
        }
        if advice.contains(.writeLoadInfo) {
            report += "- Latency during the AOF atomic rename operation or when the final difference is flushed to the AOF file at the end of the rewrite, sometimes is caused by very high write load, causing the AOF buffer to get very large. If possible try to send less commands to accomplish the same work, or use Lua scripts to group multiple operations into a single EVALSHA call.\n"
        }
        if advice.contains(.hz) && config.hz < 100 {
            report += "- In order to make the Redis keys expiring process more incremental, try to set the 'hz' configuration parameter to 100 using 'CONFIG SET hz 100'.\n"
        }
        if advice.contains(.largeObjects) {
            report += "- Deleting, expiring or evicting (because of maxmemory policy) large objects is a blocking operation. If you have very large objects that are often deleted, expired, or evicted, try to fragment those objects into multiple smaller objects.\n"
        }
        if advice.contains(.massEviction) {
            report += "- Sudden changes to the 'maxmemory' setting via 'CONFIG SET', or allocation of large objects via sets or sorted sets intersections, STORE option of SORT, Redis Cluster large keys migrations (RESTORE command), may create sudden memory pressure forcing the server to block trying to evict keys. \n"
        }
        if advice.contains(.disableTHP) {
            report += "- I detected a non zero amount of anonymous huge pages used by your process. This creates very serious latency events in different conditions, especially when Redis is persisting on disk. To disable THP support use the command 'echo never > /sys/kernel/mm/transparent_hugepage/enabled', make sure to also add it into /etc/rc.local so that the command will be executed again after a reboot. Note that even if you have already disabled THP, you still need to restart the Redis process to get rid of the huge pages already created.\n"
        }
        return report
    }

    /// The process's anonymous huge pages in bytes, summed from /proc/self/smaps as Redis's
    /// zmalloc_get_smap_bytes_by_field does; 0 where that file does not exist.
    private static func anonymousHugePagesBytes() -> Int {
        let fd = open("/proc/self/smaps", O_RDONLY)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 { break }
            contents += chunk[0..<n]
        }
        let field = "AnonHugePages:"
        var total = 0
        for line in String(decoding: contents, as: UTF8.self).split(separator: "\n") where line.hasPrefix(field) {
            total += (Int(String(line.dropFirst(field.count).filter(\.isNumber))) ?? 0) * 1024
        }
        return total
    }
}
