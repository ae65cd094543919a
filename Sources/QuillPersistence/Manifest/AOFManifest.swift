// The multi-part AOF manifest in memory: at most one BASE, the HISTORY files waiting for
// deletion and the INCR files in order, plus the two sequence counters that name new
// files. The mutations mirror Redis's (a new base pushes the old one to the head of the
// history, rewritten INCRs follow it), so the files and manifests we write match Redis's.

public struct AOFManifest: Equatable, Sendable {
    public enum FileType: Character, Sendable {
        case base = "b", history = "h", incr = "i"
    }

    public struct Entry: Equatable, Sendable {
        public var name: String
        public var sequence: Int64
        public var type: FileType

        public init(name: String, sequence: Int64, type: FileType) {
            self.name = name
            self.sequence = sequence
            self.type = type
        }
    }

    public var base: Entry?
    public var incrs: [Entry]
    public var history: [Entry]
    /// The sequence of the BASE line at load, then of the last base started.
    public internal(set) var currentBaseSequence: Int64
    /// The sequence of the last INCR line at load, then of the last INCR started; moving
    /// INCRs to the history does not lower it.
    public internal(set) var currentIncrSequence: Int64

    public init(base: Entry? = nil, history: [Entry] = [], incrs: [Entry] = []) {
        self.base = base
        self.history = history
        self.incrs = incrs
        currentBaseSequence = base?.sequence ?? 0
        currentIncrSequence = incrs.last?.sequence ?? 0
    }

    /// True when the manifest lists neither a base nor an INCR file.
    public var isEmpty: Bool { base == nil && incrs.isEmpty }

    /// Starts a new BASE named `<F>.<seq+1>.base.<rdb|aof>`; the previous base, if any,
    /// goes to the head of the history. Returns the new name.
    @discardableResult
    public mutating func startNewBase(names: AOFFileNames, format: AOFBaseFormat) -> String {
        if var old = base {
            old.type = .history
            history.insert(old, at: 0)
        }
        currentBaseSequence += 1
        let name = names.base(sequence: currentBaseSequence, format: format)
        base = Entry(name: name, sequence: currentBaseSequence, type: .base)
        return name
    }

    /// Appends a new INCR named `<F>.<seq+1>.incr.aof` and returns its name.
    @discardableResult
    public mutating func startNewIncr(names: AOFFileNames) -> String {
        currentIncrSequence += 1
        let name = names.incr(sequence: currentIncrSequence)
        incrs.append(Entry(name: name, sequence: currentIncrSequence, type: .incr))
        return name
    }

    /// The last INCR's name, starting one first when there is none.
    public mutating func lastIncrOrNew(names: AOFFileNames) -> String {
        if let last = incrs.last { return last.name }
        return startNewIncr(names: names)
    }

    /// After a successful rewrite, every INCR but the one being written (when AOF is on)
    /// becomes HISTORY, pushed to the head of the history from the newest to the oldest.
    public mutating func markIncrsAsHistory(keepingLast: Bool) {
        let keep = keepingLast && !incrs.isEmpty ? 1 : 0
        let moved = incrs.dropLast(keep)
        for var entry in moved.reversed() {
            entry.type = .history
            history.insert(entry, at: 0)
        }
        incrs.removeFirst(moved.count)
    }

    /// Empties the history and returns what it held, for deletion.
    public mutating func takeHistory() -> [Entry] {
        defer { history.removeAll() }
        return history
    }

    /// The manifest text: base, then history, then INCR lines, names quoted like
    /// sdscatrepr when they need it.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        for entry in [base].compactMap({ $0 }) + history + incrs {
            let name = Array(entry.name.utf8)
            out += Array("file ".utf8)
            out += ManifestTokenizer.needsQuoting(name) ? ManifestTokenizer.quoted(name) : name
            out += Array(" seq \(entry.sequence) type ".utf8)
            out += Array(String(entry.type.rawValue).utf8)
            out.append(0x0a)
        }
        return out
    }
}
