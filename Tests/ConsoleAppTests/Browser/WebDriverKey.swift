/// The special keys of the W3C WebDriver keyboard table (§17.4.2), as the code points the protocol sends.
enum WebDriverKey: String, Sendable, CaseIterable {
    case backspace = "\u{E003}"
    case tab = "\u{E004}"
    case enter = "\u{E007}"
    case shift = "\u{E008}"
    case escape = "\u{E00C}"
    case space = "\u{E00D}"
    case arrowLeft = "\u{E012}"
    case arrowUp = "\u{E013}"
    case arrowRight = "\u{E014}"
    case arrowDown = "\u{E015}"
}
