// The one write path of the hash and set commands: look the key up, refuse another type
// with WRONGTYPE, let the command change the aggregate in place, then record the outcome
// the way Redis does: a new aggregate is stored only if it has elements, one left empty is
// deleted, and any change invalidates WATCH and adds the command's change count to `dirty`.
//
// While the command runs, the stored value is swapped for a placeholder so the aggregate's
// storage is uniquely referenced and grows in place instead of being copied.

import QuillStore

/// A Value case holding a collection that Redis deletes once it is empty.
protocol StoredAggregate {
    init()
    static func stored(in value: Value) -> Self?
    var asValue: Value { get }
    var count: Int { get }
}

extension HashValue: StoredAggregate {
    static func stored(in value: Value) -> HashValue? {
        if case .hash(let hash) = value { return hash }
        return nil
    }

    var asValue: Value { .hash(self) }
}

extension SetValue: StoredAggregate {
    static func stored(in value: Value) -> SetValue? {
        if case .set(let set) = value { return set }
        return nil
    }

    var asValue: Value { .set(self) }
}

enum AggregateLookup<Aggregate> {
    case missing, found(Aggregate), wrongType
}

extension CommandContext {
    /// The aggregate at `key` looked up for reading; replies WRONGTYPE when it is another type.
    func readAggregate<A: StoredAggregate>(_ key: Key, as type: A.Type) -> AggregateLookup<A> {
        guard let value = lookupRead(key) else { return .missing }
        guard let aggregate = A.stored(in: value) else {
            wrongType()
            return .wrongType
        }
        return .found(aggregate)
    }

    /// Runs `body` on the aggregate at `key` (an empty one when the key is missing) and
    /// stores the outcome; `body` counts its changes in its second argument. Nil after
    /// replying WRONGTYPE.
    func editAggregate<A: StoredAggregate, R>(_ key: Key, as type: A.Type,
                                              _ body: (inout A, inout Int) -> R) -> R? {
        var changes = 0
        engine.expireIfNeeded(db, key)
        // One probe of the table finds, checks and edits an existing aggregate.
        var lookup = AggregateLookup<R>.missing
        var emptied = false
        engine.keyspace.databases[db].modifyValue(key) { stored in
            guard var aggregate = A.stored(in: stored) else {
                lookup = .wrongType
                return
            }
            stored = .string(ByteString([]))
            lookup = .found(body(&aggregate, &changes))
            emptied = aggregate.count == 0
            stored = aggregate.asValue
        }
        switch lookup {
        case .wrongType:
            wrongType()
            return nil
        case .missing:
            var aggregate = A()
            let result = body(&aggregate, &changes)
            if aggregate.count > 0 {
                setKey(key, aggregate.asValue)
                if changes > 1 { engine.addDirty(changes - 1) }
            }
            return result
        case .found(let result):
            if changes > 0 {
                if emptied { deleteKey(key) } else { modified(key) }
                if changes > 1 { engine.addDirty(changes - 1) }
            }
            return result
        }
    }
}
