// Where quill-check-aof talks: its output (stdout only, as redis-check-aof prints
// everything there, log lines included), the one-byte answer to the --fix prompt, and the
// serverLog-style prefix of the manifest errors it shares with the server.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public protocol CheckConsole: AnyObject {
    /// Writes bytes to the output at once (the prompt must show before the answer is read).
    func write(_ bytes: [UInt8])
    /// One byte of the answer to `Continue? [y/N]: `, nil at end of input.
    func readAnswerByte() -> UInt8?
}

/// The process's stdout and stdin.
public final class StandardConsole: CheckConsole {
    public init() {}

    public func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { raw in
                systemWrite(STDOUT_FILENO, raw.baseAddress, raw.count)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }

    public func readAnswerByte() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let count = systemRead(STDIN_FILENO, &byte, 1)
            if count == 1 { return byte }
            if count < 0 && errno == EINTR { continue }
            return nil
        }
    }
}

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { write(fd, buffer, count) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, buffer, count) }

extension CheckConsole {
    func print(_ text: String) { write(Array(text.utf8) + [0x0a]) }

    /// A WARNING line as Redis's serverLog writes it from a tool process:
    /// `<pid>:C <dd Mon yyyy HH:MM:SS.mmm> # <message>`, the message cut at 1023 bytes.
    func log(_ message: [UInt8]) {
        var time = timeval()
        gettimeofday(&time, nil)
        var seconds = time_t(time.tv_sec)
        var local = tm()
        localtime_r(&seconds, &local)
        var buffer = [Int8](repeating: 0, count: 64)
        let length = strftime(&buffer, buffer.count, "%d %b %Y %H:%M:%S.", &local)
        let date = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let milliseconds = Int(time.tv_usec) / 1000
        let millisText = milliseconds < 10 ? "00\(milliseconds)" : milliseconds < 100 ? "0\(milliseconds)" : "\(milliseconds)"
        let prefix = "\(getpid()):C \(date)\(millisText) # "
        write(Array(prefix.utf8) + message.prefix(1023) + [0x0a])
    }
}
