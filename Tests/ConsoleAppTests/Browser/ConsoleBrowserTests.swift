import Foundation
import Testing

/// The console's pages in headless Chromium: every flow suite nests here, so they run one at a time
/// (`.serialized` applies to nested suites) and share this suite's tools decision and time limit.
@Suite(.serialized, .enabled(if: BrowserHarness.shouldRun), .timeLimit(.minutes(2)))
struct ConsoleBrowserTests {
    @Test func signInRefusesAWrongPasswordAndKeepsTheEmail() throws {
        try ConsoleBrowser.run { browser in
            try browser.open("/enrollment/users")
            let signIn = try browser.path
            #expect(signIn.hasPrefix("/signin?next=") && signIn.contains("users"), "sent to sign in: \(signIn)")
            try browser.expectAccessible("sign-in page")
            try browser.driver.findElement(css: "#email").sendKeys(TestConsole.adminEmail)
            try browser.driver.findElement(css: "#password").sendKeys("not-the-password")
            try browser.button("Sign in").click()
            // The click may return before the refused sign-in's page has loaded.
            let flash = try browser.driver.waitFor("the sign-in error") {
                try browser.driver.findElement(css: ".flash[role=alert]").text
            }
            #expect(!flash.isEmpty)
            #expect(
                try browser.driver.findElement(css: "#email").property("value") as? String == TestConsole.adminEmail)
            try browser.expectAccessible("sign-in page with an error")

            try browser.driver.findElement(css: "#password").sendKeys(TestConsole.adminPassword)
            try browser.button("Sign in").click()
            try browser.waitForPath("/enrollment/users")
            #expect(try browser.heading == "Users")
        }
    }
}

/// One signed-in admin's browser on a fresh ``TestConsole``: the steps the flow tests share.
///
/// Owned by one test; every step is a WebDriver command and throws ``WebDriverError``.
struct ConsoleBrowser {
    let console: TestConsole
    let harness: BrowserHarness
    /// A temporary folder for the files the test uploads; removed after the test.
    let files: URL

    var driver: WebDriverClient { harness.driver }

