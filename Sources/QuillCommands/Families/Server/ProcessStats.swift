// What the operating system says about this process, for INFO memory, cpu and server:
// heap in use (from glibc's malloc_info report: the closest match to Redis's
// zmalloc_used_memory, since every Swift allocation goes through malloc), resident set size
// (/proc/self/statm), the machine's memory, CPU times (getrusage) and uname. Read on
// demand: INFO is rare.
//
// malloc_info is looked up with dlsym because the Glibc module does not export malloc.h.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum ProcessStats {
    /// Bytes handed out by malloc (arena memory minus free chunks, plus mmapped blocks);
    /// the resident set size where malloc cannot tell.
    static func usedMemory() -> Int {
        #if canImport(Glibc)
        if let report = mallocInfoReport(), let used = heapInUse(fromMallocInfo: report) { return used }
        #endif
        return residentSetSize()
    }

    #if canImport(Glibc)
    private typealias MallocInfoFunction = @convention(c) (Int32, UnsafeMutablePointer<FILE>?) -> Int32

    /// The XML that glibc's malloc_info(0, stream) writes.
    static func mallocInfoReport() -> String? {
        guard let symbol = dlsym(nil, "malloc_info") else { return nil }
        let mallocInfo = unsafeBitCast(symbol, to: MallocInfoFunction.self)
        var buffer: UnsafeMutablePointer<CChar>?
        var size = 0
        guard let stream = open_memstream(&buffer, &size) else { return nil }
        let status = mallocInfo(0, stream)
        fclose(stream)
        defer { free(buffer) }
        guard status == 0, let buffer else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: buffer, count: size), as: UTF8.self)
    }
    #endif

    /// From the process-wide totals after the last `</heap>`: system current − free (fast
    /// and rest) + mmapped.
    static func heapInUse(fromMallocInfo report: String) -> Int? {
        var sizes: [String: Int] = [:]
        for line in report.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("</heap>") {
                sizes = [:]
                continue
            }
            let words = trimmed.dropFirst().split(separator: " ")
            guard let element = words.first, let type = attribute("type", in: words),
                  let size = attribute("size", in: words).flatMap({ Int($0) }) else { continue }
            sizes["\(element):\(type)"] = size
        }
        guard let current = sizes["system:current"] else { return nil }
        return max(0, current - (sizes["total:fast"] ?? 0) - (sizes["total:rest"] ?? 0) + (sizes["total:mmap"] ?? 0))
    }

    /// The value of `name="value"` among the words of an XML element.
    private static func attribute(_ name: String, in words: [Substring]) -> Substring? {
        let prefix = name + "=\""
        guard let word = words.first(where: { $0.hasPrefix(prefix) }) else { return nil }
        return word.dropFirst(prefix.count).prefix { $0 != "\"" }
    }

    /// Resident pages × page size, from /proc/self/statm's second field.
    static func residentSetSize() -> Int {
        guard let text = readSmallFile("/proc/self/statm") else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    static func totalSystemMemory() -> Int {
        Int(sysconf(Int32(_SC_PHYS_PAGES))) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    struct CPUTimes {
        var system = 0.0
        var user = 0.0
    }

    static func cpuTimes(_ who: Int32) -> CPUTimes {
        var usage = rusage()
        guard getrusage(__rusage_who_t(who), &usage) == 0 else { return CPUTimes() }
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1_000_000 }
        return CPUTimes(system: seconds(usage.ru_stime), user: seconds(usage.ru_utime))
    }

    static var selfCPU: CPUTimes { cpuTimes(RUSAGE_SELF.rawValue) }
    static var childrenCPU: CPUTimes { cpuTimes(RUSAGE_CHILDREN.rawValue) }
    /// The calling thread: INFO runs on the engine's thread, Redis's "main thread".
    static var threadCPU: CPUTimes { cpuTimes(rusageThread) }
    /// Linux's RUSAGE_THREAD, which the Glibc module does not export.
    private static let rusageThread: Int32 = 1

    /// "Linux 6.1.0 x86_64", as Redis's `os` field (uname's sysname, release, machine).
    static func operatingSystem() -> String {
        var name = utsname()
        guard uname(&name) == 0 else { return "" }
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        return "\(field(name.sysname)) \(field(name.release)) \(field(name.machine))"
    }

    static func readSmallFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let n = read(fd, &bytes, bytes.count)
        guard n > 0 else { return nil }
        return String(decoding: bytes[0..<n], as: UTF8.self)
    }

    /// Redis's bytesToHuman(): B, K, M, G, T, P with two decimals.
    static func human(_ bytes: Int) -> String {
        let value = Double(bytes)
        let units: [(Double, String)] = [
            (1024, "K"), (1024 * 1024, "M"), (1024 * 1024 * 1024, "G"),
            (1024.0 * 1024 * 1024 * 1024, "T"), (1024.0 * 1024 * 1024 * 1024 * 1024, "P"),
        ]
        if value < 1024 { return "\(bytes)B" }
        for (index, (scale, suffix)) in units.enumerated() where index == units.count - 1 || value < scale * 1024 {
            return fixed(value / scale, digits: 2) + suffix
        }
        return "\(bytes)B"
    }

    /// `%.Nf` without Foundation.
    static func fixed(_ value: Double, digits: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let format = "%.\(digits)f"
        let length = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
        return String(decoding: buffer.prefix(Int(max(0, length))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
