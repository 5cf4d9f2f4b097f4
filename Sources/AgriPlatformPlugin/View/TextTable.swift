/// Left-aligned columns separated by three spaces, as kubectl's tab writer prints them, without trailing spaces.
package struct TextTable: Sendable, Hashable {
    /// The rows, the header first; every row has as many cells as the header.
    package var rows: [[String]]

    /// Creates a table whose first row is `header`.
    package init(header: [String]) {
        rows = [header]
    }

    /// Appends a row; missing cells are empty.
    package mutating func append(_ cells: [String]) {
        rows.append(cells)
    }

    /// The table as lines joined by newlines, with a newline at the end, each prefixed by `indent`.
    package func rendered(indent: String = "") -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        var text = ""
        for row in rows {
            var line = indent
            for index in 0..<columns {
                let cell = index < row.count ? row[index] : ""
                line += cell
                if index < columns - 1 { line += String(repeating: " ", count: widths[index] - cell.count + 3) }
            }
            while line.last == " " { line.removeLast() }
            text += line + "\n"
        }
        return text
    }
}
