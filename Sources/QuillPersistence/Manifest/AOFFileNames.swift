// The names of every file the multi-part AOF uses, derived from `appendfilename` exactly
// as Redis derives them, and the path join Redis uses (makePath: "<dir>/<name>").

/// The format of a BASE file, which picks its suffix.
public enum AOFBaseFormat: Sendable, Equatable {
    case rdb, aof

    var suffix: String { self == .rdb ? ".rdb" : ".aof" }
}

public struct AOFFileNames: Sendable, Equatable {
    /// `appendfilename`, e.g. "appendonly.aof".
    public let fileName: String

    public init(fileName: String) {
        self.fileName = fileName
    }

    /// `<F>.manifest`
    public var manifest: String { fileName + ".manifest" }
    /// `temp-<F>.manifest`
    public var tempManifest: String { "temp-" + fileName + ".manifest" }
    /// `temp-<F>.incr`: the INCR written while AOF is first being enabled.
    public var tempIncr: String { "temp-" + fileName + ".incr" }

    /// `<F>.<seq>.base.rdb` or `<F>.<seq>.base.aof`
    public func base(sequence: Int64, format: AOFBaseFormat) -> String {
        "\(fileName).\(sequence).base\(format.suffix)"
    }

    /// `<F>.<seq>.incr.aof`
    public func incr(sequence: Int64) -> String {
        "\(fileName).\(sequence).incr.aof"
    }

    /// `temp-rewriteaof-<pid>.aof`: a rewrite's file while it is being written.
    public static func tempRewrite(pid: Int32) -> String { "temp-rewriteaof-\(pid).aof" }

    /// `temp-rewriteaof-bg-<pid>.aof`: a finished background rewrite before its rename.
    public static func tempRewriteBackground(pid: Int32) -> String { "temp-rewriteaof-bg-\(pid).aof" }

    /// `<directory>/<name>`.
    public static func path(_ directory: String, _ name: String) -> String { directory + "/" + name }
}
