// CONFIG GET / SET / RESETSTAT / REWRITE / HELP, as in Redis 7.0: GET takes several glob
// patterns, SET several parameter/value pairs applied all or nothing, REWRITE updates the
// configuration file the server was started with.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import QuillRESP
import QuillStore

public enum ConfigCommands {
    private static let flags: CommandFlags = [.admin, .noscript, .loading, .stale]
    private static let adminCategories = ["admin", "slow", "dangerous"]

    public static let all: [CommandSpec] = [
        CommandSpec("config", arity: -2, flags: [], categories: ["slow"], group: "server",
                    summary: "A container for server configuration commands", since: "2.0.0",
                    subcommands: [
                        CommandSpec("get", arity: -3, flags: flags, categories: adminCategories, group: "server",
                                    summary: "Get the values of configuration parameters",
                                    since: "2.0.0", handler: get),
                        CommandSpec("set", arity: -4, flags: flags, categories: adminCategories, group: "server",
                                    summary: "Set configuration parameters to the given values", since: "2.0.0", handler: set),
                        CommandSpec("resetstat", arity: 2, flags: flags, categories: adminCategories, group: "server",
                                    summary: "Reset the stats returned by INFO", since: "2.0.0", handler: resetStat),
                        CommandSpec("rewrite", arity: 2, flags: flags, categories: adminCategories, group: "server",
                                    summary: "Rewrite the configuration file with the in memory configuration", since: "2.8.0",
                                    handler: rewrite),
                        CommandSpec("help", arity: 2, flags: [.loading, .stale], categories: ["slow"], group: "server",
                                    summary: "Show helpful text about the different subcommands", since: "5.0.0",
                                    handler: help),
                    ], handler: nil),
    ]

    static func get(_ c: CommandContext) {
        let config = c.engine.config
        var matches: [(name: String, value: String)] = []
        var matchedNames: Set<String> = []
        for i in 2..<c.args.count {
            let pattern = c.args[i]
            let text = String(decoding: pattern, as: UTF8.self)
            if !pattern.contains(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "[") }) {
                guard !matchedNames.contains(text), let value = config.value(text) else { continue }
                matchedNames.insert(text)
                matches.append((text, value))
                continue
            }
            let glob = GlobPattern(pattern, caseInsensitive: true)
            for p in Configuration.parameters where !p.hidden && !matchedNames.contains(p.name) {
                for name in [p.name] + (p.alias.map { [$0] } ?? []) where !matchedNames.contains(name) {
                    if name != p.name && matchedNames.contains(p.name) { continue }
                    guard glob.matches(Array(name.utf8)) else { continue }
                    matchedNames.insert(name)
                    matches.append((name, config.value(p.name) ?? ""))
                }
            }
        }
        c.reply { out in
            out.mapHeader(matches.count)
            for (name, value) in matches {
                out.bulk(name)
                out.bulk(value)
            }
        }
    }

    static func set(_ c: CommandContext) {
        guard c.args.count % 2 == 0 else {
            c.syntaxError()
            return
        }
        var pairs: [(name: String, value: String)] = []
        for i in stride(from: 2, to: c.args.count, by: 2) {
            pairs.append((String(decoding: c.args[i], as: UTF8.self), String(decoding: c.args[i + 1], as: UTF8.self)))
        }
        let allowProtected: Bool
        switch c.engine.config.value("enable-protected-configs") {
        case "yes": allowProtected = true
        case "local": allowProtected = isLocal(c.client.remoteAddress)
        default: allowProtected = false
        }
        if let failure = c.engine.config.setAtomically(pairs, protectedAllowed: allowProtected) {
            c.error("ERR " + failure)
        } else {
            c.ok()
        }
    }

    /// A loopback client, for enable-protected-configs "local".
    private static func isLocal(_ address: String) -> Bool {
        address.hasPrefix("127.") || address.hasPrefix("[::1]") || address.hasPrefix("[::ffff:127.")
    }

    static func resetStat(_ c: CommandContext) {
        c.engine.stats.reset()
        c.ok()
    }

    static func rewrite(_ c: CommandContext) {
        let path = c.engine.environment.configFilePath
        guard !path.isEmpty else {
            c.error("ERR The server is running without a config file")
            return
        }
        if let failure = ConfigFile.rewrite(path: path, config: c.engine.config) {
            c.error("ERR Rewriting config file: \(failure)")
        } else {
            c.ok()
        }
    }

    static func help(_ c: CommandContext) {
        let lines = [
            "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "GET <pattern>",
            "    Return parameters matching the glob-like <pattern> and their values.",
            "SET <directive> <value>",
            "    Set the configuration <directive> to <value>.",
            "RESETSTAT",
            "    Reset statistics reported by the INFO command.",
            "REWRITE",
            "    Rewrite the configuration file.",
            "HELP",
            "    Prints this help.",
        ]
        c.reply { out in
            out.arrayHeader(lines.count)
            for line in lines { out.simpleString(line) }
        }
    }
}

/// Reading and replacing the configuration file for CONFIG REWRITE.
enum ConfigFile {
    /// Rewrites the file in place; returns the system's reason on failure. A missing file is
    /// created, as Redis does.
    static func rewrite(path: String, config: Configuration) -> String? {
        var oldText = ""
        if let file = fopen(path, "r") {
            oldText = ConfigFileText.read(file)
            fclose(file)
        } else if errno != ENOENT {
            return String(cString: strerror(errno))
        }
        let newText = ConfigRewriter.rewrite(oldText, with: config)
        let temporary = path + ".tmp-\(getpid())"
        guard let out = fopen(temporary, "w") else { return String(cString: strerror(errno)) }
        let bytes = Array(newText.utf8)
        let written = bytes.isEmpty ? 0 : fwrite(bytes, 1, bytes.count, out)
        let flushed = fflush(out) == 0 && fsync(fileno(out)) == 0
        fclose(out)
        guard written == bytes.count, flushed else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return reason
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return reason
        }
        return nil
    }
}
