// An owned byte string, compared and hashed as bytes, never Unicode: what keys, string
// values, hash fields and values and set members are stored as, binary-safe as in Redis.
//
// Strings of up to 23 bytes (most real keys and many values, and redis-benchmark's
// `key:000000123456` and `xxx`) are stored inline in three words instead of in an array of
// their own: a table probe then compares words it already has in cache instead of following
// a pointer to the key's bytes, a GET copies the value out of the table slot it already
// loaded, and a million entries cost a million fewer allocations. Longer strings keep an
// array. Which form a string takes depends only on its length, so equal strings always have
// the same form.

import QuillRESP

public struct ByteString: Hashable, Sendable, Comparable {
    /// The bytes of a short string; unused (all zero) for a long one.
    @usableFromInline
    var inline: InlineBytes
    /// The bytes of a string longer than `InlineBytes.capacity`; nil for a short one.
    @usableFromInline
    var heap: [UInt8]?

    @inlinable
    public init(_ bytes: [UInt8]) {
        if bytes.count <= InlineBytes.capacity {
            inline = InlineBytes(bytes)
            heap = nil
        } else {
            inline = InlineBytes([])
            heap = bytes
        }
    }

    /// The decimal text of `value`: at most 20 bytes, so always inline, and built without an
    /// array (INCR stores one on every call).
    public init<I: BinaryInteger>(decimal value: I) {
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            raw[InlineBytes.capacity] = UInt8(DecimalFormatter.write(value, into: raw, at: 0))
        }
        inline = InlineBytes(w0: words.0, w1: words.1, w2: words.2)
        heap = nil
    }

    /// The bytes as an array (a new one for a short string).
    public var bytes: [UInt8] { heap ?? inline.array }

    public var count: Int { heap?.count ?? inline.count }

    public var isEmpty: Bool { count == 0 }

    /// The bytes as an array, leaving this string empty: a long string's array is then
    /// referenced only by the caller, so it can grow in place (APPEND, SETRANGE).
    public mutating func takeBytes() -> [UInt8] {
        let taken = bytes
        self = ByteString([])
        return taken
    }

    /// Calls `body` with the bytes, without building an array.
    @inlinable
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        if let heap { return try heap.withUnsafeBytes(body) }
        return try inline.withBytes(body)
    }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        if let heap {
            heap.withUnsafeBytes { hasher.combine(bytes: $0) }
        } else {
            hasher.combine(inline.w0)
            hasher.combine(inline.w1)
            hasher.combine(inline.w2)
        }
    }

    @inlinable
    public static func == (lhs: ByteString, rhs: ByteString) -> Bool {
        lhs.inline.w0 == rhs.inline.w0 && lhs.inline.w1 == rhs.inline.w1 && lhs.inline.w2 == rhs.inline.w2
            && lhs.heap == rhs.heap
    }

    public static func < (lhs: ByteString, rhs: ByteString) -> Bool {
        lhs.withBytes { a in rhs.withBytes { b in a.lexicographicallyPrecedes(b) } }
    }
}

extension ByteString: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(Array(value.utf8)) }
}

/// Up to 23 bytes in three words, in memory order; the last byte holds the length. Unused
/// bytes are zero, so equal byte strings have equal words.
@usableFromInline
struct InlineBytes: Sendable {
    @usableFromInline static let capacity = 23
    @usableFromInline var w0: UInt64
    @usableFromInline var w1: UInt64
    @usableFromInline var w2: UInt64

    @inlinable
    init(_ bytes: [UInt8]) {
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            bytes.withUnsafeBytes { source in
                if let base = source.baseAddress { raw.baseAddress!.copyMemory(from: base, byteCount: source.count) }
            }
            raw[23] = UInt8(truncatingIfNeeded: bytes.count)
        }
        w0 = words.0
        w1 = words.1
        w2 = words.2
    }

    @inlinable
    init(w0: UInt64, w1: UInt64, w2: UInt64) {
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
    }

    @inlinable
    var count: Int {
        var words = (w0, w1, w2)
        return withUnsafeBytes(of: &words) { Int($0[23]) }
    }

    @inlinable
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var words = (w0, w1, w2)
        let length = count
        return try withUnsafeBytes(of: &words) { try body(UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
    }

    var array: [UInt8] { withBytes { Array($0) } }
}

/// Read access byte by byte, for the code that takes any collection of bytes (digests, the
/// rewrite's encoder); bulk copies go through `withContiguousStorageIfAvailable`.
extension ByteString: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> UInt8 {
        precondition(position >= 0 && position < count, "ByteString index out of range")
        return withBytes { $0[position] }
    }

    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        try withBytes { try body($0.assumingMemoryBound(to: UInt8.self)) }
    }
}
