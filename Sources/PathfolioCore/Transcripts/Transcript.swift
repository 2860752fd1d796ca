public import Foundation

/// A learner's transcript as of an instant, independent of format (JSON, CSV, HTML and CLR are
/// rendered from it elsewhere) (SPEC §1.6).
public struct Transcript: Sendable, Hashable, Codable {
    /// The institution issuing it.
    public struct Issuer: Sendable, Hashable, Codable {
        /// Institution id.
        public let institutionID: InstitutionID
        /// Institution name.
        public let name: String
    }

    /// Whose transcript it is, as printed on it.
    public struct Learner: Sendable, Hashable, Codable {
        /// The person.
        public let id: PersonID
        /// Given name.
        public let givenName: String
        /// Family name.
        public let familyName: String
        /// The student information system's id (OneRoster `sourcedId`), when imported.
        public let sourcedID: String?

        /// Describes the learner.
        public init(id: PersonID, givenName: String, familyName: String, sourcedID: String?) {
            self.id = id
            self.givenName = givenName
            self.familyName = familyName
            self.sourcedID = sourcedID
        }

        /// "Given Family", trimmed.
        public var fullName: String { PersonProfile.fullName(given: givenName, family: familyName) }
    }

    /// One mastered competency.
    public struct Entry: Sendable, Hashable, Codable {
        /// Framework id.
        public let frameworkID: FrameworkID
        /// Framework title.
        public let frameworkTitle: String
        /// The framework's CASE URI.
        public let frameworkURI: String
        /// Competency id (its CASE identifier).
        public let competencyID: CompetencyID
        /// The competency's CASE URI.
        public let competencyURI: String
        /// Human coding scheme (or id).
        public let code: String
        /// Full statement.
        public let statement: String
        /// Level label, for a directly rated competency.
        public let level: String?
        /// Score, for a directly rated competency.
        public let score: Score?
        /// Day first mastered in the institution's time zone.
        public let firstMasteredOn: CalendarDate?
    }

    /// One achieved plan goal.
    public struct AchievedGoal: Sendable, Hashable, Codable {
        /// The plan.
        public let planID: PlanID
        /// Its title.
        public let planTitle: String
        /// The goal.
        public let goalID: GoalID
        /// Its statement.
        public let statement: String
        /// Its kind.
        public let kind: GoalKind
        /// The day its last target was reached.
        public let achievedOn: CalendarDate?
    }

    /// Who issues it.
    public let issuer: Issuer
    /// The learner.
    public let learner: Learner
    /// The learner's id.
    public var learnerID: PersonID { learner.id }
    /// The as-of instant.
    public let asOf: Date
    /// Mastered competencies, by framework title then code.
    public let competencies: [Entry]
    /// Achieved goals of active or completed plans, by plan title then goal statement.
    public let achievedGoals: [AchievedGoal]

    /// Assembles a transcript.
    /// - Parameters:
    ///   - progress: the learner's progress evaluated as of `asOf` (reviews recorded later ignored).
    ///   - plans: the learner's plans; drafts, reviews-in-progress and archived plans are left out,
    ///     as are unapproved and dropped goals.
    ///   - timeZone: the institution's zone (resolved by the caller from
    ///     ``Institution/timeZoneIdentifier``), in which instants become dates.
    public init(institution: Institution, learner: Learner, asOf: Date, progress: LearnerProgress,
                graph: CompetencyGraph, frameworks: [FrameworkID: Framework], plans: [Plan], timeZone: TimeZone) {
        issuer = Issuer(institutionID: institution.id, name: institution.name)
        self.learner = learner
        self.asOf = asOf
        competencies = progress.entries.values.filter { $0.status == .mastered }.compactMap { entry -> Entry? in
            guard let competency = graph.competency(entry.competencyID) else { return nil }
            let framework = frameworks[competency.frameworkID]
            return Entry(frameworkID: competency.frameworkID, frameworkTitle: framework?.title ?? "",
                         frameworkURI: framework?.uri ?? "", competencyID: competency.id, competencyURI: competency.uri,
                         code: competency.code, statement: competency.fullStatement,
                         level: entry.level?.label, score: entry.score,
                         firstMasteredOn: entry.firstMasteredAt.map { CalendarDate($0, in: timeZone) })
        }.sorted { ($0.frameworkTitle, $0.code, $0.competencyID) < ($1.frameworkTitle, $1.code, $1.competencyID) }
        let today = CalendarDate(asOf, in: timeZone)
        var goals: [AchievedGoal] = []
        for plan in plans where plan.learnerID == learner.id && (plan.status == .active || plan.status == .completed) {
            for goal in plan.goals where goal.isApproved && !goal.isDropped {
                let assessment = GoalAssessment(goal: goal, planStart: plan.startDate, progress: progress,
                                                today: today, timeZone: timeZone)
                if assessment.status == .achieved {
                    goals.append(AchievedGoal(planID: plan.id, planTitle: plan.title, goalID: goal.id,
                                              statement: goal.statement, kind: goal.kind,
                                              achievedOn: assessment.achievedOn))
                }
            }
        }
        achievedGoals = goals.sorted { ($0.planTitle, $0.statement, $0.goalID) < ($1.planTitle, $1.statement, $1.goalID) }
    }
}
