/// An arbitrary-size unsigned integer, just large enough a toolkit for exact mastery arithmetic.
///
/// Why it exists: `decaying_average(p)` multiplies the running value by `(100 − p)/100` once per
/// review, so after *n* reviews its exact value has a denominator of `100ⁿ`. That outgrows
/// `UInt64` after ten reviews and Foundation `Decimal` (38 digits) after about eighteen, after
/// which `Decimal` rounds silently and a value sitting exactly on a tie (`x.xx5`) could round the
/// wrong way. With unbounded integers every intermediate value is exact and rounding happens once.
///
/// Limbs are little-endian `UInt32` words so every partial product fits a `UInt64`.
struct BigUnsigned: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Little-endian 32-bit words with no high zero words; zero is the empty array.
    private(set) var words: [UInt32]

    static let zero = BigUnsigned(words: [])

    init(_ value: UInt64) {
        var rest = value
        var words: [UInt32] = []
        while rest > 0 {
            words.append(UInt32(truncatingIfNeeded: rest))
            rest >>= 32
        }
        self.words = words
    }

    private init(words: [UInt32]) {
        self.words = words
        trim()
    }

    var isZero: Bool { words.isEmpty }

    /// The value when it fits in one 32-bit word.
    var word: UInt32? { words.count <= 1 ? (words.first ?? 0) : nil }

    /// The value when it fits in a `UInt64`.
    var uint64: UInt64? {
        switch words.count {
        case 0: 0
        case 1: UInt64(words[0])
        case 2: UInt64(words[0]) | UInt64(words[1]) << 32
        default: nil
        }
    }

    private mutating func trim() {
        while let last = words.last, last == 0 { words.removeLast() }
    }

    static func + (lhs: BigUnsigned, rhs: BigUnsigned) -> BigUnsigned {
        let count = max(lhs.words.count, rhs.words.count)
        var result: [UInt32] = []
        result.reserveCapacity(count + 1)
        var carry: UInt64 = 0
        for index in 0..<count {
            let a = index < lhs.words.count ? UInt64(lhs.words[index]) : 0
            let b = index < rhs.words.count ? UInt64(rhs.words[index]) : 0
            let sum = a + b + carry
            result.append(UInt32(truncatingIfNeeded: sum))
            carry = sum >> 32
        }
        if carry > 0 { result.append(UInt32(carry)) }
        return BigUnsigned(words: result)
    }

    /// `lhs − rhs`; the caller guarantees `lhs ≥ rhs`.
    static func - (lhs: BigUnsigned, rhs: BigUnsigned) -> BigUnsigned {
        precondition(lhs >= rhs, "BigUnsigned subtraction below zero")
        var result = lhs.words
        var borrow: Int64 = 0
        for index in 0..<result.count {
            let b = index < rhs.words.count ? Int64(rhs.words[index]) : 0
            var difference = Int64(result[index]) - b - borrow
            if difference < 0 {
                difference += 1 << 32
                borrow = 1
            } else {
                borrow = 0
            }
            result[index] = UInt32(difference)
        }
        return BigUnsigned(words: result)
    }

    static func * (lhs: BigUnsigned, rhs: BigUnsigned) -> BigUnsigned {
        if lhs.isZero || rhs.isZero { return .zero }
        var result = [UInt32](repeating: 0, count: lhs.words.count + rhs.words.count)
        for i in 0..<lhs.words.count {
            let a = UInt64(lhs.words[i])
            if a == 0 { continue }
            var carry: UInt64 = 0
            for j in 0..<rhs.words.count {
                // (2³²−1)² + 2·(2³²−1) = 2⁶⁴−1: never overflows.
                let t = a * UInt64(rhs.words[j]) + UInt64(result[i + j]) + carry
                result[i + j] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            result[i + rhs.words.count] = UInt32(carry)
        }
        return BigUnsigned(words: result)
    }

    static func < (lhs: BigUnsigned, rhs: BigUnsigned) -> Bool {
        if lhs.words.count != rhs.words.count { return lhs.words.count < rhs.words.count }
        var index = lhs.words.count - 1
        while index >= 0 {
            if lhs.words[index] != rhs.words[index] { return lhs.words[index] < rhs.words[index] }
            index -= 1
        }
        return false
    }

    private var bitWidth: Int {
        guard let top = words.last else { return 0 }
        return words.count * 32 - top.leadingZeroBitCount
    }

    private func bit(_ index: Int) -> Bool {
        words[index / 32] >> UInt32(index % 32) & 1 == 1
    }

    /// Quotient and remainder; `divisor` must not be zero.
    func quotientAndRemainder(dividingBy divisor: BigUnsigned) -> (quotient: BigUnsigned, remainder: BigUnsigned) {
        precondition(!divisor.isZero, "BigUnsigned division by zero")
        if self < divisor { return (.zero, self) }
        if divisor.words.count == 1 {
            let (q, r) = quotientAndRemainder(dividingBy: divisor.words[0])
            return (q, BigUnsigned(UInt64(r)))
        }
        // Shift-and-subtract long division: the operands here are a few hundred bits at most.
        var quotient = [UInt32](repeating: 0, count: words.count)
        var remainder = BigUnsigned.zero
        var index = bitWidth - 1
        while index >= 0 {
            remainder.shiftLeftOne(carryingIn: bit(index))
            if remainder >= divisor {
                remainder = remainder - divisor
                quotient[index / 32] |= 1 << UInt32(index % 32)
            }
            index -= 1
        }
        return (BigUnsigned(words: quotient), remainder)
    }

    func quotientAndRemainder(dividingBy divisor: UInt32) -> (quotient: BigUnsigned, remainder: UInt32) {
        precondition(divisor != 0, "BigUnsigned division by zero")
        var quotient = [UInt32](repeating: 0, count: words.count)
        var remainder: UInt64 = 0
        var index = words.count - 1
        while index >= 0 {
            let current = remainder << 32 | UInt64(words[index])
            quotient[index] = UInt32(current / UInt64(divisor))
            remainder = current % UInt64(divisor)
            index -= 1
        }
        return (BigUnsigned(words: quotient), UInt32(remainder))
    }

    private mutating func shiftLeftOne(carryingIn bit: Bool) {
        var carry: UInt32 = bit ? 1 : 0
        for index in 0..<words.count {
            let next = words[index] >> 31
            words[index] = words[index] << 1 | carry
            carry = next
        }
        if carry != 0 { words.append(carry) }
    }

    /// Greatest common divisor (Euclid).
    static func gcd(_ a: BigUnsigned, _ b: BigUnsigned) -> BigUnsigned {
        var (x, y) = (a, b)
        while !y.isZero {
            (x, y) = (y, x.quotientAndRemainder(dividingBy: y).remainder)
        }
        return x
    }

    var description: String {
        if isZero { return "0" }
        var chunks: [UInt32] = []
        var rest = self
        while !rest.isZero {
            let (q, r) = rest.quotientAndRemainder(dividingBy: 1_000_000_000)
            chunks.append(r)
            rest = q
        }
        var text = String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 9 - digits.count) + digits
        }
        return text
    }
}
