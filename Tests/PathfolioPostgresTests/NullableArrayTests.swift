import Foundation
import PathfolioPostgres
import PathfolioTestSupport
import Testing

@Suite("Arrays with NULL elements, for batched writes")
struct NullableArrayTests {
    let database: TestDatabase

    init() async throws {
        database = try await TestPostgres.shared.makeDatabase()
    }

    /// The elements as the server unnests them, in order.
    private func unnested<Element: PostgresArrayElement>(_ elements: [Element?], as sqlType: String) async throws -> [Element?] {
        let connection = try await PostgresConnection.connect(to: database.ownerConnectionString)
        let rows = try await connection.query("""
            SELECT v FROM unnest(\(PostgresNullableArray(elements))::\(unescaped: sqlType)) WITH ORDINALITY AS t(v, n) ORDER BY n
            """)
        return try rows.map { try $0.decode(Element?.self, at: 0) }
    }

    @Test("NULL elements stay NULL; the text NULL, quotes, backslashes, commas, braces and Unicode stay text")
    func text() async throws {
        let texts: [String?] = ["a", nil, "NULL", "\"q\"", "b\\s", "c,d", "{e}", "é😀", "", nil]
        #expect(try await unnested(texts, as: "text[]") == texts)
    }

    @Test("integers with NULLs, and an empty array")
    func integers() async throws {
        #expect(try await unnested([1, nil, -3], as: "int8[]") == [1, nil, -3])
        #expect(try await unnested([Int?](), as: "int8[]").isEmpty)
    }

    @Test("a NUL inside an element is refused before sending")
    func nul() async throws {
        #expect(throws: PostgresError.self) { try PostgresNullableArray(["a\u{0}b", nil]).postgresValue() }
    }
}
