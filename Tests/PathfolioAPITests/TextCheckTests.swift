import Foundation
import PathfolioCore
import Testing

/// Checks of request text look at code points, not at Swift `Character`s: a combining mark or
/// an emoji modifier joins the character before it into one grapheme cluster, which hid the
/// `@` of an email address and the `//` of a URL (both were refused with 400; found by
/// Schemathesis).
@Suite("Text checks see every code point")
struct TextCheckTests {
    let api: DemoAPI

    init() async throws { api = try await DemoAPI() }

    @Test("an email whose @ carries a combining mark is an email")
    func emailWithCombiningMark() async throws {
        let answers = try await api.send([
            ("POST", "/v1/people", try await api.adminToken(),
             #"{"givenName": "A", "familyName": "B", "roles": ["learner"], "email": "a@\u0301b.example"}"#),
        ])
        #expect(answers[0].status == 201)
    }

    @Test("a link whose // is followed by an emoji modifier is an http URL")
    func linkWithModifier() async throws {
        let learner = try #require(try await api.person(withRole: .learner))
        let body = #"{"kind": "link", "title": "T", "competencyIds": ["\#(UUID())"], "url": "HTtp://\ud83c\udffbx.example"}"#
        let answers = try await api.send([("POST", "/v1/learners/\(learner)/evidence", try await api.token(for: learner), body)])
        // The body is valid; the claimed competency does not exist in the demo institution.
        #expect(answers[0].status == 422)
        #expect(DemoAPI.target(answers[0].json) == "/competencyIds/0")
        let wrong = #"{"kind": "link", "title": "T", "competencyIds": ["\#(UUID())"], "url": "ftp://x.example"}"#
        let refused = try await api.send([("POST", "/v1/learners/\(learner)/evidence", try await api.token(for: learner), wrong)])
        #expect(refused[0].status == 400)
        #expect(DemoAPI.target(refused[0].json) == "/url")
    }
}
