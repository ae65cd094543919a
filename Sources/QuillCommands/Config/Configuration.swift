// The server's configuration: the current value of every parameter Quill supports (the table
// is in ConfigParameterTable.swift), and the typed copies that hot paths read (a dictionary
// lookup per command would cost).
//
// Values are kept in their canonical text form, the form CONFIG GET prints ("yes",
// "536870912", "everysec", "AKE"); setting one parses, validates and normalises it, then
// refreshes the typed copy. Error texts are Redis 7's (config.c), without the
// "CONFIG SET failed" prefix that the CONFIG command adds. `dir` is the process's working
// directory itself: setting it changes directory and reading it asks the system.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QuillRESP
import QuillStore

public final class Configuration {
    private static let byName: [String: Int] = {
        var map: [String: Int] = [:]
        for (i, p) in parameters.enumerated() {
            map[p.name] = i
            if let alias = p.alias { map[alias] = i }
        }
        return map
    }()

    private var values: [String: String]
    /// Whether a `save` line was read at start-up: the first one replaces the default save
    /// points, later ones add to them (several `save` lines in a redis.conf accumulate).
    private var savePointsLoaded = false

    public private(set) var port = 6379
    public private(set) var hz = 10
    public private(set) var databases = 16
    public private(set) var protoMaxBulkLength = 512 * 1024 * 1024
    public private(set) var clientQueryBufferLimit = 1024 * 1024 * 1024
    public private(set) var requirePass: [UInt8]? = nil
    public private(set) var maxClients = 10000
    public private(set) var idleTimeoutSeconds = 0
    public private(set) var maxMemory = 0
    public private(set) var keyspaceEvents: KeyspaceEventFlags = []
    public private(set) var savePoints: [SavePoint] = []
    public private(set) var appendOnly = false
    public private(set) var appendFsync = AppendFsyncPolicy.everysec
    public private(set) var aofTimestampEnabled = false
    public private(set) var aofLoadTruncated = true
    public private(set) var lazyfreeLazyExpire = false
    public private(set) var lazyfreeLazyServerDel = false
    public private(set) var slowlogLogSlowerThan = 10000
    public private(set) var slowlogMaxLength = 128
    public private(set) var latencyMonitorThreshold = 0
    public private(set) var latencyTracking = true
    public private(set) var latencyTrackingPercentiles: [Double] = [50, 99, 99.9]
    public private(set) var hashListpackLimits = CompactLimits(maxEntries: 512, maxValueLength: 64)
    public private(set) var setMaxIntsetEntries = 512
    public private(set) var sortedSetListpackLimits = SortedSetLimits(maxListpackEntries: 128, maxListpackValue: 64)

    /// Called with the parameter name after each successful change.
    public var onChange: [(String) -> Void] = []

    public init() {
        values = [:]
        for p in Self.parameters { values[p.name] = p.defaultValue }
        for p in Self.parameters { refreshTyped(p.name) }
    }

    public static func parameter(named name: String) -> ConfigParameter? {
        byName[name.lowercased()].map { parameters[$0] }
    }

    /// The canonical text of a parameter, or nil if Quill does not know it.
    public func value(_ name: String) -> String? {
        guard let p = Self.parameter(named: name) else { return nil }
        if case .directory = p.kind { return Self.currentDirectory() }
        return values[p.name]
    }

    /// True when the parameter still has its default value (CONFIG REWRITE leaves those out).
    public func hasDefaultValue(_ p: ConfigParameter) -> Bool {
        if case .directory = p.kind { return false }
        return values[p.name] == p.defaultValue
    }

    // MARK: Setting

    /// Parses and stores one value; returns Redis's reason when it is refused.
    /// `atStartup` allows immutable and protected parameters (config file and command line).
    public func set(_ name: String, _ raw: String, atStartup: Bool) -> String? {
        guard let p = Self.parameter(named: name) else { return "Unknown option" }
        if !atStartup {
            if !p.mutable { return "can't set immutable config" }
            if p.protected && value("enable-protected-configs") != "yes" { return "can't set protected config" }
        }
        let words = p.kind.takesSeveralArguments ? Self.splitOnSpaces(raw) : [raw]
        return store(p, words, atStartup: atStartup)
    }

