// Buffered sequential reading of a file through AOFFileSystem in 64 KB chunks, with the
// two primitives Redis's AOF readers are written in: fgets (a line of bounded length) and
// fread (an exact count, short at end of file). Offsets are file offsets, like ftello.

struct AOFByteStream {
    static let chunkSize = 65536

    let fileSystem: any AOFFileSystem
    let fd: Int32
    private var buffer: [UInt8]
    private var position = 0
    private var filled = 0
    /// File offset of buffer[0].
    private var bufferOffset: Int64 = 0
    /// True once a read returned 0, like feof after a read hit the end.
    private(set) var reachedEnd = false

    init(fileSystem: any AOFFileSystem, fd: Int32) {
        self.fileSystem = fileSystem
        self.fd = fd
        buffer = [UInt8](repeating: 0, count: Self.chunkSize)
    }

    /// The offset of the next byte to be read.
    var offset: Int64 { bufferOffset + Int64(position) }

    /// Makes at least one unread byte available; false at end of file.
    private mutating func fill() throws(FileError) -> Bool {
        if position < filled { return true }
        if reachedEnd { return false }
        bufferOffset += Int64(filled)
        position = 0
        filled = 0
        let count = try fileSystem.readChunk(fd, into: &buffer)
        if count == 0 {
            reachedEnd = true
            return false
        }
        filled = count
        return true
    }

    /// The next byte without consuming it; nil at end of file.
    mutating func peek() throws(FileError) -> UInt8? {
        try fill() ? buffer[position] : nil
    }

    /// fgets(buf, size): up to `size - 1` bytes, stopping after a newline; nil when no
    /// byte could be read.
    mutating func line(maxLength size: Int) throws(FileError) -> [UInt8]? {
        var result: [UInt8] = []
        while result.count < size - 1 {
            guard try fill() else { break }
            let available = min(filled - position, size - 1 - result.count)
            let window = buffer[position..<(position + available)]
            if let newline = window.firstIndex(of: 0x0a) {
                result += buffer[position...newline]
                position = newline + 1
                return result
            }
            result += window
            position += available
        }
        return result.isEmpty ? nil : result
    }

    /// fread(n): up to `count` bytes, fewer only at end of file.
    mutating func bytes(_ count: Int) throws(FileError) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(min(count, 1 << 20))
        while result.count < count {
            guard try fill() else { break }
            let available = min(filled - position, count - result.count)
            result += buffer[position..<(position + available)]
            position += available
        }
        return result
    }

    /// Discards up to `count` bytes and returns how many there were.
    mutating func skip(_ count: Int64) throws(FileError) -> Int64 {
        var skipped: Int64 = 0
        while skipped < count {
            guard try fill() else { break }
            let available = min(Int64(filled - position), count - skipped)
            position += Int(available)
            skipped += available
        }
        return skipped
    }
}
