import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// EnrollmentBench: the console's performance figures, printed as one markdown table.
//
//   swift run -c release EnrollmentBench [name…] [--rows 10000,100000,1000000] [--seconds 5]
//   swift run -c release EnrollmentBench serve-peers --port 8090
//
// Every measured case runs in a child process of its own (`--child CASE ARGS`), so that its peak RSS is its own.

let allNames = ["import", "update", "invite", "coldstart", "repository", "pages", "upload", "peers"]
let usage = """
    Usage: EnrollmentBench [name…] [--rows N,N,…] [--seconds S] [--peers DIR]
           EnrollmentBench serve-peers --port N
           EnrollmentBench reader [rows]

    Names: \(allNames.joined(separator: ", ")) (default: all of them).
      import      10k, 100k and 1M generated rows uploaded through the real server, to the commit; Python csv.reader
      update      an import updating every one of 1M existing users, to the commit
      invite      100k addresses through the Bulk Invite page
      coldstart   opening a data folder of 1M users: repository and whole console
      repository  1M upserts made durable in one commit
      pages       wrk on four pages while 1M-row imports run
      upload      a 100 MB multipart upload, to the server's reply
      peers       the peer servers' compare.sh against serve-peers, on a built copy of ../shared/peers (--peers)
      journal     the repository's own journal figures: commits, loads from journal and snapshot (in process)
      reader      the import reader alone (in process)
    Options:
      --rows N,…  import sizes (default 10000,100000,1000000); the largest is used by pages and coldstart
      --seconds S wrk duration per page (default 5)
      --peers DIR a copy of ../shared/peers built with `swift build -c release`, for the peers case
    """

/// Runs one case in this process and prints its `ROW`/`VAL` lines.
func runChild(_ arguments: [String], resultDescriptor: Int32) -> Int32 {
    guard let name = arguments.first else { return 2 }
    let number = arguments.count > 1 ? Int(arguments[1]) ?? 0 : 0
    do {
        let lines: [String]
        switch name {
        case "import": lines = try runImportCase(rows: number)
        case "update": lines = try runUpdateCase(rows: number)
        case "invite": lines = try runInviteCase(count: number)
        case "upload": lines = try runUploadCase(megabytes: number, repeats: 3)
        case "repository": lines = try runRepositoryCase(count: number)
        case "coldstart-make": lines = try makeColdStartFolder(count: number)
        case "coldstart-open": lines = try runColdStartCase(folder: arguments[1])
        case "pages": lines = try runPagesCase(rows: number, seconds: arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5)
        default:
            FileHandle.standardError.write(Data("unknown case \(name)\n".utf8))
            return 2
        }
        let output = FileHandle(fileDescriptor: resultDescriptor)
        for line in lines { output.write(Data((line + "\n").utf8)) }
        return 0
    } catch {
        FileHandle.standardError.write(Data("\(name) failed: \(error)\n".utf8))
        return 1
    }
}

/// Runs a case in a child process; returns its rows and values.
func spawn(_ arguments: [String]) -> (rows: [BenchRow], values: [String: String]) {
    let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
    note("\(arguments.joined(separator: " ")) (load average \(Machine.loadAverage))")
    guard let output = try? runProgram(executable, ["--child"] + arguments) else { return ([], [:]) }
    var rows: [BenchRow] = []
    var values: [String: String] = [:]
    defer {
        // A child that left its console running (mail still spooling) leaves its folder to us.
        if let scratch = values["scratch"], scratch.contains("enrollment-bench-") {
            try? FileManager.default.removeItem(atPath: scratch)
        }
    }
    for line in output.split(separator: "\n") {
        if let row = BenchRow(encoded: line) {
            rows.append(row)
        } else if line.hasPrefix("VAL\t") {
            let parts = line.split(separator: "\t", maxSplits: 2)
            if parts.count == 3 { values[String(parts[1])] = String(parts[2]) }
        } else {
            print(line)
        }
    }
    if rows.isEmpty {
        rows.append(
            BenchRow(
                bench: arguments[0], scenario: arguments.dropFirst().joined(separator: " "),
                result: "failed (see above)"))
    }
    return (rows, values)
}

