// Reading a configuration file's whole text from an open stream. Start-up (QuillServer's
// loader) reads the file the server is started with and CONFIG REWRITE reads it back before
// replacing it; both go through here so they see the same text.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum ConfigFileText {
    /// Everything left in `file`, decoded as UTF-8 (invalid bytes replaced).
    public static func read(_ file: UnsafeMutablePointer<FILE>) -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
