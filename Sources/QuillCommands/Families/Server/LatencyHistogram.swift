// A command's latency distribution, laid out exactly as the HdrHistogram Redis 7.0 keeps
// per command (hdr_init(1, 1_000_000_000, 2): nanoseconds from 1 ns to 1 s, two significant
// digits), so LATENCY HISTOGRAM's buckets and INFO latencystats' percentiles come out with
// Redis's very numbers.
//
// That layout: values below 256 have their own slot; above, each power-of-two range
// [2^k, 2^(k+1)) is split into 128 slots of 2^(k-7) ns. A slot is known by its lowest
// value; a value is reported as the highest value of its slot (its "highest equivalent").
// 3,072 counters cover the range. They are allocated on a command's first call, as Redis
// allocates its histogram lazily.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct LatencyHistogram: Sendable {
    /// Redis's LATENCY_HISTOGRAM_MIN_VALUE and LATENCY_HISTOGRAM_MAX_VALUE, in nanoseconds.
    static let lowestValue: Int64 = 1
    static let highestValue: Int64 = 1_000_000_000
    private static let subBucketHalfCountMagnitude = 7
    private static let subBucketHalfCount = 1 << subBucketHalfCountMagnitude
    private static let subBucketMask: Int64 = (1 << (subBucketHalfCountMagnitude + 1)) - 1
    /// (bucket count 23 + 1) × half a bucket.
    static let countsLength = 24 * subBucketHalfCount

    private var counts = [Int64](repeating: 0, count: LatencyHistogram.countsLength)
    public private(set) var totalCount: Int64 = 0

    public init() {}

    /// Records one call that lasted `microseconds` (clamped to 1 ns … 1 s, as Redis clamps).
    public mutating func record(microseconds: Int64) {
        let nanoseconds = min(max(microseconds &* 1000, Self.lowestValue), Self.highestValue)
        counts[Self.index(of: nanoseconds)] += 1
        totalCount += 1
    }

    // MARK: Slot arithmetic (hdr_histogram.c)

    private static func bucketIndex(of value: Int64) -> Int {
        (64 - (value | subBucketMask).leadingZeroBitCount) - (subBucketHalfCountMagnitude + 1)
    }

    static func index(of value: Int64) -> Int {
        let bucket = bucketIndex(of: value)
        let subBucket = Int(value >> Int64(bucket))
        return ((bucket + 1) << subBucketHalfCountMagnitude) + (subBucket - subBucketHalfCount)
    }

    /// The lowest value of slot `index`.
    static func value(atIndex index: Int) -> Int64 {
        var bucket = (index >> subBucketHalfCountMagnitude) - 1
        var subBucket = (index & (subBucketHalfCount - 1)) + subBucketHalfCount
        if bucket < 0 {
            subBucket -= subBucketHalfCount
            bucket = 0
        }
        return Int64(subBucket) << Int64(bucket)
    }

    static func lowestEquivalent(_ value: Int64) -> Int64 {
        let bucket = bucketIndex(of: value)
        return (value >> Int64(bucket)) << Int64(bucket)
    }

    static func highestEquivalent(_ value: Int64) -> Int64 {
        let bucket = bucketIndex(of: value)
        let subBucket = value >> Int64(bucket)
        let adjusted = subBucket >= 2 * Int64(subBucketHalfCount) ? bucket + 1 : bucket
        return lowestEquivalent(value) + (Int64(1) << Int64(adjusted)) - 1
    }

    // MARK: Reports

    /// hdr_value_at_percentile: the highest equivalent of the slot where the cumulative count
    /// reaches the percentile (the lowest equivalent for percentile 0), in nanoseconds.
    public func value(atPercentile percentile: Double) -> Int64 {
        let requested = min(percentile, 100)
        let wanted = max(Int64((requested / 100) * Double(totalCount) + 0.5), 1)
        var cumulative: Int64 = 0
        var found: Int64 = 0
        for index in counts.indices {
            cumulative += counts[index]
            if cumulative >= wanted {
                found = Self.value(atIndex: index)
                break
            }
        }
        return percentile == 0 ? Self.lowestEquivalent(found) : Self.highestEquivalent(found)
    }

    /// LATENCY HISTOGRAM's buckets (hdr_iter_log_init(1024, 2)): at each power of two from
    /// 1,024 ns, the highest equivalent value in microseconds and the number of calls up to
    /// it, listing a bucket only when its count grew.
    public var cumulativeBuckets: [(microseconds: Int64, count: Int64)] {
        var buckets: [(microseconds: Int64, count: Int64)] = []
        var level: Int64 = 1024
        var index = -1
        var cumulative: Int64 = 0
        var previous: Int64 = 0
        while cumulative < totalCount {
            // Move through the slots up to the one holding the level, counting their calls;
            // a level past the last slot is never reported.
            let levelLowest = Self.lowestEquivalent(level)
            while index < 0 || Self.value(atIndex: index) < levelLowest {
                index += 1
                guard index < counts.count else { return buckets }
                cumulative += counts[index]
            }
            if cumulative > previous {
                buckets.append((Self.highestEquivalent(level) / 1000, cumulative))
            }
            previous = cumulative
            level *= 2
        }
        return buckets
    }
}
