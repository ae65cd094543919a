// A key: an owned byte string. It hashes its bytes in one call to the hasher instead of
// byte by byte (Array's own Hashable), which matters on every lookup, and compares
// bytes, never Unicode, so keys behave exactly as binary-safe Redis keys.

public struct Key: Hashable, Sendable, Comparable {
    public var bytes: [UInt8]

    @inlinable
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    @inlinable
    public static func == (lhs: Key, rhs: Key) -> Bool { lhs.bytes == rhs.bytes }

    public static func < (lhs: Key, rhs: Key) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }
}

extension Key: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.bytes = Array(value.utf8) }
}
