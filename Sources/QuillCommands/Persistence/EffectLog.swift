// The effects of executed commands, encoded as the append-only file records them
// (feedAppendOnlyFile in Redis's aof.c): RESP arrays of bulk strings, a `SELECT` whenever
// the database differs from the last one written, a `MULTI`…`EXEC` around a unit of more
// than one effect, and with `aof-timestamp-enabled` a `#TS:<unix-seconds>` line before the
// first record of each new second.
//
// The engine appends here; the persistence layer takes the pending bytes once per
// event-loop batch and writes them with one write(2). `endOffset` counts every byte ever
// appended: it is the log position a reply waits for before it may leave.

public struct Effect: Sendable, Equatable {
    /// The database the effect applies to; nil for database-neutral records (MULTI, EXEC).
    public var database: Int?
    public var arguments: [[UInt8]]

    public init(database: Int?, arguments: [[UInt8]]) {
        self.database = database
        self.arguments = arguments
    }
}

public struct EffectLog {
    /// False while the append-only file is off or a file is being replayed: nothing is collected.
    public var isRecording = false
    public var timestampsEnabled = false
    /// The database of the last `SELECT` written; nil makes the next database-bound record
    /// start with one (at start-up and at the start of every new incr file).
    public var selectedDatabase: Int?
    /// Records encoded but not yet handed to the writer.
    public private(set) var pending: [UInt8] = []
    /// The database selected where `pending` starts (a writer that moves the records to a
    /// new file must select it first).
    public private(set) var pendingStartDatabase: Int?
    /// Bytes ever appended, pending included.
    public private(set) var endOffset: Int64 = 0
    private var lastTimestampSeconds: Int64 = 0

    public init() {}

    /// Appends one execution unit; more than one effect is wrapped in MULTI/EXEC so that
    /// replay applies all of it or none.
    public mutating func append(unit: [Effect], nowMilliseconds: Int64) {
        guard !unit.isEmpty else { return }
        if pending.isEmpty { pendingStartDatabase = selectedDatabase }
        let before = pending.count
        let seconds = nowMilliseconds / 1000
        if timestampsEnabled && seconds > lastTimestampSeconds {
            lastTimestampSeconds = seconds
            pending.append(contentsOf: "#TS:\(seconds)\r\n".utf8)
        }
        if unit.count > 1 { encode(Effect(database: nil, arguments: [Self.multi])) }
        for effect in unit { encode(effect) }
        if unit.count > 1 { encode(Effect(database: nil, arguments: [Self.exec])) }
        endOffset += Int64(pending.count - before)
    }

    /// Hands the pending bytes over; the buffer starts empty again.
    public mutating func takePending() -> [UInt8] {
        let taken = pending
        pending.removeAll(keepingCapacity: taken.count < 64 * 1024)
        return taken
    }

    /// Drops what was not handed over (the log was switched off).
    public mutating func discardPending() {
        endOffset -= Int64(pending.count)
        pending.removeAll()
    }

    private mutating func encode(_ effect: Effect) {
        if let db = effect.database, db != selectedDatabase {
            selectedDatabase = db
            pending.append(contentsOf: Self.selectRecord(db))
        }
        encodeArray(effect.arguments)
    }

    private mutating func encodeArray(_ arguments: [[UInt8]]) {
        RESPCommandEncoding.appendArrayHeader(arguments.count, to: &pending)
        for argument in arguments { RESPCommandEncoding.appendBulk(argument, to: &pending) }
    }

    /// `SELECT <db>` as a record: what a file (or a part of one) starts with when its
    /// records must not depend on the database selected before it.
    public static func selectRecord(_ db: Int) -> [UInt8] {
        var record: [UInt8] = []
        RESPCommandEncoding.appendArrayHeader(2, to: &record)
        RESPCommandEncoding.appendBulk(select, to: &record)
        RESPCommandEncoding.appendBulk(Array(String(db).utf8), to: &record)
        return record
    }

    static let multi = Array("MULTI".utf8)
    static let exec = Array("EXEC".utf8)
    static let select = Array("SELECT".utf8)
}