    /// Sets a parameter from a redis.conf line's arguments (after the name), with Redis's
    /// rules: one argument, except for list parameters, whose single argument is itself split.
    public func set(_ name: String, arguments: [String]) -> String? {
        guard let p = Self.parameter(named: name) else { return "Unknown option" }
        guard p.kind.takesSeveralArguments else {
            return arguments.count == 1 ? store(p, arguments, atStartup: true) : "wrong number of arguments"
        }
        if arguments.count == 1 && !arguments[0].isEmpty {
            guard let words = InlineSplitter.split(Array(arguments[0].utf8)) else { return "Unbalanced quotes in configuration line" }
            return store(p, words.map { String(decoding: $0, as: UTF8.self) }, atStartup: true)
        }
        return store(p, arguments, atStartup: true)
    }

    /// CONFIG SET: every pair is checked, then all are set, or none is. Returns the error
    /// reply (without its "ERR " prefix) or nil on success. `protectedAllowed` says whether
    /// enable-protected-configs admits this client.
    public func setAtomically(_ pairs: [(name: String, value: String)], protectedAllowed: Bool) -> String? {
        var chosen: [(given: String, parameter: ConfigParameter, value: String)] = []
        var firstProblem: (given: String, reason: String)?
        for (given, raw) in pairs {
            guard let p = Self.parameter(named: given) else {
                if firstProblem == nil { return "Unknown option or number of arguments for CONFIG SET - '\(given)'" }
                continue
            }
            if firstProblem != nil { continue }
            if !p.mutable || (p.protected && !protectedAllowed) {
                firstProblem = (given, p.mutable ? "can't set protected config" : "can't set immutable config")
            } else if chosen.contains(where: { $0.given.lowercased() == given.lowercased() }) {
                firstProblem = (given, "duplicate parameter")
            }
            chosen.append((given, p, raw))
        }
        if let (given, reason) = firstProblem { return Self.setFailure(given, reason) }

        let backup = chosen.map { (parameter: $0.parameter, value: value($0.parameter.name) ?? "") }
        for (index, item) in chosen.enumerated() {
            let words = item.parameter.kind.takesSeveralArguments ? Self.splitOnSpaces(item.value) : [item.value]
            if let reason = store(item.parameter, words, atStartup: false, notify: false) {
                for old in backup[...index].reversed() {
                    let oldWords = old.parameter.kind.takesSeveralArguments ? Self.splitOnSpaces(old.value) : [old.value]
                    _ = store(old.parameter, oldWords, atStartup: false, notify: false)
                }
                return Self.setFailure(item.given.lowercased(), reason)
            }
        }
        for item in chosen {
            for observer in onChange { observer(item.parameter.name) }
        }
        return nil
    }

    private static func setFailure(_ name: String, _ reason: String) -> String {
        "CONFIG SET failed (possibly related to argument '\(name)') - \(reason)"
    }

    /// CONFIG SET splits a list value on single spaces, as Redis does (sdssplitlen).
    private static func splitOnSpaces(_ raw: String) -> [String] {
        raw.isEmpty ? [] : raw.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    }

