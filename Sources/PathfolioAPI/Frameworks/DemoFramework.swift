public import Foundation
public import PathfolioCore
public import PathfolioPostgres

/// The small CASE framework `pathfolio dev` installs in the demo institution ("Demo
/// Fractions": a domain and three standards, each the prerequisite of the next), so the
/// evidence → review → mastery workflow can be tried at once. Re-installing is a no-op (the
/// import is idempotent).
public enum DemoFramework {
    /// Imports the demo framework as the demo admin.
    public static func install(pool: PostgresPool, institution: InstitutionID, admin: PersonID) async throws {
        try await pool.withTransaction(settings: [("pathfolio.institution_id", institution.description)]) { connection in
            _ = try await FrameworkImport().importPackage(Array(package.utf8), institution: institution, actor: admin,
                                                          on: connection, now: Date())
        }
    }


    static let package: String = {
        func item(_ n: Int, _ code: String, _ statement: String, type: String) -> String {
            """
            {"identifier": "5e1f7ac0-0000-4000-8000-00000000000\(n)", "uri": "https://demo.pathfolio.invalid/items/\(code)",
             "humanCodingScheme": "\(code)", "fullStatement": "\(statement)", "CFItemType": "\(type)",
             "educationLevel": ["05"], "lastChangeDateTime": "2026-09-01T00:00:00+00:00"}
            """
        }
        func node(_ n: Int, _ code: String) -> String {
            #"{"identifier": "5e1f7ac0-0000-4000-8000-00000000000\#(n)", "uri": "https://demo.pathfolio.invalid/items/\#(code)", "title": "\#(code)"}"#
        }
        func association(_ n: Int, _ type: String, _ origin: (Int, String), _ destination: (Int, String)) -> String {
            """
            {"identifier": "5e1f7ac0-0000-4000-8000-0000000000a\(n)", "uri": "https://demo.pathfolio.invalid/associations/\(n)",
             "associationType": "\(type)", "originNodeURI": \(node(origin.0, origin.1)),
             "destinationNodeURI": \(node(destination.0, destination.1)), "lastChangeDateTime": "2026-09-01T00:00:00+00:00"}
            """
        }
        let domain = (1, "FR"), understand = (2, "FR.1"), add = (3, "FR.2"), multiply = (4, "FR.3")
        return """
            {"CFDocument": {"identifier": "5e1f7ac0-0000-4000-8000-000000000000", "uri": "https://demo.pathfolio.invalid/frameworks/fractions",
              "creator": "Pathfolio Demo School", "title": "Demo Fractions", "version": "1.0", "language": "en",
              "subject": ["Mathematics"], "adoptionStatus": "Adopted", "lastChangeDateTime": "2026-09-01T00:00:00+00:00",
              "CFPackageURI": {"identifier": "5e1f7ac0-0000-4000-8000-000000000000", "uri": "https://demo.pathfolio.invalid/packages/fractions", "title": "Demo Fractions"}},
             "CFItems": [\([
                item(1, "FR", "Fractions", type: "Domain"),
                item(2, "FR.1", "Understand a fraction as a number on the number line.", type: "Standard"),
                item(3, "FR.2", "Add and subtract fractions with unlike denominators.", type: "Standard"),
                item(4, "FR.3", "Multiply a fraction by a whole number or a fraction.", type: "Standard"),
             ].joined(separator: ", "))],
             "CFAssociations": [\([
                association(1, "isChildOf", understand, domain), association(2, "isChildOf", add, domain),
                association(3, "isChildOf", multiply, domain), association(4, "precedes", understand, add),
                association(5, "precedes", add, multiply),
             ].joined(separator: ", "))]}
            """
    }()
}
