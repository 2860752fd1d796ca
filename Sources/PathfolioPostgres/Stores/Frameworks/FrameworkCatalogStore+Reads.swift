public import Foundation
public import PathfolioCore

extension FrameworkCatalogStore {
    // MARK: Everything, for mastery

    /// Everything mastery, progress and readiness are computed against: every framework with
    /// the policy in force at `instant` (nil: the transaction's start) and its default scale,
    /// every competency (retired ones included) and every association in force. One round trip.
    public func catalog(policiesAsOf instant: Date? = nil, on connection: PostgresConnection) async throws -> FrameworkCatalog {
        var associations = PostgresQuery(unsafeSQL: "")
        let institution = associations.bind(self.institution)
        associations.append(sql: """
            SELECT id, association_type, origin_id, destination_id, sequence_number, is_local, framework_id
            FROM competency_associations
            WHERE institution_id = \(institution) AND retired_at IS NULL
            ORDER BY framework_id, position, id
            """)
        let results = try await connection.pipeline([
            summaryQuery(asOf: instant) { _ in "ORDER BY f.id" },
            competencyQuery(withParents: false) { _ in "ORDER BY c.framework_id, c.position, c.id" },
            associations,
        ])
        var publishers: [AssociationID: FrameworkID] = [:]
        let loaded = try results[2].map { (row) throws in
            let id = try row.decode(AssociationID.self, named: "id")
            if let publisher = try row.decode(FrameworkID?.self, named: "framework_id") { publishers[id] = publisher }
            return Association(
                id: id, type: AssociationType(rawValue: try row.decode(String.self, named: "association_type")),
                origin: try row.decode(CompetencyID.self, named: "origin_id"),
                destination: try row.decode(CompetencyID.self, named: "destination_id"),
                sequenceNumber: try row.decode(Int?.self, named: "sequence_number"),
                isLocal: try row.decode(Bool.self, named: "is_local"))
        }
        return FrameworkCatalog(
            frameworks: try results[0].map { try summary($0).framework },
            competencies: try results[1].map { try entry($0).competency },
            associations: loaded, publishers: publishers)
    }

    // MARK: Frameworks

    /// The institution's frameworks ordered by title, then id: at most `limit` after `key`.
    /// Each carries the policy in force now.
    public func frameworks(after key: FrameworkListKey?, limit: Int,
                           on connection: PostgresConnection) async throws -> KeysetPage<FrameworkSummary, FrameworkListKey> {
        let limit = max(limit, 1)
        let rows = try await connection.query(summaryQuery(asOf: nil) { query in
            var tail = ""
            if let key {
                tail = "AND (f.title, f.id) > (\(query.bind(key.title)), \(query.bind(key.id))) "
            }
            return tail + "ORDER BY f.title, f.id LIMIT \(query.bind(limit + 1))"
        })
        return KeysetPage(fetched: try rows.map(summary), limit: limit, key: \.listKey)
    }

    /// One framework with the policy in force now, or nil.
    public func framework(_ id: FrameworkID, on connection: PostgresConnection) async throws -> FrameworkSummary? {
        let rows = try await connection.query(summaryQuery(asOf: nil) { query in "AND f.id = \(query.bind(id))" })
        return try rows.first.map(summary)
    }

    /// The frameworks' columns, their policy in force at `instant` and their counts; `tail`
    /// adds conditions (starting with `AND`), the order and the limit, binding into the query.
    func summaryQuery(asOf instant: Date?, tail: (inout PostgresQuery) -> String) -> PostgresQuery {
        var query = PostgresQuery(unsafeSQL: "")
        let institution = query.bind(self.institution)
        let at = instant.map { query.bind($0) } ?? "now()"
        let rest = tail(&query)
        query.append(sql: """
            SELECT f.id, f.uri, f.title, f.creator, f.version, f.subjects, f.language, f.adoption_status, f.last_changed_at,
                   coalesce(p.scale, f.default_scale) AS default_scale, f.created_at, f.updated_at, p.policy, p.effective_from,
                   (SELECT count(*) FROM competencies c
                    WHERE c.institution_id = f.institution_id AND c.framework_id = f.id AND c.retired_at IS NULL) AS current_count,
                   (SELECT count(*) FROM competencies c
                    WHERE c.institution_id = f.institution_id AND c.framework_id = f.id AND c.retired_at IS NOT NULL) AS retired_count
            FROM frameworks f
            LEFT JOIN LATERAL (
                SELECT fp.policy, fp.scale, fp.effective_from FROM framework_policies fp
                WHERE fp.institution_id = f.institution_id AND fp.framework_id = f.id AND fp.effective_from <= \(at)
                ORDER BY fp.effective_from DESC, fp.id DESC
                LIMIT 1
            ) p ON true
            WHERE f.institution_id = \(institution) \(rest)
            """)
        return query
    }

