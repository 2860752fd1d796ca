/// What a plan records about its learner, in their own words or their advisor's: the
/// strengths, challenges, interests and aspirations an individual learning plan asks for.
public struct LearnerProfile: Sendable, Hashable, Codable {
    /// What the learner does well.
    public var strengths: String
    /// What gets in the way.
    public var challenges: String
    /// What the learner cares about.
    public var interests: String
    /// Where the learner wants to go.
    public var aspirations: String

    /// Makes a profile; empty fields mean "not said yet".
    public init(strengths: String = "", challenges: String = "", interests: String = "", aspirations: String = "") {
        self.strengths = strengths
        self.challenges = challenges
        self.interests = interests
        self.aspirations = aspirations
    }
}
