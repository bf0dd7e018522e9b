import Foundation

/// A W3C WebDriver client: JSON over ``LoopbackHTTPClient`` to a driver (chromedriver) on a loopback port.
///
/// One instance is one browser session. Blocking, owned by one test at a time (not `Sendable`); every command is
/// bounded by the socket timeout, every wait by its own timeout. Page commands live in `WebDriverClient+Page`,
/// waiting in `WebDriverClient+Waiting`.
final class WebDriverClient {
    /// The session id the driver assigned.
    let sessionID: String
    /// The capabilities the driver answered with (browser name and version, and so on).
    let capabilities: [String: Any]
    private let http: LoopbackHTTPClient

    /// Opens a session on the driver at `127.0.0.1:port` with `capabilities` as `alwaysMatch`.
    ///
    /// - Throws: ``WebDriverError`` when the driver refuses (such as `session not created`) or does not answer
    ///   within `timeout`.
    init(port: UInt16, capabilities: [String: Any], timeout: Duration = .seconds(30)) throws(WebDriverError) {
        http = LoopbackHTTPClient(port: port, timeout: timeout)
        let body: [String: Any] = ["capabilities": ["alwaysMatch": capabilities]]
        let value = try Self.command(http, "POST", "/session", body)
        guard let answer = value as? [String: Any], let id = answer["sessionId"] as? String else {
            throw .malformedResponse(reason: "no sessionId in \(value)", command: "POST /session")
        }
        sessionID = id
        self.capabilities = answer["capabilities"] as? [String: Any] ?? [:]
    }

    /// The capabilities for headless Chromium at `binary`, with its profile in `userDataDirectory`;
    /// `isJavaScriptEnabled: false` blocks scripts through Chromium's content-settings policy.
    static func chromeCapabilities(
        binary: String, userDataDirectory: String, isJavaScriptEnabled: Bool = true
    ) -> [String: Any] {
        var options: [String: Any] = [
            "binary": binary,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=\(userDataDirectory)", "--no-first-run", "--no-default-browser-check",
            ],
        ]
        if !isJavaScriptEnabled {
            options["prefs"] = ["profile.managed_default_content_settings.javascript": 2]
        }
        return [
            "browserName": "chrome",
            "goog:chromeOptions": options,
            "timeouts": ["pageLoad": 20_000, "script": 10_000, "implicit": 0],
        ]
    }

    /// Ends the session, which closes the browser; errors are ignored because the session may already be gone.
    func deleteSession() {
        _ = try? command("DELETE", "", nil)
        http.close()
    }

    /// Sends one command of this session (`path` is relative to `/session/<id>`) and returns its `value`.
    ///
    /// - Throws: ``WebDriverError`` with the driver's error code when it refuses.
    func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws(WebDriverError) -> Any {
        try Self.command(http, method, "/session/\(sessionID)\(path)", body)
    }

    /// ``command(_:_:_:)`` whose value must be a string.
    func string(_ method: String, _ path: String) throws(WebDriverError) -> String {
        let value = try command(method, path)
        guard let text = value as? String else {
            throw .malformedResponse(reason: "expected a string, got \(value)", command: "\(method) \(path)")
        }
        return text
    }

    /// The element a find command returned.
    func element(from value: Any) throws(WebDriverError) -> WebElement {
        guard let reference = value as? [String: Any], let id = reference[WebElement.referenceKey] as? String else {
            throw .malformedResponse(reason: "expected an element reference, got \(value)", command: "find")
        }
        return WebElement(id: id, driver: self)
    }

    /// The elements a find-all command returned.
    func elements(from value: Any) throws(WebDriverError) -> [WebElement] {
        guard let list = value as? [Any] else {
            throw .malformedResponse(reason: "expected a list of elements, got \(value)", command: "find all")
        }
        var result: [WebElement] = []
        for item in list { result.append(try element(from: item)) }
        return result
    }

    /// One JSON exchange with the driver, outside or inside a session.
    static func command(
        _ http: LoopbackHTTPClient, _ method: String, _ path: String, _ body: [String: Any]?
    ) throws(WebDriverError) -> Any {
        let name = "\(method) \(path)"
        var bytes: [UInt8] = []
        if let body {
            guard let data = try? JSONSerialization.data(withJSONObject: body) else {
                throw .malformedResponse(reason: "arguments are not JSON: \(body)", command: name)
            }
            bytes = Array(data)
        }
        let headers = body == nil ? [] : [("Content-Type", "application/json; charset=utf-8")]
        let response: HTTPClientResponse
        do {
            response = try http.send(method: method, path: path, headers: headers, body: bytes)
        } catch {
            throw .transport(error, command: name)
        }
        guard let json = try? JSONSerialization.jsonObject(with: Data(response.body), options: [.fragmentsAllowed]),
            let object = json as? [String: Any], let value = object["value"]
        else {
            throw .malformedResponse(
                reason: "HTTP \(response.status), body \(response.text.prefix(300))", command: name)
        }
        if response.status >= 400 || (value as? [String: Any])?["error"] is String {
            let error = value as? [String: Any] ?? [:]
            let message = (error["message"] as? String ?? "").split(separator: "\n").first.map(String.init) ?? ""
            throw .command(
                code: error["error"] as? String ?? "unknown error", message: message, httpStatus: response.status,
                command: name)
        }
        return value
    }
}
