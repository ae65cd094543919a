// Reads the configuration the way redis-server does: `quill-server [file] [--name value …]`.
// The file's lines come first, then each `--name` on the command line starts one more line
// with the words after it, so a command-line option overrides the file. Lines are split with
// the quoting rules of redis.conf (those of inline requests). A directive Quill does not
// know stops start-up with Redis's fatal report; a Redis directive not implemented yet is
// kept as a warning and ignored.

import QuillCommands
import QuillRESP

#if canImport(Glibc)
import Glibc
#endif

public struct ConfigLoadError: Error, Sendable {
    /// The whole report, as printed to standard error before exiting with status 1.
    public let report: String
}

public enum ConfigLoader {
    public struct Result: Sendable {
        public var configFilePath: String?
        public var warnings: [String]
    }

    /// Applies the file and options to `config`.
    public static func load(arguments: [String], into config: Configuration) throws(ConfigLoadError) -> Result {
        var filePath: String?
        var text = ""
        var rest = arguments[...]
        if let first = rest.first, !first.hasPrefix("--") {
            filePath = first
            rest = rest.dropFirst()
            guard let contents = readFile(first) else {
                throw ConfigLoadError(report: "Fatal error, can't open config file '\(first)': \(String(cString: strerror(errno)))")
            }
            text = contents
        }
        var optionLines: [String] = []
        for argument in rest {
            if argument.hasPrefix("--") && argument.count > 2 {
                optionLines.append(String(argument.dropFirst(2)))
            } else if !optionLines.isEmpty {
                optionLines[optionLines.count - 1] += " " + quote(argument)
            } else {
                optionLines.append(argument)
            }
        }
        if !optionLines.isEmpty { text += "\n" + optionLines.joined(separator: "\n") }
        return try apply(text, into: config, filePath: filePath)
    }

    static func apply(_ text: String, into config: Configuration, filePath: String?) throws(ConfigLoadError) -> Result {
        var warnings: [String] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, rawLine) in lines.enumerated() {
            let line = rawLine.trimmingCharacters(" \t\r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            func fail(_ reason: String) -> ConfigLoadError {
                ConfigLoadError(report: """

                *** FATAL CONFIG FILE ERROR (Redis \(ServerEnvironment.redisVersion)) ***
                Reading the configuration file, at line \(index + 1)
                >>> '\(line)'
                \(reason)
                """)
            }
            guard let words = InlineSplitter.split(Array(line.utf8)), !words.isEmpty else {
                throw fail("Unbalanced quotes in configuration line")
            }
            let name = String(decoding: words[0], as: UTF8.self).lowercased()
            let values = words.dropFirst().map { String(decoding: $0, as: UTF8.self) }
            if name == "include" || name == "rename-command" || name == "user" || name == "loadmodule" {
                warnings.append("Configuration directive '\(name)' is not supported by Quill yet; ignored.")
                continue
            }
            guard let parameter = Configuration.parameter(named: name) else {
                if RedisDirectives.known.contains(name) {
                    warnings.append("Configuration directive '\(name)' is not supported by Quill yet; ignored.")
                    continue
                }
                throw fail("Bad directive or wrong number of arguments")
            }
            let value: String
            switch parameter.kind {
            case .list: value = values.joined(separator: " ")
            default:
                guard values.count == 1 else { throw fail("wrong number of arguments") }
                value = values[0]
            }
            if let reason = config.set(parameter.name, value, atStartup: true) {
                throw fail(reason)
            }
        }
        return Result(configFilePath: filePath, warnings: warnings)
    }

    private static func quote(_ word: String) -> String {
        if word.isEmpty { return "\"\"" }
        guard word.contains(where: { $0 == " " || $0 == "\"" || $0 == "'" || $0 == "\\" }) else { return word }
        var quoted = "\""
        for ch in word {
            if ch == "\"" || ch == "\\" { quoted.append("\\") }
            quoted.append(ch)
        }
        return quoted + "\""
    }

    static func readFile(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Substring {
    func trimmingCharacters(_ set: String) -> String {
        var s = self[...]
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
