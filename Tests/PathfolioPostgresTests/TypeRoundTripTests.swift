import Foundation
import PathfolioCore
import PathfolioPostgres
import PathfolioTestSupport
import Testing

@Suite("Values round-trip through PostgreSQL exactly")
struct TypeRoundTripTests {
    let database: TestDatabase

    init() async throws {
        database = try await TestPostgres.shared.makeDatabase()
    }

    private func roundTrip<T: PostgresEncodable & PostgresDecodable & Equatable>(_ value: T, as sqlType: String) async throws -> T {
        let connection = try await PostgresConnection.connect(to: database.ownerConnectionString)
        let rows = try await connection.query("SELECT \(value)::\(unescaped: sqlType) AS value")
        return try rows[0].decode(T.self, named: "value")
    }

    @Test("integers keep their extremes", arguments: [Int.min, -1, 0, 1, Int.max])
    func integers(value: Int) async throws {
        #expect(try await roundTrip(value, as: "int8") == value)
        #expect(try await roundTrip(Int32(truncatingIfNeeded: value), as: "int4") == Int32(truncatingIfNeeded: value))
        #expect(try await roundTrip(Int16(truncatingIfNeeded: value), as: "int2") == Int16(truncatingIfNeeded: value))
    }

    @Test("text keeps Unicode, quotes, backslashes and newlines")
    func text() async throws {
        for value in ["", "plain", "Zoë O'Brien \"quoted\" \\ back\nslash", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓", String(repeating: "x", count: 100_000)] {
            #expect(try await roundTrip(value, as: "text") == value)
        }
    }

    @Test("text with a NUL is refused before sending")
    func nulInText() async throws {
        await #expect(throws: PostgresError.self) { _ = try await roundTrip("a\u{0}b", as: "text") }
    }

    @Test("scores keep their two places, whatever the column's scale", arguments: [0, 5, -5, 250, 400, -120, 99_999_99, -99_999_99])
    func scores(hundredths: Int) async throws {
        let score = Score(hundredths: hundredths)
        #expect(try await roundTrip(score, as: "numeric(7, 2)") == score)
        #expect(try await roundTrip(score, as: "numeric") == score)
        if hundredths % 100 == 0 { #expect(try await roundTrip(score, as: "numeric(7, 0)") == score) }
    }

    @Test("booleans, UUIDs and dates")
    func scalars() async throws {
        #expect(try await roundTrip(true, as: "bool") == true)
        #expect(try await roundTrip(false, as: "bool") == false)
        let id = UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF")!
        #expect(try await roundTrip(id, as: "uuid") == id)
        for text in ["2026-11-23", "2024-02-29", "0001-01-01", "9999-12-31", "1969-12-31"] {
            let date = try CalendarDate(iso: text)
            #expect(try await roundTrip(date, as: "date") == date)
        }
    }

    @Test("timestamps keep microseconds, before and after 1970 and 2000")
    func timestamps() async throws {
        for seconds in [0.0, 1_763_902_370.123456, -86_400.000001, 946_684_799.999999, 4_102_444_800.5] {
            let date = Date(timeIntervalSince1970: seconds)
            let back = try await roundTrip(date, as: "timestamptz")
            #expect(abs(back.timeIntervalSince1970 - seconds) < 0.000_000_5, "\(seconds) came back as \(back.timeIntervalSince1970)")
        }
    }

    @Test("timestamps come back in UTC whatever the session's time zone was set to")
    func timestampsUseUTC() async throws {
        let connection = try await PostgresConnection.connect(to: database.ownerConnectionString)
        let rows = try await connection.query("SELECT '2026-01-02 03:04:05.678+05:30'::timestamptz")
        let date = try rows[0].decode(Date.self, at: 0)
        #expect(abs(date.timeIntervalSince1970 - 1_767_303_245.678) < 0.000_001)
    }

    @Test("numeric round-trips exactly, including two-decimal ties")
    func decimals() async throws {
        for text in ["0", "2.675", "-1.005", "3.14159265358979323846264338327950288", "100.00", "0.01", "-0.5"] {
            let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!
            #expect(try await roundTrip(value, as: "numeric") == value, "\(text)")
        }
        let connection = try await PostgresConnection.connect(to: database.ownerConnectionString)
        let rounded = try await connection.query("SELECT round(2.675::numeric, 2)")[0].decode(Decimal.self, at: 0)
        #expect(rounded == Decimal(string: "2.68")!)
    }

    @Test("numeric beyond Decimal's 38 digits and NaN are refused, not rounded")
    func decimalsOutOfRange() async throws {
        let connection = try await PostgresConnection.connect(to: database.ownerConnectionString)
        let rows = try await connection.query("SELECT 'NaN'::numeric, 123456789012345678901234567890123456789012::numeric")
        #expect(throws: PostgresError.self) { try rows[0].decode(Decimal.self, at: 0) }
        #expect(throws: PostgresError.self) { try rows[0].decode(Decimal.self, at: 1) }
    }

    @Test("bytea keeps every byte value")
    func bytes() async throws {
        let all = PostgresBytes((0...255).map(UInt8.init) + [0, 0, 92, 120])
        #expect(try await roundTrip(all, as: "bytea") == all)
        #expect(try await roundTrip(PostgresBytes([]), as: "bytea") == PostgresBytes([]))
    }

    @Test("jsonb comes back as equivalent JSON")
    func json() async throws {
        struct Payload: Codable, Equatable { let name: String; let levels: [Int] }
        let payload = Payload(name: "Zoë \"Z\"", levels: [1, 2, 3])
        let back = try await roundTrip(try PostgresJSON(encoding: payload), as: "jsonb")
        #expect(try back.decode(Payload.self) == payload)
    }

    @Test("arrays of text, UUIDs and integers, with quotes, commas and braces inside")
    func arrays() async throws {
        let texts = ["a", "b,c", "{d}", "\"e\"", "f\\g", "", "NULL", " spaced "]
        #expect(try await roundTrip(texts, as: "text[]") == texts)
        let ids = [UUID(), UUID()]
        #expect(try await roundTrip(ids, as: "uuid[]") == ids)
        #expect(try await roundTrip([Int](), as: "int8[]") == [])
        #expect(try await roundTrip([1, -2, 3], as: "int8[]") == [1, -2, 3])
    }

    @Test("NULL decodes to nil for optionals and names the column otherwise")
    func nulls() async throws {
        let connection = try await PostgresConnection.connect(to: database.ownerConnectionString)
        let none: String? = nil
        let rows = try await connection.query("SELECT \(none)::text AS nickname, \(Optional(7))::int8 AS level")
        #expect(try rows[0].decode(String?.self, named: "nickname") == nil)
        #expect(try rows[0].decode(Int?.self, named: "level") == 7)
        do {
            _ = try rows[0].decode(String.self, named: "nickname")
            Issue.record("decoding NULL into String should throw")
        } catch {
            guard case .unexpectedNull(let column) = error else { Issue.record("wrong error \(error)"); return }
            #expect(column == "nickname")
        }
    }

    @Test("a column of another type is refused, naming the column")
    func typeMismatch() async throws {
        let connection = try await PostgresConnection.connect(to: database.ownerConnectionString)
        let rows = try await connection.query("SELECT 'x'::text AS label")
        do {
            _ = try rows[0].decode(Int.self, named: "label")
            Issue.record("decoding text into Int should throw")
        } catch {
            guard case .typeMismatch(let column, _, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(column == "label")
        }
    }
}
