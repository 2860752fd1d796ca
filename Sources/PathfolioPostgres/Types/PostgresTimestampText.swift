import PathfolioCore

/// Reads and writes PostgreSQL's ISO text for `date` and `timestamptz`
/// (`2026-11-23`, `2026-11-23 12:52:50.123456+00`). Connections set `DateStyle` to ISO and
/// `TimeZone` to UTC, but any ISO offset is understood.
enum PostgresTimestampText {
    /// Microseconds since 1970-01-01T00:00:00Z for a `timestamptz` text, or nil if malformed.
    static func microseconds(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        var reader = Reader(bytes: text)
        guard let days = reader.date(), reader.take(UInt8(ascii: " ")) || reader.take(UInt8(ascii: "T")),
              let hour = reader.digits(2), reader.take(UInt8(ascii: ":")),
              let minute = reader.digits(2), reader.take(UInt8(ascii: ":")),
              let second = reader.digits(2), hour < 24, minute < 60, second < 61
        else { return nil }
        var micros: Int64 = 0
        if reader.take(UInt8(ascii: ".")) {
            var scale: Int64 = 100_000
            var count = 0
            while let digit = reader.digit() {
                count += 1
                guard count <= 6 else { return nil }
                micros += Int64(digit) * scale
                scale /= 10
            }
            guard count > 0 else { return nil }
        }
        var offsetSeconds = 0
        if reader.peek == UInt8(ascii: "+") || reader.peek == UInt8(ascii: "-") {
            let sign = reader.peek == UInt8(ascii: "-") ? -1 : 1
            reader.index += 1
            guard let offsetHours = reader.digits(2) else { return nil }
            var total = offsetHours * 3600
            if reader.take(UInt8(ascii: ":")) {
                guard let offsetMinutes = reader.digits(2) else { return nil }
                total += offsetMinutes * 60
                if reader.take(UInt8(ascii: ":")) {
                    guard let offsetSecs = reader.digits(2) else { return nil }
                    total += offsetSecs
                }
            }
            offsetSeconds = sign * total
        } else {
            return nil
        }
        guard reader.atEnd else { return nil }
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return seconds * 1_000_000 + micros
    }

    /// Days since 1970-01-01 for a `date` text, or nil if malformed.
    static func days(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        var reader = Reader(bytes: text)
        guard let days = reader.date(), reader.atEnd else { return nil }
        return days
    }

    /// `YYYY-MM-DD HH:MM:SS.ffffff+00` for microseconds since the Unix epoch.
    static func text(microseconds: Int64) -> String {
        let (seconds, micros) = floorDivision(microseconds, 1_000_000)
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        let date = dateText(days: Int(days))
        let hour = secondOfDay / 3600, minute = (secondOfDay % 3600) / 60, second = secondOfDay % 60
        return "\(date) \(pad(Int(hour), 2)):\(pad(Int(minute), 2)):\(pad(Int(second), 2)).\(pad(Int(micros), 6))+00"
    }

    /// `YYYY-MM-DD` for days since the Unix epoch.
    static func dateText(days: Int) -> String {
        CalendarDate(daysSinceUnixEpoch: days).description
    }

    static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        var quotient = value / divisor
        var remainder = value % divisor
        if remainder < 0 { quotient -= 1; remainder += divisor }
        return (quotient, remainder)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var atEnd: Bool { index == bytes.count }
        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            index += 1
            return true
        }

        mutating func digit() -> Int? {
            guard let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            index += 1
            return Int(byte - UInt8(ascii: "0"))
        }

        mutating func digits(_ count: Int) -> Int? {
            var value = 0
            for _ in 0..<count {
                guard let digit = digit() else { return nil }
                value = value * 10 + digit
            }
            return value
        }

        /// `YYYY-MM-DD` (four-digit years only: BC dates and years past 9999 are refused).
        mutating func date() -> Int? {
            guard let year = digits(4), take(UInt8(ascii: "-")), let month = digits(2),
                  take(UInt8(ascii: "-")), let day = digits(2),
                  let date = try? CalendarDate(year: year, month: month, day: day)
            else { return nil }
            return date.daysSinceUnixEpoch
        }
    }
}
