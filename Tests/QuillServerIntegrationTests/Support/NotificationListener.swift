// A connection that listens to keyspace notifications for the tests: it subscribes to a
// pattern (every notification by default) and to a marker channel. Publishing the marker
// after a command and reading up to it yields exactly the notifications that command caused,
// on Quill and on a real redis-server alike.

import XCTest

final class NotificationListener {
    static let marker = "notifications-end"
    let client: RESPClient

    init(_ client: RESPClient, resp3: Bool = false, pattern: String = "__key*__:*") throws {
        self.client = client
        if resp3 { _ = try client.call("HELLO", "3") }
        _ = try client.call("PSUBSCRIBE", pattern)
        _ = try client.call("SUBSCRIBE", Self.marker)
    }

    /// The messages received before `writer` publishes the marker, as "channel payload".
    func drain(through writer: RESPClient) throws -> [String] {
        _ = try writer.call("PUBLISH", Self.marker, "x")
        var received: [String] = []
        while true {
            let parts = try client.read().strings
            if parts.count == 3 && parts[0] == "message" && parts[1] == Self.marker { return received }
            received.append(parts.suffix(2).joined(separator: " "))
        }
    }

    /// Only the key-event messages of `drain`, as "event key", for shorter expectations.
    func events(through writer: RESPClient) throws -> [String] {
        try drain(through: writer).compactMap { line in
            guard line.hasPrefix("__keyevent@") else { return nil }
            return String(line.drop { $0 != ":" }.dropFirst())
        }
    }
}
