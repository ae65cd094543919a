// Reads the configuration the way redis-server does:
//
//     quill-server [/path/to/redis.conf] [--directive value …] [-]
//
// The file's text comes first, then standard input when `-` is the first or last argument,
// then one line per `--directive` built from the words after it (each quoted), so a
// command-line option overrides the file. Lines are split with redis.conf's quoting rules.
// A directive Quill does not know stops start-up with Redis's fatal report; a Redis
// directive not implemented yet is kept as a warning and ignored, so a redis.conf written
// for Redis loads. `-v`/`--version`, `-h`/`--help` and a configuration file that cannot be
// opened print and exit here, before anything else starts, as redis-server does.

import QuillCommands
import QuillRESP
import QuillStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct ConfigLoadError: Error, Sendable {
    /// The whole report, as printed to standard error before exiting with status 1.
    public let report: String
}

public enum ConfigLoader {
    public struct Result: Sendable {
        /// The configuration file as an absolute path (CONFIG REWRITE needs it after `dir` moved).
        public var configFilePath: String?
        public var warnings: [String]
    }

    /// What the command line asks for, before any file is read.
    struct Invocation: Equatable {
        var configFile: String?
        var readsStandardInput = false
        /// The `--directive value` options as configuration lines.
        var options = ""
    }

    public static let versionLine =
        "Quill server v=\(ServerEnvironment.quillVersion) redis_version=\(ServerEnvironment.redisVersion) sha=00000000:0 malloc=libc bits=64 build=0000000000000000"

    public static let usage = """
        Usage: ./quill-server [/path/to/redis.conf] [options] [-]
               ./quill-server - (read config from stdin)
               ./quill-server -v or --version
               ./quill-server -h or --help

        Examples:
               ./quill-server (run the server with default conf)
               echo 'maxmemory 128mb' | ./quill-server -
               ./quill-server /etc/redis/6379.conf
               ./quill-server --port 7777
               ./quill-server /etc/myredis.conf --loglevel verbose -
               ./quill-server /etc/myredis.conf --loglevel verbose

        """

    /// Applies the file, standard input and options to `config`.
    public static func load(arguments: [String], into config: Configuration) throws(ConfigLoadError) -> Result {
        if let first = arguments.first {
            if first == "-v" || first == "--version" {
                print(versionLine)
                exit(0)
            }
            if first == "-h" || first == "--help" {
                writeStandardError(usage)
                exit(1)
            }
        }
        let invocation = parse(arguments)
        var text = ""
        var path: String?
        if let file = invocation.configFile {
            path = absolutePath(file)
            text = readConfigFile(file)
        }
        if invocation.readsStandardInput {
            log("Reading config from stdin")
            text += readStandardInput()
        }
        if !invocation.options.isEmpty { text += "\n" + invocation.options }
        var state = LoadState(config: config)
        try state.apply(text)
        return Result(configFilePath: path, warnings: state.warnings)
    }

    /// redis-server's argument rules (server.c main): `--name` starts an option line; the
    /// following arguments are its values, each quoted; an argument that holds both a name and
    /// a value ("--port 6380") is a complete line; `--save` with no value means `save ""`.
    static func parse(_ arguments: [String]) -> Invocation {
        var invocation = Invocation()
        var start = 0
        if let first = arguments.first, !first.hasPrefix("-") {
            invocation.configFile = first
            start = 1
        }
        var lastOptionHasValue = true
        var index = start
        while index < arguments.count {
            let argument = arguments[index]
            let isLast = index == arguments.count - 1
            if argument == "-" && (index == 0 || isLast) {
                invocation.readsStandardInput = true
            } else if lastOptionHasValue && argument.hasPrefix("--") {
                if !invocation.options.isEmpty { invocation.options += "\n" }
                invocation.options += String(argument.dropFirst(2)) + " "
                let words = InlineSplitter.split(Array(argument.utf8)) ?? []
                if words.count == 1 {
                    lastOptionHasValue = false
                    if argument.lowercased() == "--save" && (isLast || arguments[index + 1].hasPrefix("--")) {
                        invocation.options += "\"\""
                        lastOptionHasValue = true
                    }
                } else {
                    lastOptionHasValue = true
                }
            } else {
                invocation.options += ConfigRewriter.quoted(argument) + " "
                lastOptionHasValue = true
            }
            index += 1
        }
        return invocation
    }

