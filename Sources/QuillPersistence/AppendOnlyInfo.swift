// The append-only file's INFO fields, named and ordered as Redis 7.0 prints them.

import QuillCommands

extension AppendOnlyFile {
    public var bufferedBytes: Int { engine.effectLog.pending.count + lastReport.queuedBytes }

    public func appendOnlyInfo() -> [(String, String)] {
        let writeOK = lastReport.writeError == nil && lastReport.fsyncError == nil
        return [
            ("aof_enabled", isOn ? "1" : "0"),
            ("aof_rewrite_in_progress", "0"),
            ("aof_rewrite_scheduled", "0"),
            ("aof_last_rewrite_time_sec", "-1"),
            ("aof_current_rewrite_time_sec", "-1"),
            ("aof_last_bgrewrite_status", "ok"),
            ("aof_rewrites", "0"),
            ("aof_rewrites_consecutive_failures", "0"),
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
                ("aof_pending_rewrite", "0"),
                ("aof_buffer_length", String(bufferedBytes)),
                ("aof_pending_bio_fsync", lastReport.fsyncPending ? "1" : "0"),
                ("aof_delayed_fsync", String(lastReport.delayedFsyncs)),
            ]
        }
        if let loadJob { fields += loadJob.infoFields() }
        return fields
    }
}
