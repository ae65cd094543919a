// All databases of the server (`databases`, 16 by default). A value type: assigning it
// elsewhere is the O(1) snapshot a rewrite or save serialises while the engine goes on.

public struct Keyspace: Sendable {
    public var databases: [Database]

    public init(databaseCount: Int) {
        databases = Array(repeating: Database(), count: databaseCount)
    }

    public var databaseCount: Int { databases.count }

    public mutating func removeAll() {
        for i in databases.indices { databases[i].removeAll() }
    }
}
