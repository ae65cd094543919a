// Every command Quill knows, indexed by lower-case name. Each family file contributes its
// own list (`StringCommands.all`, `KeyCommands.all`, …); this file only gathers them, so
// adding a family is one line here.

import QuillStore

public struct CommandTable: Sendable {
    public let commands: [String: CommandSpec]
    /// The same commands keyed by the bytes of their lower- and upper-case names, the two
    /// spellings clients send, so a lookup neither allocates nor builds a String.
    private let byName: [Key: CommandSpec]

    public static let standard = CommandTable(families: [
        StringCommands.all,
        ListCommands.all,
        HashCommands.all,
        SetCommands.all,
        KeyCommands.all,
        ConnectionCommands.all,
        ServerCommands.all,
        PersistenceCommands.all,
        WaitAOFCommand.all,
        TransactionCommands.all,
        ConfigCommands.all,
        IntrospectionCommands.all,
        SortedSetCommands.all,
        PubSubCommands.all,
        SortCommands.all,
        LatencyCommand.all,
    ])

    /// Full names by statistics slot, for INFO commandstats.
    public let slotNames: [String]

    public init(families: [[CommandSpec]]) {
        var map: [String: CommandSpec] = [:]
        var byName: [Key: CommandSpec] = [:]
        var slotNames: [String] = []
        for family in families {
            for spec in family {
                precondition(map[spec.name] == nil, "command \(spec.name) registered twice")
                spec.statsSlot = slotNames.count
                slotNames.append(spec.name)
                for sub in spec.subcommands {
                    sub.fullName = spec.name + "|" + sub.name
                    sub.statsSlot = slotNames.count
                    slotNames.append(sub.fullName)
                }
                map[spec.name] = spec
                byName[Key(Array(spec.name.utf8))] = spec
                byName[Key(Array(spec.name.uppercased().utf8))] = spec
            }
        }
        commands = map
        self.byName = byName
        self.slotNames = slotNames
    }

    /// Looks up a command by its name as the client sent it, in any letter case.
    public func lookup(_ name: [UInt8]) -> CommandSpec? {
        if let spec = byName[Key(name)] { return spec }
        if name.count > 32 { return nil }
        return byName[Key(name.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 32 : $0 })]
    }
}
