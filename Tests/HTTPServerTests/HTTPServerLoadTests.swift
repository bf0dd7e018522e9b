import Dispatch
import Foundation
import HTTPWire
import Synchronization
import Testing

@testable import HTTPServer

/// Slow clients, many idle connections, a large streamed upload and graceful shutdown.
@Suite(.serialized)
struct HTTPServerLoadTests {
    static func now() -> Double { Date().timeIntervalSince1970 }

    @Test func slowlorisIsCutOffWhileOthersAreServed() throws {
        var configuration = ServerConfiguration.forTests
        configuration.headerReadTimeout = .milliseconds(800)
        try withServer(configuration: configuration) { port in
            let slow = try TestClient(port: port, timeout: 3)
            let start = Self.now()
            let head = Array("GET / HTTP/1.1\r\nHost: t\r\nX-Slow: \(String(repeating: "s", count: 40))\r\n\r\n".utf8)
            let closed = Mutex<Double?>(nil)
            let sender = Thread {
                for byte in head {
                    slow.send([byte])
                    Thread.sleep(forTimeInterval: 0.02)
                    if closed.withLock({ $0 }) != nil { break }
                }
            }
            sender.start()
            // Meanwhile another client is served at once, several times.
            for _ in 0..<5 {
                let other = try TestClient(port: port)
                let before = Self.now()
                other.send(HTTPServerTests.get)
                #expect(try other.readResponse().status == 200)
                #expect(Self.now() - before < 0.5)
                Thread.sleep(forTimeInterval: 0.05)
            }
            let reply = try slow.readResponse()
            closed.withLock { $0 = Self.now() }
            #expect(reply.status == 408)
            #expect(slow.isClosedByServer())
            let elapsed = Self.now() - start
            #expect(elapsed >= 0.75 && elapsed < 2.5, "closed after \(elapsed) s")
        }
    }

    @Test func idleConnectionsAreClosedAfterIdleTimeout() throws {
        var configuration = ServerConfiguration.forTests
        configuration.idleTimeout = .milliseconds(300)
        try withServer(configuration: configuration) { port in
            let client = try TestClient(port: port, timeout: 3)
            client.send(HTTPServerTests.get)
            _ = try client.readResponse()
            let start = Self.now()
            #expect(client.isClosedByServer())
            #expect(Self.now() - start < 1.5)
        }
    }

