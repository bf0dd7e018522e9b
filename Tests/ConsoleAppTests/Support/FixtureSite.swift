import Foundation

/// The pages and endpoints ``TinyLoopbackServer`` serves in the test-support self-tests: a home page with a
/// form, a file input, a `<dialog open>`, a link and a `<noscript>`; post/redirect/get targets; and endpoints
/// for keep-alive, chunked bodies, cookies, echoes and timeouts.
enum FixtureSite {
    /// The title of the home page.
    static let homeTitle = "Fixture Home"

    /// Answers `request`; unknown targets get 404.
    @Sendable static func handle(_ request: TinyRequest) -> TinyResponse {
        let (path, query) = split(request.target)
        switch (request.method, path) {
        case ("GET", "/"): return html(homePage)
        case ("GET", "/about"): return html(page(title: "About", body: "<h1 id=\"about\">About this fixture</h1>"))
        case ("POST", "/greet"):
            let name = form(String(decoding: request.body, as: UTF8.self))["name"] ?? ""
            return redirect(to: "/hello?name=\(URLEncodedForm.encode(component: name))")
        case ("GET", "/hello"):
            let greeting = "<h1 id=\"greeting\">Hello, \(escape(query["name"] ?? ""))!</h1>"
            return html(page(title: "Hello", body: greeting))
        case ("POST", "/upload"):
            let file = uploadedFile(request)
            let name = URLEncodedForm.encode(component: file?.name ?? "")
            return redirect(to: "/uploaded?name=\(name)&size=\(file?.bytes.count ?? -1)")
        case ("POST", "/file"):
            guard let file = uploadedFile(request) else { return TinyResponse(status: 400) }
            return TinyResponse(headers: [("X-File-Name", file.name)], body: file.bytes)
        case ("GET", "/uploaded"):
            let text = "Received \(escape(query["name"] ?? "")) (\(query["size"] ?? "?") bytes)"
            return html(page(title: "Uploaded", body: "<p id=\"uploaded\">\(text)</p>"))
        case ("GET", "/connection"): return TinyResponse(body: Array("\(request.connectionNumber)".utf8))
        case ("GET", "/chunked"): return TinyResponse(chunks: ["first ", "second ", "third"].map { Array($0.utf8) })
        case ("GET", "/cookies/set"):
            return TinyResponse(headers: [
                ("Set-Cookie", "session=s3cr3t; Path=/; HttpOnly"), ("Set-Cookie", "theme=dark; Path=/"),
            ])
        case ("GET", "/cookies/clear"): return TinyResponse(headers: [("Set-Cookie", "theme=; Max-Age=0")])
        case ("GET", "/cookies/echo"): return TinyResponse(body: Array((request.header("Cookie") ?? "(none)").utf8))
        case ("POST", "/echo"):
            let type = request.header("Content-Type") ?? "application/octet-stream"
            return TinyResponse(headers: [("Content-Type", type)], body: request.body)
        case ("GET", "/slow"):
            Thread.sleep(forTimeInterval: 2)
            return TinyResponse(body: Array("late".utf8))
        case ("GET", "/close"): return TinyResponse(headers: [("Connection", "close")], body: Array("bye".utf8))
        default: return TinyResponse(status: 404, body: Array("not found".utf8))
        }
    }

    private static let homePage = page(
        title: homeTitle,
        body: """
            <h1>Fixture</h1>
            <noscript><p id="noscript">JavaScript is disabled</p></noscript>
            <p id="script-state">static</p>
            <p id="last-key"></p>
            <script>
            document.getElementById('script-state').textContent = 'scripted';
            document.addEventListener('keydown', function (event) {
                document.getElementById('last-key').textContent = event.key;
            });
            </script>
            <form id="greet" method="post" action="/greet">
              <label>Name <input id="name" name="name"></label>
              <label>Email <input id="email" name="email" type="email"></label>
              <button id="greet-submit" type="submit">Greet</button>
            </form>
            <form id="upload" method="post" action="/upload" enctype="multipart/form-data">
              <input id="file" name="file" type="file">
              <button id="upload-submit" type="submit">Upload</button>
            </form>
            <a id="about-link" href="/about">About</a>
            <dialog open id="notice"><p>Dialog body</p><a id="dialog-close" href="/about">Close</a></dialog>
            """)

    private static func page(title: String, body: String) -> String {
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(title)</title></head><body>\n"
            + body + "\n</body></html>\n"
    }

    private static func html(_ text: String) -> TinyResponse {
        TinyResponse(headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(text.utf8))
    }

    private static func redirect(to location: String) -> TinyResponse {
        TinyResponse(status: 303, headers: [("Location", location)])
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private static func split(_ target: String) -> (String, [String: String]) {
        guard let mark = target.firstIndex(of: "?") else { return (target, [:]) }
        return (String(target[..<mark]), form(String(target[target.index(after: mark)...])))
    }

    /// Decodes `a=1&b=2` with `+` as space; the last of repeated names wins.
    private static func form(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (part: Substring) in
                part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
            }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }

    /// The first file part of a multipart request: its `filename` and bytes (a crude parser, for fixtures only).
    static func uploadedFile(_ request: TinyRequest) -> (name: String, bytes: [UInt8])? {
        guard let type = request.header("Content-Type"), let mark = type.range(of: "boundary=") else { return nil }
        let delimiter = Array("\r\n--\(type[mark.upperBound...])".utf8)
        let body = [13, 10] + request.body
        var position = 0
        while let start = HTTPResponseParser.find(delimiter, in: body, from: position),
            let headEnd = HTTPResponseParser.find([13, 10, 13, 10], in: body, from: start + delimiter.count),
            let end = HTTPResponseParser.find(delimiter, in: body, from: headEnd + 4)
        {
            let head = String(decoding: body[start..<headEnd], as: UTF8.self)
            if let name = head.range(of: "filename=\"") {
                let fileName = head[name.upperBound...].prefix { $0 != "\"" }
                return (String(fileName), Array(body[(headEnd + 4)..<end]))
            }
            position = end
        }
        return nil
    }
}
