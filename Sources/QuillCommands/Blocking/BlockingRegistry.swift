// Which clients wait on which keys (Redis's db->blocking_keys), in the order they blocked,
// and which keys became ready since the last time blocked clients were served
// (server.ready_keys). A key is signalled when it changes while someone waits on it; the
// engine then serves its waiters after the command or transaction that changed it.

import QuillStore

struct ReadyKey: Hashable {
    let database: Int
    let key: Key
}

struct BlockingRegistry {
    /// Waiting clients per database and key, first blocked first.
    private var waiting: [Int: [Key: [ClientSession]]] = [:]
    /// Keys signalled and not served yet, in signal order; `readySet` keeps each once.
    private var readyQueue: [ReadyKey] = []
    private var readySet: Set<ReadyKey> = []
    /// Every blocked client by id (INFO blocked_clients, timeouts).
    private(set) var clients: [UInt64: ClientSession] = [:]

    var isEmpty: Bool { clients.isEmpty }
    var hasReadyKeys: Bool { !readyQueue.isEmpty }

    /// Blocked clients with a timeout (INFO clients_in_timeout_table).
    var clientsWithDeadline: Int {
        clients.values.filter { $0.blockedRequest.map { $0.deadline != .never } ?? false }.count
    }

    mutating func add(_ client: ClientSession, database: Int, keys: [Key]) {
        clients[client.id] = client
        for key in Set(keys) { waiting[database, default: [:]][key, default: []].append(client) }
    }

    mutating func remove(_ client: ClientSession, database: Int, keys: [Key]) {
        guard clients.removeValue(forKey: client.id) != nil else { return }
        for key in Set(keys) {
            guard var queue = waiting[database]?[key] else { continue }
            queue.removeAll { $0 === client }
            waiting[database]![key] = queue.isEmpty ? nil : queue
        }
        if waiting[database]?.isEmpty == true { waiting[database] = nil }
    }

    func waiters(_ database: Int, _ key: Key) -> [ClientSession] { waiting[database]?[key] ?? [] }

    /// Marks `key` ready if clients wait on it (signalKeyAsReady).
    mutating func signal(_ database: Int, _ key: Key) {
        guard waiting[database]?[key] != nil else { return }
        let ready = ReadyKey(database: database, key: key)
        if readySet.insert(ready).inserted { readyQueue.append(ready) }
    }

    /// Marks every waited-on key of `database` (all databases when nil) ready, for commands
    /// that replace a whole database's content (SWAPDB, FLUSHDB).
    mutating func signalAll(in database: Int?) {
        for (db, keys) in waiting where database == nil || database == db {
            for key in keys.keys { signal(db, key) }
        }
    }

    /// The oldest signalled key; once taken, the key may be signalled again.
    mutating func nextReady() -> ReadyKey? {
        guard !readyQueue.isEmpty else { return nil }
        let ready = readyQueue.removeFirst()
        readySet.remove(ready)
        return ready
    }
}
