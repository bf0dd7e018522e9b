/// The `Date` field value (IMF-fixdate, RFC 9110 §5.6.7), formatted at most once per second.
///
/// A value owned by one event loop; the caller passes the current time (library code never reads the clock), so a
/// response costs a comparison, not a formatter.
public struct HTTPDateCache: Sendable {
    private var second = Int.min
    private var cached: [UInt8] = []

    public init() {}

    /// The IMF-fixdate bytes for `epochSeconds` (seconds since 1970-01-01T00:00:00Z), reformatted only when the second
    /// changed since the last call.
    public mutating func bytes(epochSeconds: Int) -> [UInt8] {
        if epochSeconds != second {
            second = epochSeconds
            cached = Self.format(epochSeconds: epochSeconds)
        }
        return cached
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Formats `epochSeconds` as `Sun, 06 Nov 1994 08:49:37 GMT`.
    public static func format(epochSeconds: Int) -> [UInt8] {
        let days = epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400
        let secondOfDay = epochSeconds - days * 86_400
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let weekday = ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday (4)
        var out: [UInt8] = []
        out.reserveCapacity(29)
        out.append(contentsOf: weekdays[weekday].utf8)
        out.append(contentsOf: ", ".utf8)
        appendTwoDigits(day, to: &out)
        out.append(0x20)
        out.append(contentsOf: months[month - 1].utf8)
        out.append(0x20)
        appendTwoDigits(year / 100, to: &out)
        appendTwoDigits(year % 100, to: &out)
        out.append(0x20)
        appendTwoDigits(secondOfDay / 3600, to: &out)
        out.append(0x3A)
        appendTwoDigits(secondOfDay / 60 % 60, to: &out)
        out.append(0x3A)
        appendTwoDigits(secondOfDay % 60, to: &out)
        out.append(contentsOf: " GMT".utf8)
        return out
    }

    private static func appendTwoDigits(_ value: Int, to out: inout [UInt8]) {
        out.append(UInt8(0x30 + value / 10))
        out.append(UInt8(0x30 + value % 10))
    }

    /// Proleptic Gregorian date of a day count (H. Hinnant's `civil_from_days`).
    static func civilDate(daysSinceEpoch: Int) -> (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
