import Foundation
@testable import PathfolioAPI
import PathfolioCore
import PathfolioHTTP
import PathfolioPostgres
import Testing

/// The hand-written JSON of the busiest documents must be exactly what `JSONEncoder` writes for
/// the same value (``APIJSON``): member order, escapes, omitted nils, numbers and timestamps.
@Suite("JSONWriter writes what JSONEncoder writes")
struct JSONWriterTests {
    static func competency(_ n: Int, code: String?, statement: String) -> Competency {
        Competency(id: CompetencyID(UUID(uuidString: "6F0B8A8E-0000-4000-8000-0000000000\(10 + n)")!), frameworkID: framework,
                   humanCodingScheme: code, fullStatement: statement)
    }

    static let framework = FrameworkID(UUID(uuidString: "6F0B8A8E-0000-4000-8000-000000000001")!)

    @Test("a progress document with every kind of state, odd text and instants")
    func progress() throws {
        var awkward = ""
        for byte in 0..<0x80 { awkward.unicodeScalars.append(Unicode.Scalar(UInt8(byte))) }
        awkward += "é€😀\u{2028}/\\\""
        let competencies = [Self.competency(0, code: "M", statement: "Mathematics"),
                            Self.competency(1, code: nil, statement: awkward),
                            Self.competency(2, code: "M.2", statement: "Multiply fractions")]
        let graph = try CompetencyGraph(competencies: competencies, associations: [])
        let catalog = CompetencyCatalog(frameworks: [:], graph: graph)
        let instants = [Date(timeIntervalSince1970: 1_767_225_600), Date(timeIntervalSince1970: 1_767_225_600.123456),
                        Date(timeIntervalSince1970: -86_399.5), Date(timeIntervalSince1970: 253_402_300_799)]
        let states: [MasteryStateStore.Stored] = [
            .init(competencyID: competencies[0].id, isRollup: true, status: .mastered, score: nil, level: nil,
                  firstMasteredAt: instants[1], contributingReviewCount: 0, latestReviewAt: nil),
            .init(competencyID: competencies[1].id, isRollup: false, status: .inProgress, score: Score(hundredths: 250),
                  level: .init(label: awkward, points: 2), firstMasteredAt: nil, contributingReviewCount: 12,
                  latestReviewAt: instants[2]),
            .init(competencyID: competencies[2].id, isRollup: false, status: .mastered, score: Score(hundredths: -5),
                  level: .init(label: "Proficient", points: 3), firstMasteredAt: instants[3], contributingReviewCount: 1,
                  latestReviewAt: instants[0]),
            .init(competencyID: CompetencyID(UUID()), isRollup: false, status: .notStarted, score: nil, level: nil,
                  firstMasteredAt: nil, contributingReviewCount: 0, latestReviewAt: nil),
        ]
        // With the catalog's members written ahead (as progress does) and without.
        for fragments in [[:], catalog.fragments.all(for: catalog.graph)] {
            for (asOf, frameworkID) in [(nil, nil), (instants[1], Self.framework.description)] as [(Date?, String?)] {
                let document = ProgressRoutes.Progress(
                    learnerId: UUID().uuidString.lowercased(), frameworkId: frameworkID, asOf: asOf,
                    summary: .init(total: 4, mastered: -2, inProgress: 1_000_000_007, notStarted: Int.min),
                    competencies: states.map { MasteryStateRepresentation($0, catalog: catalog, fragments: fragments) })
                let written = HTTPResponse.json(document).body.bytes ?? []
                let encoded = APIJSON.encode(document)
                #expect(String(decoding: written, as: UTF8.self) == String(decoding: encoded, as: UTF8.self))
            }
        }
    }

