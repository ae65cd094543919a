// DEBUG DIGEST / DIGEST-VALUE on the engine, against digests redis-server 7.0.15 printed for
// the same data (the integration tests compare with a live redis-server as well).

import NIOCore
import XCTest
import QuillRESP
import QuillStore
@testable import QuillCommands

final class DatasetDigestTests: XCTestCase {
    private func run(_ engine: Engine, _ client: ClientSession, _ args: String...) -> String {
        client.out.buffer.clear()
        engine.execute(args.map { Array($0.utf8) }, for: client)
        return String(decoding: client.out.buffer.readableBytesView, as: UTF8.self)
    }

    private func makeEngine() -> (Engine, ClientSession) {
        let engine = Engine(config: Configuration(), clock: ManualClock())
        let client = engine.registerClient(remoteAddress: "test", localAddress: "test", fileDescriptor: -1,
                                           allocator: ByteBufferAllocator())
        return (engine, client)
    }

    func testDatasetDigestMatchesRedis() {
        let (engine, client) = makeEngine()
        XCTAssertEqual(run(engine, client, "DEBUG", "DIGEST"), "+" + String(repeating: "0", count: 40) + "\r\n")
        _ = run(engine, client, "SET", "a", "1")
        XCTAssertEqual(run(engine, client, "DEBUG", "DIGEST"), "+943d800368fb9c0e951138f1bc0e313ac769d91f\r\n")
        _ = run(engine, client, "SET", "b", "2")
        XCTAssertEqual(run(engine, client, "DEBUG", "DIGEST"), "+7dff4aa4711992a6870417c26949f355d23a7cac\r\n")
        _ = run(engine, client, "SELECT", "1")
        _ = run(engine, client, "SET", "c", "3")
        XCTAssertEqual(run(engine, client, "DEBUG", "DIGEST"), "+e01ff9c0ef48d4e014a6889987b43806f8cc79db\r\n")
    }

    func testValueDigestsMatchRedis() {
        let (engine, client) = makeEngine()
        _ = run(engine, client, "SET", "foo", "bar")
        _ = run(engine, client, "SET", "n", "12345")
        _ = run(engine, client, "SET", "t", "v", "EX", "1000")
        XCTAssertEqual(run(engine, client, "DEBUG", "DIGEST-VALUE", "foo", "n", "t", "none"),
                       "*4\r\n+68467c70ae30376e7ce005bcc8827f5ba7fd67dc\r\n+e1cf90774e995ae03de66e8109dc5cb9d9c2dc83\r\n"
                       + "+311b17018163335616e089f6b951c82c477335ac\r\n+0000000000000000000000000000000000000000\r\n")
    }

    func testPrimitives() {
        var digest = DatasetDigest()
        digest.mix(bigEndian: 0)
        digest.mix(Array("bar".utf8))
        XCTAssertEqual(digest.hex, "68467c70ae30376e7ce005bcc8827f5ba7fd67dc")
        XCTAssertEqual(DatasetDigest.hex([0x00, 0x0f, 0xa0, 0xff]), "000fa0ff")
    }
}
