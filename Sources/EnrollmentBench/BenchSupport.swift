import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One line of the results table: which benchmark, which case, the figures, the goal and a verdict.
struct BenchRow: Sendable {
    var bench: String
    var scenario: String
    var result: String
    var goal: String = ""
    var notes: String = ""

    /// The row as one tab-separated line, the way a child process hands it to the parent.
    var encoded: String { "ROW\t\(bench)\t\(scenario)\t\(result)\t\(goal)\t\(notes)" }

    init(bench: String, scenario: String, result: String, goal: String = "", notes: String = "") {
        self.bench = bench
        self.scenario = scenario
        self.result = result
        self.goal = goal
        self.notes = notes
    }

    /// Reads a line written by `encoded`; nil for any other line.
    init?(encoded line: Substring) {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 6, fields[0] == "ROW" else { return nil }
        self.init(bench: fields[1], scenario: fields[2], result: fields[3], goal: fields[4], notes: fields[5])
    }
}

/// Facts about the machine printed beside every table: cores and load average.
enum Machine {
    static var cores: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }

    /// The three load averages of `/proc/loadavg`, as written there.
    static var loadAverage: String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    static var summary: String { "nproc \(cores), load average \(loadAverage)" }
}

/// Memory figures of this process from `/proc/self/status`, in bytes.
enum ProcessMemory {
    /// Peak resident set (`VmHWM`): the whole process, since it started.
    static var peakResident: Int { field("VmHWM:") }
    /// Current resident set (`VmRSS`).
    static var resident: Int { field("VmRSS:") }

    private static func field(_ name: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            let digits = line.dropFirst(name.count).filter(\.isNumber)
            return (Int(digits) ?? 0) * 1024
        }
        return 0
    }
}

/// Processor time (user and kernel) and page faults of this process so far, every thread; `-` gives a span's.
struct ProcessUsage {
    var user = 0.0
    var system = 0.0
    /// Faults served without I/O: mostly first touches of newly allocated memory.
    var minorFaults = 0

    /// User plus kernel seconds.
    var cpu: Double { user + system }

    /// The usage so far.
    static var now: ProcessUsage {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return ProcessUsage(
            user: seconds(usage.ru_utime), system: seconds(usage.ru_stime), minorFaults: usage.ru_minflt)
    }

    static func - (lhs: ProcessUsage, rhs: ProcessUsage) -> ProcessUsage {
        ProcessUsage(
            user: lhs.user - rhs.user, system: lhs.system - rhs.system,
            minorFaults: lhs.minorFaults - rhs.minorFaults)
    }
}

/// Formatting helpers for the table.
enum Format {
    static func seconds(_ duration: Duration) -> String { String(format: "%.3f s", duration.seconds) }
    static func megabytes(_ bytes: Int) -> String { String(format: "%.0f MB", Double(bytes) / 1_000_000) }
    static func rate(_ count: Int, _ duration: Duration, unit: String) -> String {
        let perSecond = Double(count) / max(duration.seconds, 1e-9)
        if perSecond >= 1_000_000 { return String(format: "%.2fM %@/s", perSecond / 1_000_000, unit) }
        if perSecond >= 1_000 { return String(format: "%.0fk %@/s", perSecond / 1_000, unit) }
        return String(format: "%.0f %@/s", perSecond, unit)
    }
    static func count(_ n: Int) -> String {
        if n >= 1_000_000, n % 1_000_000 == 0 { return "\(n / 1_000_000)M" }
        if n >= 1_000, n % 1_000 == 0 { return "\(n / 1_000)k" }
        return "\(n)"
    }
    static func verdict(_ isMet: Bool) -> String { isMet ? "met" : "NOT met" }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

/// A fresh temporary folder, removed by `remove()`.
struct ScratchFolder {
    let path: String

    init(_ label: String) throws {
        path = NSTemporaryDirectory() + "enrollment-bench-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs a program to completion and returns its standard output (standard error passes through).
func runProgram(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// Finds a program on `PATH`.
func which(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
        let candidate = "\(folder)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// Prints progress to standard error, so standard output carries only results.
func note(_ message: String) {
    FileHandle.standardError.write(Data("  · \(message)\n".utf8))
}
