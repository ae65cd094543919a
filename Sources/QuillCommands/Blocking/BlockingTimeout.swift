// The timeout argument of the blocking commands (timeout.c's getTimeoutFromObjectOrReply
// in Redis 7.0): seconds as a long double, turned into milliseconds rounded up, so that
// 0.0001 waits one millisecond and -0.0001 rounds to 0, which waits forever. A value too
// large for 64 bits converts as x86-64's conversion does, to the most negative integer,
// hence "timeout is negative" for inf or 1e30.

enum BlockingTimeout {
    static let notFloat = "ERR timeout is not a float or out of range"
    static let negative = "ERR timeout is negative"

    /// The deadline argument `index` asks for, or nil after replying the error.
    static func parse(_ c: CommandContext, _ index: Int) -> BlockingDeadline? {
        guard let seconds = LongDoubleText.parse(c.args[index]) else {
            c.error(notFloat)
            return nil
        }
        let milliseconds = milliseconds(seconds)
        guard milliseconds >= 0 else {
            c.error(negative)
            return nil
        }
        if milliseconds == 0 { return .never }
        let (deadline, overflow) = milliseconds.addingReportingOverflow(c.engine.clock.milliseconds())
        return .at(overflow ? Int64.max : deadline)
    }

    /// `(long long) ceill(seconds * 1000)` as x86-64 computes it.
    static func milliseconds(_ seconds: Float80) -> Int64 {
        let scaled = (seconds * 1000).rounded(.up)
        guard scaled >= -0x1p63 && scaled < 0x1p63 else { return Int64.min }
        return Int64(scaled)
    }
}
