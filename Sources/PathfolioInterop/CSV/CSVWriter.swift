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
        var out: [UInt8] = []
        out.reserveCapacity(field.utf8.count + 2)
        var utf8 = field
        utf8.withUTF8 { append(field: $0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends one cell's UTF-8 bytes as written (neutralised if enabled, then quoted if needed):
    /// the allocation-free path of a streamed export.
    public func append(field: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let neutralize = neutralizeFormulas && field.first.map { Self.formulaTriggerBytes.contains($0) } == true
        let needsQuotes = field.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
            || (!neutralize && field.first == 0x20) || field.last == 0x20
        if needsQuotes { out.append(0x22) }
        if neutralize { out.append(0x27) }
        if needsQuotes {
            for byte in field {
                if byte == 0x22 { out.append(0x22) }
                out.append(byte)
            }
            out.append(0x22)
        } else {
            out.append(contentsOf: field)
        }
    }

    /// The first bytes that make a spreadsheet evaluate a cell (``formulaTriggers`` as UTF-8).
    static let formulaTriggerBytes: [UInt8] = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

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
