public import Foundation
public import PathfolioCore

/// One institution's frameworks, competencies, associations and mastery policies in
/// PostgreSQL (`schema/0002_frameworks.sql`).
///
/// Every method runs on the caller's connection, inside the caller's transaction, whose tenant
/// (`pathfolio.institution_id`) is already set: row-level security confines each statement,
/// and each statement also names ``institution`` itself. Writes are batched: a whole package
/// is saved in one round trip of three statements, each row set sent as parallel arrays and
/// `unnest`ed into one multi-row `INSERT … ON CONFLICT`.
///
/// The reads live in extensions: listing and detail (`+Reads`), the stored CASE JSON
/// (`+CASE`) and the policy history (`+Policies`).
public struct FrameworkCatalogStore: Sendable {
    /// The institution whose catalog this is.
    public let institution: InstitutionID

    /// A store for `institution`'s catalog.
    public init(institution: InstitutionID) {
        self.institution = institution
    }

    /// First key of the advisory locks that serialise catalog changes (ASCII "FRMW").
    static let lockClass: Int32 = 0x4652_4D57

    /// Waits until no other transaction is changing this institution's catalog, then holds
    /// that right until the caller's transaction ends.
    ///
    /// An import checks the prerequisite graph of *all* the institution's frameworks for
    /// cycles; two concurrent imports could each pass that check and together close a cycle,
    /// so whatever changes associations takes this lock before reading the graph.
    public func lockForChanges(on connection: PostgresConnection) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockClass), hashtext(\(institution.description)))")
    }

    /// Waits until no catalog change (import, policy change, rebuild: ``lockForChanges(on:)``)
    /// of the tenant is in progress, and keeps them out until the transaction ends, while other
    /// holders of this shared lock go on. What writes mastery projections takes it, so a
    /// projection is never computed with a policy a concurrent change is replacing, and a policy
    /// change recomputes only after every review in flight has committed. Meant to ride along in
    /// a batch, after the tenant is set.
    public static func sharingCatalog() -> PostgresStatement<Void> {
        PostgresStatement("""
            SELECT pg_advisory_xact_lock_shared(\(lockClass), hashtext(pathfolio_current_institution()::text))
            """)
    }


    // MARK: Saving a package

    /// Saves a framework package: inserts what is new, updates in place what changed, leaves
    /// identical rows untouched, and marks retired (never deletes) the framework's items and
    /// published associations that the package no longer has. A retired item that reappears
    /// comes back. Saving the same package twice changes nothing the second time.
    ///
    /// A new framework gets `package.framework`'s default scale; an existing one keeps its
    /// scale, per-competency scale overrides and policy history. An item or association id
    /// already held under another framework of the institution moves to this one (CASE
    /// identifiers are global, so it is the same object).
    ///
    /// - Parameters:
    ///   - package: the framework, items and associations with their CASE JSON; every item's
    ///     ``Competency/frameworkID`` must be the framework's id, and ids must be unique.
    ///   - now: the time recorded as created, updated or retired.
    /// - Returns: what was created, updated, unchanged and retired.
    public func save(_ package: FrameworkPackageRecord, now: Date, on connection: PostgresConnection) async throws -> FrameworkSaveCounts {
        precondition(package.items.allSatisfy { $0.competency.frameworkID == package.framework.id },
                     "every item of a package belongs to its framework")
        let results = try await connection.pipeline([
            try frameworkUpsert(package, now: now),
            try itemUpsert(package, now: now),
            try associationUpsert(package, now: now),
        ])
        let document: FrameworkSaveCounts.Change = switch try results[0].first?.decode(Bool.self, named: "created") {
        case nil: .unchanged
        case true?: .created
        case false?: .updated
        }
        return FrameworkSaveCounts(
            document: document,
            items: try counts(results[1], total: package.items.count),
            associations: try counts(results[2], total: package.associations.count))
    }

    private func counts(_ rows: PostgresRows, total: Int) throws -> RecordCounts {
        let row = rows[0]
        let created = try row.decode(Int.self, named: "created"), updated = try row.decode(Int.self, named: "updated")
        return RecordCounts(created: created, updated: updated, unchanged: total - created - updated,
                            retired: try row.decode(Int.self, named: "retired"))
    }

    private func frameworkUpsert(_ package: FrameworkPackageRecord, now: Date) throws -> PostgresQuery {
        let framework = package.framework
        return """
            INSERT INTO frameworks AS f (institution_id, id, uri, title, creator, version, subjects, language, adoption_status,
                last_changed_at, default_scale, case_json, definitions_json, package_json, created_at, updated_at)
            VALUES (\(institution), \(framework.id), \(framework.uri), \(framework.title), \(framework.creator), \(framework.version),
                \(framework.subjects), \(framework.language), \(framework.adoptionStatus), \(framework.lastChangedAt),
                \(try scaleJSON(framework.defaultScale)), \(package.documentJSON)::json, \(package.definitionsJSON)::json,
                \(package.packageMembersJSON)::json, \(now), \(now))
            ON CONFLICT (institution_id, id) DO UPDATE SET
                uri = EXCLUDED.uri, title = EXCLUDED.title, creator = EXCLUDED.creator, version = EXCLUDED.version,
                subjects = EXCLUDED.subjects, language = EXCLUDED.language, adoption_status = EXCLUDED.adoption_status,
                last_changed_at = EXCLUDED.last_changed_at, case_json = EXCLUDED.case_json,
                definitions_json = EXCLUDED.definitions_json, package_json = EXCLUDED.package_json,
                updated_at = greatest(f.created_at, EXCLUDED.updated_at)
            WHERE f.case_json::text IS DISTINCT FROM EXCLUDED.case_json::text
               OR f.definitions_json::text IS DISTINCT FROM EXCLUDED.definitions_json::text
               OR f.package_json::text IS DISTINCT FROM EXCLUDED.package_json::text
            RETURNING (xmax = 0) AS created
            """
    }

    /// One statement: classify every item against the stored row (new, changed, only moved
    /// to another position, identical), write the first three (unnest of one array per column
    /// into one multi-row upsert), retire the framework's items not in the package, and count.
    /// An item that only moved (an earlier one was dropped) keeps its `updated_at` and counts
    /// as unchanged.
    private func itemUpsert(_ package: FrameworkPackageRecord, now: Date) throws -> PostgresQuery {
        let items = package.items
        var query = PostgresQuery(unsafeSQL: "")
        let institution = query.bind(self.institution)
        let framework = query.bind(package.framework.id)
        let now = query.bind(now)
        let ids = query.bind(items.map(\.competency.id))
        let positions = query.bind(Array(items.indices))
        let uris = query.bind(items.map(\.competency.uri))
        let codes = query.bind(PostgresNullableArray(items.map(\.competency.humanCodingScheme)))
        let statements = query.bind(items.map(\.competency.fullStatement))
        let abbreviated = query.bind(PostgresNullableArray(items.map(\.competency.abbreviatedStatement)))
        let types = query.bind(PostgresNullableArray(items.map(\.competency.itemType)))
        // One array literal per item, cast back to text[] per row (unnest flattens 2-D arrays).
        let levels = query.bind(try items.map { (item) throws(PostgresError) in try Self.arrayLiteral(item.competency.educationLevels) })
        let enumerations = query.bind(PostgresNullableArray(items.map(\.listEnumeration)))
        let listPositions = query.bind(PostgresNullableArray(items.map { $0.competency.listPosition.flatMap(Self.int32) }))
        let json = query.bind(Self.jsonArray(items.map(\.caseJSON)))
        query.append(sql: """
            WITH input AS (
                SELECT t.id, t.position, t.uri, t.human_coding_scheme, t.full_statement, t.abbreviated_statement, t.item_type,
                       t.education_levels, t.list_enumeration, t.list_position, j.value::text AS case_json
                FROM unnest(\(ids), \(positions), \(uris), \(codes), \(statements), \(abbreviated), \(types), \(levels),
                            \(enumerations), \(listPositions)) WITH ORDINALITY
                    AS t(id, position, uri, human_coding_scheme, full_statement, abbreviated_statement, item_type,
                         education_levels, list_enumeration, list_position, n)
                JOIN json_array_elements(\(json)::json) WITH ORDINALITY AS j(value, n) ON j.n = t.n
            ), classified AS (
                SELECT i.*, CASE
                    WHEN e.id IS NULL THEN 'created'
                    WHEN e.case_json::text IS DISTINCT FROM i.case_json OR e.framework_id <> \(framework)
                         OR e.retired_at IS NOT NULL THEN 'updated'
                    WHEN e.position <> i.position THEN 'moved'
                    ELSE 'unchanged' END AS change
                FROM input i LEFT JOIN competencies e ON e.institution_id = \(institution) AND e.id = i.id
            ), saved AS (
                INSERT INTO competencies AS c (institution_id, id, framework_id, position, uri, human_coding_scheme,
                    full_statement, abbreviated_statement, item_type, education_levels, list_enumeration, list_position,
                    case_json, created_at, updated_at)
                SELECT \(institution), id, \(framework), position, uri, human_coding_scheme, full_statement,
                    abbreviated_statement, item_type, education_levels::text[], list_enumeration, list_position,
                    case_json::json, \(now), \(now)
                FROM classified WHERE change <> 'unchanged'
                ON CONFLICT (institution_id, id) DO UPDATE SET
                    framework_id = EXCLUDED.framework_id, position = EXCLUDED.position, uri = EXCLUDED.uri,
                    human_coding_scheme = EXCLUDED.human_coding_scheme, full_statement = EXCLUDED.full_statement,
                    abbreviated_statement = EXCLUDED.abbreviated_statement, item_type = EXCLUDED.item_type,
                    education_levels = EXCLUDED.education_levels, list_enumeration = EXCLUDED.list_enumeration,
                    list_position = EXCLUDED.list_position, case_json = EXCLUDED.case_json,
                    updated_at = CASE
                        WHEN c.case_json::text IS DISTINCT FROM EXCLUDED.case_json::text
                             OR c.framework_id <> EXCLUDED.framework_id OR c.retired_at IS NOT NULL
                        THEN greatest(c.created_at, EXCLUDED.updated_at) ELSE c.updated_at END,
                    retired_at = NULL
            ), retired AS (
                UPDATE competencies AS c
                SET retired_at = greatest(c.created_at, \(now)), updated_at = greatest(c.created_at, \(now))
                WHERE c.institution_id = \(institution) AND c.framework_id = \(framework) AND c.retired_at IS NULL
                  -- NOT IN over the CTE plans as a hashed subplan (NOT EXISTS as a quadratic nested loop).
                  AND c.id NOT IN (SELECT i.id FROM input i)
                RETURNING c.id
            )
            SELECT count(*) FILTER (WHERE change = 'created') AS created,
                   count(*) FILTER (WHERE change = 'updated') AS updated,
                   (SELECT count(*) FROM retired) AS retired
            FROM classified
            """)
        return query
    }

    /// As ``itemUpsert(_:now:)``, for the published associations (local ones are never retired
    /// by an import).
    private func associationUpsert(_ package: FrameworkPackageRecord, now: Date) throws -> PostgresQuery {
        let records = package.associations
        var query = PostgresQuery(unsafeSQL: "")
        let institution = query.bind(self.institution)
        let framework = query.bind(package.framework.id)
        let now = query.bind(now)
        let ids = query.bind(records.map(\.association.id))
        let positions = query.bind(Array(records.indices))
        let types = query.bind(records.map(\.association.type.rawValue))
        let origins = query.bind(records.map(\.association.origin))
        let destinations = query.bind(records.map(\.association.destination))
        let originIdentifiers = query.bind(records.map(\.origin.identifier))
        let originURIs = query.bind(records.map(\.origin.uri))
        let originTitles = query.bind(records.map(\.origin.title))
        let destinationIdentifiers = query.bind(records.map(\.destination.identifier))
        let destinationURIs = query.bind(records.map(\.destination.uri))
        let destinationTitles = query.bind(records.map(\.destination.title))
        let sequences = query.bind(PostgresNullableArray(records.map { $0.association.sequenceNumber.flatMap(Self.int32) }))
        let json = query.bind(Self.jsonArray(records.map(\.caseJSON)))
        query.append(sql: """
            WITH input AS (
                SELECT t.id, t.position, t.association_type, t.origin_id, t.destination_id, t.origin_identifier, t.origin_uri,
                       t.origin_title, t.destination_identifier, t.destination_uri, t.destination_title, t.sequence_number,
                       j.value::text AS case_json
                FROM unnest(\(ids), \(positions), \(types), \(origins), \(destinations), \(originIdentifiers),
                            \(originURIs), \(originTitles), \(destinationIdentifiers), \(destinationURIs),
                            \(destinationTitles), \(sequences)) WITH ORDINALITY
                    AS t(id, position, association_type, origin_id, destination_id, origin_identifier, origin_uri,
                         origin_title, destination_identifier, destination_uri, destination_title, sequence_number, n)
                JOIN json_array_elements(\(json)::json) WITH ORDINALITY AS j(value, n) ON j.n = t.n
            ), classified AS (
                SELECT i.*, CASE
                    WHEN e.id IS NULL THEN 'created'
                    WHEN e.case_json::text IS DISTINCT FROM i.case_json OR e.framework_id IS DISTINCT FROM \(framework)
                         OR e.is_local OR e.retired_at IS NOT NULL THEN 'updated'
                    WHEN e.position <> i.position THEN 'moved'
                    ELSE 'unchanged' END AS change
                FROM input i LEFT JOIN competency_associations e ON e.institution_id = \(institution) AND e.id = i.id
            ), saved AS (
                INSERT INTO competency_associations AS a (institution_id, id, framework_id, position, association_type,
                    origin_id, destination_id, origin_identifier, origin_uri, origin_title, destination_identifier,
                    destination_uri, destination_title, sequence_number, is_local, case_json, created_at, updated_at)
                SELECT \(institution), id, \(framework), position, association_type, origin_id, destination_id,
                    origin_identifier, origin_uri, origin_title, destination_identifier, destination_uri, destination_title,
                    sequence_number, false, case_json::json, \(now), \(now)
                FROM classified WHERE change <> 'unchanged'
                ON CONFLICT (institution_id, id) DO UPDATE SET
                    framework_id = EXCLUDED.framework_id, position = EXCLUDED.position,
                    association_type = EXCLUDED.association_type, origin_id = EXCLUDED.origin_id,
                    destination_id = EXCLUDED.destination_id, origin_identifier = EXCLUDED.origin_identifier,
                    origin_uri = EXCLUDED.origin_uri, origin_title = EXCLUDED.origin_title,
                    destination_identifier = EXCLUDED.destination_identifier, destination_uri = EXCLUDED.destination_uri,
                    destination_title = EXCLUDED.destination_title, sequence_number = EXCLUDED.sequence_number,
                    is_local = false, case_json = EXCLUDED.case_json,
                    updated_at = CASE
                        WHEN a.case_json::text IS DISTINCT FROM EXCLUDED.case_json::text
                             OR a.framework_id IS DISTINCT FROM EXCLUDED.framework_id OR a.is_local OR a.retired_at IS NOT NULL
                        THEN greatest(a.created_at, EXCLUDED.updated_at) ELSE a.updated_at END,
                    retired_at = NULL
            ), retired AS (
                UPDATE competency_associations AS a
                SET retired_at = greatest(a.created_at, \(now)), updated_at = greatest(a.created_at, \(now))
                WHERE a.institution_id = \(institution) AND a.framework_id = \(framework) AND NOT a.is_local
                  AND a.retired_at IS NULL AND a.id NOT IN (SELECT i.id FROM input i)
                RETURNING a.id
            )
            SELECT count(*) FILTER (WHERE change = 'created') AS created,
                   count(*) FILTER (WHERE change = 'updated') AS updated,
                   (SELECT count(*) FROM retired) AS retired
            FROM classified
            """)
        return query
    }

    // MARK: Audit

    /// Appends an audit-log entry about a framework (e.g. `framework.import`), in the caller's
    /// transaction; `details` is a JSON object.
    public func appendAudit(action: String, framework: FrameworkID, actor: PersonID?, details: PostgresJSON,
                            on connection: PostgresConnection) async throws {
        try await AuditLogStore(connection: connection)
            .append(actor: actor, action: action, targetType: "framework", targetID: framework.uuid, details: details)
    }

    // MARK: Encoding

    /// JSON texts as one JSON array, sent as a single `json` parameter and split by
    /// `json_array_elements`, which hands each element back as its exact text: no array-literal
    /// escaping of megabytes of JSON.
    static func jsonArray(_ texts: [String]) -> String {
        "[" + texts.joined(separator: ",") + "]"
    }

    /// A PostgreSQL array literal of strings (`{"a","b"}`).
    static func arrayLiteral(_ strings: [String]) throws(PostgresError) -> String {
        guard case .text(let literal) = try strings.postgresValue() else { return "{}" }
        return literal
    }

    /// The value when it fits a PostgreSQL `integer`, else nil (kept only in the CASE JSON).
    static func int32(_ value: Int) -> Int? {
        Int32(exactly: value).map(Int.init)
    }

    func scaleJSON(_ scale: ProficiencyScale) throws(PostgresError) -> PostgresJSON {
        do { return try PostgresJSON(encoding: scale) } catch { throw .unencodableValue("proficiency scale: \(error)") }
    }

    func decodeScale(_ json: PostgresJSON, column: String) throws(PostgresError) -> ProficiencyScale {
        do { return try json.decode(ProficiencyScale.self) } catch { throw .invalidValue(column: column, type: "ProficiencyScale") }
    }
}
