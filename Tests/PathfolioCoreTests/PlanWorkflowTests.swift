import Foundation
import Testing
import PathfolioCore

@Suite("Plan workflow, goals, templates and history")
struct PlanWorkflowTests {
    /// The transitions SPEC §1.5 and issue 4 allow, written out independently of the code.
    static let allowed: Set<[PlanStatus]> = [
        [.draft, .inReview], [.inReview, .draft], [.inReview, .active], [.draft, .active],
        [.draft, .archived], [.active, .archived], [.active, .completed],
    ]

    static let pairs: [(PlanStatus, PlanStatus)] = PlanStatus.allCases.flatMap { from in PlanStatus.allCases.map { (from, $0) } }

    @Test("every pair of plan statuses is allowed or refused with the allowed set named", arguments: pairs)
    func transitionTable(from: PlanStatus, to: PlanStatus) {
        let expectedAllowed = PlanStatus.allCases.filter { PlanWorkflowTests.allowed.contains([from, $0]) }
        if PlanWorkflowTests.allowed.contains([from, to]) {
            #expect(throws: Never.self) { try from.transition(to: to) }
        } else {
            #expect(throws: PlanStatus.IllegalTransition(from: from, to: to, allowed: expectedAllowed)) {
                try from.transition(to: to)
            }
        }
    }

    func draftPlan() throws -> Plan {
        try Plan(id: id(1), institutionID: institutionI, learnerID: learnerA, advisorIDs: [id(50)], title: "Year 7",
                 startDate: day("2026-01-05"), targetDate: day("2026-06-30"))
    }

    func goal(_ n: Int, due: String = "2026-03-01") throws -> Goal {
        try Goal(id: id(n), statement: "Goal \(n)", kind: .academic, targets: [competencyX], dueDate: day(due),
                 approval: .proposed(by: learnerA))
    }

    @Test func everyChangeBumpsTheVersionAndIsRecorded() throws {
        var plan = try draftPlan()
        #expect(plan.version == 1)
        #expect(plan.creationEntry(by: id(50), at: instant(0)).change == .created(templateID: nil))
        let added = try plan.apply(.addGoal(goal(10)), by: learnerA, at: instant(10))
        #expect(added == PlanHistoryEntry(planID: id(1), version: 2, actorID: learnerA, at: instant(10), change: .addGoal(try goal(10))))
        try plan.apply(.approveGoal(id(10)), by: id(50), at: instant(20))
        #expect(plan.goal(id(10))?.approval == .approved(by: id(50)))
        let entry = try plan.apply(.transition(from: .draft, to: .inReview), by: learnerA, at: instant(30))
        #expect(entry.version == 4 && plan.status == .inReview)
    }

    @Test func illegalTransitionsChangeNothingAndNameTheAllowed() throws {
        var plan = try draftPlan()
        #expect(throws: Plan.Refusal.illegalTransition(.init(from: .draft, to: .completed, allowed: [.inReview, .active, .archived]))) {
            try plan.apply(.transition(from: .draft, to: .completed), by: id(50), at: instant(0))
        }
        #expect(plan.version == 1 && plan.status == .draft)
        // A stale "from" (someone moved it meanwhile) is refused too.
        #expect(throws: Plan.Refusal.self) { try plan.apply(.transition(from: .active, to: .completed), by: id(50), at: instant(0)) }
    }

    @Test func closedPlansRefuseEditsButTakeComments() throws {
        var plan = try draftPlan()
        try plan.apply(.transition(from: .draft, to: .archived), by: id(50), at: instant(0))
        #expect(throws: Plan.Refusal.closed(.archived, editable: [.draft, .inReview, .active])) {
            try plan.apply(.rename("New"), by: id(50), at: instant(1))
        }
        try plan.apply(.comment("well done"), by: learnerA, at: instant(2))
        #expect(plan.version == 3)
    }

    @Test func plansAndGoalsRefuseInconsistentData() throws {
        #expect(throws: Plan.Refusal.targetBeforeStart(start: day("2026-02-01"), target: day("2026-01-01"))) {
            try Plan(id: id(1), institutionID: institutionI, learnerID: learnerA, advisorIDs: [id(50)], title: "T",
                     startDate: day("2026-02-01"), targetDate: day("2026-01-01"))
        }
        #expect(throws: Plan.Refusal.noAdvisors) {
            try Plan(id: id(1), institutionID: institutionI, learnerID: learnerA, advisorIDs: [], title: "T",
                     startDate: day("2026-01-01"), targetDate: day("2026-02-01"))
        }
        #expect(throws: Goal.Invalid.milestoneOutsideTargets([id(101)])) {
            try Goal(id: id(9), statement: "g", kind: .career, targets: [competencyX], dueDate: day("2026-03-01"),
                     milestones: [Milestone(dueDate: day("2026-02-01"), competencies: [id(101)])], approval: .approved(by: id(50)))
        }
        var plan = try draftPlan()
        try plan.apply(.addGoal(goal(10)), by: learnerA, at: instant(0))
        #expect(throws: Plan.Refusal.duplicateGoal(id(10))) { try plan.apply(.addGoal(goal(10)), by: learnerA, at: instant(0)) }
        #expect(throws: Plan.Refusal.unknownGoal(id(11))) { try plan.apply(.dropGoal(id(11), reason: "moved"), by: id(50), at: instant(0)) }
    }

    @Test func droppedGoalsKeepTheirReasonAndRefuseFurtherChanges() throws {
        var plan = try draftPlan()
        try plan.apply(.addGoal(goal(10)), by: learnerA, at: instant(0))
        #expect(throws: Plan.Refusal.emptyDropReason) { try plan.apply(.dropGoal(id(10), reason: ""), by: id(50), at: instant(1)) }
        #expect(plan.version == 2)
        try plan.apply(.dropGoal(id(10), reason: "Moved to next term"), by: id(50), at: instant(1))
        #expect(plan.goal(id(10))?.isDropped == true && plan.goal(id(10))?.dropReason == "Moved to next term")
        #expect(throws: Plan.Refusal.goalDropped(id(10))) { try plan.apply(.approveGoal(id(10)), by: id(50), at: instant(2)) }
        #expect(throws: Plan.Refusal.goalDropped(id(10))) { try plan.apply(.dropGoal(id(10), reason: "again"), by: id(50), at: instant(2)) }
        #expect(plan.version == 3)
    }

    @Test func advisorsAndTheLearnerProfileAreEditable() throws {
        var plan = try draftPlan()
        #expect(throws: Plan.Refusal.noAdvisors) { try plan.apply(.replaceAdvisors([]), by: id(50), at: instant(0)) }
        try plan.apply(.replaceAdvisors([id(51), id(52)]), by: id(50), at: instant(0))
        #expect(plan.advisorIDs == [id(51), id(52)])
        let profile = LearnerProfile(strengths: "Persistent", interests: "Robotics")
        try plan.apply(.describeLearner(profile), by: learnerA, at: instant(1))
        #expect(plan.profile == profile && plan.version == 3)
    }

    @Test func templateOutlinesKeepTheGoalRulesWhateverTheStart() throws {
        let fine = PlanTemplate.GoalOutline(statement: "Ratios", kind: .academic, targets: [competencyX], dueAfterDays: 30,
                                            milestones: [.init(afterDays: 30, competencies: [competencyX])])
        #expect(throws: Never.self) { try fine.check() }
        let late = PlanTemplate.GoalOutline(statement: "Ratios", kind: .academic, targets: [competencyX], dueAfterDays: 30,
                                            milestones: [.init(afterDays: 31, competencies: [competencyX])])
        #expect { try late.check() } throws: { error in
            if case Goal.Invalid.milestoneAfterDueDate = error { true } else { false }
        }
        let outside = PlanTemplate.GoalOutline(statement: "Ratios", kind: .academic, targets: [competencyX], dueAfterDays: 30,
                                               milestones: [.init(afterDays: 10, competencies: [id(101)])])
        #expect(throws: Goal.Invalid.milestoneOutsideTargets([id(101)])) { try outside.check() }
    }

    @Test func templatesInstantiateForACohortAndRememberTheTemplate() throws {
        let template = PlanTemplate(id: id(70), title: "Pathway", competencies: [competencyX], goalOutlines: [
            .init(statement: "Ratios", kind: .academic, targets: [competencyX], dueAfterDays: 30,
                  milestones: [.init(afterDays: 10, competencies: [competencyX])]),
        ])
        let seeds = [PlanTemplate.Seed(learnerID: learnerA, planID: id(81), goalIDs: [id(91)]),
                     PlanTemplate.Seed(learnerID: learnerB, planID: id(82), goalIDs: [id(92)])]
        let plans = try template.instantiate(seeds, institutionID: institutionI, advisorIDs: [id(50)], approvedBy: id(50),
                                             startDate: day("2026-01-01"), targetDate: day("2026-06-01"))
        #expect(plans.map(\.learnerID) == [learnerA, learnerB])
        #expect(plans.allSatisfy { $0.templateID == id(70) && $0.status == .draft })
        #expect(plans[0].goals[0].dueDate == day("2026-01-31"))
        #expect(plans[0].goals[0].milestones[0].dueDate == day("2026-01-11"))
        #expect(plans[1].goals[0].id == id(92))
        #expect(throws: PlanTemplate.InstantiationFailure.goalIDCount(given: 0, needed: 1)) {
            try template.instantiate(.init(learnerID: learnerA, planID: id(83), goalIDs: []), institutionID: institutionI,
                                     advisorIDs: [id(50)], approvedBy: id(50), startDate: day("2026-01-01"), targetDate: day("2026-06-01"))
        }
    }
}
