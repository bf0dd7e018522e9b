import Mail

/// Formats numbers and times for pages: arithmetic only, no formatter objects per value.
enum DisplayFormat {
    /// `1234567` → `1,234,567`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return value < 0 ? "-" + out : out
    }

    /// `2026-11-21 17:38 UTC` from milliseconds since 1970.
    static func dateTime(milliseconds: Int64) -> String {
        let parts = components(milliseconds)
        return "\(parts.date) \(parts.time.prefix(5)) UTC"
    }

    /// `2026-11-21T17:38:07Z`, for `<time datetime>`.
    static func iso(milliseconds: Int64) -> String {
        let parts = components(milliseconds)
        return "\(parts.date)T\(parts.time)Z"
    }

    private static func components(_ milliseconds: Int64) -> (date: String, time: String) {
        let seconds = milliseconds / 1000
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let second = Int(seconds - days * 86400)
        let civil = RFC5322Date.civil(fromDays: days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return (
            "\(civil.year)-\(two(civil.month))-\(two(civil.day))",
            "\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))"
        )
    }
}
