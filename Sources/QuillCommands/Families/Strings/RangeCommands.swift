// Strings edited or read by byte position: APPEND, STRLEN, GETRANGE (and its old name
// SUBSTR), SETRANGE. Edits happen in place and keep the key's TTL; growing a string past
// proto-max-bulk-len is refused (checkStringLength in t_string.c).

import QuillRESP
import QuillStore

extension StringCommands {
    static let ranges: [CommandSpec] = [
        CommandSpec("append", arity: 3, flags: [.write, .denyOOM, .fast], keys: (1, 1, 1),
                    categories: ["write", "string", "fast"], group: "string",
                    summary: "Append a value to a key", since: "2.0.0", handler: append),
        CommandSpec("strlen", arity: 2, flags: [.readonly, .fast], keys: (1, 1, 1),
                    categories: ["read", "string", "fast"], group: "string",
                    summary: "Get the length of the value stored in a key", since: "2.2.0", handler: strlen),
        CommandSpec("getrange", arity: 4, flags: [.readonly], keys: (1, 1, 1),
                    categories: ["read", "string", "slow"], group: "string",
                    summary: "Get a substring of the string stored at a key", since: "2.4.0", handler: getrange),
        CommandSpec("substr", arity: 4, flags: [.readonly], keys: (1, 1, 1),
                    categories: ["read", "string", "slow"], group: "string",
                    summary: "Get a substring of the string stored at a key", handler: getrange),
        CommandSpec("setrange", arity: 4, flags: [.write, .denyOOM], keys: (1, 1, 1),
                    categories: ["write", "string", "slow"], group: "string",
                    summary: "Overwrite part of a string at key starting at the specified offset", since: "2.2.0",
                    handler: setrange),
    ]

    enum LengthLookup {
        case missing, length(Int), wrongType
    }

    /// The length of the string at `key`, looked up for writing. The bytes themselves are
    /// not kept, so a following in-place edit finds the stored array uniquely referenced.
    static func writableLength(_ c: CommandContext, _ key: Key) -> LengthLookup {
        switch writableString(c, key) {
        case .missing: return .missing
        case .wrongType: return .wrongType
        case .found(let bytes): return .length(bytes.count)
        }
    }

    /// Whether a string of `size + added` bytes is allowed; replies Redis's error when not.
    static func checkStringLength(_ c: CommandContext, _ size: Int, _ added: Int) -> Bool {
        let (total, overflow) = size.addingReportingOverflow(added)
        guard overflow || total > c.engine.config.protoMaxBulkLength else { return true }
        c.error(ErrorReplies.stringTooLong)
        return false
    }

    static func append(_ c: CommandContext) {
        let key = c.key(1)
        let suffix = c.args[2]
        switch writableLength(c, key) {
        case .wrongType:
            return
        case .missing:
            store(c, key, suffix)
            c.notify(.string, "append", key)
            c.integer(suffix.count)
        case .length(let length):
            guard checkStringLength(c, length, suffix.count) else { return }
            editString(c, key) { bytes in
                bytes.append(contentsOf: suffix)
                return true
            }
            c.notify(.string, "append", key)
            c.integer(length + suffix.count)
        }
    }

    static func strlen(_ c: CommandContext) {
        switch readString(c, c.key(1)) {
        case .missing: c.integer(0)
        case .found(let bytes): c.integer(bytes.count)
        case .wrongType: break
        }
    }

    static func getrange(_ c: CommandContext) {
        guard let start = c.integerArgument(2), let end = c.integerArgument(3) else { return }
        switch readString(c, c.key(1)) {
        case .missing: c.bulk([UInt8]())
        case .wrongType: break
        case .found(let bytes):
            if !(start < 0 && end < 0 && start > end),
               let range = clampedRange(start: start, end: end, length: bytes.count) {
                c.reply { $0.bulk(bytes: bytes[range]) }
            } else {
                c.bulk([UInt8]())
            }
        }
    }

    static func setrange(_ c: CommandContext) {
        guard let offset = c.integerArgument(2) else { return }
        guard offset >= 0 else { return c.error(StringErrors.offsetOutOfRange) }
        let key = c.key(1)
        let patch = c.args[3]
        switch writableLength(c, key) {
        case .wrongType:
            return
        case .missing:
            if patch.isEmpty { return c.integer(0) }
            guard checkStringLength(c, offset, patch.count) else { return }
            store(c, key, [UInt8](repeating: 0, count: offset) + patch)
            c.notify(.string, "setrange", key)
            c.integer(offset + patch.count)
        case .length(let length):
            if patch.isEmpty { return c.integer(length) }
            guard checkStringLength(c, offset, patch.count) else { return }
            let end = offset + patch.count
            editString(c, key) { bytes in
                if bytes.count < end { bytes.append(contentsOf: repeatElement(0, count: end - bytes.count)) }
                bytes.replaceSubrange(offset..<end, with: patch)
                return true
            }
            c.notify(.string, "setrange", key)
            c.integer(max(length, end))
        }
    }
}
