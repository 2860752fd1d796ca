import Foundation

/// An RFC 4180 CSV writer.
///
/// Records end with CRLF. A field is quoted when it contains a comma, a double quote, CR or LF
/// (or starts/ends with a space, so that no consumer trims it); quotes inside are doubled.
///
/// **Formula injection.** With `neutralizeFormulas` on, a cell whose first character is `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading apostrophe (`'`), so spreadsheet programs
/// (Excel, LibreOffice, Google Sheets) show it as text instead of evaluating it (OWASP "CSV
/// Injection"). This changes the data: a negative number such as `-5` is written `'-5`; so turn it
/// on for exports meant for people (transcripts), and off for machine interchange (OneRoster).
public struct CSVWriter: Sendable {
    /// Whether cells that a spreadsheet would read as a formula are prefixed with `'`.
    public var neutralizeFormulas: Bool

    /// Creates a writer.
    /// - Parameter neutralizeFormulas: prefix formula-like cells with `'` (default `false`).
    public init(neutralizeFormulas: Bool = false) {
        self.neutralizeFormulas = neutralizeFormulas
    }

    /// The characters that, in first position, make a spreadsheet evaluate a cell.
    public static let formulaTriggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// One cell as written (neutralised if enabled, then quoted if needed).
    public func encode(field: String) -> String {
        var value = field
        if neutralizeFormulas, let first = value.unicodeScalars.first,
           Self.formulaTriggers.contains(Character(first)) {
            value = "'" + value
        }
        let needsQuotes = value.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
            || value.hasPrefix(" ") || value.hasSuffix(" ")
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record, with its CRLF terminator.
    public func encode(record: [String]) -> String {
        record.map { encode(field: $0) }.joined(separator: ",") + "\r\n"
    }

    /// A whole document: each record followed by CRLF.
    public func encode(records: [[String]]) -> String {
        var out = ""
        for record in records { out += encode(record: record) }
        return out
    }
}
