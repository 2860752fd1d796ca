import Foundation
import PathfolioCore
import PathfolioInterop
import Testing

@Suite("CLR 2.0 transcript credential")
struct ClrTranscriptCredentialTests {
    static func number(_ n: Int) -> UUID {
        let hex = String(n, radix: 16)
        return UUID(uuidString: "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - hex.count) + hex)!
    }

    /// Lincoln High's transcript of Ada: M.1 mastered at 4 ("Advanced"), M.2 at 3, one goal achieved.
    static func transcript() throws -> Transcript {
        let framework = FrameworkID(number(200))
        let institution = InstitutionID(number(300))
        let learner = PersonID(number(1))
        let items = [1, 2].map { n in
            Competency(id: CompetencyID(number(n)), frameworkID: framework, uri: "https://case.example.org/uri/\(number(n))",
                       humanCodingScheme: "M.\(n)", fullStatement: "Add fractions \(n) & <more>")
        }
        let graph = try CompetencyGraph(competencies: items, associations: [])
        let math = Framework(id: framework, institutionID: institution, uri: "https://case.example.org/uri/f", title: "Math",
                             creator: "", lastChangedAt: Date(timeIntervalSince1970: 1_767_225_600))
        let reviews = [(1, 4), (2, 3)].map { n, points in
            Review(id: ReviewID(number(1000 + n)), evidenceID: EvidenceID(number(5000 + n)), learnerID: learner,
                   competencyID: CompetencyID(number(n)), reviewerID: PersonID(number(3)), points: Score(integerLiteral: points),
                   recordedAt: Date(timeIntervalSince1970: 1_767_225_600 + Double(n) * 3600), recordingSequence: Int64(n),
                   supersedes: nil)
        }
        let asOf = Date(timeIntervalSince1970: 1_767_225_600 + 86_400)
        let progress = LearnerProgress(learner: learner, graph: graph, frameworks: [framework: math], reviews: reviews, asOf: asOf)
        let advisor = PersonID(number(50))
        var plan = try Plan(id: PlanID(number(80)), institutionID: institution, learnerID: learner, advisorIDs: [advisor],
                            title: "Year plan", startDate: try CalendarDate(iso: "2025-12-01"),
                            targetDate: try CalendarDate(iso: "2026-06-01"),
                            goals: [try Goal(id: GoalID(number(81)), statement: "Fractions", kind: .academic,
                                             targets: [CompetencyID(number(1))], dueDate: try CalendarDate(iso: "2026-03-01"),
                                             approval: .approved(by: advisor))])
        try plan.apply(.transition(from: .draft, to: .active), by: advisor, at: asOf)
        return Transcript(institution: Institution(id: institution, name: "Lincoln High", timeZoneIdentifier: "UTC"),
                          learner: Transcript.Learner(id: learner, givenName: "Ada", familyName: "Lovelace", sourcedID: "S-1"),
                          asOf: asOf, progress: progress, graph: graph, frameworks: [framework: math], plans: [plan],
                          timeZone: TimeZone(identifier: "UTC")!)
    }

    static func credential(_ transcript: Transcript) -> ClrTranscriptCredential {
        ClrTranscriptCredential(transcript: transcript, id: number(9000), issuerID: "urn:uuid:\(number(300).uuidString.lowercased())",
                                issuedAt: Date(timeIntervalSince1970: 1_767_225_600 + 2 * 86_400),
                                nestedIDs: (0..<ClrTranscriptCredential.nestedCount(transcript)).map { number(9001 + $0) })
    }

    @Test("a ClrCredential of OB 3.0 AchievementCredentials, each competency aligned to its CASE item")
    func shape() throws {
        let transcript = try Self.transcript()
        #expect(transcript.competencies.count == 2)
        #expect(transcript.achievedGoals.count == 1)
        let clr = Self.credential(transcript).json
        #expect(clr["type"] == .array([.string("VerifiableCredential"), .string("ClrCredential")]))
        #expect(clr["id"]?.stringValue == "urn:uuid:00000000-0000-4000-8000-000000002328")
        #expect(clr["issuer"]?["id"]?.stringValue == "urn:uuid:00000000-0000-4000-8000-00000000012c")
        #expect(clr["issuer"]?["name"]?.stringValue == "Lincoln High")
        #expect(clr["validFrom"]?.stringValue == "2026-01-03T00:00:00Z")
        let subject = try #require(clr["credentialSubject"])
        #expect(subject["type"]?.stringValue == "ClrSubject")
        #expect(subject["id"]?.stringValue == "urn:uuid:00000000-0000-4000-8000-000000000001")
        let identities = subject["identifier"]?.arrayValue ?? []
        #expect(identities.compactMap { $0["identityType"]?.stringValue } == ["name", "sourcedId", "systemId"])
        let nested = subject["verifiableCredential"]?.arrayValue ?? []
        #expect(nested.count == 3)
        let first = try #require(nested.first)
        #expect(first["type"] == .array([.string("VerifiableCredential"), .string("AchievementCredential")]))
        #expect(first["credentialSubject"]?["id"] == subject["id"])
        let achievement = try #require(first["credentialSubject"]?["achievement"])
        #expect(achievement["achievementType"]?.stringValue == "Competency")
        #expect(achievement["name"]?.stringValue == "M.1")
        #expect(achievement["description"]?.stringValue == "Add fractions 1 & <more>")
        let alignment = try #require(achievement["alignment"]?.arrayValue?.first)
        #expect(alignment["targetType"]?.stringValue == "CFItem")
        #expect(alignment["targetUrl"]?.stringValue == "https://case.example.org/uri/\(Self.number(1))")
        #expect(alignment["targetCode"]?.stringValue == Self.number(1).uuidString.lowercased())
        #expect(alignment["targetFramework"]?.stringValue == "Math")
        #expect(first["credentialSubject"]?["result"]?.arrayValue?.first?["value"]?.stringValue == transcript.competencies[0].level)
        #expect(first["awardedDate"]?.stringValue == "2026-01-01T00:00:00Z")
        #expect(nested[2]["credentialSubject"]?["achievement"]?["achievementType"]?.stringValue == "ext:LearningPlanGoal")
        #expect(subject["achievement"]?.arrayValue?.count == 3)
    }

    @Test("uses the contexts and type forms of the official CLR 2.0 test vector")
    func matchesTheOfficialExample() throws {
        let path = SharedStandards.directory + "clr/examples/clr-testvector-unsigned.json"
        let example = try JSONParser(maximumDepth: 64).parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        let ours = Self.credential(try Self.transcript()).json
        let theirContexts = Set(example["@context"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        let ourContexts = ours["@context"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(ourContexts.first == "https://www.w3.org/ns/credentials/v2")
        #expect(Set(ourContexts).isSubset(of: theirContexts), "\(ourContexts) vs \(theirContexts)")
        #expect(ours["type"] == example["type"])
        let theirs = example["credentialSubject"]?["verifiableCredential"]?.arrayValue?.first
        let nested = ours["credentialSubject"]?["verifiableCredential"]?.arrayValue?.first
        #expect(nested?["type"] == theirs?["type"])
        let nestedContexts = Set(theirs?["@context"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        let ourNestedContexts = Set(nested?["@context"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        #expect(ourNestedContexts.isSubset(of: nestedContexts))
    }

    @Test("an empty transcript still makes a valid ClrSubject (one credential naming the learner)")
    func empty() throws {
        let full = try Self.transcript()
        let graph = try CompetencyGraph(competencies: [], associations: [])
        let empty = Transcript(institution: Institution(id: full.issuer.institutionID, name: "Lincoln High", timeZoneIdentifier: "UTC"),
                               learner: full.learner, asOf: full.asOf,
                               progress: LearnerProgress(learner: full.learnerID, graph: graph, frameworks: [:], reviews: []),
                               graph: graph, frameworks: [:], plans: [], timeZone: TimeZone(identifier: "UTC")!)
        let clr = Self.credential(empty).json
        #expect(clr["credentialSubject"]?["verifiableCredential"]?.arrayValue?.count == 1)
        #expect(clr["credentialSubject"]?["achievement"] == nil)
    }

    /// Writes the credentials for `validate_clr_export.py` (the official CLR 2.0 / OB 3.0 JSON
    /// Schemas) when CLR_EXPORT_DIR is set (deploy/test.sh).
    @Test("credentials are written for the schema validator when CLR_EXPORT_DIR is set")
    func writeExports() throws {
        guard let directory = ProcessInfo.processInfo.environment["CLR_EXPORT_DIR"] else { return }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let transcript = try Self.transcript()
        try Data(Self.credential(transcript).json.serializedBytes(pretty: true))
            .write(to: URL(fileURLWithPath: directory + "/interop-transcript.clr.json"))
    }
}
