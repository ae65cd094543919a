// Redis's protected mode: with no password set and `protected-mode yes`, only loopback
// clients are served; others get this reply and are disconnected.

import NIOCore
import QuillCommands

enum ProtectedMode {
    static func refusal(for address: SocketAddress?, config: Configuration) -> String? {
        guard config.value("protected-mode") == "yes", config.requirePass == nil else { return nil }
        guard let ip = address?.ipAddress else { return nil }
        if ip.hasPrefix("127.") || ip == "::1" || ip.hasPrefix("::ffff:127.") { return nil }
        return "DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. In this mode connections are only accepted from the loopback interface. If you want to connect from external computers to Redis you may adopt one of the following solutions: 1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from the same host the server is running, however MAKE SURE Redis is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this change permanent. 2) Alternatively you can just disable the protected mode by editing the Redis configuration file, and setting the protected mode option to 'no', and then restarting the server. 3) If you started the server manually just for testing, restart it with the '--protected-mode no' option. 4) Set up an authentication password for the default user. NOTE: You only need to do one of the above things in order for the server to start accepting connections from the outside."
    }
}
