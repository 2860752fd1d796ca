public import Foundation

/// A score or a number of points on a proficiency scale: a decimal with exactly two places.
///
/// Stored as an integer number of hundredths, so a score is exact, compares exactly and prints
/// the same on every machine (`2.5` points is `250` hundredths). Arithmetic that needs more than
/// two places (means, weights) happens in ``ExactRational`` and comes back here through one
/// rounding, half away from zero (``ExactRational/rounded()``).
public struct Score: Sendable, Hashable, Comparable, CustomStringConvertible, Codable,
    ExpressibleByIntegerLiteral
{
    /// The value in hundredths (`3.25` → `325`).
    public let hundredths: Int

    /// A score of `hundredths / 100`.
    public init(hundredths: Int) {
        self.hundredths = hundredths
    }

    /// A whole number of points (`3` → `3.00`).
    public init(integerLiteral points: Int) {
        self.hundredths = points * 100
    }

    /// Parses `"3"`, `"2.5"`, `"2.75"`, `"-1.20"`; refuses more than two decimal places, since a
    /// third place would have to be rounded and that is not this initializer's decision.
    public init?(_ text: String) {
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" {
            negative = true
            digits = digits.dropFirst()
        }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty,
              whole.allSatisfy(\.isASCIIDigit), whole.count <= 15
        else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 2, fraction.allSatisfy(\.isASCIIDigit),
              parts.count == 1 || !fraction.isEmpty
        else { return nil }
        fraction += String(repeating: "0", count: 2 - fraction.count)
        guard let w = Int(whole), let f = Int(fraction) else { return nil }
        self.hundredths = (negative ? -1 : 1) * (w * 100 + f)
    }

    /// The same value as a Foundation `Decimal` (exact: a whole number scaled by 10⁻²).
    public var decimal: Decimal {
        Decimal(sign: hundredths < 0 ? .minus : .plus, exponent: -2,
                significand: Decimal(hundredths.magnitude))
    }

    /// Always two decimal places: `3.00`, `2.50`, `-0.05`.
    public var description: String {
        let magnitude = hundredths.magnitude
        let fraction = magnitude % 100
        return (hundredths < 0 ? "-" : "") + "\(magnitude / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    /// Orders by value.
    public static func < (lhs: Score, rhs: Score) -> Bool { lhs.hundredths < rhs.hundredths }

    /// Exact sum (no rounding: both have two places).
    public static func + (lhs: Score, rhs: Score) -> Score { Score(hundredths: lhs.hundredths + rhs.hundredths) }

    /// Encoded as its two-place text (`"2.50"`), which JSON keeps exactly.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes the text form; a JSON number is accepted when its text has at most two places.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text: String
        if let string = try? container.decode(String.self) {
            text = string
        } else {
            text = try container.decode(Decimal.self).description
        }
        guard let score = Score(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "a score has at most two decimal places: \(text)")
        }
        self = score
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
