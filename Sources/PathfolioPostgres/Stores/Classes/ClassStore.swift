public import Foundation
public import PathfolioCore

/// Classes and their members (`classes`, `class_members`), in the caller's transaction.
/// The assessors of a class teach its learners (``PersonStore/currentRequester()``).
public struct ClassStore: Sendable {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) { self.connection = connection }

    /// Adds a class; nil when `sourcedID` is already taken, else the class as stored.
    public func create(id: ClassID, title: String, code: String?, sourcedID: String?) async throws -> SchoolClass? {
        let rows = try await connection.query("""
            INSERT INTO classes (institution_id, id, source_id, title, code)
            VALUES (pathfolio_current_institution(), \(id), \(sourcedID), \(title), \(code))
            ON CONFLICT (institution_id, source_id) DO NOTHING
            RETURNING created_at
            """)
        guard let row = rows.first else { return nil }
        return SchoolClass(id: id, title: title, code: code, sourcedID: sourcedID, createdAt: try row.decode(Date.self, at: 0))
    }

    private static let rosterColumns = """
        SELECT c.id, c.title, c.code, c.source_id, c.created_at,
               array(SELECT m.person_id FROM class_members m
                     WHERE m.class_id = c.id AND m.role = 'learner' ORDER BY m.person_id) AS learners,
               array(SELECT m.person_id FROM class_members m
                     WHERE m.class_id = c.id AND m.role = 'assessor' ORDER BY m.person_id) AS assessors
        FROM classes c
        """

    /// One class with its members, as a statement to send with others.
    public static func roster(_ id: ClassID) -> PostgresStatement<ClassRoster?> {
        PostgresStatement("\(unescaped: rosterColumns) WHERE c.id = \(id)") { rows in try rows.first.map(roster(from:)) }
    }

    /// One class with its members.
    public func roster(_ id: ClassID) async throws -> ClassRoster? {
        try await connection.run(Self.roster(id))
    }

    /// Classes in id order after `after`; with `taughtBy`, only the classes that person teaches.
    public func rosters(taughtBy assessor: PersonID?, after: ClassID?, limit: Int) async throws -> [ClassRoster] {
        try await connection.query("""
            \(unescaped: Self.rosterColumns)
            WHERE (\(assessor)::uuid IS NULL OR EXISTS (
                     SELECT 1 FROM class_members a WHERE a.class_id = c.id AND a.person_id = \(assessor) AND a.role = 'assessor'))
              AND (\(after)::uuid IS NULL OR c.id > \(after))
            ORDER BY c.id LIMIT \(limit)
            """).map(Self.roster(from:))
    }

    /// Puts `person` in the class as `role`; false when they were already.
    public func add(_ person: PersonID, to schoolClass: ClassID, as role: SchoolClass.MemberRole) async throws -> Bool {
        try await !connection.query("""
            INSERT INTO class_members (institution_id, class_id, person_id, role)
            VALUES (pathfolio_current_institution(), \(schoolClass), \(person), \(role.rawValue))
            ON CONFLICT DO NOTHING RETURNING person_id
            """).isEmpty
    }

    /// Takes `person` out of the class as `role`; false when they were not in it so.
    public func remove(_ person: PersonID, from schoolClass: ClassID, as role: SchoolClass.MemberRole) async throws -> Bool {
        try await !connection.query("""
            DELETE FROM class_members WHERE class_id = \(schoolClass) AND person_id = \(person) AND role = \(role.rawValue)
            RETURNING person_id
            """).isEmpty
    }

    /// The class's learners (by family name, given name, id) with their stored direct states of
    /// `framework`'s competencies: one statement for the whole grid, to send with others.
    public static func learnerMastery(of schoolClass: ClassID, framework: FrameworkID) -> PostgresStatement<[ClassLearnerMastery]> {
        PostgresStatement("""
            SELECT p.id, p.given_name, p.family_name, s.competency_id, \(unescaped: MasteryState.storedColumns)
            FROM class_members m
            JOIN people p ON p.institution_id = m.institution_id AND p.id = m.person_id
            LEFT JOIN mastery_states s
                   ON s.institution_id = m.institution_id AND s.learner_id = m.person_id AND s.source = 'direct'
                  AND s.competency_id IN (SELECT c.id FROM competencies c WHERE c.framework_id = \(framework))
            WHERE m.class_id = \(schoolClass) AND m.role = 'learner'
            ORDER BY p.family_name, p.given_name, p.id
            """) { rows in
            var learners: [ClassLearnerMastery] = []
            var current: (id: PersonID, given: String, family: String, states: [CompetencyID: MasteryState])?
            for row in rows {
                let id = try row.decode(PersonID.self, at: 0)
                if current?.id != id {
                    if let done = current {
                        learners.append(ClassLearnerMastery(learnerID: done.id, givenName: done.given, familyName: done.family, states: done.states))
                    }
                    current = (id, try row.decode(String.self, at: 1), try row.decode(String.self, at: 2), [:])
                }
                guard let competency = try row.decode(CompetencyID?.self, at: 3) else { continue }
                current?.states[competency] = try MasteryState(learner: id, competency: competency, row: row, from: 4)
            }
            if let done = current {
                learners.append(ClassLearnerMastery(learnerID: done.id, givenName: done.given, familyName: done.family, states: done.states))
            }
            return learners
        }
    }

    private static func roster(from row: PostgresRow) throws -> ClassRoster {
        ClassRoster(
            schoolClass: SchoolClass(
                id: try row.decode(ClassID.self, named: "id"), title: try row.decode(String.self, named: "title"),
                code: try row.decode(String?.self, named: "code"), sourcedID: try row.decode(String?.self, named: "source_id"),
                createdAt: try row.decode(Date.self, named: "created_at")),
            learnerIDs: try row.decode([PersonID].self, named: "learners"),
            assessorIDs: try row.decode([PersonID].self, named: "assessors"))
    }
}
