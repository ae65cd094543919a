// Reads a manifest exactly as Redis's aofLoadManifestFromFile does (the server and
// redis-check-aof share it): lines are fgets chunks of at most 1024 bytes, `#` chunks are
// comments, each line is trimmed and split like sdssplitargs, keys are case-insensitive
// pairs and unknown pairs are ignored. Every error carries Redis's own message.

extension AOFManifest {
    /// The most bytes fgets returns per line, newline included.
    static let maxLineLength = 1024

    public static func parse(_ bytes: [UInt8]) throws(ManifestError) -> AOFManifest {
        var manifest = AOFManifest()
        var maxIncrSequence: Int64 = 0
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && end - start < maxLineLength {
                end += 1
                if bytes[end - 1] == 0x0a { break }
            }
            let chunk = bytes[start..<end]
            start = end
            lineNumber += 1
            if chunk.first == UInt8(ascii: "#") { continue }
            let text = CNumberParsing.cString(chunk)
            guard text.contains(0x0a) else { throw ManifestError(message: ManifestError.tooLong) }
            let line = trimmed(text)
            func failure(_ message: String) -> ManifestError {
                ManifestError(message: message, lineNumber: lineNumber, lineBytes: Array(line))
            }
            guard !line.isEmpty, let tokens = ManifestTokenizer.split(line),
                  tokens.count >= 6, tokens.count % 2 == 0 else {
                throw failure(ManifestError.invalidFormat)
            }
            var name: [UInt8]?
            var sequence: Int64 = 0
            var typeByte: UInt8 = 0
            for pair in stride(from: 0, to: tokens.count, by: 2) {
                let key = CNumberParsing.cString(tokens[pair][...])
                let value = tokens[pair + 1][...]
                if equalsIgnoringCase(key, "file") {
                    let fileName = Array(CNumberParsing.cString(value))
                    if fileName.contains(UInt8(ascii: "/")) || fileName.contains(UInt8(ascii: "\\")) {
                        throw failure(ManifestError.notBaseName)
                    }
                    name = fileName
                } else if equalsIgnoringCase(key, "seq") {
                    sequence = CNumberParsing.atoll(CNumberParsing.cString(value))
                } else if equalsIgnoringCase(key, "type") {
                    typeByte = value.first ?? 0
                }
            }
            guard let name, sequence != 0, typeByte != 0 else { throw failure(ManifestError.invalidFormat) }
            let entryName = String(decoding: name, as: UTF8.self)
            switch typeByte {
            case UInt8(ascii: "b"):
                if manifest.base != nil { throw failure(ManifestError.duplicateBase) }
                manifest.base = Entry(name: entryName, sequence: sequence, type: .base)
                manifest.currentBaseSequence = sequence
            case UInt8(ascii: "h"):
                manifest.history.append(Entry(name: entryName, sequence: sequence, type: .history))
            case UInt8(ascii: "i"):
                if sequence <= maxIncrSequence { throw failure(ManifestError.nonMonotonic) }
                manifest.incrs.append(Entry(name: entryName, sequence: sequence, type: .incr))
                manifest.currentIncrSequence = sequence
                maxIncrSequence = sequence
            default:
                throw failure(ManifestError.unknownType)
            }
        }
        if lineNumber == 0 { throw ManifestError(message: ManifestError.empty) }
        return manifest
    }

    /// sdstrim(line, " \t\r\n").
    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let strip: Set<UInt8> = [0x20, 0x09, 0x0d, 0x0a]
        var slice = bytes
        while let first = slice.first, strip.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, strip.contains(last) { slice = slice.dropLast() }
        return slice
    }

    /// strcasecmp(key, word) == 0 for an ASCII word.
    private static func equalsIgnoringCase(_ key: ArraySlice<UInt8>, _ word: String) -> Bool {
        let target = Array(word.utf8)
        guard key.count == target.count else { return false }
        return zip(key, target).allSatisfy { a, b in
            let lower = (a >= 0x41 && a <= 0x5a) ? a + 32 : a
            return lower == b
        }
    }
}
