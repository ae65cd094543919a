// Reads an AOF file record by record with the rules of Redis's loader
// (loadSingleAppendOnlyFile): lines are read fgets-style in a 1024-byte buffer, `#` lines
// between records are annotations, a record is `*<argc>` (argc >= 1) then, per argument,
// a `$<len>` line, len bytes and two bytes that are read but not checked. End of file
// inside a record is `truncated`, any other deviation `badFormat`. The file is read in
// 64 KB chunks, so arguments may span chunks and files may be of any size.

public struct AOFRecordReader {
    /// Redis's AOF_ANNOTATION_LINE_MAX_LEN: the loader's line buffer.
    static let lineBufferSize = 1024

    private var stream: AOFByteStream
    /// Offset just after the last complete record (or annotation) returned.
    public private(set) var offset: Int64 = 0

    public init(fileSystem: any AOFFileSystem, path: String) throws(FileError) {
        let fd = try fileSystem.open(path, .read)
        stream = AOFByteStream(fileSystem: fileSystem, fd: fd)
    }

    /// Closes the file. The reader must not be used afterwards.
    public func close() {
        stream.fileSystem.close(stream.fd)
    }

    /// Discards the first `count` bytes (the RDB preamble of a base the caller has loaded)
    /// and continues from there; throws `truncated` when the file is shorter.
    public mutating func skip(_ count: Int64) throws(AOFReadError) {
        let skipped: Int64
        do { skipped = try stream.skip(count) } catch { throw .io(error) }
        if skipped < count { throw .truncated }
        offset = stream.offset
    }

    /// The next command, skipping annotations; nil at a clean end of file.
    public mutating func next() throws(AOFReadError) -> AOFRecord? {
        while let entry = try nextEntry() {
            if case .record(let record) = entry { return record }
        }
        return nil
    }

    /// The next command or annotation; nil at a clean end of file.
    public mutating func nextEntry() throws(AOFReadError) -> AOFEntry? {
        let start = stream.offset
        guard let header = try readLine() else { return nil }
        if header[0] == UInt8(ascii: "#") {
            offset = stream.offset
            return .annotation(AOFAnnotation(line: header, startOffset: start, endOffset: offset))
        }
        guard header[0] == UInt8(ascii: "*") else { throw .badFormat }
        if header.count == 1 || header[1] == 0 {
            throw stream.reachedEnd ? .truncated : .badFormat
        }
        let argc = Int32(truncatingIfNeeded: CNumberParsing.strtol(CNumberParsing.cString(header[1...])).value)
        guard argc >= 1 else { throw .badFormat }
        var arguments: [[UInt8]] = []
        arguments.reserveCapacity(Int(min(argc, 1024)))
        for _ in 0..<argc {
            guard let lengthLine = try readLine() else { throw .truncated }
            guard lengthLine[0] == UInt8(ascii: "$") else { throw .badFormat }
            let length = CNumberParsing.strtol(CNumberParsing.cString(lengthLine[1...])).value
            guard length >= 0, length <= Int64(Int.max - 2) else { throw .badFormat }
            let argument = try readBytes(Int(length))
            guard argument.count == Int(length) else { throw .truncated }
            guard try readBytes(2).count == 2 else { throw .truncated }
            arguments.append(argument)
        }
        offset = stream.offset
        return .record(AOFRecord(arguments: arguments, startOffset: start, endOffset: offset))
    }

    private mutating func readLine() throws(AOFReadError) -> [UInt8]? {
        do { return try stream.line(maxLength: Self.lineBufferSize) } catch { throw .io(error) }
    }

    private mutating func readBytes(_ count: Int) throws(AOFReadError) -> [UInt8] {
        do { return try stream.bytes(count) } catch { throw .io(error) }
    }
}
