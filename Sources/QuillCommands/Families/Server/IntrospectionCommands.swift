// The introspection and administration commands: INFO, CLIENT, COMMAND, DEBUG, each in a
// file of its own beside this one.

public enum IntrospectionCommands {
    public static let all: [CommandSpec] = [
        InfoCommand.spec,
        ClientCommand.spec,
        CommandCommand.spec,
        DebugCommand.spec,
    ]
}
