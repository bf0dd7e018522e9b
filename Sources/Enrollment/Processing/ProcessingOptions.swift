/// How a processor runs a file: limits, progress cadence and whether rows are counted first.
public struct ProcessingOptions: Sendable, Equatable {
    /// The reading limits; exceeding one refuses the file.
    public var limits: ReadingLimits
    /// Progress is reported to the sink after every this many rows (and once at the start and the end).
    public var progressInterval: Int
    /// Whether a first, read-only pass checks the whole file and counts its rows exactly before any row is
    /// applied, so that every refusal of the file itself (not text, too many rows, a bad header) comes before the
    /// sink sees anything. It decodes and splits the file twice, about an eighth of an import's cost.
    ///
    /// Without it, an import still knows its total from the start ("45,000 of 100,000 rows"): `RowEstimate`
    /// counts line ends with `memchr`, and a refusal found mid-file leaves the rows before it recorded on the
    /// sink, which the caller discards with the run (nothing applied). A bulk invite reports no total until it
    /// ends, so `InviteProcessor` counts first by default.
    public var countsRowsFirst: Bool

    /// Options with the documented defaults: default limits, progress every 1,000 rows, not counting first.
    public init(limits: ReadingLimits = ReadingLimits(), progressInterval: Int = 1000, countsRowsFirst: Bool = false) {
        precondition(progressInterval > 0, "progressInterval must be positive")
        self.limits = limits
        self.progressInterval = progressInterval
        self.countsRowsFirst = countsRowsFirst
    }
}
