// The append-only file's INFO fields, named and ordered as Redis 7.0 prints them.

import QuillCommands

extension AppendOnlyFile {
    public var bufferedBytes: Int { engine.effectLog.pending.count + lastReport.queuedBytes }

    public func appendOnlyInfo() -> [(String, String)] {
        let writeOK = lastReport.writeError == nil && lastReport.fsyncError == nil
        let running = rewrite.map { Int((MonotonicClock.milliseconds() - $0.startedMilliseconds) / 1000) } ?? -1
        return [
            ("aof_enabled", isOn || waitingForFirstRewrite ? "1" : "0"),
            ("aof_rewrite_in_progress", rewrite != nil ? "1" : "0"),
            ("aof_rewrite_scheduled", rewriteScheduled ? "1" : "0"),
            ("aof_last_rewrite_time_sec", String(lastRewriteSeconds)),
            ("aof_current_rewrite_time_sec", String(running)),
            ("aof_last_bgrewrite_status", lastRewriteFailed ? "err" : "ok"),
            ("aof_rewrites", String(rewritesStarted)),
            ("aof_rewrites_consecutive_failures", String(consecutiveRewriteFailures)),
            ("aof_last_write_status", writeOK ? "ok" : "err"),
            ("aof_last_cow_size", "0"),
        ]
    }

    public func appendOnlyDetailInfo() -> [(String, String)] {
        var fields: [(String, String)] = []
        if engine.config.appendOnly {
            fields += [
                ("aof_current_size", String(sizeAtOpen + lastReport.bytesWritten)),
                ("aof_base_size", String(baseSize)),
                ("aof_pending_rewrite", rewriteScheduled ? "1" : "0"),
                ("aof_buffer_length", String(bufferedBytes)),
                ("aof_pending_bio_fsync", lastReport.fsyncPending ? "1" : "0"),
                ("aof_delayed_fsync", String(lastReport.delayedFsyncs)),
            ]
        }
        if let loadJob { fields += loadJob.infoFields() }
        return fields
    }
}
