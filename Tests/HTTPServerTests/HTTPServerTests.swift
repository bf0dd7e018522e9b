import Dispatch
import Foundation
import HTTPWire
import Testing

@testable import HTTPServer

struct HTTPServerTests {
    static let get = "GET /a HTTP/1.1\r\nHost: test\r\n\r\n"

    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        let log = LogLines()
        try withServer(log: log) { port in
            let client = try TestClient(port: port)
            for path in ["/one", "/two", "/three"] {
                client.send("GET \(path) HTTP/1.1\r\nHost: test\r\n\r\n")
                let reply = try client.readResponse()
                #expect(reply.status == 200)
                #expect(reply.text == "GET \(path) 0")
                #expect(reply.header("Connection") == nil)
                #expect(reply.header("Date")?.hasSuffix(" GMT") == true)
            }
        }
        let lines = log.all
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("GET /one 200 ") == true)
        #expect(lines.first?.hasSuffix("ms") == true)
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        // The first answer is slow and the others fast: order must still be request order.
        let responder = TestResponder(delay: { $0.path == "/1" ? 0.2 : 0 })
        try withServer(responder) { port in
            let client = try TestClient(port: port)
            client.send((1...3).map { "GET /\($0) HTTP/1.1\r\nHost: test\r\n\r\n" }.joined())
            let texts = try (1...3).map { _ in try client.readResponse().text }
            #expect(texts == ["GET /1 0", "GET /2 0", "GET /3 0"])
        }
    }

    @Test func contentLengthAndChunkedBodies() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            client.send("POST /cl HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\n\r\nhello")
            #expect(try client.readResponse().text == "POST /cl 5")
            client.send("POST /ch HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n")
            client.send("5;x=y\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: 1\r\n\r\n")
            #expect(try client.readResponse().text == "POST /ch 11")
        }
    }

    @Test func chunkedBodyReachesTheApplicationDecoded() throws {
        let responder = TestResponder(answer: { Response(body: .bytes($0.body.bytes)) })
        try withServer(responder) { port in
            let client = try TestClient(port: port)
            client.send(
                "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
            #expect(try client.readResponse().text == "abcde")
        }
    }

    @Test func expectContinueGets100BeforeTheBody() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            client.send("POST /up HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
            let interim = try client.readResponse()
            #expect(interim.status == 100)
            client.send("data")
            let final = try client.readResponse()
            #expect(final.status == 200)
            #expect(final.text == "POST /up 4")
        }
    }

    @Test func expectContinueRefusedGetsFinalStatusAndClose() throws {
        let responder = TestResponder(decide: { _ in .reject(Response(status: .forbidden)) })
        try withServer(responder) { port in
            let client = try TestClient(port: port)
            client.send("POST /up HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
            let reply = try client.readResponse()
            #expect(reply.status == 403)
            #expect(reply.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func headHasHeadersButNoBody() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            client.send("HEAD /page HTTP/1.1\r\nHost: t\r\n\r\n")
            let reply = try client.readResponse(isHead: true)
            #expect(reply.status == 200)
            #expect(reply.header("Content-Length") == "\("HEAD /page 0".utf8.count)")
            // The next response must follow directly: no body bytes in between.
            client.send(Self.get)
            #expect(try client.readResponse().text == "GET /a 0")
        }
    }

    @Test func http10ClosesUnlessKeepAlive() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            client.send("GET /old HTTP/1.0\r\n\r\n")
            let reply = try client.readResponse()
            #expect(reply.header("Connection") == "close")
            #expect(client.isClosedByServer())
            let kept = try TestClient(port: port)
            kept.send("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try kept.readResponse().header("Connection") == "keep-alive")
            kept.send("GET /again HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try kept.readResponse().text == "GET /again 0")
        }
    }

    @Test func fileBodyIsSentFromDisk() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("http-file-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("big.bin").path
        let content = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(content)))
        let responder = TestResponder(answer: { request in
            switch request.path {
            case "/part": Response(body: .file(path: path, offset: 10, length: 100))
            case "/missing": Response(body: .file(path: path + ".missing", offset: 0, length: 10))
            case "/beyond": Response(body: .file(path: path, offset: content.count - 5, length: 10))
            default: Response(body: .file(path: path, offset: 0, length: content.count))
            }
        })
        try withServer(responder) { port in
            let client = try TestClient(port: port)
            client.send("GET /all HTTP/1.1\r\nHost: t\r\n\r\nGET /part HTTP/1.1\r\nHost: t\r\n\r\n")
            let all = try client.readResponse()
            #expect(all.body.count == content.count)
            #expect(all.body == content)
            #expect(try client.readResponse().body == Array(content[10..<110]))
            client.send("GET /missing HTTP/1.1\r\nHost: t\r\n\r\nGET /beyond HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(try client.readResponse().status == 500)
            #expect(try client.readResponse().status == 500)
        }
    }

    @Test func accessLogHasMethodPathStatusBytesAndTime() throws {
        let log = LogLines()
        try withServer(log: log) { port in
            let client = try TestClient(port: port)
            client.send("GET /logged?q=1 HTTP/1.1\r\nHost: t\r\n\r\n")
            _ = try client.readResponse()
        }
        let parts = log.all.first?.split(separator: " ") ?? []
        #expect(parts.count == 5)
        #expect(parts.prefix(3) == ["GET", "/logged", "200"])
        #expect(Int(parts[3]) ?? 0 > 80)
        #expect(parts[4].hasSuffix("ms"))
    }

    @Test func tooManyConnectionsGet503() throws {
        var configuration = ServerConfiguration.forTests
        configuration.maxConnections = 2
        try withServer(configuration: configuration) { port in
            let first = try TestClient(port: port)
            let second = try TestClient(port: port)
            first.send(Self.get)
            second.send(Self.get)
            _ = try first.readResponse()
            _ = try second.readResponse()
            let third = try TestClient(port: port)
            #expect(try third.readResponse().status == 503)
            #expect(third.isClosedByServer())
        }
    }

    @Test func aSecondAnswerToOneRequestIsIgnored() throws {
        struct TwiceResponder: HTTPResponder {
            func bodyDecision(for head: RequestHead) -> BodyDecision { .buffer(limit: 0) }
            func respond(to request: Request, completion: @escaping @Sendable (Response) -> Void) {
                let first = Response(body: .bytes(Array(request.path.utf8)))
                if request.path == "/first" {
                    completion(first)
                    DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) {
                        completion(Response(body: .bytes(Array("stale".utf8))))
                    }
                } else {
                    DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { completion(first) }
                }
            }
        }
        let configuration = ServerConfiguration.forTests
        let server = HTTPServer(configuration: configuration, responder: TwiceResponder())
        let port = try server.start()
        defer { server.shutdown() }
        let client = try TestClient(port: port)
        client.send("GET /first HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().text == "/first")
        client.send("GET /second HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(try client.readResponse().text == "/second")
    }

    @Test func startFailsOnAPortInUseAndTwice() throws {
        try withServer { port in
            var configuration = ServerConfiguration.forTests
            configuration.port = port
            let second = HTTPServer(configuration: configuration, responder: TestResponder())
            #expect(throws: SystemError.self) { try second.start() }
        }
        let server = HTTPServer(configuration: .forTests, responder: TestResponder())
        _ = try server.start()
        #expect(throws: ServerStateError.alreadyStarted) { try server.start() }
        server.shutdown()
        server.shutdown()
    }

    @Test func bindsIPv6Loopback() throws {
        var configuration = ServerConfiguration.forTests
        configuration.host = "::1"
        let server = HTTPServer(configuration: configuration, responder: TestResponder())
        do {
            #expect(try server.start() > 0)
        } catch let error as SystemError where error.errno == EADDRNOTAVAIL || error.errno == EAFNOSUPPORT {
            // No IPv6 on this machine.
        }
        server.shutdown()
    }

    @Test func applicationCanAskToClose() throws {
        let responder = TestResponder(answer: { _ in Response(headers: ["Connection": "close"]) })
        try withServer(responder) { port in
            let client = try TestClient(port: port)
            client.send(Self.get)
            #expect(try client.readResponse().header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }
}
