public import Foundation
import PathfolioCore

/// ISO 8601 date-times as CASE publishers write them: `2018-03-01T21:01:43+00:00`,
/// `2020-01-02T03:04:05.678Z`, and zone-less `2017-05-25T18:05:33` (read as UTC).
public enum CASEDateTime {
    /// The instant, or `nil` when the text is not such a date-time.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + width] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += width
            return value
        }
        func expect(_ characters: String) -> Bool {
            guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              let date = try? CalendarDate(year: year, month: month, day: day) else { return nil }
        var seconds = Double(date.daysSinceUnixEpoch) * 86_400
        if index == bytes.count { return Date(timeIntervalSince1970: seconds) }
        guard expect("Tt "), let hour = number(2), expect(":"), let minute = number(2), hour < 24, minute < 60 else { return nil }
        seconds += Double(hour * 3600 + minute * 60)
        if expect(":") {
            guard let second = number(2), second <= 60 else { return nil }
            seconds += Double(second)
            if expect(".,") {
                var scale = 0.1
                var digits = 0
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                    seconds += Double(bytes[index] - 0x30) * scale
                    scale /= 10
                    index += 1
                    digits += 1
                }
                guard digits > 0 else { return nil }
            }
        }
        if index == bytes.count { return Date(timeIntervalSince1970: seconds) }
        if expect("Zz") { return index == bytes.count ? Date(timeIntervalSince1970: seconds) : nil }
        guard index < bytes.count else { return nil }
        let sign: Double = bytes[index] == UInt8(ascii: "-") ? -1 : 1
        guard expect("+-"), let offsetHours = number(2) else { return nil }
        _ = expect(":")
        let offsetMinutes = number(2) ?? 0
        guard index == bytes.count else { return nil }
        return Date(timeIntervalSince1970: seconds - sign * Double(offsetHours * 3600 + offsetMinutes * 60))
    }
}
