import Foundation
import PathfolioCore

/// One data row being translated: typed accessors that record problems as they go.
struct OneRosterRowReader {

    let table: OneRosterTable
    let file: String
    let record: CSVRecord
    let index: [String: Int]
    let header: [String]
    let spec: [String]
    let missingColumns: Set<String>
    let mode: OneRosterFileMode
    let version: OneRosterVersion
    var problems: [OneRosterProblem] = []

    init(table: OneRosterTable, file: String, record: CSVRecord, index: [String: Int], header: [String],
         spec: [String], missingColumns: Set<String>, mode: OneRosterFileMode, version: OneRosterVersion) {
        self.table = table
        self.file = file
        self.record = record
        self.index = index
        self.header = header
        self.spec = spec
        self.missingColumns = missingColumns
        self.mode = mode
        self.version = version
    }

    mutating func report(_ column: String?, _ message: String, _ severity: OneRosterSeverity = .error) {
        problems.append(OneRosterProblem(file: file, line: record.line, column: column, message: message,
                                         severity: severity))
    }

    /// The trimmed cell, `nil` when blank or when the column is not in the header.
    func cell(_ column: String) -> String? {
        guard let position = index[column], position < record.fields.count else { return nil }
        let value = record.fields[position].trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }

    private var required: Set<String> { Set(table.requiredFields(for: version)) }

    private mutating func blankRequired(_ column: String) {
        guard !missingColumns.contains(column) else { return } // already reported on the header
        report(column, "required field '\(column)' is blank")
    }

    mutating func common() -> OneRosterRecordFields? {
        guard let sourcedId = cell("sourcedId") else {
            if !missingColumns.contains("sourcedId") { report("sourcedId", "sourcedId is blank; row skipped") }
            else { report("sourcedId", "row skipped: the file has no sourcedId column") }
            return nil
        }
        var status: OneRosterStatus?
        if let text = cell("status") {
            if let value = OneRosterStatus(rawValue: text) {
                status = value
            } else if let value = OneRosterStatus(rawValue: text.lowercased()) {
                status = value
                report("status", "status '\(text)' should be written '\(value.rawValue)'", .warning)
            } else if text.lowercased() == "inactive" {
                report("status", "status 'inactive' is OneRoster 1.0, not \(version.rawValue); read as blank", .warning)
            } else {
                report("status", "status '\(text)' is not 'active' or 'tobedeleted'")
            }
            if status == .tobedeleted, mode == .bulk {
                report("status", "'tobedeleted' row in a bulk file", .warning)
            }
        } else if mode == .delta, !missingColumns.contains("status") {
            report("status", "status is required in a delta file")
        }
        var modified: Date?
        if let text = cell("dateLastModified") {
            switch OneRosterTimestamp.parse(text) {
            case .dateTime(let date)?: modified = date
            case .dateOnly(let date)?:
                modified = date
                report("dateLastModified", "dateLastModified '\(text)' has no time; read as midnight UTC", .warning)
            case nil:
                report("dateLastModified", "dateLastModified '\(text)' is not an ISO 8601 date-time")
            }
        } else if mode == .delta, !missingColumns.contains("dateLastModified") {
            report("dateLastModified", "dateLastModified is required in a delta file")
        }
        var metadata: [String: String] = [:]
        var vendor: [String: String] = [:]
        for (position, name) in header.enumerated() where !name.isEmpty && !spec.contains(name) {
            guard position < record.fields.count, !record.fields[position].isEmpty else { continue }
            if name.hasPrefix("metadata.") { metadata[name] = record.fields[position] }
            else { vendor[name] = record.fields[position] }
        }
        return OneRosterRecordFields(sourcedId: sourcedId, status: status, dateLastModified: modified, metadata: metadata,
                      vendorFields: vendor, line: record.line)
    }

    mutating func optional(_ column: String) -> String? {
        let value = cell(column)
        if value == nil, required.contains(column) { blankRequired(column) }
        return value
    }

    mutating func required(_ column: String) -> String {
        optional(column) ?? ""
    }

    /// A comma-separated list cell (`"a,b"`), items trimmed, blanks dropped.
    mutating func list(_ column: String) -> [String] {
        guard let text = optional(column) else { return [] }
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    mutating func requiredList(_ column: String) -> [String] { list(column) }

    mutating func bool(_ column: String) -> Bool? {
        guard let text = optional(column) else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default:
            report(column, "'\(text)' is not a boolean (true or false)")
            return nil
        }
    }

    mutating func date(_ column: String) -> CalendarDate? {
        guard let text = optional(column) else { return nil }
        guard let date = try? CalendarDate(iso: text) else {
            report(column, "'\(text)' is not a date (YYYY-MM-DD)")
            return nil
        }
        return date
    }

    /// An enumerated cell; `open` enumerations also take `ext:…` values.
    mutating func enumeration(_ column: String, _ allowed: [String], open: Bool = true) -> String? {
        guard let text = optional(column) else { return nil }
        if allowed.contains(text) { return text }
        if open, OneRosterVocabulary.isExtension(text) { return text }
        if let match = allowed.first(where: { $0.lowercased() == text.lowercased() }) {
            report(column, "'\(text)' should be written '\(match)' (values are case-sensitive)", .warning)
            return match
        }
        report(column, "'\(text)' is not a valid \(column) (\(allowed.joined(separator: ", "))\(open ? ", ext:…" : ""))")
        return nil
    }
}
