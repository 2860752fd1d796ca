import Foundation
import PathfolioCore
import PathfolioCrypto
import Testing

/// Input that is well-formed JSON but that PostgreSQL cannot store — U+0000 in text, instants
/// far outside the years the store encodes — answers 400 naming the member or parameter. The
/// first two answered 500 before (found while checking the server against /openapi.json).
@Suite("Input the database cannot store answers 400, not 500")
struct UnstorableInputTests {
    let api: DemoAPI

    init() async throws { api = try await DemoAPI() }

    private static func cursor(_ key: [String]) -> String {
        Base64URL.encode(Array(key.joined(separator: "\u{1F}").utf8))
    }

    @Test("U+0000 in a string member: 400 at its pointer")
    func nulInText() async throws {
        let admin = try await api.adminToken()
        let answers = try await api.send([
            ("POST", "/v1/people", admin, #"{"givenName": "A\u0000B", "familyName": "C", "roles": ["learner"]}"#),
            ("POST", "/v1/tokens", admin, #"{"personId": "\#(api.demo.admin)", "label": "\u0000"}"#),
        ])
        #expect(answers.map(\.status) == [400, 400])
        #expect(answers.map { DemoAPI.target($0.json) } == ["/givenName", "/label"])
    }

    @Test("instants of years outside 1700…2199: 400 naming the member or parameter; a past expiry is 422")
    func instantsOutOfRange() async throws {
        let admin = try await api.adminToken()
        let person = api.demo.admin
        let farCursor = Self.cursor(["9999-12-31T23:59:59Z", UUID().uuidString.lowercased()])
        let answers = try await api.send([
            ("POST", "/v1/tokens", admin, #"{"personId": "\#(person)", "expiresAt": "2300-01-01T00:00:00Z"}"#),
            // The year as written counts: this is 2200-01-01 in UTC, and the store holds it.
            ("POST", "/v1/tokens", admin, #"{"personId": "\#(person)", "expiresAt": "2199-12-31T23:00:00-23:59"}"#),
            ("GET", "/v1/tokens?cursor=\(farCursor)", admin, nil),
            ("POST", "/v1/tokens", admin, #"{"personId": "\#(person)", "expiresAt": "2000-01-01T00:00:00Z"}"#),
        ])
        #expect(answers.map(\.status) == [400, 201, 400, 422])
        #expect(DemoAPI.target(answers[0].json) == "/expiresAt")
        #expect(DemoAPI.target(answers[2].json) == "cursor")
        #expect(DemoAPI.target(answers[3].json) == "/expiresAt")
    }

    @Test("asOf outside 1700…2199: 400 naming asOf; inside, 200")
    func asOfOutOfRange() async throws {
        let registrar = try #require(try await api.person(withRole: .registrar))
        let learner = try #require(try await api.person(withRole: .learner))
        let reader = try await api.token(for: registrar)
        let answers = try await api.send([
            ("GET", "/v1/learners/\(learner)/progress?asOf=0001-01-01", reader, nil),
            ("GET", "/v1/learners/\(learner)/progress?asOf=9999-12-31T00:00:00Z", reader, nil),
            ("GET", "/v1/learners/\(learner)/progress?asOf=1700-01-01", reader, nil),
        ])
        #expect(answers.map(\.status) == [400, 400, 200])
        #expect(answers.prefix(2).map { DemoAPI.target($0.json) } == ["asOf", "asOf"])
    }
}
