public import Foundation

/// A class (OneRoster `class`): learners taught together by one or more assessors. A teacher's
/// view of mastery is per class ("which concepts need reteaching"), and templates can be
/// instantiated for a class.
public struct SchoolClass: Sendable, Hashable {
    /// How a person belongs to a class.
    public enum MemberRole: String, Sendable, Hashable, CaseIterable {
        /// Taught in the class.
        case learner
        /// Teaches (and assesses) the class's learners.
        case assessor

        /// The institution role a member of this kind must hold.
        public var requiredRole: Role {
            switch self {
            case .learner: .learner
            case .assessor: .assessor
            }
        }
    }

    /// The class id.
    public let id: ClassID
    /// Its title, e.g. "Year 7 Mathematics — group B".
    public let title: String
    /// A short code from the timetable, if any.
    public let code: String?
    /// The roster's id for it (OneRoster `sourcedId`), unique in the institution.
    public let sourcedID: String?
    /// When it was created.
    public let createdAt: Date

    /// Makes a class record.
    public init(id: ClassID, title: String, code: String?, sourcedID: String?, createdAt: Date) {
        self.id = id
        self.title = title
        self.code = code
        self.sourcedID = sourcedID
        self.createdAt = createdAt
    }
}

/// Id of a class.
public typealias ClassID = Identifier<SchoolClass>