    /// Starts a console and a browser, runs `body`, and takes both down again.
    static func run(isJavaScriptEnabled: Bool = true, _ body: (ConsoleBrowser) throws -> Void) throws {
        let console = try TestConsole()
        defer { console.stop() }
        let files = FileManager.default.temporaryDirectory
            .appendingPathComponent("console-browser-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: files) }
        try BrowserHarness.withBrowser(isJavaScriptEnabled: isJavaScriptEnabled, timeLimit: .seconds(75)) {
            try body(ConsoleBrowser(console: console, harness: $0, files: files))
        }
    }

    // MARK: pages

    /// Loads `path` of the console.
    func open(_ path: String) throws { try driver.navigate(to: console.baseURL + path) }

    /// The path and query of the current page.
    var path: String {
        get throws {
            let url = try driver.currentURL
            return url.hasPrefix(console.baseURL) ? String(url.dropFirst(console.baseURL.count)) : url
        }
    }

    /// Waits until the current page is `expected` (path and query).
    func waitForPath(_ expected: String) throws {
        try driver.waitUntil("the page \(expected)") { try path == expected }
    }

    /// The text of the page's `<h1>`.
    var heading: String {
        get throws { try driver.findElement(css: "h1").text }
    }

    /// The title of the open dialog, through its `aria-labelledby`.
    var dialogTitle: String {
        get throws {
            let title = try driver.executeScript(
                """
                var dialog = document.querySelector('dialog[open]');
                var title = dialog && document.getElementById(dialog.getAttribute('aria-labelledby'));
                return title ? title.textContent.trim() : null;
                """)
            return title as? String ?? ""
        }
    }

    /// Whether a dialog is open on the page.
    var hasOpenDialog: Bool {
        get throws { try !driver.findElements(css: "dialog[open]").isEmpty }
    }

    /// Signs in through the form, from a page that needs a session.
    func signIn() throws {
        try open("/enrollment/import")
        try driver.waitUntil("the sign-in page") { try path.hasPrefix("/signin?next=") }
        #expect(try heading == "Sign in")
        try expectAccessible("sign-in page")
        try screenshot("signin")
        try driver.findElement(css: "#email").sendKeys(TestConsole.adminEmail)
        try driver.findElement(css: "#password").sendKeys(TestConsole.adminPassword)
        try button("Sign in").click()
        try waitForPath("/enrollment/import")
        #expect(try driver.findElement(css: ".topbar .who").text == TestConsole.adminEmail)
    }

    // MARK: elements by what they say

    /// The first link whose text (or `aria-label`) is `text`, optionally inside `scope` (a CSS selector).
    func link(_ text: String, in scope: String = "body") throws -> WebElement {
        try element("a", named: text, in: scope)
    }

    /// The first button whose text is `text`, optionally inside `scope`.
    func button(_ text: String, in scope: String = "body") throws -> WebElement {
        try element("button", named: text, in: scope)
    }

    /// The first link in `scope` whose text starts with `prefix` (filters read "Ignored (1)").
    func link(startingWith prefix: String, in scope: String) throws -> WebElement {
        let found = try driver.executeScript(
            """
            var links = document.querySelectorAll(arguments[1] + ' a');
            for (var i = 0; i < links.length; i++) {
              if (links[i].textContent.trim().indexOf(arguments[0]) === 0) return links[i];
            }
            return null;
            """, [prefix, scope])
        guard let found else { throw ConsoleBrowserError.noElement("a link starting with “\(prefix)” in \(scope)") }
        return try driver.element(from: found)
    }

    private func element(_ tag: String, named text: String, in scope: String) throws -> WebElement {
        let found = try driver.executeScript(
            """
            var all = document.querySelectorAll(arguments[2] + ' ' + arguments[0]);
            for (var i = 0; i < all.length; i++) {
              var name = (all[i].getAttribute('aria-label') || all[i].textContent).replace(/\\s+/g, ' ').trim();
              if (name === arguments[1]) return all[i];
            }
            return null;
            """, [tag, text, scope])
        guard let found else { throw ConsoleBrowserError.noElement("<\(tag)> “\(text)” in \(scope)") }
        return try driver.element(from: found)
    }

    /// The cells of each row of the table in `scope`, as the user reads them.
    func tableRows(in scope: String) throws -> [[String]] {
        let rows = try driver.executeScript(
            """
            return Array.prototype.map.call(document.querySelectorAll(arguments[0] + ' tbody tr'), function (row) {
              return Array.prototype.map.call(row.cells, function (cell) { return cell.textContent.trim(); });
            });
            """, [scope])
        return rows as? [[String]] ?? []
    }

    // MARK: files

    /// Writes `contents` to a file called `name` in ``files`` and returns its absolute path.
    func file(_ name: String, _ contents: String) throws -> String {
        let url = files.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    /// Chooses `path` with the file input `input` and presses the form's button `buttonText`.
    func upload(_ path: String, input: String, buttonText: String) throws {
        let field = try driver.findElement(css: input)
        try field.sendKeys(path)
        #expect((try field.property("value") as? String)?.hasSuffix((path as NSString).lastPathComponent) == true)
        try button(buttonText, in: ".upload-form").click()
    }

    /// Waits until the status line reads something containing `words` (the page or its script refreshes it),
    /// and returns its text.
    @discardableResult
    func waitForStatus(containing words: String, timeout: Duration = .seconds(30)) throws -> String {
        try driver.waitFor("the status line to say “\(words)”", timeout: timeout, poll: .milliseconds(250)) {
            let text = try driver.findElement(css: "#status-line").text
            return text.contains(words) ? text : nil
        }
    }

    /// The body of `href` fetched by the page itself (so with its cookies): status, content type, text.
    func fetch(_ href: String) throws -> (status: Int, contentType: String, text: String) {
        let answer = try driver.executeScript(
            """
            var request = new XMLHttpRequest();
            request.open('GET', arguments[0], false);
            request.send();
            return [request.status, request.getResponseHeader('Content-Type') || '', request.responseText];
            """, [href])
        guard let parts = answer as? [Any], parts.count == 3, let status = parts[0] as? Int,
            let type = parts[1] as? String, let text = parts[2] as? String
        else { throw ConsoleBrowserError.noElement("an answer for \(href)") }
        return (status, type, text)
    }

    // MARK: checks

    /// Saves a screenshot of the viewport as `<name>.png`.
    func screenshot(_ name: String) throws { try harness.saveScreenshot(name: name) }

    /// Whether a JavaScript alert, confirm or prompt is open.
    var hasAlert: Bool {
        get throws {
            do {
                _ = try driver.command("GET", "/alert/text")
                return true
            } catch  where error.code == "no such alert" {
                return false
            }
        }
    }

    /// Records an issue for every accessibility basic the current page misses (see ``ConsoleBrowser/auditScript``),
    /// and for any script on the page that is not the console's own.
    func expectAccessible(_ page: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let problems = try driver.executeScript(Self.auditScript) as? [String] ?? ["the audit did not run"]
        #expect(problems.isEmpty, "\(page): \(problems.joined(separator: "; "))", sourceLocation: sourceLocation)
        #expect(try !hasAlert, "\(page): an alert is open", sourceLocation: sourceLocation)
    }

    /// Records an issue when the page scrolls sideways (WCAG 1.4.10 reflow); tables scroll inside their own box.
    func expectNoSidewaysScroll(_ page: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let widths =
            try driver.executeScript(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];") as? [Int]
        #expect(
            widths.map { $0[0] <= $0[1] } == true, "\(page) is wider than the window: \(widths ?? [])",
            sourceLocation: sourceLocation)
    }

    /// Sets the browser window's outer size in CSS pixels.
    func resizeWindow(width: Int, height: Int) throws {
        _ = try driver.command("POST", "/window/rect", ["width": width, "height": height])
    }

    /// Records an issue for every table cell holding one word (letters, digits, `.`, `@`, `_`) that is drawn on
    /// more than one line: an email address or a state badge broken mid-word.
    func expectUnbrokenCells(_ page: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let broken =
            try driver.executeScript(
                """
                return Array.prototype.filter.call(document.querySelectorAll('td'), function (cell) {
                  var text = cell.textContent.trim();
                  if (!/^[\\w.@]+$/.test(text)) return false;
                  var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                  for (var node = walker.nextNode(); node; node = walker.nextNode()) {
                    var range = document.createRange();
                    range.selectNodeContents(node);
                    var tops = {};
                    Array.prototype.forEach.call(range.getClientRects(), function (r) {
                      if (r.width > 0) tops[Math.round(r.top)] = true;
                    });
                    if (Object.keys(tops).length > 1) return true;
                  }
                  return false;
                }).map(function (cell) { return cell.textContent.trim(); });
                """) as? [String] ?? []
        #expect(broken.isEmpty, "\(page): words broken across lines: \(broken)", sourceLocation: sourceLocation)
    }

    /// Returns a list of problems: a form control without an accessible name (label, `aria-label`,
    /// `aria-labelledby`, button text), a link without text, an open dialog whose `aria-labelledby` does not name a
    /// non-empty heading, not exactly one `<h1>` and one `<main>`, no `lang` or title, duplicate ids, text below the
    /// WCAG AA contrast ratio against its background (4.5, or 3 when large), and any `<script>` other than
    /// `/static/js/console.js` (an injected one).
    static let auditScript = """
        var problems = [];
        function clean(text) { return (text || '').replace(/\\s+/g, ' ').trim(); }
        function describe(element) { return element.outerHTML.slice(0, 100); }
        function labelledBy(element) {
          var ids = clean(element.getAttribute('aria-labelledby'));
          if (!ids) return '';
          return clean(ids.split(' ').map(function (id) {
            var target = document.getElementById(id);
            return target ? target.textContent : '';
          }).join(' '));
        }
        function accessibleName(element) {
          var name = clean(element.getAttribute('aria-label')) || labelledBy(element);
          if (name) return name;
          if (element.labels && element.labels.length) {
            name = clean(Array.prototype.map.call(element.labels, function (l) { return l.textContent; }).join(' '));
            if (name) return name;
          }
          if (element.tagName === 'BUTTON' || element.tagName === 'A') return clean(element.textContent);
          return '';
        }
        document.querySelectorAll('input, select, textarea, button').forEach(function (element) {
          if (element.type === 'hidden') return;
          if (!accessibleName(element)) problems.push('no accessible name: ' + describe(element));
        });
        document.querySelectorAll('a[href]').forEach(function (link) {
          if (!accessibleName(link)) problems.push('link without text: ' + describe(link));
        });
        document.querySelectorAll('dialog[open]').forEach(function (dialog) {
          var id = dialog.getAttribute('aria-labelledby');
          var title = id && document.getElementById(id);
          if (!title) problems.push('open dialog without aria-labelledby naming an element');
          else if (!/^H[1-6]$/.test(title.tagName) || !clean(title.textContent))
            problems.push('open dialog labelled by ' + describe(title) + ', not a non-empty heading');
        });
        var headings = document.querySelectorAll('h1').length;
        if (headings !== 1) problems.push(headings + ' <h1> elements');
        var mains = document.querySelectorAll('main').length;
        if (mains !== 1) problems.push(mains + ' <main> elements');
        if (!clean(document.documentElement.lang)) problems.push('no lang on <html>');
        if (!clean(document.title)) problems.push('no <title>');
        var seen = {};
        document.querySelectorAll('[id]').forEach(function (element) {
          if (seen[element.id]) problems.push('duplicate id ' + element.id);
          seen[element.id] = true;
        });
        function rgba(color) {
          var v = (color.match(/[\\d.]+/g) || [0, 0, 0, 0]).map(Number);
          return { rgb: v.slice(0, 3), alpha: v.length > 3 ? v[3] : 1 };
        }
        function luminance(rgb) {
          var c = rgb.map(function (v) {
            v /= 255;
            return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
          });
          return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        }
        function background(element) {
          for (; element; element = element.parentElement) {
            var color = rgba(getComputedStyle(element).backgroundColor);
            if (color.alpha > 0.5) return color.rgb;
          }
          return [255, 255, 255];
        }
        document.querySelectorAll('body *').forEach(function (element) {
          var hasText = Array.prototype.some.call(element.childNodes, function (node) {
            return node.nodeType === 3 && node.textContent.trim();
          });
          // WCAG 1.4.3 exempts inactive components and text nobody sees.
          if (!hasText || !element.getClientRects().length || element.closest('[aria-disabled=true], :disabled'))
            return;
          var style = getComputedStyle(element);
          var a = luminance(rgba(style.color).rgb), b = luminance(background(element));
          var ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          var size = parseFloat(style.fontSize), isLarge = size >= 24 || (size >= 18.66 && +style.fontWeight >= 700);
          if (ratio < (isLarge ? 3 : 4.5))
            problems.push('contrast ' + ratio.toFixed(2) + ' of “' + clean(element.textContent).slice(0, 30) + '”');
        });
        Array.prototype.forEach.call(document.scripts, function (script) {
          if (script.getAttribute('src') !== '/static/js/console.js') problems.push('foreign script: ' + describe(script));
        });
        return problems;
        """
}

/// What ``ConsoleBrowser`` could not find.
enum ConsoleBrowserError: Error, CustomStringConvertible {
    case noElement(String)

    var description: String {
        switch self {
        case .noElement(let what): return "found no \(what)"
        }
    }
}
