// Every command Quill knows, indexed by lower-case name. Each family file contributes its
// own list (`StringCommands.all`, `KeyCommands.all`, …); this file only gathers them, so
// adding a family is one line here.

public struct CommandTable: Sendable {
    public let commands: [String: CommandSpec]

    public static let standard = CommandTable(families: [
        StringCommands.all,
        KeyCommands.all,
        ConnectionCommands.all,
        ServerCommands.all,
        TransactionCommands.all,
        IntrospectionCommands.all,
    ])

    public init(families: [[CommandSpec]]) {
        var map: [String: CommandSpec] = [:]
        for family in families {
            for spec in family {
                precondition(map[spec.name] == nil, "command \(spec.name) registered twice")
                map[spec.name] = spec
            }
        }
        commands = map
    }

    /// Looks up a command by its name as the client sent it, in any letter case.
    @inlinable
    public func lookup(_ name: [UInt8]) -> CommandSpec? {
        if name.count > 32 { return nil }
        var lowered = ""
        lowered.reserveCapacity(name.count)
        for b in name {
            let c = (b >= 0x41 && b <= 0x5A) ? b + 32 : b
            lowered.unicodeScalars.append(Unicode.Scalar(c))
        }
        return commands[lowered]
    }
}
