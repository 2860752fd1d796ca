/// A non-negative exact fraction, the number type of every mastery computation before rounding.
///
/// Why exact rationals rather than `Decimal` or `Double`: the mean of three scores is a
/// repeating decimal and `decaying_average` grows two decimal places per review, so any
/// fixed-precision type rounds in the middle of the computation. Rounding in the middle can
/// move a value that is exactly on a tie (`x.xx5`), and then the same ledger could give two
/// transcripts. Here every step is exact and ``rounded()`` is the single rounding.
///
/// Non-negative because scale points are never negative (``ProficiencyScale`` refuses them),
/// which makes "half away from zero" the same as "half up" for every value this type holds.
public struct ExactRational: Sendable, Hashable, Comparable, CustomStringConvertible {
    let numerator: BigUnsigned
    let denominator: BigUnsigned

    init(numerator: BigUnsigned, denominator: BigUnsigned) {
        precondition(!denominator.isZero, "ExactRational with a zero denominator")
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Zero.
    public static let zero = ExactRational(0)

    /// A whole number.
    public init(_ value: Int) {
        precondition(value >= 0, "ExactRational is non-negative")
        self.init(numerator: BigUnsigned(UInt64(value)), denominator: BigUnsigned(1))
    }

    /// `numerator / denominator`; `denominator` must be positive, `numerator` non-negative.
    public init(_ numerator: Int, over denominator: Int) {
        precondition(numerator >= 0 && denominator > 0, "ExactRational is non-negative with a positive denominator")
        self.init(numerator: BigUnsigned(UInt64(numerator)), denominator: BigUnsigned(UInt64(denominator)))
    }

    /// The exact value of a non-negative score, or `nil` for a negative one.
    public init?(_ score: Score) {
        guard score.hundredths >= 0 else { return nil }
        self.init(score.hundredths, over: 100)
    }

    /// Exact sum.
    public static func + (lhs: ExactRational, rhs: ExactRational) -> ExactRational {
        if lhs.denominator == rhs.denominator {
            return ExactRational(numerator: lhs.numerator + rhs.numerator, denominator: lhs.denominator)
        }
        // When one denominator is a small divisor of the other (the common case: hundredths
        // folded into a running value over 100ᵏ), scale instead of multiplying denominators,
        // so a decaying average grows two digits per review rather than six.
        if let small = rhs.denominator.word, case let (factor, 0) = lhs.denominator.quotientAndRemainder(dividingBy: small) {
            return ExactRational(numerator: lhs.numerator + rhs.numerator * factor, denominator: lhs.denominator)
        }
        if let small = lhs.denominator.word, case let (factor, 0) = rhs.denominator.quotientAndRemainder(dividingBy: small) {
            return ExactRational(numerator: lhs.numerator * factor + rhs.numerator, denominator: rhs.denominator)
        }
        return ExactRational(
            numerator: lhs.numerator * rhs.denominator + rhs.numerator * lhs.denominator,
            denominator: lhs.denominator * rhs.denominator)
    }

    /// Exact product.
    public static func * (lhs: ExactRational, rhs: ExactRational) -> ExactRational {
        ExactRational(numerator: lhs.numerator * rhs.numerator, denominator: lhs.denominator * rhs.denominator)
    }

    /// Division; `rhs` must not be zero.
    public static func / (lhs: ExactRational, rhs: ExactRational) -> ExactRational {
        precondition(!rhs.numerator.isZero, "ExactRational division by zero")
        return ExactRational(numerator: lhs.numerator * rhs.denominator, denominator: lhs.denominator * rhs.numerator)
    }

    /// Equal values, whatever their terms (`1/2 == 2/4`).
    public static func == (lhs: ExactRational, rhs: ExactRational) -> Bool {
        lhs.numerator * rhs.denominator == rhs.numerator * lhs.denominator
    }

    /// Hashes the value in lowest terms, so equal values (`1/2`, `2/4`) hash alike.
    public func hash(into hasher: inout Hasher) {
        let value = reduced()
        hasher.combine(value.numerator)
        hasher.combine(value.denominator)
    }

    /// Exact order.
    public static func < (lhs: ExactRational, rhs: ExactRational) -> Bool {
        lhs.numerator * rhs.denominator < rhs.numerator * lhs.denominator
    }

    /// The value rounded to two places, half away from zero: the one rounding of a score.
    public func rounded() -> Score {
        let scaled = numerator * BigUnsigned(100)
        let (quotient, remainder) = scaled.quotientAndRemainder(dividingBy: denominator)
        // Half away from zero for a non-negative value: up when the remainder is at least half.
        let roundUp = remainder + remainder >= denominator
        let whole = (quotient + BigUnsigned(roundUp ? 1 : 0)).uint64 ?? UInt64(Int.max)
        return Score(hundredths: Int(clamping: whole))
    }

    /// The same value in lowest terms.
    public func reduced() -> ExactRational {
        let divisor = BigUnsigned.gcd(numerator, denominator)
        if divisor == BigUnsigned(1) || divisor.isZero { return self }
        return ExactRational(numerator: numerator.quotientAndRemainder(dividingBy: divisor).quotient,
                             denominator: denominator.quotientAndRemainder(dividingBy: divisor).quotient)
    }

    /// Exact text: a terminating decimal (`2.125`) when the value has one, otherwise the
    /// fraction in lowest terms (`5/3`). Nothing is rounded, so an explanation shows the truth.
    public var description: String {
        let value = reduced()
        if value.denominator == BigUnsigned(1) { return value.numerator.description }
        // A fraction terminates in base ten when its reduced denominator is 2ᵃ·5ᵇ.
        var rest = value.denominator
        var twos = 0
        var fives = 0
        while case let (q, r) = rest.quotientAndRemainder(dividingBy: UInt32(2)), r == 0 { rest = q; twos += 1 }
        while case let (q, r) = rest.quotientAndRemainder(dividingBy: UInt32(5)), r == 0 { rest = q; fives += 1 }
        guard rest == BigUnsigned(1) else { return "\(value.numerator)/\(value.denominator)" }
        let places = max(twos, fives)
        var scale = BigUnsigned(1)
        for _ in 0..<places { scale = scale * BigUnsigned(10) }
        let digits = (value.numerator * scale).quotientAndRemainder(dividingBy: value.denominator).quotient.description
        let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
        let cut = padded.index(padded.endIndex, offsetBy: -places)
        return padded[..<cut] + "." + padded[cut...]
    }
}
