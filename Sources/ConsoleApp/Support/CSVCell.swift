/// Writes CSV cells (RFC 4180) that are safe to open in a spreadsheet.
///
/// A cell that begins with `=`, `+`, `-`, `@`, tab or CR would be read as a formula by spreadsheet programs
/// (OWASP "CSV injection"); it gets a leading apostrophe, which spreadsheets show as text. Every cell is
/// quoted when it holds a comma, quote, CR or LF.
enum CSVCell {
    /// One cell, neutralised and quoted as needed.
    static func encode(_ value: String) -> String {
        var text = value
        if let first = text.utf8.first,
            [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(first)
        {
            text = "'" + text
        }
        let needsQuotes = text.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
        }
        guard needsQuotes else { return text }
        var quoted = "\""
        for character in text {
            if character == "\"" { quoted.append("\"") }
            quoted.append(character)
        }
        quoted.append("\"")
        return quoted
    }

    /// One record with CRLF.
    static func row(_ cells: [String]) -> String {
        cells.map(encode).joined(separator: ",") + "\r\n"
    }
}
