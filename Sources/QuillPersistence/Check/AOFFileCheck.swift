// The check of one AOF file, a port of redis-check-aof's checkSingleAof and its readers:
// length lines are read fgets-style in 128 bytes and must end in CRLF right after the
// number, bulks must be followed by CRLF, MULTI/EXEC must pair, `#TS:` annotations drive
// --truncate-to-timestamp. The first problem is reported as `0x%16llx: <message>` with the
// offset of the read that failed, and everything after the last complete top-level command
// is what --fix offers to cut.

extension AOFCheckTool {
    /// The scan state of one file.
    struct FileScan {
        var stream: AOFByteStream
        /// Offset of the read that produced the current error (Redis's `epos`).
        var errorOffset: Int64 = 0
        var error: [UInt8]?
        var multi = 0
    }

    func checkFile(name: String, path: String, isLast: Bool, preamble: Bool) throws(Exit) -> FileResult {
        let fd: Int32
        do {
            fd = try fileSystem.open(path, .readWrite)
        } catch {
            throw fail("Cannot open file \(path): \(error), aborting...")
        }
        defer { fileSystem.close(fd) }
        let size: Int64
        do { size = try fileSystem.size(path) } catch { throw fail("Cannot stat file: \(name), aborting...") }
        if size == 0 { return .empty }
        if preamble {
            console.print("[offset 0] Checking RDB file \(name)")
            throw fail("RDB preamble of AOF file cannot be checked: the RDB format is not supported yet, aborting.")
        }

        var scan = FileScan(stream: AOFByteStream(fileSystem: fileSystem, fd: fd))
        var position: Int64 = 0
        while true {
            if scan.multi == 0 { position = scan.stream.offset }
            let first: UInt8?
            do { first = try scan.stream.peek() } catch { throw fail("Failed to read from AOF \(name), aborting...") }
            guard let first else { break }
            if first == UInt8(ascii: "#") {
                if try !processAnnotation(&scan, path: path, isLast: isLast, fd: fd) { return .truncatedToTimestamp }
            } else if first == UInt8(ascii: "*") {
                if try !processCommand(&scan, path: path) { break }
            } else {
                console.print("AOF \(name) format error")
                break
            }
        }
        if scan.stream.reachedEnd && scan.multi != 0 && scan.error == nil {
            setError(&scan, "Reached EOF before reading EXEC for MULTI")
        }
        if let error = scan.error { console.write(error + [0x0a]) }

        let diff = size - position
        if diff == 0 && truncateToTimestamp != 0 {
            console.print("Truncate nothing in AOF \(name) to timestamp \(truncateToTimestamp)")
            return .valid
        }
        console.print("AOF analyzed: filename=\(name), size=\(size), ok_up_to=\(position), ok_up_to_line=\(line), diff=\(diff)")
        guard diff > 0 else { return .valid }
        guard fix else { throw fail("AOF \(name) is not valid. Use the --fix option to try fixing it.") }
        guard isLast else { throw fail("Failed to truncate AOF \(name) because it is not the last file") }
        console.print("This will shrink the AOF \(name) from \(size) bytes, with \(diff) bytes, to \(position) bytes")
        console.write(Array("Continue? [y/N]: ".utf8))
        guard let answer = console.readAnswerByte(), answer | 0x20 == UInt8(ascii: "y") else {
            throw fail("Aborting...")
        }
        do { try fileSystem.truncate(fd, to: position) } catch { throw fail("Failed to truncate AOF \(name)") }
        return .truncated
    }

    /// Redis's ERROR macro: the message cut at 1023 bytes behind the padded hex offset.
    private func setError(_ scan: inout FileScan, _ message: [UInt8]) {
        let hex = String(scan.errorOffset, radix: 16)
        let padded = String(repeating: " ", count: max(0, 16 - hex.count)) + hex
        scan.error = Array(("0x" + padded + ": ").utf8) + message.prefix(1023)
    }

    private func setError(_ scan: inout FileScan, _ message: String) { setError(&scan, Array(message.utf8)) }

    /// printf("%02x", c) of a signed char: bytes above 0x7f print sign-extended.
    private static func signedHex(_ byte: UInt8) -> String {
        let hex = String(byte, radix: 16)
        let two = byte < 16 ? "0" + hex : hex
        return byte >= 0x80 ? "ffffff" + two : two
    }

    /// consumeNewline: the two bytes at `index` of a NUL-terminated buffer must be CRLF.
    private func consumeNewline(_ scan: inout FileScan, _ buffer: [UInt8], at index: Int) -> Bool {
        func byte(_ i: Int) -> UInt8 { i < buffer.count ? buffer[i] : 0 }
        if byte(index) == 0x0d && byte(index + 1) == 0x0a {
            line += 1
            return true
        }
        setError(&scan, "Expected \\r\\n, got: \(Self.signedHex(byte(index)))\(Self.signedHex(byte(index + 1)))")
        return false
    }

