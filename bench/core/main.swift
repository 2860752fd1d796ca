// Micro-benchmark of PathfolioCore's hot paths (issue 4): prints the cost per operation.
// Run: swift run -c release PathfolioCoreBench
// The bench may read the clock (ContinuousClock); the core never does.
import Foundation
import PathfolioCore

/// SplitMix64, so every run builds the same framework.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func uuid(_ n: Int) -> UUID {
    let hex = String(n, radix: 16)
    return UUID(uuidString: "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - hex.count) + hex)!
}

let clock = ContinuousClock()
var checksum = 0

@MainActor func report(_ name: String, iterations: Int, _ body: () -> Void) {
    body()  // warm-up
    let elapsed = clock.measure { for _ in 0..<iterations { body() } }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let perOp = seconds / Double(iterations)
    let text = perOp >= 1e-3 ? String(format: "%.3f ms", perOp * 1e3) : String(format: "%.2f µs", perOp * 1e6)
    print(name.padding(toLength: 62, withPad: " ", startingAt: 0), text, "per op (\(iterations) ops)")
}

// A 10,110-competency framework: 10 domains ⊃ 10 clusters each ⊃ 100 standards each.
// Within a cluster each standard precedes the next (learning progressions of 100), and
// 5,000 random precedes edges run from an earlier cluster's standard to a later one's.
let framework = FrameworkID(uuid(1))
var generator = SplitMix64(state: 2026)
var competencies: [Competency] = []
var associations: [Association] = []
var nextID = 10
@MainActor func add(_ code: String) -> CompetencyID {
    nextID += 1
    let id = CompetencyID(uuid(nextID))
    competencies.append(Competency(id: id, frameworkID: framework, humanCodingScheme: code, fullStatement: code))
    return id
}
@MainActor func link(_ type: AssociationType, _ origin: CompetencyID, _ destination: CompetencyID) {
    nextID += 1
    associations.append(Association(id: AssociationID(uuid(nextID)), type: type, origin: origin, destination: destination))
}
var standards: [CompetencyID] = []
for d in 0..<10 {
    let domain = add("D\(d)")
    for c in 0..<10 {
        let cluster = add("D\(d).C\(c)")
        link(.isChildOf, cluster, domain)
        var previous: CompetencyID?
        for s in 0..<100 {
            let standard = add("D\(d).C\(c).S\(s)")
            link(.isChildOf, standard, cluster)
            if let previous { link(.precedes, previous, standard) }
            previous = standard
            standards.append(standard)
        }
    }
}
for _ in 0..<5000 {
    let a = Int(generator.next() % UInt64(standards.count)), b = Int(generator.next() % UInt64(standards.count))
    let (from, to) = (min(a, b) / 100, max(a, b) / 100)
    guard from != to else { continue }
    link(.precedes, standards[min(a, b)], standards[max(a, b)])
}
print("framework: \(competencies.count) competencies, \(associations.count) associations")

var graph = try! CompetencyGraph(competencies: competencies, associations: associations)
report("build graph + cycle check + topological order (10k)", iterations: 20) {
    graph = try! CompetencyGraph(competencies: competencies, associations: associations)
    checksum &+= graph.count
}
report("topologicalOrder as ids (10k)", iterations: 50) { checksum &+= graph.topologicalOrder.count }
report("adding one precedes edge (path check + rebuild)", iterations: 10) {
    checksum &+= (try? graph.adding(Association(id: AssociationID(uuid(1)), type: .precedes,
                                                  origin: standards[0], destination: standards[9999])))?.count ?? 0
}
report("ancestors of a standard", iterations: 10_000) { checksum &+= graph.ancestors(of: standards[5555]).count }
report("descendants of a domain (1,010)", iterations: 1_000) { checksum &+= graph.descendants(of: competencies[0].id).count }
report("prerequisites(of:) of a late standard (transitive, inherited)", iterations: 100) {
    checksum &+= graph.prerequisites(of: standards[9_950]).count
}

// Mastery for one learner × competency with 20 reviews.
let learner = PersonID(uuid(2))
let origin = Date(timeIntervalSince1970: 1_767_225_600)
let twenty: [Review] = (0..<20).map { n in
    Review(id: ReviewID(uuid(100_000 + n)), evidenceID: EvidenceID(uuid(200_000 + n)), learnerID: learner,
           competencyID: standards[0], reviewerID: PersonID(uuid(3)), points: Score(integerLiteral: 1 + Int(generator.next() % 4)),
           recordedAt: origin.addingTimeInterval(Double(n) * 3600), recordingSequence: Int64(n),
           supersedes: n == 15 ? ReviewID(uuid(100_003)) : nil)
}
for method in [MasteryMethod.latest, .highest, .average, .nMastery(3), .weightedAverage(percent: 65), .decayingAverage(percent: 65)] {
    report("mastery, 20 reviews, \(method)", iterations: 2_000) {
        let evaluation = MasteryEvaluation(learner: learner, competency: standards[0], reviews: twenty, method: method, scale: .fourPoint)
        checksum &+= evaluation.state.score?.hundredths ?? 0
    }
}
let hundred: [Review] = (0..<100).map { n in
    Review(id: ReviewID(uuid(300_000 + n)), evidenceID: EvidenceID(uuid(400_000 + n)), learnerID: learner,
           competencyID: standards[0], reviewerID: PersonID(uuid(3)), points: Score(integerLiteral: 1 + Int(generator.next() % 4)),
           recordedAt: origin.addingTimeInterval(Double(n) * 3600), recordingSequence: Int64(n))
}
report("mastery, 100 reviews, decaying_average(65)", iterations: 200) {
    checksum &+= MasteryEvaluation(learner: learner, competency: standards[0], reviews: hundred,
                                   method: .decayingAverage(percent: 65), scale: .fourPoint).state.score?.hundredths ?? 0
}

// Readiness for one learner: 40 % of standards mastered (a prefix of each progression), 6 goals.
var mastered = Set<CompetencyID>()
for (index, standard) in standards.enumerated() where index % 100 < 40 { mastered.insert(standard) }
let goals: [Goal] = (0..<6).map { g in
    try! Goal(id: GoalID(uuid(500_000 + g)), statement: "goal \(g)", kind: .academic,
              targets: [standards[g * 1_500 + 60], standards[g * 1_500 + 99], competencies[1 + g].id],
              dueDate: try! CalendarDate(iso: "2026-06-01"), approval: .approved(by: PersonID(uuid(4))))
}
var readyCount = 0
report("readiness (what next + gaps), 10k competencies, 6 goals", iterations: 50) {
    let readiness = Readiness(graph: graph, mastered: mastered, goals: goals)
    readyCount = readiness.ready.count
    checksum &+= readiness.ready.count + readiness.gaps.count
}
print("  ready: \(readyCount)")
var states: [CompetencyID: MasteryState] = [:]
for standard in mastered {
    states[standard] = MasteryState(learnerID: learner, competencyID: standard, score: 3, level: nil, status: .mastered,
                                    firstMasteredAt: origin, contributingReviewCount: 1, latestReviewAt: origin)
}
report("learner progress with rollups, 10k competencies", iterations: 50) {
    checksum &+= LearnerProgress(learner: learner, graph: graph, states: states, policies: [:]).entries.count
}
print("checksum \(checksum)")