func runBenchmarks(names: [String], sizes: [Int], seconds: Int, peersFolder: String?) {
    let startLoad = Machine.loadAverage
    var rows: [BenchRow] = []
    let largest = sizes.max() ?? 1_000_000
    for name in names {
        switch name {
        case "import":
            var seconds: [Int: Double] = [:]
            var cpu: [Int: Double] = [:]
            for size in sizes {
                let (found, values) = spawn(["import", "\(size)"])
                rows += found
                seconds[size] = values["import.\(size)"].flatMap(Double.init)
                cpu[size] = values["cpu.\(size)"].flatMap(Double.init)
            }
            if let small = seconds[10_000], let large = seconds[1_000_000] {
                let ratio = large / (100 * small)
                var notes = String(format: "1M %.3f s; 100 × 10k = %.3f s", large, 100 * small)
                if let smallCPU = cpu[10_000], let largeCPU = cpu[1_000_000] {
                    notes += String(
                        format: "; by CPU time %.2f× (%.3f s vs %.3f s)", largeCPU / (100 * smallCPU), largeCPU,
                        100 * smallCPU)
                }
                rows.append(
                    BenchRow(
                        bench: "import", scenario: "linearity: 1M ÷ (100 × 10k)",
                        result: String(format: "%.2f×", ratio), goal: "≤ 1.2×: \(Format.verdict(ratio <= 1.2))",
                        notes: notes))
            }
        case "update": rows += spawn(["update", "\(largest)"]).rows
        case "invite": rows += spawn(["invite", "100000"]).rows
        case "upload": rows += spawn(["upload", "100"]).rows
        case "peers": rows += runPeersCase(folder: peersFolder, seconds: seconds)
        case "repository": rows += spawn(["repository", "1000000"]).rows
        case "pages": rows += spawn(["pages", "\(largest)", "\(seconds)"]).rows
        case "coldstart":
            let made = spawn(["coldstart-make", "\(largest)"])
            guard let folder = made.values["folder"] else {
                rows += made.rows
                continue
            }
            rows += spawn(["coldstart-open", folder]).rows
            try? FileManager.default.removeItem(atPath: folder)
        case "journal":
            for line in runRepositoryBenchmark(users: largest) { print(line) }
        case "reader":
            for line in runReaderBenchmark(rows: sizes.max() ?? 1_000_000) { print(line) }
        default:
            print("unknown benchmark \(name)\n\n\(usage)")
            exit(2)
        }
    }
    print("")
    print("EnrollmentBench — \(Machine.summary) (at start: \(startLoad)); release build")
    print("")
    print("| bench | case | result | goal | notes |")
    print("| --- | --- | --- | --- | --- |")
    for row in rows {
        print("| \(row.bench) | \(row.scenario) | \(row.result) | \(row.goal) | \(row.notes) |")
    }
}

var arguments = Array(CommandLine.arguments.dropFirst())
if ProcessInfo.processInfo.environment["ENROLLMENT_BENCH_LOAD_ONLY"] != nil {
    // The journal benchmark re-runs this executable to load its folder in a fresh process.
    for line in runRepositoryBenchmark(users: 0) { print(line) }
    exit(0)
}
if arguments.first == "--child" {
    // A child writes its `ROW`/`VAL` lines to the original standard output; standard output itself goes to
    // /dev/null, because the console writes its access log there (one line per request, still written).
    let resultDescriptor = dup(1)
    let null = open("/dev/null", O_WRONLY)
    dup2(null, 1)
    close(null)
    exit(runChild(Array(arguments.dropFirst()), resultDescriptor: resultDescriptor))
}
if arguments.first == "serve-peers" {
    var port = 8090
    if let index = arguments.firstIndex(of: "--port"), index + 1 < arguments.count, let n = Int(arguments[index + 1]) {
        port = n
    }
    do {
        try PeerServer.run(port: port)
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("serve-peers: \(error)\n".utf8))
        exit(1)
    }
}
if arguments.contains("--help") || arguments.contains("-h") {
    print(usage)
    exit(0)
}
var sizes = [10_000, 100_000, 1_000_000]
var seconds = 5
var peersFolder: String?
var names: [String] = []
var index = 0
while index < arguments.count {
    switch arguments[index] {
    case "--rows" where index + 1 < arguments.count:
        sizes = arguments[index + 1].split(separator: ",").compactMap { Int($0) }
        index += 2
    case "--seconds" where index + 1 < arguments.count:
        seconds = Int(arguments[index + 1]) ?? 5
        index += 2
    case "--peers" where index + 1 < arguments.count:
        peersFolder = arguments[index + 1]
        index += 2
    default:
        names.append(arguments[index])
        index += 1
    }
}
runBenchmarks(names: names.isEmpty ? allNames : names, sizes: sizes, seconds: seconds, peersFolder: peersFolder)
