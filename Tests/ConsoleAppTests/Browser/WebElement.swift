import Foundation

/// A reference to one element of the page a ``WebDriverClient`` shows; stale once the page navigates away.
///
/// Every accessor is one WebDriver command and throws ``WebDriverError`` (`stale element reference` after a
/// navigation).
struct WebElement {
    /// The W3C key under which element references travel in JSON.
    static let referenceKey = "element-6066-11e4-a52e-4f735466cecf"

    /// The driver's opaque id of the element.
    let id: String
    /// The session the element belongs to.
    let driver: WebDriverClient

    /// The JSON form of this reference, for script arguments.
    var reference: [String: Any] { [Self.referenceKey: id] }

    private var path: String { "/element/\(id)" }

    /// Clicks the element's centre, scrolling it into view; waits for a navigation it starts, like the driver.
    func click() throws(WebDriverError) {
        _ = try driver.command("POST", "\(path)/click", [:])
    }

    /// Types `text` into the element; for `<input type=file>`, `text` is the absolute path of a file to choose.
    func sendKeys(_ text: String) throws(WebDriverError) {
        _ = try driver.command("POST", "\(path)/value", ["text": text])
    }

    /// Empties an editable element.
    func clear() throws(WebDriverError) {
        _ = try driver.command("POST", "\(path)/clear", [:])
    }

    /// The rendered text, as a user sees it (hidden text excluded).
    var text: String {
        get throws(WebDriverError) { try driver.string("GET", "\(path)/text") }
    }

    /// The lower-case tag name.
    var tagName: String {
        get throws(WebDriverError) { try driver.string("GET", "\(path)/name") }
    }

    /// The content attribute called `name`, or nil when absent (boolean attributes read `"true"`).
    func attribute(_ name: String) throws(WebDriverError) -> String? {
        try driver.command("GET", "\(path)/attribute/\(name)") as? String
    }

    /// The DOM property called `name` (such as `value` or `checked`), as JSON decoded it; nil for null.
    func property(_ name: String) throws(WebDriverError) -> Any? {
        let value = try driver.command("GET", "\(path)/property/\(name)")
        return value is NSNull ? nil : value
    }

    /// Whether the element is rendered visibly (the driver's displayedness algorithm).
    var isDisplayed: Bool {
        get throws(WebDriverError) { try driver.command("GET", "\(path)/displayed") as? Bool ?? false }
    }

    /// The first descendant matching `css`.
    ///
    /// - Throws: ``WebDriverError/command(code:message:httpStatus:command:)`` with `no such element`.
    func findElement(css: String) throws(WebDriverError) -> WebElement {
        try driver.element(from: driver.command("POST", "\(path)/element", ["using": "css selector", "value": css]))
    }

    /// Every descendant matching `css`, in document order; empty when none does.
    func findElements(css: String) throws(WebDriverError) -> [WebElement] {
        try driver.elements(from: driver.command("POST", "\(path)/elements", ["using": "css selector", "value": css]))
    }
}
