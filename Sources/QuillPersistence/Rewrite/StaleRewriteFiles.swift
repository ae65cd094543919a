// Temp files of rewrites that never finished. Redis leaves a killed or crashed child's
// `temp-rewriteaof-<pid>.aof` / `temp-rewriteaof-bg-<pid>.aof` in `dir` for good; each
// holds a whole snapshot, so a few crashes during rewrites can fill a disk. Quill removes
// them at start and after every successful rewrite. Only exact rewrite temp names go,
// and never the running rewrite's.

import QuillCommands

#if canImport(Glibc)
import Glibc
#endif

extension AppendOnlyFile {
    func removeStaleRewriteFiles() {
        guard fileSystem.underlying is SystemFileSystem else { return }
        let running = rewrite.map { [$0.tempName, $0.finishedName] } ?? []
        for name in Self.workingDirectoryEntries() where Self.isRewriteTempName(name) && !running.contains(name) {
            try? fileSystem.unlink(name)
        }
    }

    /// `temp-rewriteaof-<digits>.aof` or `temp-rewriteaof-bg-<digits>.aof`.
    static func isRewriteTempName(_ name: String) -> Bool {
        var rest = Substring(name)
        guard rest.hasPrefix("temp-rewriteaof-"), rest.hasSuffix(".aof") else { return false }
        rest = rest.dropFirst("temp-rewriteaof-".count).dropLast(".aof".count)
        if rest.hasPrefix("bg-") { rest = rest.dropFirst(3) }
        return !rest.isEmpty && rest.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The names in `dir` (the working directory), where the rewrite temp files live.
    private static func workingDirectoryEntries() -> [String] {
        guard let stream = opendir(".") else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            names.append(name)
        }
        return names
    }
}
