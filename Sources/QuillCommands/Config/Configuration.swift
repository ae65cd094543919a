// The server's configuration: every parameter Quill supports, its current value, and the
// typed copies that hot paths read (a dictionary lookup per command would cost).
//
// Values are kept in their canonical text form, the form CONFIG GET prints ("yes",
// "536870912", "everysec"); `set` parses, validates and normalises, then refreshes the typed
// copy. Error texts are Redis 7's (config.c), without the "CONFIG SET failed" prefix that
// the CONFIG command adds.

public final class Configuration {
    public static let parameters: [ConfigParameter] = [
        ConfigParameter("port", .integer(0...65535), default: "6379", mutable: false),
        ConfigParameter("bind", .list, default: "127.0.0.1 -::1", mutable: false),
        ConfigParameter("protected-mode", .bool, default: "yes"),
        ConfigParameter("databases", .integer(1...Int(Int32.max)), default: "16", mutable: false),
        ConfigParameter("hz", .integer(0...Int(Int32.max)), default: "10"),
        ConfigParameter("dir", .string, default: "."),
        ConfigParameter("requirepass", .string, default: "", sensitive: true),
        ConfigParameter("loglevel", .enumeration(["debug", "verbose", "notice", "warning", "nothing"]), default: "notice"),
        ConfigParameter("logfile", .string, default: "", mutable: false),
        ConfigParameter("maxclients", .integer(1...Int(Int32.max)), default: "10000"),
        ConfigParameter("timeout", .integer(0...Int(Int32.max)), default: "0"),
        ConfigParameter("proto-max-bulk-len", .memory(1024 * 1024...Int(Int64.max)), default: "536870912"),
        ConfigParameter("client-query-buffer-limit", .memory(1024 * 1024...Int(Int64.max)), default: "1073741824"),
    ]

    private static let byName: [String: Int] = {
        var map: [String: Int] = [:]
        for (i, p) in parameters.enumerated() {
            map[p.name] = i
            if let alias = p.alias { map[alias] = i }
        }
        return map
    }()

    private var values: [String: String]

    public private(set) var port = 6379
    public private(set) var hz = 10
    public private(set) var databases = 16
    public private(set) var protoMaxBulkLength = 512 * 1024 * 1024
    public private(set) var clientQueryBufferLimit = 1024 * 1024 * 1024
    public private(set) var requirePass: [UInt8]? = nil
    public private(set) var maxClients = 10000

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
        return values[p.name]
    }

    /// Parses and stores `raw`; returns Redis's reason when the value is refused.
    /// `atStartup` allows immutable parameters (config file and command line).
    public func set(_ name: String, _ raw: String, atStartup: Bool) -> String? {
        guard let p = Self.parameter(named: name) else { return "Unknown option" }
        if !p.mutable && !atStartup { return "can't set immutable config" }
        switch Self.normalise(raw, for: p) {
        case .failure(let rejection): return rejection.reason
        case .success(let canonical):
            values[p.name] = canonical
            refreshTyped(p.name)
            for observer in onChange { observer(p.name) }
            return nil
        }
    }

    /// Parses a value as redis.conf and CONFIG SET accept it for this parameter.
    public static func normalise(_ raw: String, for p: ConfigParameter) -> Result<String, ConfigRejection> {
        switch p.kind {
        case .bool:
            switch raw.lowercased() {
            case "yes": return .success("yes")
            case "no": return .success("no")
            default: return .failure(ConfigRejection("argument must be 'yes' or 'no'"))
            }
        case .integer(let range):
            guard let n = Int(raw) else { return .failure(ConfigRejection("argument couldn't be parsed into an integer")) }
            guard range.contains(n) else {
                return .failure(ConfigRejection("argument must be between \(range.lowerBound) and \(range.upperBound) inclusive"))
            }
            return .success(String(n))
        case .memory(let range):
            guard let n = MemoryUnits.parse(raw) else { return .failure(ConfigRejection("argument must be a memory value")) }
            guard range.contains(n) else {
                return .failure(ConfigRejection("argument must be between \(range.lowerBound) and \(range.upperBound) inclusive"))
            }
            return .success(String(n))
        case .enumeration(let options):
            let lowered = raw.lowercased()
            guard options.contains(lowered) else {
                return .failure(ConfigRejection("argument(s) must be one of the following: " + options.joined(separator: ", ")))
            }
            return .success(lowered)
        case .string, .list:
            return .success(raw)
        }
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
        default: break
        }
    }
}

/// Why a value was refused, in Redis's words.
public struct ConfigRejection: Error, Sendable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// Redis's memtoll(): a number with an optional unit, `k`/`kb`, `m`/`mb`, `g`/`gb` (1000 and 1024).
public enum MemoryUnits {
    public static func parse(_ text: String) -> Int? {
        let lowered = text.lowercased()
        let units: [(String, Int)] = [("kb", 1024), ("mb", 1024 * 1024), ("gb", 1024 * 1024 * 1024),
                                      ("k", 1000), ("m", 1000 * 1000), ("g", 1000 * 1000 * 1000), ("b", 1)]
        for (suffix, multiplier) in units where lowered.hasSuffix(suffix) {
            guard let n = Int(lowered.dropLast(suffix.count)) else { return nil }
            let (product, overflow) = n.multipliedReportingOverflow(by: multiplier)
            return overflow ? nil : product
        }
        return Int(lowered)
    }
}
