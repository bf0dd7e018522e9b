import Foundation

extension WebDriverClient {
    /// Loads `url` and waits for it to finish loading (up to the session's page-load timeout).
    func navigate(to url: String) throws(WebDriverError) {
        _ = try command("POST", "/url", ["url": url])
    }

    /// Goes back one entry in the history.
    func back() throws(WebDriverError) {
        _ = try command("POST", "/back", [:])
    }

    /// The URL of the current page.
    var currentURL: String {
        get throws(WebDriverError) { try string("GET", "/url") }
    }

    /// The `<title>` of the current page.
    var title: String {
        get throws(WebDriverError) { try string("GET", "/title") }
    }

    /// The serialized DOM of the current page.
    var pageSource: String {
        get throws(WebDriverError) { try string("GET", "/source") }
    }

    /// The first element matching `css`.
    ///
    /// - Throws: ``WebDriverError/command(code:message:httpStatus:command:)`` with `no such element`.
    func findElement(css: String) throws(WebDriverError) -> WebElement {
        try element(from: command("POST", "/element", ["using": "css selector", "value": css]))
    }

    /// Every element matching `css`, in document order; empty when none does.
    func findElements(css: String) throws(WebDriverError) -> [WebElement] {
        try elements(from: command("POST", "/elements", ["using": "css selector", "value": css]))
    }

    /// The focused element (the body when nothing is focused).
    var activeElement: WebElement {
        get throws(WebDriverError) { try element(from: command("GET", "/element/active")) }
    }

    /// Runs `script` synchronously as a function body with `arguments` (``WebElement``s are passed as elements)
    /// and returns its JSON result; nil for `undefined` and `null`.
    func executeScript(_ script: String, _ arguments: [Any] = []) throws(WebDriverError) -> Any? {
        let args = arguments.map { ($0 as? WebElement)?.reference ?? $0 }
        let value = try command("POST", "/execute/sync", ["script": script, "args": args])
        return value is NSNull ? nil : value
    }

    /// Presses and releases `key` through the Actions API, so it reaches the focused element as real key events.
    func pressKey(_ key: WebDriverKey) throws(WebDriverError) {
        try typeKeys(key.rawValue)
    }

    /// Presses and releases each character of `text` in turn (special keys as ``WebDriverKey`` raw values).
    func typeKeys(_ text: String) throws(WebDriverError) {
        var actions: [[String: Any]] = []
        for character in text.unicodeScalars {
            actions.append(["type": "keyDown", "value": String(character)])
            actions.append(["type": "keyUp", "value": String(character)])
        }
        _ = try command("POST", "/actions", ["actions": [["type": "key", "id": "keyboard", "actions": actions]]])
        _ = try command("DELETE", "/actions")
    }

    /// A PNG of the viewport.
    ///
    /// - Throws: ``WebDriverError/malformedResponse(reason:command:)`` when the answer is not base64.
    func screenshot() throws(WebDriverError) -> [UInt8] {
        let encoded = try string("GET", "/screenshot")
        guard let data = Data(base64Encoded: encoded) else {
            throw .malformedResponse(reason: "screenshot is not base64", command: "GET /screenshot")
        }
        return Array(data)
    }
}
