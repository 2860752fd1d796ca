public import PathfolioCore

/// A class with who is in it: its learners and the assessors teaching them, each in id order.
public struct ClassRoster: Sendable, Hashable {
    /// The class.
    public let schoolClass: SchoolClass
    /// Its learners.
    public let learnerIDs: [PersonID]
    /// Its assessors.
    public let assessorIDs: [PersonID]

    public init(schoolClass: SchoolClass, learnerIDs: [PersonID], assessorIDs: [PersonID]) {
        self.schoolClass = schoolClass
        self.learnerIDs = learnerIDs
        self.assessorIDs = assessorIDs
    }
}
