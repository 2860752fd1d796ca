import Foundation
import Testing
@testable import PathfolioCore

@Suite("Exact arithmetic and the single rounding")
struct ArithmeticTests {
    @Test("rounding is half away from zero at the third place", arguments: [
        (2125, 1000, 213),   // 2.125 → 2.13 (tie goes up, away from zero)
        (2124, 1000, 212),   // 2.124 → 2.12
        (2126, 1000, 213),
        (5, 1000, 1),        // 0.005 → 0.01
        (4, 1000, 0),        // 0.004 → 0.00
        (1, 3, 33),          // 0.333… → 0.33
        (2, 3, 67),          // 0.666… → 0.67
        (2995, 1000, 300),   // 2.995 → 3.00
        (3, 1, 300),
        (0, 7, 0),
    ])
    func roundsHalfAwayFromZero(numerator: Int, denominator: Int, hundredths: Int) {
        #expect(ExactRational(numerator, over: denominator).rounded() == Score(hundredths: hundredths))
    }

    @Test func equalValuesCompareEqualWhateverTheirTerms() {
        #expect(ExactRational(1, over: 2) == ExactRational(50, over: 100))
        #expect(ExactRational(1, over: 3) < ExactRational(34, over: 100))
        #expect(ExactRational(2, over: 4).hashValue == ExactRational(1, over: 2).hashValue)
    }

    @Test func descriptionIsExactDecimalOrFraction() {
        #expect(ExactRational(2125, over: 1000).description == "2.125")
        #expect(ExactRational(5, over: 3).description == "5/3")
        #expect(ExactRational(300, over: 100).description == "3")
        #expect(ExactRational(7, over: 200).description == "0.035")
    }

    @Test func bigValuesSurviveManyMultiplications() {
        // (65/100)^40 · (100/65)^40 = 1 exactly; any fixed precision would drift.
        var value = ExactRational(1)
        for _ in 0..<40 { value = value * ExactRational(65, over: 100) }
        for _ in 0..<40 { value = value / ExactRational(65, over: 100) }
        #expect(value == ExactRational(1))
        #expect(value.rounded() == Score(hundredths: 100))
    }

    @Test func bigUnsignedDivisionMatchesMultiplication() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<200 {
            let a = BigUnsigned(generator.next()) * BigUnsigned(generator.next()) * BigUnsigned(generator.next())
            let b = BigUnsigned(generator.next() | 1) * BigUnsigned(generator.next() >> 7)
            guard !b.isZero else { continue }
            let (q, r) = a.quotientAndRemainder(dividingBy: b)
            #expect(r < b)
            #expect(q * b + r == a)
        }
        #expect((BigUnsigned(10) * BigUnsigned(1 << 40) * BigUnsigned(1 << 40)).description == "12089258196146291747061760")
    }

    @Test("scores parse and print with two places", arguments: [
        ("3", 300, "3.00"), ("2.5", 250, "2.50"), ("2.75", 275, "2.75"), ("0.05", 5, "0.05"), ("-1.2", -120, "-1.20"),
    ])
    func scoresParse(text: String, hundredths: Int, printed: String) {
        let score = Score(text)
        #expect(score?.hundredths == hundredths)
        #expect(score?.description == printed)
    }

    @Test func scoresRefuseAThirdPlaceAndGarbage() {
        #expect(Score("2.125") == nil)
        #expect(Score("abc") == nil)
        #expect(Score("2.") == nil)
        #expect(Score("") == nil)
    }

    @Test func scoresRoundTripThroughJSONExactly() throws {
        let data = try JSONEncoder().encode([Score(hundredths: 305)])
        #expect(String(decoding: data, as: UTF8.self) == #"["3.05"]"#)
        #expect(try JSONDecoder().decode([Score].self, from: Data("[3.05, \"2.5\"]".utf8)) == [305, 250].map(Score.init(hundredths:)))
    }

    @Test func scoreDecimalIsExact() {
        #expect(Score(hundredths: 305).decimal == Decimal(string: "3.05"))
    }
}
