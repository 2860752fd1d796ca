public import PathfolioCore

extension FrameworkCatalogStore {
    /// Every framework's `CFDocument` JSON as stored, ordered by title, then id
    /// (`GET /ims/case/v1p1/CFDocuments`).
    public func caseDocuments(on connection: PostgresConnection) async throws -> [String] {
        try await connection.query("""
            SELECT case_json FROM frameworks WHERE institution_id = \(institution) ORDER BY title, id
            """).map { try $0.decode(String.self, at: 0) }
    }

    /// A framework's current package as stored (`GET /ims/case/v1p1/CFPackages/{id}`): its
    /// items and published associations not retired, in package order; nil when there is no
    /// such framework. One round trip.
    public func casePackage(_ framework: FrameworkID, on connection: PostgresConnection) async throws -> StoredCASEPackage? {
        let results = try await connection.pipeline([
            """
            SELECT case_json, definitions_json, package_json FROM frameworks
            WHERE institution_id = \(institution) AND id = \(framework)
            """,
            """
            SELECT case_json FROM competencies
            WHERE institution_id = \(institution) AND framework_id = \(framework) AND retired_at IS NULL
            ORDER BY position, id
            """,
            """
            SELECT case_json FROM competency_associations
            WHERE institution_id = \(institution) AND framework_id = \(framework) AND NOT is_local AND retired_at IS NULL
            ORDER BY position, id
            """,
        ])
        guard let document = results[0].first else { return nil }
        return StoredCASEPackage(
            documentJSON: try document.decode(String.self, named: "case_json"),
            itemJSON: try results[1].map { try $0.decode(String.self, at: 0) },
            associationJSON: try results[2].map { try $0.decode(String.self, at: 0) },
            definitionsJSON: try document.decode(String.self, named: "definitions_json"),
            packageMembersJSON: try document.decode(String.self, named: "package_json"))
    }

    /// One item's JSON with its framework's document (`GET /ims/case/v1p1/CFItems/{id}`);
    /// retired items are found too. Nil when there is none.
    public func caseItem(_ id: CompetencyID, on connection: PostgresConnection) async throws -> StoredCASEObject? {
        let rows = try await connection.query("""
            SELECT c.case_json, f.case_json AS document_json, c.retired_at IS NOT NULL AS retired
            FROM competencies c JOIN frameworks f ON f.institution_id = c.institution_id AND f.id = c.framework_id
            WHERE c.institution_id = \(institution) AND c.id = \(id)
            """)
        return try rows.first.map(storedObject)
    }

    /// One association's JSON with its framework's document (none for a local one)
    /// (`GET /ims/case/v1p1/CFAssociations/{id}`); retired ones are found too. Nil when there is none.
    public func caseAssociation(_ id: AssociationID, on connection: PostgresConnection) async throws -> StoredCASEObject? {
        let rows = try await connection.query("""
            SELECT a.case_json, f.case_json AS document_json, a.retired_at IS NOT NULL AS retired
            FROM competency_associations a LEFT JOIN frameworks f ON f.institution_id = a.institution_id AND f.id = a.framework_id
            WHERE a.institution_id = \(institution) AND a.id = \(id)
            """)
        return try rows.first.map(storedObject)
    }

    private func storedObject(_ row: PostgresRow) throws -> StoredCASEObject {
        StoredCASEObject(json: try row.decode(String.self, named: "case_json"),
                         documentJSON: try row.decode(String?.self, named: "document_json"),
                         isRetired: try row.decode(Bool.self, named: "retired"))
    }
}
