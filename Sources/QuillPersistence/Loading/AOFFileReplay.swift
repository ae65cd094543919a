// Replaying one file of the log into the engine, as Redis's loadSingleAppendOnlyFile does:
// each record runs through the engine's dispatcher on a client of its own, its replies
// dropped but its errors logged as Redis logs them; an incomplete tail or an unfinished
// MULTI is cut off when `aof-load-truncated` allows it (only the last file may be cut); a
// format error or an unknown command stops the load. The replay is resumable, so the
// server can serve other clients (with -LOADING) between slices of records.

import Logging
import QuillCommands

/// How a file or a whole load ended (Redis's AOF_OK, AOF_EMPTY, ...).
public enum AOFLoadOutcome: Equatable, Sendable {
    case ok, empty, notExist, openError, truncated, failed
}

struct AOFFileReplay {
    let path: String
    let displayName: String
    let isLastFile: Bool
    /// A pre-7.0 single file (its name is `appendfilename`): an RDB start is its preamble.
    let isOldStyle: Bool
    let truncateAllowed: Bool
    private let fs: any AOFFileSystem
    private let logger: Logger
    private var reader: AOFRecordReader?
    private var inMulti = false
    private var validUpTo: Int64 = 0
    private var validBeforeMulti: Int64 = 0
    private(set) var outcome: AOFLoadOutcome?

    init(path: String, displayName: String, isLastFile: Bool, isOldStyle: Bool = false, truncateAllowed: Bool,
         fileSystem: any AOFFileSystem, logger: Logger) {
        self.path = path
        self.displayName = displayName
        self.isLastFile = isLastFile
        self.isOldStyle = isOldStyle
        self.truncateAllowed = truncateAllowed
        self.fs = fileSystem
        self.logger = logger
    }

    /// Bytes consumed so far, for the progress fields.
    var offset: Int64 { reader?.offset ?? 0 }

    /// Opens the file: nil when it can be replayed, or the outcome that ends it at once.
    mutating func open() -> AOFLoadOutcome? {
        let size: Int64
        do {
            size = try fs.size(path)
        } catch {
            if error.code == ENOENT {
                logger.warning("The append log file \(displayName) doesn't exist: \(error)")
                return finish(.notExist)
            }
            logger.warning("Fatal error: can't open the append log file \(displayName) for reading: \(error)")
            return finish(.openError)
        }
        if size == 0 { return finish(.empty) }
        do {
            let fd = try fs.open(path, .read)
            var magic = [UInt8](repeating: 0, count: 5)
            let count = try magic.withUnsafeMutableBytes { (raw) throws(FileError) -> Int in try fs.read(fd, into: raw) }
            fs.close(fd)
            if count == 5 && magic == Array("REDIS".utf8) {
                logger.notice(isOldStyle ? "Reading RDB preamble from AOF file..." : "Reading RDB base file on AOF loading...")
                logger.warning("Quill cannot load RDB data: start Redis on this directory with aof-use-rdb-preamble no and run BGREWRITEAOF, so that the base is written in RESP")
                logger.warning(isOldStyle
                    ? "Error reading the RDB preamble of the AOF file \(displayName), AOF loading aborted"
                    : "Error reading the RDB base file \(displayName), AOF loading aborted")
                return finish(.failed)
            }
            reader = try AOFRecordReader(fileSystem: fs, path: path)
        } catch {
            logger.warning("Fatal error: can't open the append log file \(displayName) for reading: \(error)")
            return finish(.openError)
        }
        return nil
    }