    @Test("evidence of every kind, and a review's answer")
    func evidenceAndReviews() throws {
        let learner = PersonID(UUID()), assessor = PersonID(UUID())
        let competency = Self.competency(1, code: "M.1", statement: "Add fractions")
        let catalog = CompetencyCatalog(frameworks: [:], graph: try CompetencyGraph(competencies: [competency], associations: []))
        let contents: [EvidenceContent] = [
            .text("Line one\nline \"two\" / \\"), .link(url: "https://example.test/a?b=c&d=é"),
            .file(sha256: String(repeating: "ab", count: 32), byteCount: 1234, mediaType: "application/pdf"),
            .file(sha256: nil, byteCount: nil, mediaType: nil),
            .assessmentResult(assessment: "Quiz 3", result: "9/10"),
            .observation(notes: "Explained it to a peer.", observedOn: try CalendarDate(iso: "2026-03-04")),
        ]
        for (index, content) in contents.enumerated() {
            let evidence = try Evidence(id: EvidenceID(UUID()), learnerID: learner, submittedBy: assessor, title: "Work \(index)",
                                        description: index % 2 == 0 ? "" : "Described\tthus", content: content,
                                        competencies: [competency.id, CompetencyID(UUID())],
                                        submittedAt: Date(timeIntervalSince1970: 1_767_225_600.5))
            let reviews = [
                Review(id: ReviewID(UUID()), evidenceID: evidence.id, learnerID: learner, competencyID: competency.id,
                       reviewerID: assessor, points: 3, comment: "Good \u{1}", recordedAt: Date(timeIntervalSince1970: 1_767_225_601),
                       recordingSequence: 7, supersedes: index % 2 == 0 ? nil : ReviewID(UUID())),
            ]
            for listed in [nil, [], reviews] as [[Review]?] {
                let representation = EvidenceRepresentation(evidence, reviews: listed)
                #expect(String(decoding: HTTPResponse.json(representation).body.bytes ?? [], as: UTF8.self)
                        == String(decoding: APIJSON.encode(representation), as: UTF8.self))
            }
            let state = MasteryStateStore.Stored(competencyID: competency.id, isRollup: false, status: .mastered, score: 3,
                                                 level: .init(label: "Proficient", points: 3),
                                                 firstMasteredAt: Date(timeIntervalSince1970: 1_767_225_601),
                                                 contributingReviewCount: 1, latestReviewAt: Date(timeIntervalSince1970: 1_767_225_601))
            let response = ReviewRoutes.Response(evidence: EvidenceRepresentation(evidence, reviews: nil),
                                                 reviews: reviews.map(ReviewRepresentation.init),
                                                 mastery: [MasteryStateRepresentation(state, catalog: catalog)])
            #expect(String(decoding: HTTPResponse.json(response).body.bytes ?? [], as: UTF8.self)
                    == String(decoding: APIJSON.encode(response), as: UTF8.self))
        }
    }

    @Test("ids print lower case, order as their text does, and read back from PostgreSQL's form")
    func identifiers() throws {
        var generator = SystemRandomNumberGenerator()
        let ids = (0..<500).map { _ in CompetencyID(UUID()) } + [CompetencyID(UUID(uuidString: "00000000-0000-0000-0000-000000000000")!),
                                                                 CompetencyID(UUID(uuidString: "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF")!)]
        for id in ids {
            #expect(id.description == id.uuid.uuidString.lowercased())
            let other = ids.randomElement(using: &generator)!
            #expect((id < other) == (id.uuid.uuidString < other.uuid.uuidString))
            let text = Array(id.description.utf8)
            let decoded = try text.withUnsafeBufferPointer { try CompetencyID.decode(text: $0, type: .uuid, column: "id") }
            #expect(decoded == id)
        }
        let upper = Array("6F0B8A8E-0000-4000-8000-0000000000AB".utf8)
        #expect(try upper.withUnsafeBufferPointer { try UUID.decode(text: $0, type: .uuid, column: "id") }
                == UUID(uuidString: "6f0b8a8e-0000-4000-8000-0000000000ab"))
        let broken = Array("6f0b8a8e-0000-4000-8000-0000000000ag".utf8)
        #expect(throws: PostgresError.self) { try broken.withUnsafeBufferPointer { try UUID.decode(text: $0, type: .uuid, column: "id") } }
    }
}
