import PathfolioCore

/// A plan's own members in a request body (`POST /v1/learners/{id}/plans`, each optional in
/// `PATCH /v1/plans/{id}`): `title`, `startDate`, `targetDate`, `advisorIds`, and the
/// learner profile `strengths`, `challenges`, `interests`, `aspirations`.
struct PlanDraft {
    var title: String?
    var startDate: CalendarDate?
    var targetDate: CalendarDate?
    var advisors: [PersonID]?
    var strengths: String?
    var challenges: String?
    var interests: String?
    var aspirations: String?

    static let profileMembers: Set<String> = ["strengths", "challenges", "interests", "aspirations"]
    static let members: Set<String> = profileMembers.union(["title", "startDate", "targetDate", "advisorIds"])

    init(_ input: RequestObject, partial: Bool) {
        let required = !partial
        title = input.string("title", required: required)
        startDate = input.date("startDate", required: required)
        targetDate = input.date("targetDate", required: required)
        advisors = input.array("advisorIds", count: 1...20, required: false) { element -> PersonID? in element.identifier() }
        if let advisors, Set(advisors).count != advisors.count {
            input.log.add(input.member("advisorIds"), "An advisor is listed twice.")
        }
        strengths = input.string("strengths", required: false, maximumLength: 10_000, allowEmpty: true)
        challenges = input.string("challenges", required: false, maximumLength: 10_000, allowEmpty: true)
        interests = input.string("interests", required: false, maximumLength: 10_000, allowEmpty: true)
        aspirations = input.string("aspirations", required: false, maximumLength: 10_000, allowEmpty: true)
    }

    /// The profile with these members over `base`.
    func profile(over base: LearnerProfile) -> LearnerProfile {
        LearnerProfile(strengths: strengths ?? base.strengths, challenges: challenges ?? base.challenges,
                       interests: interests ?? base.interests, aspirations: aspirations ?? base.aspirations)
    }

    /// Whether anything but the profile is set (what only an advisor may change).
    var changesMoreThanProfile: Bool { title != nil || startDate != nil || targetDate != nil || advisors != nil }
}