    /// Replays up to `limit` records, sleeping `delayMicroseconds` after each (key-load-delay);
    /// returns true when the file is finished (see `outcome`).
    mutating func step(engine: Engine, client: ClientSession, limit: Int, delayMicroseconds: Int = 0) -> Bool {
        guard outcome == nil, reader != nil else { return true }
        for _ in 0..<limit {
            let record: AOFRecord?
            do {
                record = try reader!.next()
            } catch {
                switch error {
                case .truncated:
                    _ = unexpectedEnd()
                case .badFormat:
                    logger.warning("Bad file format reading the append only file \(displayName): make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>")
                    _ = finish(.failed)
                case .io(let ioError):
                    logger.warning("Unrecoverable error reading the append only file \(displayName): \(ioError)")
                    _ = finish(.failed)
                }
                return true
            }
            guard let record else {
                if inMulti {
                    logger.warning("Revert incomplete MULTI/EXEC transaction in AOF file \(displayName)")
                    validUpTo = validBeforeMulti
                    _ = unexpectedEnd()
                } else {
                    _ = finish(.ok)
                }
                return true
            }
            let name = String(decoding: record.arguments[0], as: UTF8.self).lowercased()
            if name == "multi" {
                inMulti = true
                validBeforeMulti = validUpTo
            } else if name == "exec" {
                inMulti = false
            }
            let errorsBefore = engine.stats.totalErrorReplies
            guard engine.replay(record.arguments, for: client) else {
                logger.warning("Unknown command '\(String(decoding: record.arguments[0], as: UTF8.self))' reading the append only file \(displayName)")
                _ = finish(.failed)
                return true
            }
            for message in engine.stats.totalErrorReplies == errorsBefore ? [] : client.takeErrorReplies() {
                engine.stats.unexpectedErrorReplies += 1
                logger.warning("== CRITICAL == This server is sending an error to its AOF-loading-client: '\(Self.asRedisLogsIt(message))' after processing the command '\(name == "exec" ? "exec" : client.lastCommandName)'")
            }
            validUpTo = record.endOffset
            if delayMicroseconds != 0 { Self.debugDelay(delayMicroseconds) }
        }
        return false
    }

    /// Redis's shared error replies, which it logs with their `-`.
    private static let sharedErrors: Set<String> = [
        "ERR syntax error", "ERR no such key", "ERR index out of range", "ERR source and destination objects are the same",
    ]

    /// An error as Redis's afterErrorReply prints it: the replies built from a bare message
    /// (addReplyError) lose their "ERR " prefix, shared and coded ones keep their "-"; at most
    /// 4096 bytes.
    static func asRedisLogsIt(_ message: String) -> String {
        let text = message.hasPrefix("ERR ") && !sharedErrors.contains(message) ? String(message.dropFirst(4)) : "-" + message
        return String(decoding: text.utf8.prefix(4096), as: UTF8.self)
    }

    /// Redis's debugDelay: a negative value sleeps 1 µs with probability 1/|value|, so that
    /// delays shorter than a system call can be approximated.
    static func debugDelay(_ microseconds: Int) {
        var delay = microseconds
        if delay < 0 { delay = Int.random(in: 0..<(-delay)) == 0 ? 1 : 0 }
        if delay > 0 { usleep(useconds_t(delay)) }
    }

    /// A short read or an unfinished MULTI at the end: cut the file back to the last whole
    /// record if allowed, otherwise fail.
    private mutating func unexpectedEnd() -> AOFLoadOutcome {
        if truncateAllowed {
            logger.warning("!!! Warning: short read while loading the AOF file \(displayName)!!!")
            logger.warning("!!! Truncating the AOF \(displayName) at offset \(validUpTo) !!!")
            do {
                try fs.truncate(path: path, to: validUpTo)
                logger.warning("AOF \(displayName) loaded anyway because aof-load-truncated is enabled")
                if !isLastFile {
                    logger.warning("Fatal error: the truncated file is not the last file")
                    return finish(.failed)
                }
                return finish(.truncated)
            } catch {
                logger.warning("Error truncating the AOF file \(displayName): \(error)")
            }
        }
        logger.warning("Unexpected end of file reading the append only file \(displayName). You can: 1) Make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>. 2) Alternatively you can set the 'aof-load-truncated' configuration option to yes and restart the server.")
        return finish(.failed)
    }

    @discardableResult
    private mutating func finish(_ result: AOFLoadOutcome) -> AOFLoadOutcome {
        outcome = result
        reader?.close()
        reader = nil
        return result
    }
}

#if canImport(Glibc)
import Glibc
#endif
