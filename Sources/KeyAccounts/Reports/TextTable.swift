/// A plain-text table with aligned columns for the terminal summary.
/// Numbers (cells that start with a digit or a sign) are right-aligned.
/// Under a colour `TerminalStyle.current` the header is bold and the rule dim.
public struct TextTable: Sendable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    public var rendered: String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            header.indices.map { column in
                let cell = cells.indices.contains(column) ? cells[column] : ""
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                // A number, possibly with a unit after a space ("1.23 M", "41.2 %"); not "24h hotline".
                let leading = cell.prefix { $0 != " " }
                let numeric = leading.first.map { $0.isNumber || $0 == "-" || $0 == "+" } ?? false
                    && leading.allSatisfy { $0.isNumber || "+-.,".contains($0) }
                return numeric ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingTrailingSpaces
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        // Styles wrap whole lines, so escape codes never upset the column widths.
        let style = TerminalStyle.current
        return ([style.bold(line(header)), style.dim(rule)] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
