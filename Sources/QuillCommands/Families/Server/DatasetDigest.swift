// DEBUG DIGEST and DEBUG DIGEST-VALUE: a SHA-1 based fingerprint of the dataset that is
// bit-for-bit the one Redis 7.0 computes (debug.c computeDatasetDigest, xorObjectDigest),
// so the same data loaded into Redis and into Quill gives the same 40 hex digits. The test
// suites of Redis and of its clients compare these digests before and after a reload, a
// replication or a rewrite.
//
// Two primitives on a 20-byte digest:
//   xor(d, bytes):  d ^= SHA1(bytes)              order-independent (for unordered things)
//   mix(d, bytes):  d = SHA1(d ^ SHA1(bytes))     order-dependent
//
// Dataset: start from 20 zero bytes. For each non-empty database j, mix(final, j as a 4-byte
// big-endian integer); then for each key, in any order: start a key digest of zeros,
// mix(key bytes), add the value (below), and xor(final, keyDigest's 20 bytes), which
// hashes them like any other input. An empty dataset is therefore 40 '0's.
//
// Value of a key (also what DIGEST-VALUE returns per key, starting from zeros, without the
// key name): mix(the Redis type number as a 4-byte big-endian integer: string 0, list 1,
// set 2, zset 3, hash 4, stream 6), then by type:
//   string:  mix(the string; an integer-encoded string mixes its decimal text)
//   list:    mix(element) for each element from head to tail
//   set:     xor(member) for each member
//   zset:    for each member: e = zeros; mix(e, member); mix(e, score printed with
//            "%.17g", so 0.1 is "0.10000000000000001"); xor(value, e's 20 bytes)
//   hash:    for each field: e = zeros; mix(e, field); mix(e, value); xor(value, e's 20 bytes)
//   stream:  for each entry in ID order: mix("<ms>.<seq>"), then mix(field), mix(value) for
//            each pair; consumer groups are not part of the digest
// and finally, if the key has a TTL (whatever its value), xor("!!expire!!").
// (Each rule above was checked against redis-server 7.0.15 with one small key per type.)
// Logically expired keys that are still stored are included, as in Redis.

import Crypto
import QuillStore

struct DatasetDigest {
    private(set) var bytes = [UInt8](repeating: 0, count: 20)

    /// bytes ^= SHA1(data)
    mutating func xor<C: Collection>(_ data: C) where C.Element == UInt8 {
        let hash = Insecure.SHA1.hash(data: Array(data))
        for (i, b) in hash.enumerated() { bytes[i] ^= b }
    }

    /// bytes = SHA1(bytes ^ SHA1(data))
    mutating func mix<C: Collection>(_ data: C) where C.Element == UInt8 {
        xor(data)
        bytes = Array(Insecure.SHA1.hash(data: bytes))
    }

    /// bytes ^= SHA1(other's 20 bytes), as debug.c's xorDigest(final, digest, 20).
    mutating func xor(_ other: DatasetDigest) { xor(other.bytes) }

    mutating func mix(bigEndian value: UInt32) {
        mix([UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)])
    }

    var hex: String { Self.hex(bytes) }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The digest of one stored value (xorObjectDigest), starting from `self`.
    mutating func addValue(_ value: Value, hasExpire: Bool) {
        mix(bigEndian: value.redisTypeCode)
        switch value {
        case .string(let string):
            mix(string.bytes)
        case .list(let list):
            for element in list.elements { mix(element) }
        case .set(let set):
            for member in set.members { xor(member.bytes) }
        case .hash(let hash):
            for (field, value) in hash.fields {
                var pair = DatasetDigest()
                pair.mix(field.bytes)
                pair.mix(value)
                xor(pair)
            }
        case .sortedSet(let zset):
            for (member, score) in zset.scores {
                var element = DatasetDigest()
                element.mix(member)
                element.mix(Array(ScoreText.digestText(score).utf8))
                xor(element)
            }
        }
        if hasExpire { xor(Array("!!expire!!".utf8)) }
    }

    /// DEBUG DIGEST-VALUE for one key: zeros when the key is not stored.
    static func value(of key: Key, in database: Database) -> DatasetDigest {
        var digest = DatasetDigest()
        if let entry = database.entry(key) {
            digest.addValue(entry.value, hasExpire: database.expireTime(key) != nil)
        }
        return digest
    }

    /// DEBUG DIGEST: the whole keyspace.
    static func dataset(_ keyspace: Keyspace) -> DatasetDigest {
        var final = DatasetDigest()
        for (index, database) in keyspace.databases.enumerated() where database.count > 0 {
            final.mix(bigEndian: UInt32(index))
            database.entries.forEach { key, entry in
                var keyDigest = DatasetDigest()
                keyDigest.mix(key.bytes)
                keyDigest.addValue(entry.value, hasExpire: database.expireTime(key) != nil)
                final.xor(keyDigest)
            }
        }
        return final
    }
}
