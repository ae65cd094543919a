// LATENCY GRAPH's text (latencyCommandGenSparkeline and sparkline.c): a header with the
// highest and lowest sample and the all-time high, a rule of 80 dashes, then the samples
// as a filled ASCII sparkline four rows high, each column labelled vertically with how long
// ago its sample was taken ("12s", "3m", "5h", "2d"). More than 80 samples wrap into
// further blocks separated by an empty line. The arithmetic follows sparkline.c's exactly
// (including its truncations), so the same samples draw the same picture as Redis.

enum LatencyGraph {
    private static let columns = 80
    private static let rows = 4
    private static let fill: [UInt8] = Array("_o#".utf8)

    static func render(event: String, series: LatencyMonitor.TimeSeries, nowSeconds: Int64) -> String {
        let samples = series.history
        let values = samples.map(\.latency)
        let high = values.max() ?? 0
        let low = values.min() ?? 0
        var text = "\(event) - high \(high) ms, low \(low) ms (all time high \(series.allTimeHigh) ms)\n"
        text += String(repeating: "-", count: columns) + "\n"
        let labels = samples.map { label(elapsed: nowSeconds - $0.time) }
        var start = 0
        while start < samples.count {
            let end = min(start + columns, samples.count)
            if start != 0 { text += "\n" }
            text += renderRange(values: values, labels: labels, range: start..<end,
                                minimum: Double(low), maximum: Double(high))
            start = end
        }
        return text
    }

    private static func label(elapsed: Int64) -> String {
        if elapsed < 60 { return "\(elapsed)s" }
        if elapsed < 3600 { return "\(elapsed / 60)m" }
        if elapsed < 3600 * 24 { return "\(elapsed / 3600)h" }
        return "\(elapsed / (3600 * 24))d"
    }

    /// Rows of characters for the samples in `range`: the sparkline, one blank row, then the
    /// labels written downwards.
    private static func renderRange(values: [Int], labels: [String], range: Range<Int>,
                                    minimum: Double, maximum: Double) -> String {
        let steps = fill.count * rows
        let span = maximum - minimum == 0 ? 1 : maximum - minimum
        let stepOf = range.map { index -> Int in
            let scaled = Double(Int((Double(values[index]) - minimum) * Double(steps))) / span
            return min(max(Int(scaled), 0), steps - 1)
        }
        let labelBytes = range.map { Array(labels[$0].utf8) }
        var output = ""
        var row = 0
        while true {
            var line = [UInt8](repeating: UInt8(ascii: " "), count: range.count)
            var more = false
            if row < rows {
                more = true
                for (j, step) in stepOf.enumerated() {
                    let charIndex = step - (rows - row - 1) * fill.count
                    if charIndex >= 0 && charIndex < fill.count {
                        line[j] = fill[charIndex]
                    } else if charIndex >= fill.count {
                        line[j] = UInt8(ascii: "|")
                    }
                }
            } else if row == rows {
                more = true
            } else {
                let labelRow = row - rows - 1
                for (j, label) in labelBytes.enumerated() where labelRow < label.count {
                    more = true
                    line[j] = label[labelRow]
                }
            }
            guard more else { return output }
            output += String(decoding: line, as: UTF8.self) + "\n"
            row += 1
        }
    }
}
