public import Foundation

/// A learner's individual learning plan (SPEC §1.5).
///
/// Edits go through ``apply(_:by:at:)``, which checks the rules, bumps ``version`` (the ETag:
/// a write with a stale version is a 412) and returns the history entry to store with it, so a
/// change without history cannot be written by accident.
public struct Plan: Sendable, Hashable, Codable {
    /// The plan id.
    public let id: PlanID
    /// The institution.
    public let institutionID: InstitutionID
    /// Whose plan.
    public let learnerID: PersonID
    /// The advisors (one or more).
    public private(set) var advisorIDs: [PersonID]
    /// Title.
    public private(set) var title: String
    /// Start date.
    public private(set) var startDate: CalendarDate
    /// Target date.
    public private(set) var targetDate: CalendarDate
    /// Workflow status.
    public private(set) var status: PlanStatus
    /// The learner's strengths, challenges, interests and aspirations.
    public private(set) var profile: LearnerProfile
    /// The template it was made from.
    public let templateID: PlanTemplateID?
    /// Goals, in the order added.
    public private(set) var goals: [Goal]
    /// Incremented by every applied change.
    public private(set) var version: Int

    /// Why a plan or a change was refused.
    public enum Refusal: Error, Sendable, Equatable {
        /// A plan needs at least one advisor.
        case noAdvisors
        /// An empty title.
        case emptyTitle
        /// The target date is before the start date.
        case targetBeforeStart(start: CalendarDate, target: CalendarDate)
        /// An illegal status change, naming the allowed ones.
        case illegalTransition(PlanStatus.IllegalTransition)
        /// Completed and archived plans cannot be edited; these statuses can.
        case closed(PlanStatus, editable: [PlanStatus])
        /// No goal with this id.
        case unknownGoal(GoalID)
        /// A goal with this id already exists.
        case duplicateGoal(GoalID)
        /// The goal was dropped: it cannot be edited, approved or dropped again.
        case goalDropped(GoalID)
        /// An empty reason for dropping a goal.
        case emptyDropReason
        /// Use ``Plan/init(id:institutionID:learnerID:advisorIDs:title:startDate:targetDate:templateID:goals:)``.
        case alreadyCreated
    }

    /// Makes a draft plan (version 1).
    public init(id: PlanID, institutionID: InstitutionID, learnerID: PersonID, advisorIDs: [PersonID], title: String,
                startDate: CalendarDate, targetDate: CalendarDate, templateID: PlanTemplateID? = nil,
                goals: [Goal] = [], profile: LearnerProfile = LearnerProfile()) throws(Refusal) {
        guard !advisorIDs.isEmpty else { throw .noAdvisors }
        guard !title.isEmpty else { throw .emptyTitle }
        guard targetDate >= startDate else { throw .targetBeforeStart(start: startDate, target: targetDate) }
        var seen = Set<GoalID>()
        for goal in goals where !seen.insert(goal.id).inserted { throw .duplicateGoal(goal.id) }
        self.id = id
        self.institutionID = institutionID
        self.learnerID = learnerID
        self.advisorIDs = advisorIDs
        self.title = title
        self.startDate = startDate
        self.targetDate = targetDate
        self.status = .draft
        self.profile = profile
        self.templateID = templateID
        self.goals = goals
        self.version = 1
    }

    /// A plan as stored: any status and version, without re-checking what was checked when it
    /// was made.
    public init(storedID id: PlanID, institutionID: InstitutionID, learnerID: PersonID, advisorIDs: [PersonID],
                title: String, startDate: CalendarDate, targetDate: CalendarDate, status: PlanStatus,
                templateID: PlanTemplateID?, goals: [Goal], profile: LearnerProfile, version: Int) {
        self.id = id
        self.institutionID = institutionID
        self.learnerID = learnerID
        self.advisorIDs = advisorIDs
        self.title = title
        self.startDate = startDate
        self.targetDate = targetDate
        self.status = status
        self.profile = profile
        self.templateID = templateID
        self.goals = goals
        self.version = version
    }

    /// The history entry of the creation itself.
    public func creationEntry(by actor: PersonID, at instant: Date) -> PlanHistoryEntry {
        PlanHistoryEntry(planID: id, version: version, actorID: actor, at: instant, change: .created(templateID: templateID))
    }

    /// The goal with this id.
    public func goal(_ id: GoalID) -> Goal? { goals.first { $0.id == id } }

    /// Applies one change, or throws without changing anything.
    /// - Returns: the history entry to store with the new version.
    @discardableResult
    public mutating func apply(_ change: PlanChange, by actor: PersonID, at instant: Date) throws(Refusal) -> PlanHistoryEntry {
        var next = self
        switch change {
        case .created:
            throw .alreadyCreated
        case .transition(let from, let to):
            guard from == status else {
                throw .illegalTransition(.init(from: status, to: to, allowed: status.allowedTransitions))
            }
            do { next.status = try status.transition(to: to) } catch { throw .illegalTransition(error) }
        case .comment:
            break  // Comments are allowed in any status, closed plans included.
        default:
            guard status.isOpen else {
                throw .closed(status, editable: PlanStatus.allCases.filter(\.isOpen))
            }
            switch change {
            case .rename(let title):
                guard !title.isEmpty else { throw .emptyTitle }
                next.title = title
            case .reschedule(let start, let target):
                guard target >= start else { throw .targetBeforeStart(start: start, target: target) }
                next.startDate = start
                next.targetDate = target
            case .addGoal(let goal):
                guard self.goal(goal.id) == nil else { throw .duplicateGoal(goal.id) }
                next.goals.append(goal)
            case .editGoal(let goal):
                let index = try openGoal(goal.id)
                next.goals[index] = goal
            case .approveGoal(let goalID):
                let index = try openGoal(goalID)
                next.goals[index].approval = .approved(by: actor)
            case .dropGoal(let goalID, let reason):
                let index = try openGoal(goalID)
                guard !reason.isEmpty else { throw .emptyDropReason }
                next.goals[index].isDropped = true
                next.goals[index].dropReason = reason
            case .addAdvisor(let advisor):
                if !advisorIDs.contains(advisor) { next.advisorIDs.append(advisor) }
            case .replaceAdvisors(let advisors):
                guard !advisors.isEmpty else { throw .noAdvisors }
                next.advisorIDs = advisors
            case .describeLearner(let profile):
                next.profile = profile
            case .created, .transition, .comment:
                break
            }
        }
        next.version += 1
        self = next
        return PlanHistoryEntry(planID: id, version: next.version, actorID: actor, at: instant, change: change)
    }

    /// The index of goal `id` when it exists and was not dropped.
    private func openGoal(_ id: GoalID) throws(Refusal) -> Int {
        guard let index = goals.firstIndex(where: { $0.id == id }) else { throw .unknownGoal(id) }
        guard !goals[index].isDropped else { throw .goalDropped(id) }
        return index
    }
}
