// Loading and atomically replacing the manifest in the AOF directory. A new manifest is
// written to temp-<F>.manifest, fsynced, renamed over <F>.manifest and the directory is
// fsynced, so a crash at any point leaves either the old or the new manifest, never a mix.

public enum ManifestStore {
    /// The manifest in `directory`, or nil when the directory or the manifest does not
    /// exist (a server that never used the multi-part AOF).
    public static func load(directory: String, fileName: String,
                            fs: any AOFFileSystem) throws(ManifestLoadError) -> AOFManifest? {
        guard fs.isDirectory(directory) else { return nil }
        let names = AOFFileNames(fileName: fileName)
        let path = AOFFileNames.path(directory, names.manifest)
        guard fs.exists(path), !fs.isDirectory(path) else { return nil }
        let fd: Int32
        do {
            fd = try fs.open(path, .read)
        } catch {
            throw .unreadable(path: path, error)
        }
        defer { fs.close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count: Int
            do {
                count = try fs.readChunk(fd, into: &chunk)
            } catch {
                throw .invalid(ManifestError(message: ManifestError.readFailed))
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        do {
            return try AOFManifest.parse(bytes)
        } catch {
            throw .invalid(error)
        }
    }

    /// Replaces the manifest atomically. A failure carries Redis's log line for the step
    /// that failed in `FileError.context`; the previous manifest is then still in place.
    public static func persist(_ manifest: AOFManifest, directory: String, fileName: String,
                               fs: any AOFFileSystem) throws(FileError) {
        let names = AOFFileNames(fileName: fileName)
        let path = AOFFileNames.path(directory, names.manifest)
        let tempPath = AOFFileNames.path(directory, names.tempManifest)
        let fd: Int32
        do {
            fd = try fs.open(tempPath, .truncate)
        } catch {
            throw error.with(context: "Can't open the AOF manifest file \(names.tempManifest): \(error)")
        }
        defer { fs.close(fd) }
        do {
            try fs.writeAll(fd, manifest.serialized())
        } catch {
            throw error.with(context: "Error trying to write the temporary AOF manifest file \(names.tempManifest): \(error)")
        }
        do {
            try fs.fsync(fd)
        } catch {
            throw error.with(context: "Fail to fsync the temp AOF file \(names.tempManifest): \(error).")
        }
        do {
            try fs.rename(tempPath, path)
        } catch {
            throw error.with(context: "Error trying to rename the temporary AOF manifest file \(names.tempManifest) into \(names.manifest): \(error)")
        }
        do {
            try fs.fsyncDirectory(directory)
        } catch {
            throw error.with(context: "Fail to fsync AOF directory \(path): \(error).")
        }
    }
}
