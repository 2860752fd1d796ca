import PathfolioCore
public import Foundation

/// Parsing of `dateLastModified` (ISO 8601 date-time).
public enum OneRosterTimestamp {
    /// The outcome of parsing a `dateLastModified` cell.
    public enum Parsed: Sendable, Hashable {
        /// A full ISO 8601 date-time: `YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)`.
        case dateTime(Date)
        /// A date only (`YYYY-MM-DD`), taken as midnight UTC; worth a warning.
        case dateOnly(Date)
    }

    /// Parses `text`, or returns `nil` when it is not ISO 8601.
    public static func parse(_ text: String) -> Parsed? {
        if let date = try? CalendarDate(iso: text) {
            return .dateOnly(Date(timeIntervalSince1970: Double(date.daysSinceUnixEpoch) * 86_400))
        }
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[10] == 0x54 || bytes[10] == 0x74,
              let date = try? CalendarDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)),
              bytes[13] == 0x3A, bytes[16] == 0x3A,
              let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]),
              let second = number(bytes[17..<19]),
              hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if bytes[index] == 0x2E {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                fraction += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        switch bytes[index] {
        case 0x5A, 0x7A: // Z
            guard index + 1 == bytes.count else { return nil }
        case 0x2B, 0x2D: // + -
            guard index + 6 == bytes.count, bytes[index + 3] == 0x3A,
                  let oh = number(bytes[(index + 1)..<(index + 3)]),
                  let om = number(bytes[(index + 4)..<(index + 6)]), oh < 24, om < 60
            else { return nil }
            offset = (oh * 3600 + om * 60) * (bytes[index] == 0x2D ? -1 : 1)
        default:
            return nil
        }
        let seconds = Double(date.daysSinceUnixEpoch) * 86_400 + Double(hour * 3600 + minute * 60 + second - offset) + fraction
        return .dateTime(Date(timeIntervalSince1970: seconds))
    }

    /// The value of a run of ASCII digits, or nil if any byte is not one.
    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}
