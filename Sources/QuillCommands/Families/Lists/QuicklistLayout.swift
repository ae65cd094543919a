// The quicklist Redis 7.0 would hold for a list, for DEBUG OBJECT: its nodes (ql_nodes,
// ql_avg_node, ql_uncompressed_size) and the size it writes to an RDB file
// (serializedlength, RDB_TYPE_LIST_QUICKLIST_2): the node count, then per node its
// container type and its listpack as a string, LZF-compressed when longer than 20 bytes
// and when that saves at least 4 bytes.
//
// Quill keeps no nodes, so this rebuilds them the way pushes fill them: an element joins
// the tail node while _quicklistNodeAllowInsert allows it for list-max-listpack-size (by
// default -2: the node's listpack size plus the element's length plus 8 stays within
// 8 KB). Lists shaped by LINSERT, LSET, LREM or pushes at the head may be split otherwise
// in Redis, and Redis keeps the setting a list was created with, so those figures can
// differ. The listpack bytes themselves are built exactly as listpack.c encodes them.

import QuillRESP
import QuillStore

struct QuicklistLayout {
    /// Each node's listpack, head first.
    let nodes: [[UInt8]]
    /// list-max-listpack-size as quicklistSetFill clamps it: a negative size class from -1
    /// (4 KB) to -5 (64 KB), or a positive element count.
    let fill: Int
    let elementCount: Int

    init(_ list: ListValue, listMaxListpackSize: Int) {
        fill = min(max(listMaxListpackSize, -5), 1 << 15)
        elementCount = list.count
        var nodes: [[UInt8]] = []
        var current = Listpack()
        for element in list.elements {
            if current.count > 0 && !Self.allowsInsert(current, element.count, fill: fill) {
                nodes.append(current.bytes)
                current = Listpack()
            }
            current.append(element)
        }
        if current.count > 0 { nodes.append(current.bytes) }
        self.nodes = nodes
    }

    /// _quicklistNodeAllowInsert: the size estimate is the node's size, the element's
    /// length and 8 bytes of overhead.
    private static func allowsInsert(_ node: Listpack, _ length: Int, fill: Int) -> Bool {
        let newSize = node.size + length + 8
        if fill < 0 { return newSize <= 4096 << (-fill - 1) }
        return newSize <= 8192 && node.count < fill
    }

    var serializedLength: Int {
        var total = DebugCommand.rdbLengthSize(nodes.count)
        for node in nodes {
            total += 1
            if node.count > 20 {
                let compressed = LZFLength.compressedLength(node, capacity: node.count - 4)
                if compressed > 0 {
                    total += 1 + DebugCommand.rdbLengthSize(compressed) + DebugCommand.rdbLengthSize(node.count)
                        + compressed
                    continue
                }
            }
            total += DebugCommand.rdbLengthSize(node.count) + node.count
        }
        return total
    }

    /// The fields DEBUG OBJECT adds for a quicklist. Quill never compresses nodes
    /// (list-compress-depth 0), so ql_compressed is 0.
    var debugFields: String {
        let average = ProcessStats.fixed(Double(elementCount) / Double(nodes.count), digits: 2)
        return " ql_nodes:\(nodes.count) ql_avg_node:\(average) ql_listpack_max:\(fill) ql_compressed:0"
            + " ql_uncompressed_size:\(nodes.reduce(0) { $0 + $1.count })"
    }

    /// A listpack being filled: 6 header bytes (total size, element count), the entries,
    /// and the 0xFF terminator.
    struct Listpack {
        private(set) var entries: [UInt8] = []
        private(set) var count = 0

        var size: Int { 6 + entries.count + 1 }

        var bytes: [UInt8] {
            let total = UInt32(size)
            let stored = UInt16(min(count, 65535))
            var out: [UInt8] = [UInt8(total & 0xFF), UInt8((total >> 8) & 0xFF), UInt8((total >> 16) & 0xFF),
                                UInt8(total >> 24), UInt8(stored & 0xFF), UInt8(stored >> 8)]
            out += entries
            out.append(0xFF)
            return out
        }

        mutating func append(_ element: [UInt8]) {
            let encoded = Self.encode(element)
            entries += encoded
            entries += Self.backLength(encoded.count)
            count += 1
        }

        /// lpEncodeString / lpEncodeIntegerGetType: canonical integers in the smallest form.
        static func encode(_ element: [UInt8]) -> [UInt8] {
            if element.count <= 20, let v = DecimalParser.int64(element) {
                if v >= 0 && v <= 127 { return [UInt8(v)] }
                if v >= -4096 && v <= 4095 {
                    let u = UInt16(bitPattern: Int16(v < 0 ? (1 << 13) + v : v))
                    return [UInt8(u >> 8) | 0xC0, UInt8(u & 0xFF)]
                }
                let width: Int
                let tag: UInt8
                if v >= Int64(Int16.min) && v <= Int64(Int16.max) {
                    (width, tag) = (2, 0xF1)
                } else if v >= -(1 << 23) && v < (1 << 23) {
                    (width, tag) = (3, 0xF2)
                } else if v >= Int64(Int32.min) && v <= Int64(Int32.max) {
                    (width, tag) = (4, 0xF3)
                } else {
                    (width, tag) = (8, 0xF4)
                }
                let u = UInt64(bitPattern: v)
                return [tag] + (0..<width).map { UInt8((u >> (8 * UInt64($0))) & 0xFF) }
            }
            let n = element.count
            if n < 64 { return [0x80 | UInt8(n)] + element }
            if n < 4096 { return [0xE0 | UInt8(n >> 8), UInt8(n & 0xFF)] + element }
            return [0xF0, UInt8(n & 0xFF), UInt8((n >> 8) & 0xFF), UInt8((n >> 16) & 0xFF), UInt8((n >> 24) & 0xFF)]
                + element
        }

        /// lpEncodeBacklen: the entry's length in 7-bit groups, stored so it reads backwards.
        static func backLength(_ length: Int) -> [UInt8] {
            let size = length <= 127 ? 1 : length < 16383 ? 2 : length < 2_097_151 ? 3 : length < 268_435_455 ? 4 : 5
            var out = (0..<size).map { UInt8((length >> (7 * (size - 1 - $0))) & 127) }
            for i in 1..<size { out[i] |= 128 }
            return out
        }
    }
}
