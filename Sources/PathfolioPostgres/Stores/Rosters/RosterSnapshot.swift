public import PathfolioCore

/// A roster package as the store writes it: per table, how the manifest declared the file
/// (which says what may be removed), the records to create or update, and the sourcedIds of
/// the records to remove. Plain values: translating OneRoster into them is the caller's job.
public struct RosterSnapshot: Sendable {
    /// How a table's file came.
    public enum Mode: String, Sendable, Hashable {
        /// Not in the package: nothing of the table changes (but see ``RosterStore``'s clean-up).
        case absent
        /// Every record of the table: what the store holds and the file lacks is removed.
        case bulk
        /// Changes only: the records are upserted, ``Part/removed`` removed, the rest left alone.
        case delta
    }

    /// One table's part of the package.
    public struct Part<Row: Sendable>: Sendable {
        /// The file's mode.
        public var mode: Mode
        /// Records to create or update (status `active` or blank).
        public var rows: [Row]
        /// Keys of records to remove (status `tobedeleted`).
        public var removed: [String]

        /// Makes a part.
        public init(mode: Mode = .absent, rows: [Row] = [], removed: [String] = []) {
            self.mode = mode
            self.rows = rows
            self.removed = removed
        }
    }

    /// An org.
    public struct Org: Sendable, Hashable {
        public var sourceID: String, name: String, type: String, identifier: String?, parentSourceID: String?
        public init(sourceID: String, name: String, type: String, identifier: String?, parentSourceID: String?) {
            self.sourceID = sourceID
            self.name = name
            self.type = type
            self.identifier = identifier
            self.parentSourceID = parentSourceID
        }
    }

    /// An academic session.
    public struct AcademicSession: Sendable, Hashable {
        public var sourceID: String, title: String, type: String, startDate: CalendarDate, endDate: CalendarDate
        public var parentSourceID: String?, schoolYear: String
        public init(sourceID: String, title: String, type: String, startDate: CalendarDate, endDate: CalendarDate,
                    parentSourceID: String?, schoolYear: String) {
            self.sourceID = sourceID
            self.title = title
            self.type = type
            self.startDate = startDate
            self.endDate = endDate
            self.parentSourceID = parentSourceID
            self.schoolYear = schoolYear
        }
    }

    /// A person (a OneRoster user). A nil `cohort` leaves the stored one as it is.
    public struct Person: Sendable, Hashable {
        public var sourceID: String, givenName: String, familyName: String, email: String?, identifier: String?, cohort: String?
        public init(sourceID: String, givenName: String, familyName: String, email: String?, identifier: String?, cohort: String?) {
            self.sourceID = sourceID
            self.givenName = givenName
            self.familyName = familyName
            self.email = email
            self.identifier = identifier
            self.cohort = cohort
        }
    }

    /// A person's role in an org. `recordID` is the record it came from (a 1.2 role's
    /// sourcedId, a 1.1 user's): a delta file replaces the memberships of the records it holds.
    public struct Membership: Sendable, Hashable {
        public var recordID: String, orgSourceID: String, personSourceID: String
        /// `learner`, `assessor`, `advisor` or `other`.
        public var role: String
        /// The OneRoster role as written.
        public var rosterRole: String
        public var isPrimary: Bool, beginDate: CalendarDate?, endDate: CalendarDate?
        /// Index of the row in the caller's list, to name it in warnings.
        public var position: Int
        public init(recordID: String, orgSourceID: String, personSourceID: String, role: String, rosterRole: String,
                    isPrimary: Bool, beginDate: CalendarDate?, endDate: CalendarDate?, position: Int) {
            self.recordID = recordID
            self.orgSourceID = orgSourceID
            self.personSourceID = personSourceID
            self.role = role
            self.rosterRole = rosterRole
            self.isPrimary = isPrimary
            self.beginDate = beginDate
            self.endDate = endDate
            self.position = position
        }
    }

    /// A class.
    public struct SchoolClass: Sendable, Hashable {
        public var sourceID: String, title: String, code: String?, classType: String, orgSourceID: String
        public var termSourceIDs: [String], courseSourceID: String?, courseTitle: String?
        public init(sourceID: String, title: String, code: String?, classType: String, orgSourceID: String,
                    termSourceIDs: [String], courseSourceID: String?, courseTitle: String?) {
            self.sourceID = sourceID
            self.title = title
            self.code = code
            self.classType = classType
            self.orgSourceID = orgSourceID
            self.termSourceIDs = termSourceIDs
            self.courseSourceID = courseSourceID
            self.courseTitle = courseTitle
        }
    }

    /// An enrollment (role as OneRoster writes it).
    public struct Enrollment: Sendable, Hashable {
        public var sourceID: String, classSourceID: String, personSourceID: String, role: String
        public var isPrimary: Bool?, beginDate: CalendarDate?, endDate: CalendarDate?
        public init(sourceID: String, classSourceID: String, personSourceID: String, role: String, isPrimary: Bool?,
                    beginDate: CalendarDate?, endDate: CalendarDate?) {
            self.sourceID = sourceID
            self.classSourceID = classSourceID
            self.personSourceID = personSourceID
            self.role = role
            self.isPrimary = isPrimary
            self.beginDate = beginDate
            self.endDate = endDate
        }
    }

    /// A person's demographics: field name → value, as a JSON object of strings.
    public struct Demographics: Sendable, Hashable {
        public var personSourceID: String, fieldsJSON: String
        public init(personSourceID: String, fieldsJSON: String) {
            self.personSourceID = personSourceID
            self.fieldsJSON = fieldsJSON
        }
    }

    public var orgs = Part<Org>()
    public var academicSessions = Part<AcademicSession>()
    public var people = Part<Person>()
    /// Memberships; ``Part/removed`` holds record ids whose memberships all go.
    public var memberships = Part<Membership>()
    public var classes = Part<SchoolClass>()
    public var enrollments = Part<Enrollment>()
    /// Demographics; ``Part/removed`` holds people's sourcedIds.
    public var demographics = Part<Demographics>()

    /// An empty snapshot (every table absent).
    public init() {}
}