    private func readLine(_ scan: inout FileScan, maxLength: Int) throws(Exit) -> [UInt8]? {
        do { return try scan.stream.line(maxLength: maxLength) } catch { throw fail("Failed to read from AOF, aborting...") }
    }

    /// readLong: a `<prefix><number>\r\n` line read in a 128-byte buffer.
    private func readLong(_ scan: inout FileScan, prefix: UInt8) throws(Exit) -> Int64? {
        scan.errorOffset = scan.stream.offset
        guard let text = try readLine(&scan, maxLength: 128) else { return nil }
        guard text[0] == prefix else {
            setError(&scan, Array("Expected prefix '".utf8) + [prefix] + Array("', got: '".utf8) + [text[0]] + [0x27])
            return nil
        }
        var buffer = prefix == UInt8(ascii: "*") ? countLineBuffer : [UInt8](repeating: 0, count: 128)
        buffer.replaceSubrange(0..<(text.count + 1), with: text + [0])
        if prefix == UInt8(ascii: "*") { countLineBuffer = buffer }
        let parsed = CNumberParsing.strtol(CNumberParsing.cString(buffer[1...]))
        return consumeNewline(&scan, buffer, at: parsed.end) ? parsed.value : nil
    }

    /// readString: `$<len>\r\n`, then len bytes and CRLF; the bulk as a C string.
    private func readString(_ scan: inout FileScan) throws(Exit) -> [UInt8]? {
        guard let length = try readLong(&scan, prefix: UInt8(ascii: "$")) else { return nil }
        guard length >= 0, length <= Int64.max - 2 else {
            setError(&scan, "Expected to read string of \(length) bytes, which is not in the suitable range")
            return nil
        }
        let wanted = length + 2
        scan.errorOffset = scan.stream.offset
        let data: [UInt8]
        do { data = try scan.stream.bytes(Int(wanted)) } catch { throw fail("Failed to read from AOF, aborting...") }
        guard Int64(data.count) == wanted else {
            setError(&scan, "Expected to read \(wanted) bytes, got \(data.count) bytes")
            return nil
        }
        guard consumeNewline(&scan, data, at: data.count - 2) else { return nil }
        return Array(CNumberParsing.cString(data[0..<(data.count - 2)]))
    }

    /// processRESP: one command; MULTI and EXEC must alternate.
    private func processCommand(_ scan: inout FileScan, path: String) throws(Exit) -> Bool {
        guard let argc = try readLong(&scan, prefix: UInt8(ascii: "*")) else { return false }
        var index: Int64 = 0
        while index < argc {
            guard let argument = try readString(&scan) else { return false }
            if index == 0 {
                if Self.equalsIgnoringCase(argument, "multi") {
                    scan.multi += 1
                    if scan.multi != 1 {
                        setError(&scan, "Unexpected MULTI in AOF \(path)")
                        return false
                    }
                } else if Self.equalsIgnoringCase(argument, "exec") {
                    scan.multi -= 1
                    if scan.multi != 0 {
                        setError(&scan, "Unexpected EXEC in AOF \(path)")
                        return false
                    }
                }
            }
            index += 1
        }
        return true
    }

    /// processAnnotations: skips a `#` line; with --truncate-to-timestamp, the first `#TS:`
    /// later than the limit is where the last file is cut. Returns false once cut.
    private func processAnnotation(_ scan: inout FileScan, path: String, isLast: Bool, fd: Int32) throws(Exit) -> Bool {
        scan.errorOffset = scan.stream.offset
        guard let text = try readLine(&scan, maxLength: AOFRecordReader.lineBufferSize) else {
            throw fail("Failed to read annotations from AOF \(path), aborting...")
        }
        let annotation = AOFAnnotation(line: text, startOffset: scan.errorOffset, endOffset: scan.stream.offset)
        guard truncateToTimestamp != 0, annotation.isTimestamp else { return true }
        guard let timestamp = annotation.timestamp else { throw fail("Invalid timestamp annotation") }
        if timestamp <= truncateToTimestamp { return true }
        let cut = annotation.startOffset
        if cut == 0 {
            throw fail("AOF \(path) has nothing before timestamp \(truncateToTimestamp), aborting...")
        }
        if !isLast {
            console.print("Failed to truncate AOF \(path) to timestamp \(truncateToTimestamp) to offset \(cut) because it is not the last file.")
            throw fail("If you insist, please delete all files after this file according to the manifest file and delete the corresponding records in manifest file manually. Then re-run redis-check-aof.")
        }
        do { try fileSystem.truncate(fd, to: cut) } catch {
            throw fail("Failed to truncate AOF \(path) to timestamp \(truncateToTimestamp)")
        }
        return false
    }

    /// strcasecmp(text, word) == 0.
    static func equalsIgnoringCase(_ text: [UInt8], _ word: String) -> Bool {
        let target = Array(word.utf8)
        return text.count == target.count && zip(text, target).allSatisfy { a, b in
            (a >= 0x41 && a <= 0x5a ? a + 32 : a) == b
        }
    }
}
