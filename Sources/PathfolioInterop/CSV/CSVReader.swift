/// An RFC 4180 CSV reader working on raw bytes.
///
/// What it accepts:
/// - fields separated by `,`; records ended by CRLF, LF or a bare CR (all three count as one
///   physical line break, so line numbers match what an editor shows);
/// - quoted fields (`"…"`) that may contain commas, line breaks and doubled quotes (`""` → `"`);
/// - an optional UTF-8 byte order mark at the very start (stripped);
/// - a final line break or none; by default completely blank lines (a line with nothing on it)
///   are skipped, but they still count for line numbers.
///
/// What it rejects, with ``CSVError`` naming the physical line (1-based):
/// - a quoted field still open at the end of the input (line where the quote opened);
/// - a `"` inside an unquoted field, or anything but a separator or line break after a closing quote;
/// - bytes that are not valid UTF-8 (line where the offending field starts).
///
/// Each ``CSVRecord`` carries the physical line on which it starts, which stays right after
/// quoted fields that span several lines.
public struct CSVReader: Sendable {
    /// Whether records consisting of a single empty, unquoted field (blank lines) are dropped.
    public var skipBlankLines: Bool

    /// Creates a reader.
    /// - Parameter skipBlankLines: drop blank lines (default `true`).
    public init(skipBlankLines: Bool = true) {
        self.skipBlankLines = skipBlankLines
    }

    /// Reads every record of a UTF-8 string.
    public func read(_ text: String) throws(CSVError) -> [CSVRecord] {
        try read(bytes: Array(text.utf8))
    }

    /// Reads every record of `bytes` (UTF-8, optional BOM).
    public func read(bytes: [UInt8]) throws(CSVError) -> [CSVRecord] {
        let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        let count = bytes.count
        var index = 0
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        var line = 1
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        field.reserveCapacity(64)

        func decode(_ raw: [UInt8], line: Int) throws(CSVError) -> String {
            guard let text = String(validating: raw, as: UTF8.self) else { throw .invalidUTF8(line: line) }
            return text
        }

        while index < count {
            let recordLine = line
            fields = []
            var sawQuotedField = false
            recordLoop: while true {
                field.removeAll(keepingCapacity: true)
                let fieldLine = line
                if index < count, bytes[index] == quote {
                    sawQuotedField = true
                    index += 1
                    var closed = false
                    while index < count {
                        let byte = bytes[index]
                        if byte == quote {
                            if index + 1 < count, bytes[index + 1] == quote {
                                field.append(quote)
                                index += 2
                                continue
                            }
                            index += 1
                            closed = true
                            break
                        }
                        if byte == lf {
                            line += 1
                        } else if byte == cr, !(index + 1 < count && bytes[index + 1] == lf) {
                            line += 1
                        }
                        field.append(byte)
                        index += 1
                    }
                    if !closed { throw .unterminatedQuote(line: fieldLine) }
                    if index < count, bytes[index] != comma, bytes[index] != cr, bytes[index] != lf {
                        throw .strayQuote(line: line)
                    }
                } else {
                    while index < count {
                        let byte = bytes[index]
                        if byte == comma || byte == cr || byte == lf { break }
                        if byte == quote { throw .strayQuote(line: line) }
                        field.append(byte)
                        index += 1
                    }
                }
                fields.append(try decode(field, line: fieldLine))
                // Separator or record end.
                if index >= count { break recordLoop }
                switch bytes[index] {
                case comma:
                    index += 1
                    if index >= count {
                        fields.append("")
                        break recordLoop
                    }
                case cr:
                    index += (index + 1 < count && bytes[index + 1] == lf) ? 2 : 1
                    line += 1
                    break recordLoop
                default: // lf
                    index += 1
                    line += 1
                    break recordLoop
                }
            }
            if skipBlankLines, fields.count == 1, fields[0].isEmpty, !sawQuotedField { continue }
            records.append(CSVRecord(fields: fields, line: recordLine))
        }
        return records
    }
}