    /// The file's text. A file that cannot be opened ends the process the way Redis does:
    /// one log line on standard output, status 1.
    static func readConfigFile(_ path: String) -> String {
        guard let file = fopen(path, "r") else {
            let reason = String(cString: strerror(errno))
            log("Fatal error, can't open config file '\(path)': \(reason)")
            exit(1)
        }
        defer { fclose(file) }
        return ConfigFileText.read(file)
    }

    /// The files an `include` names: the path itself, or, when it holds a glob pattern, every
    /// match in order (none is not an error, as in Redis).
    static func includedFiles(_ pattern: String) -> [String] {
        guard pattern.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) else { return [pattern] }
        var matches = glob_t()
        defer { globfree(&matches) }
        guard glob(pattern, 0, nil, &matches) == 0 else { return [] }
        return (0..<Int(matches.gl_pathc)).compactMap { index in
            matches.gl_pathv[index].map { String(cString: $0) }
        }
    }

    /// A log line written before logging is set up, as Redis's early serverLog calls are.
    private static func log(_ message: String) {
        let bytes = Array(RedisLogHandler.format(level: .warning, message: message, role: "C").utf8)
        _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    static func readStandardInput() -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let directory = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (directory.hasSuffix("/") ? directory : directory + "/") + path
    }

    private static func writeStandardError(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}

/// The pass over configuration text: one line at a time, stopping at the first error.
private struct LoadState {
    let config: Configuration
    var warnings: [String] = []

    /// Redis 7.0 silently accepts these removed directives (config.c's deprecated_configs).
    private static let deprecated: Set<String> = ["list-max-ziplist-entries", "list-max-ziplist-value",
                                                  "lua-replicate-commands"]

    init(config: Configuration) { self.config = config }

    /// One warning per directive, however many lines use it.
    private mutating func warnUnsupported(_ name: String) {
        let warning = "Configuration directive '\(name)' is not supported by Quill yet; ignored."
        if !warnings.contains(warning) { warnings.append(warning) }
    }

    mutating func apply(_ text: String) throws(ConfigLoadError) {
        for (index, rawLine) in text.configLines.enumerated() {
            let line = rawLine.trimmingBlanks()
            if line.isEmpty || line.hasPrefix("#") { continue }
            func fail(_ reason: String) -> ConfigLoadError {
                ConfigLoadError(report: """

                *** FATAL CONFIG FILE ERROR (Redis \(ServerEnvironment.redisVersion)) ***
                Reading the configuration file, at line \(index + 1)
                >>> '\(line)'
                \(reason)
                """)
            }
            guard let split = InlineSplitter.split(Array(line.utf8)) else {
                throw fail("Unbalanced quotes in configuration line")
            }
            if split.isEmpty { continue }
            let name = String(decoding: split[0], as: UTF8.self).lowercased()
            let values = split.dropFirst().map { String(decoding: $0, as: UTF8.self) }
            if Configuration.parameter(named: name) != nil {
                if let reason = config.set(name, arguments: values) { throw fail(reason) }
                continue
            }
            if Self.deprecated.contains(name) && values.count == 1 { continue }
            switch name {
            case "include" where values.count == 1:
                // Redis reads every match into one text, so line numbers run across the files.
                try apply(ConfigLoader.includedFiles(values[0]).map(ConfigLoader.readConfigFile).joined())
            case "rename-command" where values.count == 2, "user" where !values.isEmpty,
                 "loadmodule" where !values.isEmpty:
                warnUnsupported(name)
            case "include", "rename-command", "user", "loadmodule":
                throw fail("Bad directive or wrong number of arguments")
            default:
                guard RedisDirectives.known.contains(name) else {
                    throw fail("Bad directive or wrong number of arguments")
                }
                warnUnsupported(name)
            }
        }
    }
}
