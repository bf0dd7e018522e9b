import Foundation

/// `peers`: the peer servers of `../shared/peers/` (Hummingbird, Vapor, FlyingFox) and this console's
/// `serve-peers`, measured in this run by the peers' own `compare.sh` on their page and upload tests; its table's
/// rows become rows of this one.
///
/// The peers are third-party servers whose release build takes minutes, in a folder of their own that must be
/// writable (the shared one is not), so this case runs on a copy already built: `--peers DIR`, where `DIR` holds
/// `compare.sh` and `.build/release/peer-*`. Without one, its row says how to make one.
func runPeersCase(folder: String?, seconds: Int) -> [BenchRow] {
    let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
    guard let folder, FileManager.default.isExecutableFile(atPath: folder + "/.build/release/peer-vapor"),
        let bash = which("bash")
    else {
        return [
            BenchRow(
                bench: "peers", scenario: "Hummingbird, Vapor, FlyingFox", result: "not run",
                notes: "copy ../shared/peers, run `swift build -c release` in the copy, pass `--peers <copy>`")
        ]
    }
    let scratch = try? ScratchFolder("peers")
    defer { scratch?.remove() }
    let arguments = [
        folder + "/compare.sh", "--no-build", "--rounds", "2", "--duration", "\(min(max(seconds, 1), 15))",
        "--out", scratch?.path ?? NSTemporaryDirectory(),
        "--also", "ours=\(executable) serve-peers --port 8090@http://127.0.0.1:8090",
    ]
    note("peers: compare.sh in \(folder) (load average \(Machine.loadAverage))")
    guard let output = try? runProgram(bash, arguments) else {
        return [BenchRow(bench: "peers", scenario: "compare.sh", result: "failed (see above)")]
    }
    let rows = peerRows(fromComparison: output)
    return rows.isEmpty ? [BenchRow(bench: "peers", scenario: "compare.sh", result: "no table in its output")] : rows
}

/// The rows of `compare.sh`'s markdown table (`| server | pin | hello req/s | history req/s | history p99 ms |
/// upload MB/s | peak RSS (wrk) | peak RSS (end) | idle RSS | hello µs/req | history µs/req | body, startup |`), two
/// rounds per figure as "r1 / r2".
func peerRows(fromComparison output: String) -> [BenchRow] {
    var rows: [BenchRow] = []
    var isInTable = false
    for line in output.split(separator: "\n") {
        let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if cells.first == "server" {
            isInTable = true
            continue
        }
        guard isInTable, cells.count >= 12, !cells[0].hasPrefix("-") else { continue }
        rows.append(
            BenchRow(
                bench: "peers", scenario: cells[0] == "ours" ? "Enrollment Console (serve-peers)" : cells[0],
                result: "/hello \(cells[2]) req/s · /history \(cells[3]) req/s, p99 \(cells[4]) ms · upload "
                    + "\(cells[5]) MB/s",
                notes: "peak RSS \(cells[7]) MiB; server CPU per request: /hello \(cells[9]) µs, /history "
                    + "\(cells[10]) µs; /history body \(cells[11]); wrk -t2 -c64, two rounds"))
    }
    return rows
}
