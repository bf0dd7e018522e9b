import Dispatch
import HTTPServer
import HTTPWire
import Synchronization

/// A responder for tests: a closure per method; answers synchronously unless `delay` is set.
struct TestResponder: HTTPResponder {
    var decide: @Sendable (RequestHead) -> BodyDecision = { _ in .buffer(limit: 1 << 20) }
    var answer: @Sendable (Request) -> Response = { request in
        Response(body: .bytes(Array("\(request.method) \(request.path) \(request.body.bytes.count)".utf8)))
    }
    /// Seconds to wait (on another thread) before answering.
    var delay: @Sendable (Request) -> Double = { _ in 0 }

    func bodyDecision(for head: RequestHead) -> BodyDecision { decide(head) }

    func respond(to request: Request, completion: @escaping @Sendable (Response) -> Void) {
        let response = answer(request)
        let seconds = delay(request)
        if seconds > 0 {
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { completion(response) }
        } else {
            completion(response)
        }
    }
}

/// Counts the bytes streamed into it.
final class CountingSink: RequestBodySink {
    private let state = Mutex<(bytes: Int, largestWrite: Int, finished: Bool, abandoned: Bool)>((0, 0, false, false))

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        state.withLock {
            $0.bytes += bytes.count
            $0.largestWrite = max($0.largestWrite, bytes.count)
        }
    }
    func finish() throws { state.withLock { $0.finished = true } }
    func abandon() { state.withLock { $0.abandoned = true } }

    var count: Int { state.withLock { $0.bytes } }
    var largestWrite: Int { state.withLock { $0.largestWrite } }
    var isFinished: Bool { state.withLock { $0.finished } }
    var isAbandoned: Bool { state.withLock { $0.abandoned } }
}

/// Collects access-log lines.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

/// Starts a server on a free loopback port with short timeouts, runs `body`, and shuts the server down.
func withServer(
    _ responder: TestResponder = TestResponder(),
    configuration: ServerConfiguration = .forTests,
    log: LogLines? = nil,
    _ body: (Int) throws -> Void
) throws {
    var accessLog: (@Sendable (String) -> Void)?
    if let log { accessLog = { line in log.append(line) } }
    let server = HTTPServer(configuration: configuration, responder: responder, accessLog: accessLog)
    let port = try server.start()
    defer { server.shutdown() }
    try body(port)
}

extension ServerConfiguration {
    /// Loopback, any free port, two loops, short timeouts.
    static var forTests: ServerConfiguration {
        ServerConfiguration(
            host: "127.0.0.1", port: 0, loopCount: 2, headerReadTimeout: .seconds(2), idleTimeout: .seconds(5),
            bodyReadTimeout: .seconds(2), shutdownGracePeriod: .seconds(2))
    }
}
