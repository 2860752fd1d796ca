import Foundation
@testable import PathfolioAPI
import PathfolioCore
import PathfolioPostgres
import Testing

/// The review endpoint recomputes only what a review touches, from the touched competencies'
/// reviews and the stored states below their ancestors; the rebuild recomputes from the whole
/// ledger. Over random graphs, policies and ledgers, the two must write the same rows.
@Suite("Incremental projection equals the projection from the whole ledger")
struct MasteryProjectionTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func id<Subject>(_ n: Int) -> Identifier<Subject> {
        let hex = String(n, radix: 16)
        return Identifier(UUID(uuidString: "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - hex.count) + hex)!)
    }

    @Test("random graphs, policies and ledgers", arguments: 0..<60)
    func equivalence(seed: Int) throws {
        var random = Generator(state: UInt64(seed))
        let framework: FrameworkID = Self.id(1)
        let learner: PersonID = Self.id(2)
        // A forest three levels deep: roots 10…, children 100…, grandchildren 1000….
        var competencies: [Competency] = []
        var associations: [Association] = []
        func add(_ n: Int) { competencies.append(Competency(id: Self.id(n), frameworkID: framework, humanCodingScheme: "C\(n)", fullStatement: "C\(n)")) }
        func child(_ n: Int, of parent: Int) {
            associations.append(Association(id: Self.id(500_000 + n), type: .isChildOf, origin: Self.id(n), destination: Self.id(parent)))
        }
        for root in 10..<(10 + Int.random(in: 1...3, using: &random)) {
            add(root)
            for c in 0..<Int.random(in: 0...4, using: &random) {
                let middle = root * 10 + c
                add(middle)
                child(middle, of: root)
                for g in 0..<Int.random(in: 0...3, using: &random) {
                    let leaf = middle * 10 + g
                    add(leaf)
                    child(leaf, of: middle)
                }
            }
        }
        let graph = try CompetencyGraph(competencies: competencies, associations: associations)
        var rollups: [CompetencyID: Rollup] = [:]
        for competency in competencies where graph.hasChildren(competency.id) {
            switch Int.random(in: 0..<4, using: &random) {
            case 0: rollups[competency.id] = Rollup.none
            case 1: rollups[competency.id] = .points(required: Score(integerLiteral: Int.random(in: 1...2, using: &random)), weights: [:])
            default: break
            }
        }
        let methods: [MasteryMethod] = [.highest, .latest, .average, .decayingAverage(percent: 65)]
        let policy = MasteryPolicy(method: methods[seed % methods.count], rollups: rollups)
        let catalog = CompetencyCatalog(
            frameworks: [framework: Framework(id: framework, institutionID: Self.id(3), uri: "u", title: "F", creator: "c",
                                              lastChangedAt: Date(timeIntervalSince1970: 0), masteryPolicy: policy)],
            graph: graph)
        let projection = MasteryProjection(catalog: catalog)

        // An earlier ledger, and its projection as stored.
        var ledger: [Review] = []
        var sequence: Int64 = 0
        func rate(_ competency: CompetencyID, at seconds: Double, supersedes: ReviewID? = nil) -> Review {
            sequence += 1
            return Review(id: Self.id(1_000_000 + Int(sequence)), evidenceID: Self.id(7), learnerID: learner, competencyID: competency,
                          reviewerID: Self.id(4), points: Score(integerLiteral: Int.random(in: 1...4, using: &random)),
                          recordedAt: Date(timeIntervalSince1970: seconds), recordingSequence: sequence, supersedes: supersedes)
        }
        for n in 0..<Int.random(in: 0...25, using: &random) {
            ledger.append(rate(competencies.randomElement(using: &random)!.id, at: Double(n * 60)))
        }
        let stored = projection.rows(learner: learner, reviews: ledger)

        // A review of a few competencies (one maybe correcting an earlier rating).
        var new: [Review] = []
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let target = competencies.randomElement(using: &random)!.id
            let earlier = ledger.last { $0.competencyID == target }
            let corrects = earlier != nil && Bool.random(using: &random) ? earlier?.id : nil
            new.append(rate(target, at: 100_000, supersedes: corrects))
        }
        let touched = Set(new.map(\.competencyID))
        let full = projection.rows(learner: learner, reviews: ledger + new, touching: touched)
        let needed = projection.statesNeeded(forRecomputing: touched)
        let incremental = projection.rows(learner: learner,
                                          reviewsOfTouched: ledger.filter { touched.contains($0.competencyID) } + new,
                                          stored: stored.filter { needed.contains($0.competencyID) }, touching: touched)
        #expect(incremental == full)
    }
}
