import Foundation
import PathfolioCore
import PathfolioInterop

/// The real frameworks, read from the shared folder at test time (not copied).
enum Fixtures {
    static let directory = SharedStandards.directory + "case/frameworks/"
    static let institution = InstitutionID(UUID(uuidString: "00000000-0000-4000-8000-000000000001")!)
    static let reader = CASEPackageReader(institutionID: institution)

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + name)))
    }

    static func parse(_ text: String) throws -> JSONValue {
        try JSONParser().parse(text)
    }

    /// A small 1.1 package: document D, items A, B, C and whatever associations are given.
    static func package(associations: String = "[]", itemExtra: String = "", documentExtra: String = "",
                        packageExtra: String = "") -> String {
        """
        {"CFDocument": {"identifier": "\(doc)", "uri": "https://example.org/D", "creator": "Tester", "title": "Doc",
          "lastChangeDateTime": "2024-01-02T03:04:05Z"\(documentExtra)},
         "CFItems": [
           {"identifier": "\(a)", "uri": "https://example.org/A", "fullStatement": "A", "humanCodingScheme": "A", "lastChangeDateTime": "2024-01-02T03:04:05Z"\(itemExtra)},
           {"identifier": "\(b)", "uri": "https://example.org/B", "fullStatement": "B", "humanCodingScheme": "B", "lastChangeDateTime": "2024-01-02T03:04:05Z"},
           {"identifier": "\(c)", "uri": "https://example.org/C", "fullStatement": "C", "humanCodingScheme": "C", "lastChangeDateTime": "2024-01-02T03:04:05Z"}
         ],
         "CFAssociations": \(associations)\(packageExtra)}
        """
    }

    static let doc = "11111111-1111-4111-8111-111111111111"
    static let a = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"
    static let b = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"
    static let c = "cccccccc-cccc-4ccc-8ccc-cccccccccccc"

    static func association(_ id: Int, _ type: String, _ origin: String, _ destination: String) -> String {
        let identifier = String(format: "%08d-0000-4000-8000-000000000000", id)
        return """
        {"identifier": "\(identifier)", "associationType": "\(type)", "uri": "https://example.org/as/\(id)",
         "originNodeURI": {"title": "o", "identifier": "\(origin)", "uri": "https://example.org/\(origin)"},
         "destinationNodeURI": {"title": "d", "identifier": "\(destination)", "uri": "https://example.org/\(destination)"},
         "lastChangeDateTime": "2024-01-02T03:04:05Z"}
        """
    }
}
