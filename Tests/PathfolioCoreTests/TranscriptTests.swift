import Foundation
import Testing
import PathfolioCore

@Suite("Transcript assembly")
struct TranscriptTests {
    @Test func listsMasteredCompetenciesAndAchievedGoalsAsOfAnInstant() throws {
        let items = [competency(1, "M.2"), competency(2, "M.1"), competency(3, "M.3")]
        let graph = try CompetencyGraph(competencies: items, associations: [])
        let framework = Framework(id: frameworkF, institutionID: institutionI, uri: "", title: "Math", creator: "", lastChangedAt: instant(0))
        let institution = Institution(id: institutionI, name: "Lincoln High", timeZoneIdentifier: "America/Chicago")
        let ledger = [review(1, 3, at: 3_600, competency: id(1)), review(2, 4, at: 7_200, competency: id(2)),
                      review(3, 4, at: 86_400 * 10, competency: id(3))]
        var plan = try Plan(id: id(80), institutionID: institutionI, learnerID: learnerA, advisorIDs: [id(50)], title: "Plan",
                            startDate: day("2025-12-01"), targetDate: day("2026-06-01"),
                            goals: [try Goal(id: id(81), statement: "Two", kind: .academic, targets: [id(1), id(2)],
                                             dueDate: day("2026-03-01"), approval: .approved(by: id(50))),
                                    try Goal(id: id(82), statement: "Three", kind: .academic, targets: [id(3)],
                                             dueDate: day("2026-03-01"), approval: .approved(by: id(50)))])
        try plan.apply(.transition(from: .draft, to: .active), by: id(50), at: instant(0))
        let asOf = instant(86_400 * 2)
        let progress = LearnerProgress(learner: learnerA, graph: graph, frameworks: [frameworkF: framework], reviews: ledger, asOf: asOf)
        let transcript = Transcript(institution: institution,
                                    learner: Transcript.Learner(id: learnerA, givenName: "Ada", familyName: "Lovelace", sourcedID: nil), asOf: asOf, progress: progress, graph: graph,
                                    frameworks: [frameworkF: framework], plans: [plan],
                                    timeZone: TimeZone(identifier: institution.timeZoneIdentifier)!)
        #expect(transcript.issuer.name == "Lincoln High")
        #expect(transcript.learner.fullName == "Ada Lovelace")
        #expect(transcript.competencies.map(\.code) == ["M.1", "M.2"])          // M.3 came later; sorted by code
        #expect(transcript.competencies.map(\.level) == ["Advanced", "Proficient"])
        // 2026-01-01T01:00Z is still 2025-12-31 in Chicago.
        #expect(transcript.competencies[1].firstMasteredOn == day("2025-12-31"))
        #expect(transcript.achievedGoals.map(\.statement) == ["Two"])
        #expect(transcript.achievedGoals.first?.achievedOn == day("2025-12-31"))
    }

    @Test func endOfDayIsTheLastMicrosecondInTheInstitutionsZone() {
        let chicago = TimeZone(identifier: "America/Chicago")!
        let end = day("2025-12-31").endOfDay(in: chicago)
        // Midnight Chicago (UTC−6) is 06:00Z on 2026-01-01.
        #expect(abs(end.timeIntervalSince(instant(6 * 3_600))) < 0.00001)
        #expect(end < instant(6 * 3_600))
        #expect(CalendarDate(end, in: chicago) == day("2025-12-31"))
    }

    @Test func exportsToAnyoneButTheLearnerAreDisclosures() {
        #expect(Disclosure.isRequired(exportingRecordOf: learnerA, to: id(50)))
        #expect(!Disclosure.isRequired(exportingRecordOf: learnerA, to: learnerA))
    }
}
