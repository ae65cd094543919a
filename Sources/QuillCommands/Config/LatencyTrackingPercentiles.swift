// latency-tracking-info-percentiles: the percentiles INFO latencystats reports for each
// command, a list of numbers between 0 and 100 ("50 99 99.9" by default, "" for none).
// Each is read as Redis's string2d reads it and printed as "%f" without trailing zeros,
// the form CONFIG GET and the latencystats field names show ("99.9", "33.333333").

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum LatencyTrackingPercentiles {
    static func parse(_ words: [String]) -> Result<[Double], ConfigRejection> {
        if words == [""] { return .success([]) }
        var percentiles: [Double] = []
        for word in words {
            guard let value = ScoreText.parse(Array(word.utf8)) else {
                return .failure(ConfigRejection("Invalid latency-tracking-info-percentiles parameters"))
            }
            guard value >= 0 && value <= 100 else {
                return .failure(ConfigRejection("latency-tracking-info-percentiles parameters should sit between [0.0,100.0]"))
            }
            percentiles.append(value)
        }
        return .success(percentiles)
    }

    /// "%f" with trailing zeros, then a trailing dot, removed (trimDoubleString).
    static func format(_ value: Double) -> String {
        var text = withUnsafeTemporaryAllocation(of: CChar.self, capacity: 400) { chars -> String in
            let length = withVaList([value]) { vsnprintf(chars.baseAddress, chars.count, "%f", $0) }
            return String(decoding: UnsafeRawBufferPointer(start: chars.baseAddress, count: Int(length)), as: UTF8.self)
        }
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
