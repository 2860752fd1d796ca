public import PathfolioCore

/// One learner of a class with their stored direct mastery states of one framework: a row of
/// the class mastery grid before rollups (``LearnerProgress`` adds those).
public struct ClassLearnerMastery: Sendable {
    /// The learner.
    public let learnerID: PersonID
    public let givenName: String
    public let familyName: String
    /// Direct states by competency (competencies without a state are not started).
    public let states: [CompetencyID: MasteryState]

    public init(learnerID: PersonID, givenName: String, familyName: String, states: [CompetencyID: MasteryState]) {
        self.learnerID = learnerID
        self.givenName = givenName
        self.familyName = familyName
        self.states = states
    }
}
