import Foundation
import HTTPServer
import HTTPWire
import Synchronization
import Templating
import Web

#if canImport(Glibc)
    import Glibc
#endif

/// `serve-peers --port N`: the peer contract of the shared peer benchmark (`/hello`, `/history`, `/upload`) on
/// our `HTTPServer` and `Web` router, so the comparison script measures us beside the framework peers.
///
/// `/history` is rendered on every request by our `TemplateLibrary` from `PeerServer.historyTemplate` and the
/// 50 fixed rows of the peer data rule; `/upload` streams the body through our `MultipartParser` and counts
/// the lines of the `file` part. Serves 127.0.0.1 until SIGTERM or SIGINT.
enum PeerServer {
    /// The page, byte for byte what the peers' Mustache and Leaf templates produce.
    static let historyTemplate = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>{{title}}</title>
        </head>
        <body>
        <h1>{{title}}</h1>
        <table>
        <thead><tr><th>ID</th><th>File name</th><th>Uploaded at</th><th>Total</th><th>Succeeded</th>\
        <th>Failed</th><th></th></tr></thead>
        <tbody>
        {{#rows}}<tr><td>{{id}}</td><td>{{fileName}}</td><td>{{uploadedAt}}</td><td>{{total}}</td>\
        <td>{{succeeded}}</td><td>{{failed}}</td><td><a href="/imports/{{id}}">details</a></td></tr>
        {{/rows}}</tbody>
        </table>
        </body>
        </html>

        """

    /// The context of `/history`: the peers' title and rows (their `HistoryData.makeRow`, rebuilt here).
    static let historyContext: TemplateValue = {
        func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let rows: [TemplateValue] = (1...50).map { i in
            let fileName: String
            switch i % 5 {
            case 0: fileName = "sales <Q\(i % 4 + 1)> & \"final\" \(i).csv"
            case 1: fileName = "customers_\(i).csv"
            case 2: fileName = "R&D budget \(i) <draft>.csv"
            case 3: fileName = "O'Brien \"export\" \(i).csv"
            default: fileName = "café-orders-\(i).csv"
            }
            let day = 1 + (i - 1) % 28
            let total = 1000 + i * 137
            let failed = (i * 7) % 23
            return [
                "id": .int(1000 + i), "fileName": .string(fileName),
                "uploadedAt": .string("2024-05-\(pad2(day)) \(pad2((i * 7) % 24)):\(pad2((i * 13) % 60)):00"),
                "total": .int(total), "succeeded": .int(total - failed), "failed": .int(failed),
            ]
        }
        return ["title": "Import history & <recent>", "rows": .list(rows)]
    }()

    static func run(port: Int) throws {
        let templates = try TemplateLibrary(templates: ["history": historyTemplate])
        var router = RouterBuilder()
        router.get("/hello", access: .public) { _ in Response.text("ok") }
        router.get("/history", access: .public) { _ in
            var bytes: [UInt8] = []
            try templates.render("history", historyContext, into: &bytes)
            return Response(
                status: .ok, headers: ["Content-Type": "text/html; charset=utf-8"], body: .bytes(bytes))
        }
        router.post(
            "/upload",
            body: .stream(
                limit: 1 << 30,
                makeSink: { head in try LineCountingSink(contentType: head.headers["Content-Type"] ?? "") }),
            access: .public
        ) { request in
            let sink = try request.streamedBody(as: LineCountingSink.self)
            return Response.text("lines=\(sink.lines)")
        }
        let web = WebApplication(
            router: try router.build(),
            options: WebApplication.Options(
                logError: { note("serve-peers: \($0)") },
                securityHeaders: SecurityHeaders(fields: [], defaultCacheControl: "no-store")))
        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = port
        let server = HTTPServer(configuration: configuration, responder: PeerResponder(web: web))

        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        let bound = try server.start()
        note("serve-peers: listening on 127.0.0.1:\(bound)")
        var received: Int32 = 0
        sigwait(&signals, &received)
        server.shutdown()
    }
}

private struct PeerResponder: HTTPResponder {
    let web: WebApplication
    func bodyDecision(for head: RequestHead) -> BodyDecision { web.bodyDecision(for: head) }
    func respond(to request: Request, completion: @escaping @Sendable (Response) -> Void) {
        web.respond(to: request, completion: completion)
    }
}

/// Streams a multipart body and counts the lines of its `file` part: `\n` bytes, plus one when the part is
/// non-empty and does not end in `\n` (the peer contract).
private final class LineCountingSink: RequestBodySink {
    private struct State {
        var parser: MultipartParser
        var isFilePart = false
        var newlines = 0
        var bytes = 0
        var last: UInt8 = 0x0A
    }

    // The server calls the sink from one loop thread; the mutex makes the hand-over to the handler safe.
    private let state: Mutex<State>

    init(contentType: String) throws {
        state = Mutex(State(parser: MultipartParser(boundary: try MultipartBoundary.parse(contentType: contentType))))
    }

    var lines: Int { state.withLock { $0.newlines + ($0.bytes > 0 && $0.last != 0x0A ? 1 : 0) } }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try state.withLock { (state) throws(MultipartError) in
            var isFilePart = state.isFilePart
            var newlines = 0
            var count = 0
            var last = state.last
            try state.parser.feed(bytes) { event in
                switch event {
                case .partStart(let head): isFilePart = head.name == "file"
                case .partEnd: isFilePart = false
                case .partData(let data):
                    guard isFilePart, let base = data.baseAddress, !data.isEmpty else { return }
                    var pointer = base
                    var remaining = data.count
                    while remaining > 0, let hit = memchr(pointer, 0x0A, remaining) {
                        newlines += 1
                        let consumed = UnsafeRawPointer(hit) - pointer + 1
                        pointer += consumed
                        remaining -= consumed
                    }
                    count += data.count
                    last = data[data.count - 1]
                }
            }
            state.isFilePart = isFilePart
            state.newlines += newlines
            state.bytes += count
            state.last = last
        }
    }

    func finish() throws {
        try state.withLock { (state) throws(MultipartError) in try state.parser.finish() }
    }

    func abandon() {}
}
