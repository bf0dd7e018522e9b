/// How a processor runs a file: limits, progress cadence and whether rows are counted first.
public struct ProcessingOptions: Sendable, Equatable {
    /// The reading limits; exceeding one refuses the file.
    public var limits: ReadingLimits
    /// Progress is reported to the sink after every this many rows (and once at the start and the end).
    public var progressInterval: Int
    /// Whether a first, read-only pass checks the whole file and counts its rows before any row is applied.
    /// With it, the status line knows the total from the start ("45,000 of 100,000 rows"), and every refusal of
    /// the file itself (not text, too many rows, a bad header) comes before the sink sees anything. It reads the
    /// file twice; the reading is a small part of a run's cost.
    public var countsRowsFirst: Bool

    /// Options with the documented defaults: default limits, progress every 1,000 rows, counting first.
    public init(limits: ReadingLimits = ReadingLimits(), progressInterval: Int = 1000, countsRowsFirst: Bool = true) {
        precondition(progressInterval > 0, "progressInterval must be positive")
        self.limits = limits
        self.progressInterval = progressInterval
        self.countsRowsFirst = countsRowsFirst
    }
}
