// Reading the manifest at start-up and migrating a pre-7.0 single-file log into the
// multi-part layout, with Redis's log lines (aofLoadManifestFromDisk, aofUpgradePrepare).

import Logging
import QuillCommands

extension AppendOnlyFile {
    /// The manifest on disk; nil when there is none. A broken one is logged as Redis logs
    /// it (the caller exits).
    func loadManifestFromDisk() throws(ManifestLoadError) -> AOFManifest? {
        do {
            return try ManifestStore.load(directory: directory, fileName: names.fileName, fs: fileSystem)
        } catch {
            for line in error.logLines() { logger.warning("\(line)") }
            throw error
        }
    }

    /// An old `appendonly.aof` in `dir` becomes the base of the multi-part layout: when the
    /// directory or a manifest is missing, or the manifest names only that file as its base
    /// and the move did not happen yet (an interrupted migration is resumed). False when the
    /// server must exit.
    func migrateOldStyleFileIfNeeded() -> Bool {
        let oldName = names.fileName
        guard fileSystem.exists(oldName) else { return true }
        let movedPath = AOFFileNames.path(directory, oldName)
        let interrupted = manifest.base?.name == oldName && manifest.incrs.isEmpty && !fileSystem.exists(movedPath)
        guard !fileSystem.isDirectory(directory) || manifest.isEmpty || interrupted else { return true }
        do {
            try fileSystem.makeDirectory(directory)
        } catch {
            logger.warning("Can't open or create append-only dir \(directory): \(error)")
            return false
        }
        let migrated = AOFManifest(base: AOFManifest.Entry(name: oldName, sequence: 1, type: .base))
        do {
            try ManifestStore.persist(migrated, directory: directory, fileName: oldName, fs: fileSystem)
        } catch {
            logger.warning("\(error.context ?? error.description)")
            return false
        }
        do {
            try fileSystem.rename(oldName, movedPath)
        } catch {
            logger.warning("Error trying to move the old AOF file \(oldName) into dir \(directory): \(error)")
            return false
        }
        manifest = migrated
        logger.notice("Successfully migrated an old-style AOF file (\(oldName)) into the AOF directory (\(directory)).")
        return true
    }
}