    func summary(_ row: PostgresRow) throws -> FrameworkSummary {
        let policy = try row.decode(PostgresJSON?.self, named: "policy").map(StoredMasteryPolicy.decode) ?? MasteryPolicy()
        let framework = Framework(
            id: try row.decode(FrameworkID.self, named: "id"), institutionID: institution,
            uri: try row.decode(String.self, named: "uri"), title: try row.decode(String.self, named: "title"),
            creator: try row.decode(String.self, named: "creator"), version: try row.decode(String?.self, named: "version"),
            subjects: try row.decode([String].self, named: "subjects"), language: try row.decode(String?.self, named: "language"),
            adoptionStatus: try row.decode(String?.self, named: "adoption_status"),
            lastChangedAt: try row.decode(Date.self, named: "last_changed_at"),
            defaultScale: try decodeScale(row.decode(PostgresJSON.self, named: "default_scale"), column: "default_scale"),
            masteryPolicy: policy)
        return FrameworkSummary(
            framework: framework, policyEffectiveFrom: try row.decode(Date?.self, named: "effective_from"),
            competencyCount: try row.decode(Int.self, named: "current_count"),
            retiredCompetencyCount: try row.decode(Int.self, named: "retired_count"),
            createdAt: try row.decode(Date.self, named: "created_at"), updatedAt: try row.decode(Date.self, named: "updated_at"))
    }

    // MARK: Competencies

    /// A framework's competencies in package order (position, then id): at most `limit` after
    /// `key`, each with its parents. Retired ones only when `includeRetired`. An unknown
    /// framework has none (ask ``framework(_:on:)`` to tell it apart from an empty one).
    public func competencies(of framework: FrameworkID, after key: CompetencyListKey?, limit: Int, includeRetired: Bool,
                             on connection: PostgresConnection) async throws -> KeysetPage<CompetencyEntry, CompetencyListKey> {
        let limit = max(limit, 1)
        let rows = try await connection.query(competencyQuery(withParents: true) { query in
            var tail = "AND c.framework_id = \(query.bind(framework)) "
            if !includeRetired { tail += "AND c.retired_at IS NULL " }
            if let key { tail += "AND (c.position, c.id) > (\(query.bind(key.position)), \(query.bind(key.id))) " }
            return tail + "ORDER BY c.position, c.id LIMIT \(query.bind(limit + 1))"
        })
        return KeysetPage(fetched: try rows.map(entry), limit: limit, key: \.listKey)
    }

    /// Every competency of a framework in package order, each with its parents: what a tree
    /// view is built from. Retired ones only when `includeRetired`.
    public func allCompetencies(of framework: FrameworkID, includeRetired: Bool,
                                on connection: PostgresConnection) async throws -> [CompetencyEntry] {
        let rows = try await connection.query(competencyQuery(withParents: true) { query in
            "AND c.framework_id = \(query.bind(framework)) " + (includeRetired ? "" : "AND c.retired_at IS NULL ")
                + "ORDER BY c.position, c.id"
        })
        return try rows.map(entry)
    }

    /// One competency with its framework's title and every association in force that
    /// touches it (parents, children, prerequisites, dependents, others), or nil. Retired
    /// competencies are found too. One round trip.
    public func competency(_ id: CompetencyID, on connection: PostgresConnection) async throws -> CompetencyDetail? {
        let competency = competencyQuery(withParents: true) { query in "AND c.id = \(query.bind(id))" }
        var links = PostgresQuery(unsafeSQL: "")
        let institution = links.bind(self.institution)
        let subject = links.bind(id)
        links.append(sql: """
            SELECT a.id, a.association_type, a.sequence_number, a.is_local, a.outgoing, a.node_id, a.node_identifier,
                   a.node_uri, a.node_title, n.framework_id AS node_framework_id, n.human_coding_scheme AS node_code,
                   n.full_statement AS node_statement, n.retired_at IS NOT NULL AS node_retired, d.title AS node_document_title
            FROM (
                SELECT a.*, a.origin_id = \(subject) AS outgoing,
                       CASE WHEN a.origin_id = \(subject) THEN a.destination_id ELSE a.origin_id END AS node_id,
                       CASE WHEN a.origin_id = \(subject) THEN a.destination_identifier ELSE a.origin_identifier END AS node_identifier,
                       CASE WHEN a.origin_id = \(subject) THEN a.destination_uri ELSE a.origin_uri END AS node_uri,
                       CASE WHEN a.origin_id = \(subject) THEN a.destination_title ELSE a.origin_title END AS node_title
                FROM competency_associations a
                WHERE a.institution_id = \(institution) AND (a.origin_id = \(subject) OR a.destination_id = \(subject))
                  AND a.retired_at IS NULL
            ) a
            LEFT JOIN competencies n ON n.institution_id = a.institution_id AND n.id = a.node_id
            LEFT JOIN frameworks d ON d.institution_id = a.institution_id AND d.id = a.node_id
            ORDER BY a.association_type, a.sequence_number NULLS LAST, a.position, a.id
            """)
        let results = try await connection.pipeline([competency, links])
        guard let row = results[0].first else { return nil }
        let linked = try results[1].map { (row) throws -> CompetencyLink in
            let node: CompetencyLink.Node
            let nodeID = try row.decode(UUID.self, named: "node_id")
            if let frameworkID = try row.decode(FrameworkID?.self, named: "node_framework_id") {
                node = .competency(CompetencyLink.LinkedCompetency(
                    id: CompetencyID(nodeID), frameworkID: frameworkID, humanCodingScheme: try row.decode(String?.self, named: "node_code"),
                    fullStatement: try row.decode(String.self, named: "node_statement"),
                    isRetired: try row.decode(Bool.self, named: "node_retired")))
            } else if let title = try row.decode(String?.self, named: "node_document_title") {
                node = .framework(id: FrameworkID(nodeID), title: title)
            } else {
                node = .external(AssociationEnd(
                    identifier: try row.decode(String.self, named: "node_identifier"),
                    uri: try row.decode(String.self, named: "node_uri"), title: try row.decode(String.self, named: "node_title")))
            }
            return CompetencyLink(
                associationID: try row.decode(AssociationID.self, named: "id"),
                type: AssociationType(rawValue: try row.decode(String.self, named: "association_type")),
                direction: try row.decode(Bool.self, named: "outgoing") ? .outgoing : .incoming,
                sequenceNumber: try row.decode(Int?.self, named: "sequence_number"),
                isLocal: try row.decode(Bool.self, named: "is_local"), node: node)
        }
        return CompetencyDetail(entry: try entry(row), frameworkTitle: try row.decode(String.self, named: "framework_title"),
                                links: linked)
    }

