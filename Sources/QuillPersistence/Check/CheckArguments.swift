// redis-check-aof's command line: `[--fix|--truncate-to-timestamp $timestamp] <file>`,
// nothing else, with the timestamp read by strtol and required to be all digits.

public enum CheckArguments: Equatable, Sendable {
    case check(path: String, fix: Bool, truncateToTimestamp: Int64)
    /// Prints the usage line (with the program name as invoked) and exits 1.
    case usage
    /// Prints `Invalid timestamp, aborting...` and exits 1.
    case invalidTimestamp

    /// `arguments` includes the program name, like argv.
    public static func parse(_ arguments: [String]) -> CheckArguments {
        switch arguments.count {
        case 2:
            return .check(path: arguments[1], fix: false, truncateToTimestamp: 0)
        case 3 where arguments[1] == "--fix":
            return .check(path: arguments[2], fix: true, truncateToTimestamp: 0)
        case 4 where arguments[1] == "--truncate-to-timestamp":
            let text = CNumberParsing.cString(Array(arguments[2].utf8)[...])
            let parsed = CNumberParsing.strtol(text)
            guard !parsed.overflow, parsed.end == text.endIndex else { return .invalidTimestamp }
            return .check(path: arguments[3], fix: false, truncateToTimestamp: parsed.value)
        default:
            return .usage
        }
    }

    static func usageLine(program: String) -> String {
        "Usage: \(program) [--fix|--truncate-to-timestamp $timestamp] <file.manifest|file.aof>"
    }
}
