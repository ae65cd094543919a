// Key finding from Redis 7.0's recorded key specs, for commands whose keys are found by
// keyword or by a key count; expected keys are what redis-server 7.0.15's COMMAND GETKEYS
// returned for the same lines.

import XCTest
@testable import QuillCommands

final class KeySpecSearchTests: XCTestCase {
    private func keys(_ line: String...) -> [String]? {
        guard let specs = CommandCommand.recordedSpecs(line[0]) else { return nil }
        let arguments = line.map { Array($0.utf8) }
        return KeySpecSearch.keys(specs, arguments: arguments)?.map { String(decoding: arguments[$0.position], as: UTF8.self) }
    }

    func testKeysMatchRedis() {
        XCTAssertEqual(keys("zunionstore", "dst", "2", "a", "b", "WEIGHTS", "1", "2"), ["dst", "a", "b"])
        XCTAssertEqual(keys("xread", "COUNT", "2", "STREAMS", "s1", "s2", "0", "0"), ["s1", "s2"])
        XCTAssertEqual(keys("eval", "return 1", "2", "k1", "k2", "a1"), ["k1", "k2"])
        XCTAssertEqual(keys("mset", "a", "1", "b", "2"), ["a", "b"])
        XCTAssertEqual(keys("georadius", "k", "0", "0", "1", "km", "STORE", "dst"), ["k", "dst"])
        XCTAssertEqual(keys("lmpop", "2", "l1", "l2", "LEFT"), ["l1", "l2"])
        XCTAssertNil(keys("eval", "return 1", "0"))
        XCTAssertNil(keys("zunionstore", "dst", "5", "a", "b"))
    }

    func testFlagsComeFromTheMatchingSpec() {
        let arguments = ["smove", "a", "b", "m"].map { Array($0.utf8) }
        let found = KeySpecSearch.keys(CommandCommand.recordedSpecs("smove") ?? [], arguments: arguments)
        XCTAssertEqual(found?.map(\.position), [1, 2])
        XCTAssertEqual(found?.map(\.flags), [["RW", "access", "delete"], ["RW", "insert"]])
    }
}