    /// Competencies' columns (with their framework's title, and their parents when asked);
    /// `tail` adds conditions (starting with `AND`) and the order, binding into the query.
    func competencyQuery(withParents: Bool, tail: (inout PostgresQuery) -> String) -> PostgresQuery {
        var query = PostgresQuery(unsafeSQL: "")
        let institution = query.bind(self.institution)
        let rest = tail(&query)
        let parents = !withParents ? "'[]'::json" : """
            (SELECT coalesce(json_agg(json_build_object('id', a.destination_id, 'sequenceNumber', a.sequence_number)
                                      ORDER BY a.sequence_number NULLS LAST, a.position, a.destination_id), '[]'::json)
             FROM competency_associations a
             JOIN competencies p ON p.institution_id = a.institution_id AND p.id = a.destination_id
             WHERE a.institution_id = c.institution_id AND a.origin_id = c.id AND a.association_type = 'isChildOf'
               AND a.retired_at IS NULL)
            """
        query.append(sql: """
            SELECT c.id, c.framework_id, c.position, c.uri, c.human_coding_scheme, c.full_statement, c.abbreviated_statement,
                   c.item_type, c.education_levels, c.list_enumeration, c.list_position, c.scale_override, c.created_at,
                   c.updated_at, c.retired_at, f.title AS framework_title, \(parents) AS parents
            FROM competencies c
            JOIN frameworks f ON f.institution_id = c.institution_id AND f.id = c.framework_id
            WHERE c.institution_id = \(institution) \(rest)
            """)
        return query
    }

    func entry(_ row: PostgresRow) throws -> CompetencyEntry {
        let retiredAt = try row.decode(Date?.self, named: "retired_at")
        let scale = try row.decode(PostgresJSON?.self, named: "scale_override")
            .map { (json) throws(PostgresError) in try decodeScale(json, column: "scale_override") }
        let competency = Competency(
            id: try row.decode(CompetencyID.self, named: "id"), frameworkID: try row.decode(FrameworkID.self, named: "framework_id"),
            uri: try row.decode(String.self, named: "uri"), humanCodingScheme: try row.decode(String?.self, named: "human_coding_scheme"),
            fullStatement: try row.decode(String.self, named: "full_statement"),
            abbreviatedStatement: try row.decode(String?.self, named: "abbreviated_statement"),
            itemType: try row.decode(String?.self, named: "item_type"),
            educationLevels: try row.decode([String].self, named: "education_levels"),
            listPosition: try row.decode(Int?.self, named: "list_position"), scaleOverride: scale, isRetired: retiredAt != nil)
        let parents: [CompetencyEntry.Parent]
        do {
            parents = try row.decode(PostgresJSON.self, named: "parents").decode([CompetencyEntry.Parent].self)
        } catch let error as PostgresError {
            throw error
        } catch {
            throw PostgresError.invalidValue(column: "parents", type: "[CompetencyEntry.Parent]")
        }
        return CompetencyEntry(
            competency: competency, listEnumeration: try row.decode(String?.self, named: "list_enumeration"),
            position: try row.decode(Int.self, named: "position"), parents: parents,
            createdAt: try row.decode(Date.self, named: "created_at"), updatedAt: try row.decode(Date.self, named: "updated_at"),
            retiredAt: retiredAt)
    }
}
