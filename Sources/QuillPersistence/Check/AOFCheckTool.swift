// quill-check-aof's logic, step for step redis-check-aof 7.0's: decide whether the input
// is a manifest, an RDB-preamble AOF or a RESP AOF, check each file the manifest lists (or
// the one file), and print the same lines with the same exit status. Only the last file
// may be truncated, by --fix after a confirmation or by --truncate-to-timestamp.

public final class AOFCheckTool {
    /// What a single file's check ended with.
    enum FileResult {
        case valid, empty, truncated, truncatedToTimestamp
    }

    /// Ends the run with an exit status, like the C tool's exit() calls.
    struct Exit: Error {
        let status: Int32
    }

    let fileSystem: any AOFFileSystem
    let console: any CheckConsole
    var fix = false
    var truncateToTimestamp: Int64 = 0
    /// redis-check-aof's global line counter: starts at 1 and runs on across files.
    var line: Int64 = 1
    /// The 128-byte stack buffer redis-check-aof reads `*` lines into. A count line cut
    /// short leaves bytes of the previous count line behind its NUL, and the CRLF error
    /// prints one of them, so it persists here as it does on that tool's stack (the `$`
    /// lines' buffer is found zeroed there).
    var countLineBuffer = [UInt8](repeating: 0, count: 128)

    public init(fileSystem: any AOFFileSystem, console: any CheckConsole) {
        self.fileSystem = fileSystem
        self.console = console
    }

    /// Runs the tool on argv (program name first) and returns its exit status.
    public func run(arguments: [String]) -> Int32 {
        switch CheckArguments.parse(arguments) {
        case .usage:
            console.print(CheckArguments.usageLine(program: arguments.first ?? "quill-check-aof"))
            return 1
        case .invalidTimestamp:
            console.print("Invalid timestamp, aborting...")
            return 1
        case .check(let path, let fix, let timestamp):
            self.fix = fix
            truncateToTimestamp = timestamp
            do {
                try check(path: path)
                return 0
            } catch {
                return error.status
            }
        }
    }

    private func check(path: String) throws(Exit) {
        if try isManifest(path) {
            try checkMultiPart(manifestPath: path, directory: PathNames.directory(of: path))
        } else {
            try checkOldStyle(path: path, preamble: try isRDB(path))
        }
    }

    /// Prints the message and ends the run with status 1.
    func fail(_ message: String) -> Exit {
        console.print(message)
        return Exit(status: 1)
    }

    /// A manifest has, after skipping `#` lines, a line beginning with `file` (lines being
    /// fgets chunks of 1024 bytes, read one at a time as the file may be a large AOF).
    private func isManifest(_ path: String) throws(Exit) -> Bool {
        let fd = try openForSniffing(path)
        defer { fileSystem.close(fd) }
        var stream = AOFByteStream(fileSystem: fileSystem, fd: fd)
        while true {
            let chunk: [UInt8]?
            do { chunk = try stream.line(maxLength: AOFManifest.maxLineLength + 1) } catch {
                throw fail("Cannot read file: \(path)")
            }
            guard let chunk else { return false }
            if chunk[0] == UInt8(ascii: "#") { continue }
            if (chunk + [0, 0, 0]).prefix(4).elementsEqual("file".utf8) { return true }
        }
    }

    /// An RDB file (or RDB-preamble AOF) is at least 8 bytes long and starts with `REDIS`.
    private func isRDB(_ path: String) throws(Exit) -> Bool {
        let fd = try openForSniffing(path)
        defer { fileSystem.close(fd) }
        var stream = AOFByteStream(fileSystem: fileSystem, fd: fd)
        let head: [UInt8]
        do { head = try stream.bytes(8) } catch { throw fail("Cannot read file: \(path)") }
        return head.count == 8 && head.starts(with: "REDIS".utf8)
    }

    private func openForSniffing(_ path: String) throws(Exit) -> Int32 {
        do { return try fileSystem.open(path, .read) } catch { throw fail("Cannot open file \(path): \(error)") }
    }

    private func checkMultiPart(manifestPath: String, directory: String) throws(Exit) {
        console.print("Start checking Multi Part AOF")
        let manifest = try loadManifest(manifestPath)
        let total = (manifest.base == nil ? 0 : 1) + manifest.incrs.count
        var checked = 0
        if let base = manifest.base {
            let path = AOFFileNames.path(directory, base.name)
            checked += 1
            let preamble = try isRDB(path)
            console.print("Start to check BASE AOF (\(preamble ? "RDB" : "RESP") format).")
            let result = try checkFile(name: base.name, path: path, isLast: checked == total, preamble: preamble)
            report(result, name: base.name, validPrefix: "BASE AOF")
        }
        if !manifest.incrs.isEmpty {
            console.print("Start to check INCR files.")
            for incr in manifest.incrs {
                checked += 1
                let path = AOFFileNames.path(directory, incr.name)
                let result = try checkFile(name: incr.name, path: path, isLast: checked == total, preamble: false)
                report(result, name: incr.name, validPrefix: "INCR AOF")
            }
        }
        console.print("All AOF files and manifest are valid")
    }

    /// The manifest parsed by the server's parser; its errors are logged the way the server
    /// logs them, then the run ends with status 1.
    private func loadManifest(_ path: String) throws(Exit) -> AOFManifest {
        let fd: Int32
        do {
            fd = try fileSystem.open(path, .read)
        } catch {
            console.log(Array(ManifestLoadError.unreadable(path: path, error).logLines()[0].utf8))
            throw Exit(status: 1)
        }
        defer { fileSystem.close(fd) }
        var stream = AOFByteStream(fileSystem: fileSystem, fd: fd)
        var bytes: [UInt8] = []
        do {
            while try stream.peek() != nil { bytes += try stream.bytes(AOFByteStream.chunkSize) }
        } catch {
            for line in ManifestError(message: ManifestError.readFailed).logLineBytes() { console.log(line) }
            throw Exit(status: 1)
        }
        do {
            return try AOFManifest.parse(bytes)
        } catch {
            for line in error.logLineBytes() { console.log(line) }
            throw Exit(status: 1)
        }
    }

    private func checkOldStyle(path: String, preamble: Bool) throws(Exit) {
        console.print("Start checking Old-Style AOF")
        let result = try checkFile(name: path, path: path, isLast: true, preamble: preamble)
        report(result, name: path, validPrefix: "AOF")
    }

    private func report(_ result: FileResult, name: String, validPrefix: String) {
        switch result {
        case .valid: console.print("\(validPrefix) \(name) is valid")
        case .empty: console.print("\(validPrefix) \(name) is empty")
        case .truncatedToTimestamp: console.print("Successfully truncated AOF \(name) to timestamp \(truncateToTimestamp)")
        case .truncated: console.print("Successfully truncated AOF \(name)")
        }
    }
}
