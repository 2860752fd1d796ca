/// Mastery rates of a framework disaggregated by a roster demographic field, with small groups
/// suppressed so no individual can be singled out (SPEC §1.7).
///
/// **Rate**: mastered (learner, competency) pairs ÷ all pairs of the group's learners.
///
/// **Suppression**: a group with fewer than `threshold` learners (default 10) is suppressed —
/// its size, count and rate are withheld. Because the report also shows totals, one suppressed
/// group could be recovered by subtracting the others from the total; so suppression is made
/// *complementary*: while the suppressed groups are fewer than two, or together hold fewer than
/// `threshold` learners, the smallest shown group (ties by name) is suppressed too. When the
/// whole population is under the threshold, the total is withheld as well.
public struct EquityReport: Sendable, Hashable {
    /// One learner's input.
    public struct Learner: Sendable, Hashable {
        /// The learner.
        public let learnerID: PersonID
        /// The value of the demographic field; `nil` when the roster has none.
        public let group: String?
        /// Competencies of the framework this learner has mastered.
        public let mastered: Int
        /// Competencies of the framework.
        public let competencies: Int

        /// Makes an input row.
        public init(learnerID: PersonID, group: String?, mastered: Int, competencies: Int) {
            self.learnerID = learnerID
            self.group = group
            self.mastered = mastered
            self.competencies = competencies
        }
    }

    /// Why a figure is withheld.
    public enum Suppression: String, Sendable, Hashable, Codable {
        /// Fewer learners than the threshold.
        case smallGroup = "small_group"
        /// Withheld so a small group cannot be recovered from the total.
        case complementary
    }

    /// One row of the report.
    public struct Row: Sendable, Hashable {
        /// The group's value (``EquityReport/notRecorded`` for learners without one; `total` row: `nil`).
        public let group: String?
        /// Learners in the group, unless suppressed.
        public let learners: Int?
        /// Mastered pairs, unless suppressed.
        public let masteredPairs: Int?
        /// All pairs, unless suppressed.
        public let pairs: Int?
        /// Exact rate, unless suppressed (or no pairs).
        public let rate: ExactRational?
        /// The rate as a percentage with two places (half away from zero), unless suppressed.
        public let percent: Score?
        /// Why the figures are withheld.
        public let suppression: Suppression?
    }

    /// The label of learners whose field is empty.
    public static let notRecorded = "(not recorded)"
    /// The default minimum group size.
    public static let defaultThreshold = 10

    /// The field disaggregated by.
    public let field: String
    /// The minimum group size shown.
    public let threshold: Int
    /// Rows by group name.
    public let groups: [Row]
    /// All learners together.
    public let total: Row

    /// Builds the report.
    public init(field: String, learners: [Learner], threshold: Int = EquityReport.defaultThreshold) {
        struct Tally { var learners = 0, mastered = 0, pairs = 0 }
        var tallies: [String: Tally] = [:]
        var all = Tally()
        for learner in learners {
            let key = learner.group ?? EquityReport.notRecorded
            tallies[key, default: Tally()].learners += 1
            tallies[key, default: Tally()].mastered += learner.mastered
            tallies[key, default: Tally()].pairs += learner.competencies
            all.learners += 1
            all.mastered += learner.mastered
            all.pairs += learner.competencies
        }
        var suppressed: [String: Suppression] = [:]
        for (name, tally) in tallies where tally.learners < threshold { suppressed[name] = .smallGroup }
        var shown = tallies.filter { suppressed[$0.key] == nil }
            .sorted { ($0.value.learners, $0.key) < ($1.value.learners, $1.key) }
        func hiddenLearners() -> Int { suppressed.keys.reduce(0) { $0 + tallies[$1]!.learners } }
        while !suppressed.isEmpty, suppressed.count < 2 || hiddenLearners() < threshold, !shown.isEmpty {
            suppressed[shown.removeFirst().key] = .complementary
        }
        func row(_ group: String?, _ tally: Tally, _ suppression: Suppression?) -> Row {
            guard suppression == nil else {
                return Row(group: group, learners: nil, masteredPairs: nil, pairs: nil, rate: nil, percent: nil,
                           suppression: suppression)
            }
            let rate = tally.pairs > 0 ? ExactRational(tally.mastered, over: tally.pairs) : nil
            return Row(group: group, learners: tally.learners, masteredPairs: tally.mastered, pairs: tally.pairs,
                       rate: rate, percent: rate.map { ($0 * ExactRational(100)).rounded() }, suppression: nil)
        }
        self.field = field
        self.threshold = threshold
        groups = tallies.keys.sorted().map { row($0, tallies[$0]!, suppressed[$0]) }
        total = row(nil, all, all.learners < threshold ? .smallGroup : nil)
    }
}
