// Keys changed by records the log has not made durable yet, each with the log position it
// waits for. A reply that read such a key is held until the log gets there, so no client,
// the writer or a reader, sees a change the log could still lose; a read of untouched keys
// is not held at all. Positions leave as the writer reports progress.

import QuillStore

struct DatabaseKey: Hashable {
    let database: Int
    let key: Key
}

struct UnsyncedWrites {
    private var positions: [DatabaseKey: Int64] = [:]
    private var order: [(position: Int64, key: DatabaseKey)] = []
    private var head = 0
    /// A change no key list describes (FLUSHDB, FLUSHALL, SWAPDB): every read waits for it.
    private var barrier: Int64 = 0
    /// The position of the newest change tracked.
    private(set) var newest: Int64 = 0

    var isEmpty: Bool { positions.isEmpty && barrier == 0 }

    mutating func record(_ keys: [DatabaseKey], wholeKeyspace: Bool, at position: Int64) {
        for key in keys {
            positions[key] = position
            order.append((position, key))
        }
        if wholeKeyspace { barrier = position }
        newest = position
    }

    /// The position a read of `key` must wait for (0: none).
    func position(of key: DatabaseKey) -> Int64 {
        max(barrier, positions[key] ?? 0)
    }

    /// Drops what the log has made durable.
    mutating func forget(upTo durable: Int64) {
        while head < order.count && order[head].position <= durable {
            let entry = order[head]
            // One probe: a key changed again since keeps its newer position.
            if let index = positions.index(forKey: entry.key), positions.values[index] <= durable {
                positions.remove(at: index)
            }
            head += 1
        }
        if head == order.count || head > 4096 {
            order.removeFirst(head)
            head = 0
        }
        if barrier <= durable { barrier = 0 }
    }
}
