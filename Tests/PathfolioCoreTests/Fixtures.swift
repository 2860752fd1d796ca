import Foundation
import PathfolioCore

/// Deterministic ids: `id(7)` is always the same UUID, so failures are reproducible.
func uuid(_ n: Int) -> UUID {
    let hex = String(n, radix: 16)
    return UUID(uuidString: "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - hex.count) + hex)!
}

func id<Subject>(_ n: Int) -> Identifier<Subject> { Identifier(uuid(n)) }

/// An instant `seconds` after a fixed origin (2026-01-01T00:00:00Z).
func instant(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_767_225_600 + seconds) }

func day(_ text: String) -> CalendarDate { try! CalendarDate(iso: text) }

let learnerA: PersonID = id(1)
let learnerB: PersonID = id(2)
let assessor: PersonID = id(3)
let competencyX: CompetencyID = id(100)
let frameworkF: FrameworkID = id(200)
let institutionI: InstitutionID = id(300)

/// A review of `learnerA` on `competencyX` unless told otherwise; `at` and `sequence` default to
/// the review number so reviews are in the order written.
func review(_ n: Int, _ points: Score, at seconds: Double? = nil, sequence: Int64? = nil, supersedes: Int? = nil,
            learner: PersonID = learnerA, competency: CompetencyID = competencyX) -> Review {
    Review(id: id(1000 + n), evidenceID: id(5000 + n), learnerID: learner, competencyID: competency,
           reviewerID: assessor, points: points, recordedAt: instant(seconds ?? Double(n) * 60),
           recordingSequence: sequence ?? Int64(n), supersedes: supersedes.map { id(1000 + $0) })
}

/// Evaluates `reviews` for learnerA × competencyX on the four-point scale.
func evaluate(_ method: MasteryMethod, _ reviews: [Review], asOf: Date? = nil,
              scale: ProficiencyScale = .fourPoint) -> MasteryEvaluation {
    MasteryEvaluation(learner: learnerA, competency: competencyX, reviews: reviews, method: method, scale: scale, asOf: asOf)
}

/// Reviews 1…n with these points, one minute apart.
func reviews(_ points: [Score]) -> [Review] {
    points.enumerated().map { review($0.offset + 1, $0.element) }
}

/// SplitMix64: a tiny, well-known seeded generator, so property tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func competency(_ n: Int, _ code: String, framework: FrameworkID = frameworkF) -> Competency {
    Competency(id: id(n), frameworkID: framework, humanCodingScheme: code, fullStatement: "Statement \(code)")
}

func association(_ type: AssociationType, _ origin: Int, _ destination: Int, n: Int = 0) -> Association {
    Association(id: id(900_000 + origin * 1000 + destination + n), type: type, origin: id(origin), destination: id(destination))
}
