// SIGKILL at random moments while rewrites run under write load, each held open a random
// while with rdb-key-save-delay: every restart must load, keep everything acknowledged,
// never move a counter backwards, keep each transaction whole, and leave no
// temp-rewriteaof-* file behind (Redis leaves the killed child's file; Quill removes such
// leftovers at start and after each successful rewrite).

import Foundation
import XCTest

final class AOFRewriteCrashIntegrationTests: XCTestCase {
    func testSigkillDuringRewritesUnderLoadLosesNothingAcknowledged() throws {
        let writers = 3
        var directory: URL?
        var floor = Array(repeating: 0, count: writers)
        var rewritesSeen = 0
        for round in 0..<20 {
            let server = try directory.map { try ServerProcess.restart(in: $0) } ?? ServerProcess()
            directory = server.directory
            try server.waitUntilLoaded()
            let checker = try server.client()
            XCTAssertEqual(rewriteTempFiles(in: server.directory), [], "round \(round): a leftover temp file survived the start")
            for writer in 0..<writers {
                let counter = Int(try checker.call("GET", "ctr:\(writer)").string ?? "0") ?? 0
                XCTAssertGreaterThanOrEqual(counter, floor[writer], "round \(round): ctr:\(writer) went backwards or lost acknowledged increments")
                XCTAssertEqual(try checker.call("LLEN", "q:\(writer)"), .integer(counter), "round \(round): a transaction was split")
                floor[writer] = counter
            }

            let load = try WriteLoad(port: server.port, writers: writers, batch: 30)
            let rewriter = CrossThread(try server.client())
            let rewriterDone = DispatchSemaphore(value: 0)
            let started = CrossThread(Counter())
            Thread {
                defer { rewriterDone.signal() }
                let c = rewriter.value
                do {
                    while true {
                        _ = try c.call("CONFIG", "SET", "rdb-key-save-delay", String(Int.random(in: 0...400)))
                        if try c.call("BGREWRITEAOF") == .simple("Background append only file rewriting started") {
                            started.value.increment()
                        }
                        usleep(UInt32.random(in: 0...60_000))
                    }
                } catch {
                    return
                }
            }.start()
            usleep(UInt32.random(in: 80_000...450_000))
            server.kill()
            load.waitUntilDisconnected()
            rewriterDone.wait()
            XCTAssertEqual(load.unexpectedReplies, [], "round \(round)")
            let acknowledged = load.acknowledgedCounters
            for writer in 0..<writers { floor[writer] = max(floor[writer], acknowledged[writer]) }
            rewritesSeen += started.value.value
        }
        XCTAssertGreaterThanOrEqual(rewritesSeen, 20, "fewer rewrites than rounds")

        let final = try ServerProcess.restart(in: directory!)
        defer { final.stop() }
        let c = try final.client()
        for writer in 0..<writers {
            XCTAssertGreaterThanOrEqual(Int(try c.call("GET", "ctr:\(writer)").string ?? "0") ?? 0, floor[writer])
        }
        XCTAssertEqual(try c.call("CONFIG", "SET", "rdb-key-save-delay", "0"), .simple("OK"))
        XCTAssertEqual(try c.call("BGREWRITEAOF"), .simple("Background append only file rewriting started"))
        try c.waitForRewrites()
        XCTAssertEqual(try c.info("persistence")["aof_last_bgrewrite_status"], "ok")
        XCTAssertEqual(rewriteTempFiles(in: final.directory), [])
        XCTAssertEqual(fileNames(in: final.appendOnlyDirectory).filter { $0.hasPrefix("temp-") }, [])
        let manifestLines = final.manifest.split(separator: "\n")
        XCTAssertEqual(manifestLines.count, 2, final.manifest)
        XCTAssertTrue(manifestLines.first?.hasSuffix("type b") == true, final.manifest)
        XCTAssertTrue(manifestLines.last?.hasSuffix("type i") == true, final.manifest)
        let check = try checkWithRedisTool(final.directory)
        XCTAssertEqual(check.status, 0, check.output)
        let digest = try c.call("DEBUG", "DIGEST")
        XCTAssertEqual(try c.call("DEBUG", "LOADAOF"), .simple("OK"))
        XCTAssertEqual(try c.call("DEBUG", "DIGEST"), digest)
    }

    func testALeftoverTempFileFromACrashIsRemovedByTheNextRewrite() throws {
        let server = try ServerProcess(arguments: ["--appendonly", "no"])
        defer { server.stop() }
        try server.waitUntilLoaded()
        // What a killed rewrite leaves in `dir`, under another process's pid; unrelated
        // files that merely look alike stay.
        let leftovers = ["temp-rewriteaof-999999.aof", "temp-rewriteaof-bg-999998.aof"]
        let unrelated = ["temp-rewriteaof-notes.txt", "my-temp-rewriteaof-1.aof"]
        for name in leftovers + unrelated {
            try Data("*1\r\n$4\r\nPING\r\n".utf8).write(to: server.directory.appendingPathComponent(name))
        }
        let c = try server.client()
        XCTAssertEqual(try c.call("SET", "k", "v"), .simple("OK"))
        XCTAssertEqual(try c.call("BGREWRITEAOF"), .simple("Background append only file rewriting started"))
        try c.waitForRewrites()
        XCTAssertEqual(rewriteTempFiles(in: server.directory), ["temp-rewriteaof-notes.txt"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: server.directory.appendingPathComponent("my-temp-rewriteaof-1.aof").path))
    }
}

/// A counter shared between two threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
