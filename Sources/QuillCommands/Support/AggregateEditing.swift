// How commands edit a stored aggregate (list, hash, set, sorted set) in place. `editStored`
// finds, checks and edits an existing one in a single probe of the table and removes it if
// the edit left it empty, as Redis never keeps an empty aggregate; while the command runs,
// the stored value is swapped for a placeholder so the aggregate's storage is uniquely
// referenced and grows in place instead of being copied. `editAggregate` is the whole write
// path of the hash and set commands on top of it: a missing key gets a new aggregate, stored
// only if it has elements, and any change invalidates WATCH and adds the command's change
// count to `dirty`. The list and sorted-set families record their changes themselves.

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

extension ListValue: StoredAggregate {
    static func stored(in value: Value) -> ListValue? {
        if case .list(let list) = value { return list }
        return nil
    }

    var asValue: Value { .list(self) }
}

extension SortedSetValue: StoredAggregate {
    static func stored(in value: Value) -> SortedSetValue? {
        if case .sortedSet(let zset) = value { return zset }
        return nil
    }

    var asValue: Value { .sortedSet(self) }
}

enum AggregateLookup<Aggregate> {
    case missing, found(Aggregate), wrongType
}

/// What `editStored` found at the key, and what the edit returned when it ran.
enum StoredEdit<R> {
    case missing, wrongType, edited(R)
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

    /// Runs `body` on the `A` stored at `key`, in place, and removes the key if that left it
    /// empty. Lazy expiry, the WRONGTYPE reply and recording the change are the caller's.
    func editStored<A: StoredAggregate, R>(_ key: Key, as type: A.Type, _ body: (inout A) -> R) -> StoredEdit<R> {
        var edit = StoredEdit<R>.missing
        var emptied = false
        engine.keyspace.databases[db].modifyValue(key) { stored in
            guard var aggregate = A.stored(in: stored) else {
                edit = .wrongType
                return
            }
            stored = .string(ByteString([]))
            edit = .edited(body(&aggregate))
            emptied = aggregate.count == 0
            stored = aggregate.asValue
        }
        if emptied { engine.keyspace.databases[db].remove(key) }
        return edit
    }

    /// Runs `body` on the aggregate at `key` (an empty one when the key is missing) and
    /// stores the outcome; `body` counts its changes in its second argument. Nil after
    /// replying WRONGTYPE.
    func editAggregate<A: StoredAggregate, R>(_ key: Key, as type: A.Type,
                                              _ body: (inout A, inout Int) -> R) -> R? {
        var changes = 0
        engine.expireIfNeeded(db, key)
        switch editStored(key, as: type, { body(&$0, &changes) }) {
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
        case .edited(let result):
            if changes > 0 {
                modified(key)
                if changes > 1 { engine.addDirty(changes - 1) }
            }
            return result
        }
    }
}
