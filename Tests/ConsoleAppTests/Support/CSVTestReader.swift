/// Reads CSV text (RFC 4180: quoted fields, `""` inside quotes, CRLF or LF records) into rows of cells, so tests
/// can check exported files cell by cell. Deliberately independent of the product's reader.
enum CSVTestReader {
    /// The records of `text`; a trailing line break does not make an empty record.
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var isQuoted = false
        var characters = Array(text.unicodeScalars)[...]
        while let scalar = characters.popFirst() {
            if isQuoted {
                if scalar == "\"" {
                    if characters.first == "\"" {
                        cell.unicodeScalars.append(characters.removeFirst())
                    } else {
                        isQuoted = false
                    }
                } else {
                    cell.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": isQuoted = true
            case ",":
                row.append(cell)
                cell = ""
            case "\r", "\n":
                if scalar == "\r", characters.first == "\n" { characters.removeFirst() }
                row.append(cell)
                rows.append(row)
                row = []
                cell = ""
            default: cell.unicodeScalars.append(scalar)
            }
        }
        if !cell.isEmpty || !row.isEmpty {
            row.append(cell)
            rows.append(row)
        }
        return rows
    }
}
