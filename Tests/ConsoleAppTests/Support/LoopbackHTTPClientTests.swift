import Testing

/// Proves ``LoopbackHTTPClient`` against ``TinyLoopbackServer`` serving ``FixtureSite``, over real loopback sockets.
struct LoopbackHTTPClientTests {
    private func withSite(_ body: (TinyLoopbackServer, LoopbackHTTPClient) throws -> Void) throws {
        let server = try TinyLoopbackServer(handler: FixtureSite.handle)
        defer { server.stop() }
        let client = LoopbackHTTPClient(port: server.port, timeout: .seconds(5))
        defer { client.close() }
        try body(server, client)
    }

    @Test func keepAliveReusesOneConnection() throws {
        try withSite { server, client in
            for _ in 0..<3 {
                let response = try client.get("/connection")
                #expect(response.status == 200)
                #expect(response.text == "1")
            }
            #expect(client.connectionsOpened == 1)
            #expect(server.connectionsAccepted == 1)
        }
    }

    @Test func reconnectsAfterTheServerCloses() throws {
        try withSite { server, client in
            let closing = try client.get("/close")
            #expect(closing.header("connection") == "close")
            #expect(try client.get("/connection").text == "2")
            #expect(client.connectionsOpened == 2)
            #expect(server.connectionsAccepted == 2)
        }
    }

    @Test func decodesAChunkedBodyAndKeepsTheConnection() throws {
        try withSite { _, client in
            let response = try client.get("/chunked")
            #expect(response.header("Transfer-Encoding") == "chunked")
            #expect(response.text == "first second third")
            #expect(try client.get("/connection").text == "1")
        }
    }

    @Test func storesAndSendsCookies() throws {
        try withSite { _, client in
            #expect(try client.get("/cookies/echo").text == "(none)")
            _ = try client.get("/cookies/set")
            #expect(client.cookies["session"] == "s3cr3t")
            #expect(try client.get("/cookies/echo").text == "session=s3cr3t; theme=dark")
            _ = try client.get("/cookies/clear")
            #expect(client.cookies["theme"] == nil)
            #expect(try client.get("/cookies/echo").text == "session=s3cr3t")
        }
    }

    @Test func multipartUploadArrivesByteForByte() throws {
        // Every byte value, CR LF pairs and a near-boundary line: what a careless encoder would mangle.
        let bytes = Array(0...255).map(UInt8.init) + Array("\r\n--\r\n--x\r\n".utf8) + [0, 13, 10]
        try withSite { _, client in
            let response = try client.postMultipart(
                "/file", fields: [("note", "résumé")],
                files: [(field: "upload", fileName: "people.csv", contentType: "text/csv", bytes: bytes)])
            #expect(response.status == 200)
            #expect(response.header("x-file-name") == "people.csv")
            #expect(response.body == bytes)
        }
    }

    @Test func postsAFormAndLeavesTheRedirectToTheTest() throws {
        try withSite { _, client in
            let redirect = try client.post("/greet", form: [("name", "Ada Lovelace & co"), ("email", "")])
            #expect(redirect.status == 303)
            #expect(redirect.location == "/hello?name=Ada+Lovelace+%26+co")
            let page = try client.follow(redirect)
            #expect(page.status == 200)
            #expect(page.text.contains("Hello, Ada Lovelace &amp; co!"))
            #expect(throws: LoopbackHTTPError.notARedirect(status: 200)) { try client.follow(page) }
        }
    }

    @Test func rawExchangeReturnsTheServersAnswerToGarbage() throws {
        try withSite { _, client in
            let answer = String(decoding: try client.rawExchange(bytes: Array("NONSENSE\r\n\r\n".utf8)), as: UTF8.self)
            #expect(answer.hasPrefix("HTTP/1.1 400 "))
        }
    }

    @Test func aSilentServerTimesOutInsteadOfHanging() throws {
        let server = try TinyLoopbackServer(handler: FixtureSite.handle)
        defer { server.stop() }
        let client = LoopbackHTTPClient(port: server.port, timeout: .milliseconds(300))
        let started = ContinuousClock.now
        #expect(throws: LoopbackHTTPError.timedOut(after: .milliseconds(300), received: 0)) {
            try client.get("/slow")
        }
        #expect(ContinuousClock.now - started < .milliseconds(1_500))
    }

    @Test func encodesFormsAsBrowsersDo() {
        #expect(URLEncodedForm.encode([("a b", "x&y=z"), ("é", "*-._~")]) == "a+b=x%26y%3Dz&%C3%A9=*-._%7E")
    }
}
