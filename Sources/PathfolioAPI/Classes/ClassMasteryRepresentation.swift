import PathfolioCore
import PathfolioPostgres

/// A class's mastery of one framework (`GET /v1/classes/{id}/mastery`): the learners ×
/// competencies grid of statuses, and per competency how many learners mastered it, are on
/// their way, or have not started — what a teacher reads to see what needs reteaching.
///
/// `competencies` lists the framework's competencies that are not retired, in the catalog's
/// order; each learner's `statuses` holds one status per competency, in that order.
struct ClassMasteryRepresentation: Encodable {
    struct CompetencyColumn: Encodable {
        let competencyId: String
        let code: String?
        let statement: String
        /// `direct` (rated) or `rollup` (learned through its children).
        let source: String
        let mastered: Int
        let inProgress: Int
        let notStarted: Int
    }

    struct LearnerRow: Encodable {
        let learnerId: String
        let givenName: String
        let familyName: String
        let statuses: [String]
        let mastered: Int
    }

    let classId: String
    let frameworkId: String
    let competencies: [CompetencyColumn]
    let learners: [LearnerRow]

    /// Builds the grid with each learner's ``LearnerProgress`` (rollups as everywhere else).
    init(classID: ClassID, framework: FrameworkID, learners: [ClassLearnerMastery], catalog: CompetencyCatalog) {
        let columns = catalog.graph.competencies.filter { $0.frameworkID == framework && !$0.isRetired }
        var subset = Set(columns.map(\.id))
        for column in columns { subset.formUnion(catalog.graph.descendants(of: column.id)) }
        let policies = catalog.policies
        let grid: [[MasteryStatus]] = learners.map { learner in
            let progress = LearnerProgress(learner: learner.learnerID, graph: catalog.graph, states: learner.states,
                                           policies: policies, only: subset)
            return columns.map { progress.status(of: $0.id) }
        }
        classId = classID.description
        frameworkId = framework.description
        competencies = columns.enumerated().map { index, competency in
            let statuses = grid.map { $0[index] }
            let isRollup = catalog.graph.hasChildren(competency.id)
                && (policies[competency.frameworkID] ?? MasteryPolicy()).rollup(for: competency.id) != .none
            return CompetencyColumn(
                competencyId: competency.id.description, code: competency.humanCodingScheme, statement: competency.fullStatement,
                source: isRollup ? "rollup" : "direct",
                mastered: statuses.filter { $0 == .mastered }.count, inProgress: statuses.filter { $0 == .inProgress }.count,
                notStarted: statuses.filter { $0 == .notStarted }.count)
        }
        self.learners = zip(learners, grid).map { learner, statuses in
            LearnerRow(learnerId: learner.learnerID.description, givenName: learner.givenName, familyName: learner.familyName,
                       statuses: statuses.map(\.rawValue), mastered: statuses.filter { $0 == .mastered }.count)
        }
    }
}
