// A cheap multiply-mix hash of a byte string, for picking the shard of a key.
//
// A Dictionary hashes its key again with its seeded SipHash inside the shard, so this hash
// only has to spread keys evenly over shards, not resist collisions; it costs a few
// nanoseconds where a second SipHash (byte by byte, for an array) costs tens.

@usableFromInline
enum ByteMixHash {
    @inlinable
    static func hash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
        var offset = 0
        while offset + 8 <= raw.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 29
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < raw.count {
            tail |= UInt64(raw[offset]) << shift
            shift += 8
            offset += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 32
        return h &* 0xFF51_AFD7_ED55_8CCD
    }
}
