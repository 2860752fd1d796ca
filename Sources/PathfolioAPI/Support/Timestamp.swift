public import Foundation
public import PathfolioCore

/// RFC 3339 timestamps as the API writes and reads them: UTC, `Z`, microseconds when the
/// instant has any (PostgreSQL keeps microseconds, so a time read from one response can be
/// sent back as `asOf` without losing the review it names).
public enum Timestamp {
    /// `2026-11-23T15:08:00Z` or `2026-11-23T15:08:00.123456Z`.
    public static func format(_ date: Date) -> String {
        withText(date) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with ``format(_:)``'s text as UTF-8, made without a `String` or an array
    /// (JSON writers put it straight into their output).
    static func withText<R>(_ date: Date, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
            var count = 0
            func put(_ byte: UInt8) {
                buffer[count] = byte
                count += 1
            }
            func digits(_ value: Int, _ width: Int) {
                var divisor = 1
                for _ in 1..<width { divisor *= 10 }
                var rest = value
                while divisor > 0 {
                    put(UInt8(ascii: "0") + UInt8(rest / divisor))
                    rest %= divisor
                    divisor /= 10
                }
            }
            let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
            var seconds = Int((micros / 1_000_000).rounded(.down))
            var fraction = Int(micros - Double(seconds) * 1_000_000)
            if fraction >= 1_000_000 { seconds += 1; fraction -= 1_000_000 }
            let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
            let secondOfDay = seconds - days * 86_400
            let day = CalendarDate(daysSinceUnixEpoch: days)
            if (0...9999).contains(day.year) {
                digits(day.year, 4)
                put(UInt8(ascii: "-"))
                digits(day.month, 2)
                put(UInt8(ascii: "-"))
                digits(day.day, 2)
            } else {
                for byte in day.description.utf8.prefix(24) { put(byte) }
            }
            put(UInt8(ascii: "T"))
            digits(secondOfDay / 3600, 2)
            put(UInt8(ascii: ":"))
            digits(secondOfDay / 60 % 60, 2)
            put(UInt8(ascii: ":"))
            digits(secondOfDay % 60, 2)
            if fraction != 0 {
                put(UInt8(ascii: "."))
                digits(fraction, 6)
            }
            put(UInt8(ascii: "Z"))
            return body(UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    /// The years (as written) of the instants the API reads. The database layer stores
    /// instants within about ±285 years of 1970 exactly; a wider range would pass the request
    /// check and then fail in the store as a server error.
    public static let years = 1700...2199

    /// Parses an RFC 3339 date-time (`T` or `t`, `Z` or a numeric offset, any number of
    /// fraction digits; sub-microsecond digits are dropped) whose year is in ``years``. Nil
    /// when it is not one.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              let day = try? CalendarDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)), years.contains(day.year),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]), let second = number(bytes[17..<19]),
              hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var micros = 0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                if index - start < 6 { micros = micros * 10 + Int(bytes[index] - UInt8(ascii: "0")) }
                index += 1
            }
            guard index > start else { return nil }
            for _ in 0..<max(0, 6 - (index - start)) { micros *= 10 }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                  let hours = number(bytes[(index + 1)..<(index + 3)]), let minutes = number(bytes[(index + 4)..<(index + 6)]),
                  hours < 24, minutes < 60
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (bytes[index] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return nil
        }
        let seconds = day.daysSinceUnixEpoch * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offset
        return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
