import Foundation
import PathfolioCore

/// Instants as the framework representations write them: RFC 3339, UTC, `Z`, with
/// microseconds (PostgreSQL's precision) only when the instant has any.
enum RFC3339 {
    /// `2026-11-23T15:08:00Z` or `2026-11-23T15:08:00.123456Z`.
    static func string(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let (seconds, fraction) = floorDivision(micros, 1_000_000)
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        var text = "\(CalendarDate(daysSinceUnixEpoch: Int(days)))T"
            + two(secondOfDay / 3600) + ":" + two(secondOfDay / 60 % 60) + ":" + two(secondOfDay % 60)
        if fraction != 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: 6 - digits.count) + digits
        }
        return text + "Z"
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    private static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