    private func store(_ p: ConfigParameter, _ words: [String], atStartup: Bool, notify: Bool = true) -> String? {
        let canonical: String
        switch p.kind {
        case .savePoints:
            switch SavePoint.parse(words) {
            case .failure(let rejection): return rejection.reason
            case .success(let points):
                var list = (words == [""] || !atStartup) ? [] : savePoints
                if atStartup && !savePointsLoaded {
                    list = []
                    savePointsLoaded = true
                }
                list += points
                canonical = list.map { "\($0.seconds) \($0.changes)" }.joined(separator: " ")
            }
        case .bindAddresses:
            let addresses = words == [""] ? [] : words
            guard addresses.count <= 16 else { return "Too many bind addresses specified." }
            canonical = addresses.joined(separator: " ")
        case .percentiles:
            switch LatencyTrackingPercentiles.parse(words) {
            case .failure(let rejection): return rejection.reason
            case .success(let list):
                canonical = list.map(LatencyTrackingPercentiles.format).joined(separator: " ")
                latencyTrackingPercentiles = list
            }
        case .directory:
            guard words.count == 1 else { return "wrong number of arguments" }
            guard chdir(words[0]) == 0 else { return String(cString: strerror(errno)) }
            canonical = Self.currentDirectory()
        default:
            switch Self.normalise(words.first ?? "", for: p) {
            case .failure(let rejection): return rejection.reason
            case .success(let text): canonical = text
            }
        }
        values[p.name] = canonical
        refreshTyped(p.name)
        // Redis keeps the flags as given: the canonical text drops `n` next to `A`.
        if case .keyspaceEvents = p.kind { keyspaceEvents = KeyspaceEventFlags(letters: words.first ?? "") ?? [] }
        if notify {
            for observer in onChange { observer(p.name) }
        }
        return nil
    }

    /// Parses a single value as redis.conf and CONFIG SET accept it for this parameter.
    public static func normalise(_ raw: String, for p: ConfigParameter) -> Result<String, ConfigRejection> {
        switch p.kind {
        case .bool:
            switch raw.lowercased() {
            case "yes": return .success("yes")
            case "no": return .success("no")
            default: return .failure(ConfigRejection("argument must be 'yes' or 'no'"))
            }
        case .integer(let range):
            guard let n = DecimalParser.int(Array(raw.utf8)) else {
                return .failure(ConfigRejection("argument couldn't be parsed into an integer"))
            }
            return inRange(n, range)
        case .memory(let range):
            guard let n = MemoryUnits.parse(raw) else { return .failure(ConfigRejection("argument must be a memory value")) }
            return inRange(n, range)
        case .enumeration(let options):
            let lowered = raw.lowercased()
            guard options.contains(lowered) else {
                return .failure(ConfigRejection("argument(s) must be one of the following: " + options.joined(separator: ", ")))
            }
            return .success(lowered)
        case .string(let validate):
            if let reason = validate?(raw) { return .failure(ConfigRejection(reason)) }
            return .success(raw)
        case .keyspaceEvents:
            guard let flags = KeyspaceEventFlags(letters: raw) else {
                return .failure(ConfigRejection(KeyspaceEventFlags.invalidCharacter))
            }
            return .success(flags.letters)
        case .savePoints, .bindAddresses, .directory, .percentiles:
            return .success(raw)
        }
    }

    private static func inRange(_ n: Int, _ range: ClosedRange<Int>) -> Result<String, ConfigRejection> {
        guard range.contains(n) else {
            return .failure(ConfigRejection("argument must be between \(range.lowerBound) and \(range.upperBound) inclusive"))
        }
        return .success(String(n))
    }

    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private func refreshTyped(_ name: String) {
        let text = values[name] ?? ""
        switch name {
        case "port": port = Int(text) ?? port
        case "hz": hz = max(1, min(500, Int(text) ?? hz))
        case "databases": databases = Int(text) ?? databases
        case "proto-max-bulk-len": protoMaxBulkLength = Int(text) ?? protoMaxBulkLength
        case "client-query-buffer-limit": clientQueryBufferLimit = Int(text) ?? clientQueryBufferLimit
        case "requirepass": requirePass = text.isEmpty ? nil : Array(text.utf8)
        case "maxclients": maxClients = Int(text) ?? maxClients
        case "timeout": idleTimeoutSeconds = Int(text) ?? idleTimeoutSeconds
        case "maxmemory": maxMemory = Int(text) ?? maxMemory
        case "notify-keyspace-events": keyspaceEvents = KeyspaceEventFlags(letters: text) ?? []
        case "save": savePoints = (try? SavePoint.parse(Self.splitOnSpaces(text)).get()) ?? []
        case "appendonly": appendOnly = text == "yes"
        case "appendfsync": appendFsync = AppendFsyncPolicy(rawValue: text) ?? appendFsync
        case "aof-timestamp-enabled": aofTimestampEnabled = text == "yes"
        case "aof-load-truncated": aofLoadTruncated = text == "yes"
        case "lazyfree-lazy-expire": lazyfreeLazyExpire = text == "yes"
        case "lazyfree-lazy-server-del": lazyfreeLazyServerDel = text == "yes"
        case "slowlog-log-slower-than": slowlogLogSlowerThan = Int(text) ?? slowlogLogSlowerThan
        case "slowlog-max-len": slowlogMaxLength = Int(text) ?? slowlogMaxLength
        case "latency-monitor-threshold": latencyMonitorThreshold = Int(text) ?? latencyMonitorThreshold
        case "latency-tracking": latencyTracking = text == "yes"
        case "hash-max-listpack-entries": hashListpackLimits.maxEntries = Int(text) ?? hashListpackLimits.maxEntries
        case "hash-max-listpack-value": hashListpackLimits.maxValueLength = Int(text) ?? hashListpackLimits.maxValueLength
        case "set-max-intset-entries": setMaxIntsetEntries = Int(text) ?? setMaxIntsetEntries
        case "zset-max-listpack-entries":
            sortedSetListpackLimits.maxListpackEntries = Int(text) ?? sortedSetListpackLimits.maxListpackEntries
        case "zset-max-listpack-value":
            sortedSetListpackLimits.maxListpackValue = Int(text) ?? sortedSetListpackLimits.maxListpackValue
        default: break
        }
    }
}

