/// The running value of a mastery method, one score at a time, so that a state *and* the date
/// it was first mastered come out of one O(reviews) pass.
struct MasteryAccumulator: Sendable {
    let method: MasteryMethod
    let threshold: ExactRational
    private(set) var count = 0
    private var latest: ExactRational?
    private var highest: ExactRational?
    private var sum = ExactRational.zero
    private var sumBeforeLatest = ExactRational.zero
    private var qualifyingSum = ExactRational.zero
    private(set) var qualifyingCount = 0
    private var decaying: ExactRational?

    init(method: MasteryMethod, threshold: ExactRational) {
        self.method = method
        self.threshold = threshold
    }

    /// Whether `x` meets the mastery threshold (`n_mastery` counts only those).
    func qualifies(_ x: ExactRational) -> Bool { x >= threshold }

    mutating func append(_ x: ExactRational) {
        count += 1
        switch method {
        case .latest:
            latest = x
        case .highest:
            highest = highest.map { max($0, x) } ?? x
        case .average:
            sum = sum + x
        case .nMastery:
            if qualifies(x) {
                qualifyingSum = qualifyingSum + x
                qualifyingCount += 1
            }
        case .weightedAverage:
            sumBeforeLatest = sum
            sum = sum + x
            latest = x
        case .decayingAverage(let p):
            decaying = decaying.map { $0 * ExactRational(100 - p, over: 100) + x * ExactRational(p, over: 100) } ?? x
        }
    }

    /// The exact score so far; `nil` before any score, or while `n_mastery` lacks scores.
    var exactScore: ExactRational? {
        guard count > 0 else { return nil }
        switch method {
        case .latest:
            return latest
        case .highest:
            return highest
        case .average:
            return sum / ExactRational(count)
        case .nMastery(let n):
            guard qualifyingCount >= n, qualifyingCount > 0 else { return nil }
            return qualifyingSum / ExactRational(qualifyingCount)
        case .weightedAverage(let p):
            guard count > 1, let latest else { return latest }
            let earlierMean = sumBeforeLatest / ExactRational(count - 1)
            return earlierMean * ExactRational(100 - p, over: 100) + latest * ExactRational(p, over: 100)
        case .decayingAverage:
            return decaying
        }
    }
}
