import Glibc

/// Finds `chromium` and `chromedriver` and decides whether browser tests run, skip or fail.
///
/// Locally a machine without the tools skips the browser tests; with `CI=true` missing tools are a failure, so
/// CI can never pass by silently skipping them.
enum BrowserTools {
    /// The decision for one environment.
    enum Availability: Sendable, Equatable {
        /// Both tools were found at these absolute paths.
        case ready(chromium: String, chromedriver: String)
        /// A tool is missing on a developer machine: skip the browser tests.
        case skip(reason: String)
        /// A tool is missing under CI: the browser tests must fail with `reason`.
        case fail(reason: String)
    }

    /// The executable names looked up on `PATH`.
    static let chromiumName = "chromium"
    static let chromedriverName = "chromedriver"

    /// The decision for `environment` (its `PATH` and `CI` variables).
    static func availability(environment: [String: String]) -> Availability {
        let path = environment["PATH"] ?? ""
        let chromium = locate(chromiumName, path: path)
        let chromedriver = locate(chromedriverName, path: path)
        if let chromium, let chromedriver { return .ready(chromium: chromium, chromedriver: chromedriver) }
        let missing = [chromium == nil ? chromiumName : nil, chromedriver == nil ? chromedriverName : nil]
            .compactMap { $0 }.joined(separator: " and ")
        let isCI = ["true", "1"].contains(environment["CI"]?.lowercased() ?? "")
        if isCI {
            return .fail(
                reason: "CI=true but \(missing) not found on PATH; install the chromium and chromium-driver packages")
        }
        return .skip(reason: "\(missing) not found on PATH; browser tests skipped")
    }

    /// The first executable file called `name` in the colon-separated `path`, or nil.
    static func locate(_ name: String, path: String) -> String? {
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            var status = stat()
            if stat(candidate, &status) == 0, status.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        return nil
    }
}