/// When the append-only file is fsynced (`appendfsync`).
public enum AppendFsyncPolicy: String, Sendable {
    case always, everysec, no
}

/// Why a value was refused, in Redis's words.
public struct ConfigRejection: Error, Sendable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// One `save <seconds> <changes>` point: snapshot when that many changes happened in that time.
public struct SavePoint: Sendable, Equatable {
    public let seconds: Int
    public let changes: Int

    /// Redis's rules: an even number of integers, seconds at least 1, changes at least 0;
    /// a single "" means no save points.
    static func parse(_ words: [String]) -> Result<[SavePoint], ConfigRejection> {
        let numbers = words == [""] ? [] : words
        let invalid = ConfigRejection("Invalid save parameters")
        guard numbers.count % 2 == 0 else { return .failure(invalid) }
        var points: [SavePoint] = []
        for i in stride(from: 0, to: numbers.count, by: 2) {
            guard let seconds = Self.integerPrefix(numbers[i]), seconds >= 1,
                  let changes = Self.integerPrefix(numbers[i + 1]), changes >= 0 else { return .failure(invalid) }
            points.append(SavePoint(seconds: seconds, changes: changes))
        }
        return .success(points)
    }

    /// strtoll() as Redis uses it here: leading blanks and a sign are allowed, nothing may follow.
    private static func integerPrefix(_ word: String) -> Int? {
        var text = Substring(word)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        if text.first == "+" { text = text.dropFirst() }
        return Int(text)
    }
}

/// Redis's memtoull(): digits with an optional unit, `k`/`kb`, `m`/`mb`, `g`/`gb` (1000 and
/// 1024), case-insensitive; no sign, no fraction.
public enum MemoryUnits {
    public static func parse(_ text: String) -> Int? {
        let lowered = text.lowercased()
        let digits = lowered.prefix { $0.isASCII && $0.isNumber }
        let unit = lowered.dropFirst(digits.count)
        let multipliers: [Substring: Int] = ["": 1, "b": 1, "k": 1000, "kb": 1024, "m": 1000 * 1000,
                                             "mb": 1024 * 1024, "g": 1000 * 1000 * 1000, "gb": 1024 * 1024 * 1024]
        guard !digits.isEmpty, let multiplier = multipliers[unit], let n = Int(digits) else { return nil }
        let (product, overflow) = n.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : product
    }

    /// How CONFIG REWRITE writes a byte count: in the largest unit that divides it exactly.
    public static func format(_ bytes: Int) -> String {
        let units: [(Int, String)] = [(1024 * 1024 * 1024, "gb"), (1024 * 1024, "mb"), (1024, "kb")]
        for (size, suffix) in units where bytes != 0 && bytes % size == 0 { return "\(bytes / size)\(suffix)" }
        return String(bytes)
    }
}
