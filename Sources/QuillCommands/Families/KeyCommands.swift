// Generic key commands (db.c, expire.c, object.c): existence, deletion, renaming, moving
// between databases, listing and scanning, whole-database operations, expiry and OBJECT.
// Each concept lives in its own file under Keys/ as an extension of this enum; this file
// only gathers their command lists into the family list the command table registers.

public enum KeyCommands {
    public static let all: [CommandSpec] = Array([
        deletion, presence, renaming, relocation, listing, scanning, randomSampling, databases,
        expiry, timeToLive, objectInspection,
    ].joined())
}