    @Test func thousandIdleConnectionsDoNotStopService() throws {
        // Each connection takes two descriptors here (client and server side).
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        if limit.rlim_cur < 4096 {
            limit.rlim_cur = min(limit.rlim_max, 4096)
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        try withServer { port in
            var idle: [TestClient] = []
            for index in 0..<1000 {
                let client = try TestClient(port: port)
                if index % 2 == 0 { client.send("GE") }  // half of them with a started head
                idle.append(client)
            }
            let start = Self.now()
            let client = try TestClient(port: port)
            client.send(HTTPServerTests.get)
            #expect(try client.readResponse().status == 200)
            #expect(Self.now() - start < 2)
            #expect(idle.count == 1000)
        }
    }

    /// Resident memory of this process in KiB (`VmRSS`).
    static func residentKiB() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    @Test func largeUploadIsStreamedInBoundedMemory() throws {
        let sink = CountingSink()
        let total = 200 * 1024 * 1024
        let responder = TestResponder(
            decide: { _ in .stream(limit: total, sink: sink) },
            answer: { request in
                guard case .streamed(let streamed as CountingSink) = request.body else {
                    return Response(status: .badRequest)
                }
                return Response(body: .bytes(Array("\(streamed.count)".utf8)))
            })
        try withServer(responder) { port in
            let baseline = Self.residentKiB()
            let peak = Mutex(baseline)
            let sampling = Mutex(true)
            let sampler = Thread {
                while sampling.withLock({ $0 }) {
                    let current = Self.residentKiB()
                    peak.withLock { $0 = max($0, current) }
                    Thread.sleep(forTimeInterval: 0.01)
                }
            }
            sampler.start()
            let client = try TestClient(port: port, timeout: 30)
            client.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: \(total)\r\n\r\n")
            let chunk = [UInt8](repeating: 0x61, count: 1 << 20)
            for _ in 0..<(total / chunk.count) { client.send(chunk) }
            let reply = try client.readResponse()
            sampling.withLock { $0 = false }
            #expect(reply.status == 200)
            #expect(reply.text == "\(total)")
            #expect(sink.count == total)
            #expect(sink.isFinished)
            #expect(sink.largestWrite <= 64 * 1024, "the body reaches the sink one read buffer at a time")
            let growth = peak.withLock { $0 } - baseline
            #expect(growth < 64 * 1024, "resident memory grew by \(growth) KiB")
        }
    }

    @Test func backPressureKeepsLargePipelinedResponsesInOrder() throws {
        let responder = TestResponder(answer: { request in
            Response(
                body: .bytes([UInt8](repeating: UInt8(ascii: "a") + UInt8(request.path.count % 20), count: 300_000)))
        })
        var configuration = ServerConfiguration.forTests
        configuration.writeBufferHighWaterMark = 1024
        try withServer(responder, configuration: configuration) { port in
            let client = try TestClient(port: port)
            let paths = (1...6).map { "/" + String(repeating: "p", count: $0) }
            client.send(paths.map { "GET \($0) HTTP/1.1\r\nHost: t\r\n\r\n" }.joined())
            Thread.sleep(forTimeInterval: 0.1)  // let the server fill the socket and pause
            for path in paths {
                let reply = try client.readResponse()
                #expect(reply.body.count == 300_000)
                #expect(reply.body.first == UInt8(ascii: "a") + UInt8(path.count % 20))
            }
        }
    }

    @Test func shutdownFinishesTheSlowResponseInFlight() throws {
        let responder = TestResponder(delay: { $0.path == "/slow" ? 0.4 : 0 })
        var configuration = ServerConfiguration(
            host: "127.0.0.1", port: 0, loopCount: 2, shutdownGracePeriod: .seconds(5))
        configuration.idleTimeout = .seconds(5)
        let server = HTTPServer(configuration: configuration, responder: responder)
        let port = try server.start()
        let idle = try TestClient(port: port)
        idle.send(HTTPServerTests.get)
        _ = try idle.readResponse()
        let busy = try TestClient(port: port)
        busy.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        Thread.sleep(forTimeInterval: 0.1)
        let start = Self.now()
        let finished = Mutex(false)
        let stopper = Thread {
            server.shutdown()
            finished.withLock { $0 = true }
        }
        stopper.start()
        let reply = try busy.readResponse()
        #expect(reply.status == 200)
        #expect(reply.text == "GET /slow 0")
        #expect(reply.header("Connection") == "close")
        #expect(busy.isClosedByServer())
        #expect(idle.isClosedByServer())
        while !finished.withLock({ $0 }) && Self.now() - start < 5 { Thread.sleep(forTimeInterval: 0.01) }
        #expect(finished.withLock { $0 })
        #expect(Self.now() - start < 2)
        #expect(throws: TestClient.ClientError.self) { try TestClient(port: port) }
    }

    @Test func shutdownGraceIsBounded() throws {
        let responder = TestResponder(delay: { _ in 3 })
        let configuration = ServerConfiguration(
            host: "127.0.0.1", port: 0, loopCount: 1, shutdownGracePeriod: .milliseconds(200))
        let server = HTTPServer(configuration: configuration, responder: responder)
        let port = try server.start()
        let client = try TestClient(port: port)
        client.send(HTTPServerTests.get)
        Thread.sleep(forTimeInterval: 0.05)
        let start = Self.now()
        server.shutdown()
        #expect(Self.now() - start < 1)
        #expect(client.isClosedByServer())
    }
}
