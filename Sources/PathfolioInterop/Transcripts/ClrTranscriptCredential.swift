public import Foundation
public import PathfolioCore

/// A transcript as a 1EdTech **CLR 2.0** `ClrCredential` (VC 2.0 data model): its
/// `credentialSubject` (a `ClrSubject`) holds one Open Badges 3.0 `AchievementCredential` per
/// mastered competency, whose achievement is the competency, aligned to its CASE item
/// (`targetType` `CFItem`, `targetUrl` its CASE URI), and one per achieved plan goal
/// (`achievementType` `ext:LearningPlanGoal`). The whole is unsigned here; the API signs it as a
/// VC-JWT. Nested credentials carry no proof of their own: they are verifiable as part of the
/// signed CLR (embedded Data Integrity proofs are a later goal, SPEC §1.6).
public struct ClrTranscriptCredential: Sendable {
    /// The contexts of the CLR, in the order of the CLR 2.0 examples.
    public static let clrContext: [String] = [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    /// The contexts of each nested AchievementCredential.
    public static let achievementContext: [String] = [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]

    /// The transcript rendered.
    public let transcript: Transcript
    /// The credential's id (a `urn:uuid:`), which is also the VC-JWT's `jti`.
    public let id: UUID
    /// The issuer's id (a URI naming the institution).
    public let issuerID: String
    /// When it is issued (`validFrom` of every credential in it).
    public let issuedAt: Date
    /// Ids of the nested credentials, in order: competencies first, then goals.
    public let nestedIDs: [UUID]

    /// Prepares a credential.
    /// - Parameter nestedIDs: one id per mastered competency then per achieved goal.
    public init(transcript: Transcript, id: UUID, issuerID: String, issuedAt: Date, nestedIDs: [UUID]) {
        precondition(nestedIDs.count == transcript.competencies.count + transcript.achievedGoals.count,
                     "one nested credential id per competency and goal")
        self.transcript = transcript
        self.id = id
        self.issuerID = issuerID
        self.issuedAt = issuedAt
        self.nestedIDs = nestedIDs
    }

    /// How many nested credentials a transcript needs ids for.
    public static func nestedCount(_ transcript: Transcript) -> Int {
        transcript.competencies.count + transcript.achievedGoals.count
    }

    /// The credential's id as written in it (`urn:uuid:…`).
    public var credentialID: String { Self.urn(id) }

    /// The learner as the credentials' subject id.
    public var subjectID: String { "urn:uuid:" + transcript.learnerID.description }

    /// The `ClrCredential` as JSON.
    public var json: JSONValue {
        let learner = transcript.learner
        var achievements: [JSONValue] = []
        var credentials: [JSONValue] = []
        var ids = nestedIDs.makeIterator()
        for entry in transcript.competencies {
            let achievement = competencyAchievement(entry)
            achievements.append(achievement)
            credentials.append(achievementCredential(id: ids.next()!, achievement: achievement, awarded: entry.firstMasteredOn,
                                                     result: entry.level, name: "\(entry.code) mastered"))
        }
        for goal in transcript.achievedGoals {
            let achievement = goalAchievement(goal)
            achievements.append(achievement)
            credentials.append(achievementCredential(id: ids.next()!, achievement: achievement, awarded: goal.achievedOn,
                                                     result: nil, name: "Goal achieved: \(goal.statement)"))
        }
        var subject = JSONObject([
            "id": .string(subjectID), "type": .string("ClrSubject"),
        ])
        subject["identifier"] = .array(identifiers(learner))
        if !achievements.isEmpty { subject["achievement"] = .array(achievements) }
        // ClrSubject requires at least one credential: an empty transcript still says so, as a
        // credential stating the learner is enrolled with the issuer as of the date.
        subject["verifiableCredential"] = .array(credentials.isEmpty ? [emptyRecordCredential()] : credentials)
        return .object(JSONObject([
            "@context": .array(Self.clrContext.map(JSONValue.string)),
            "id": .string(credentialID),
            "type": .array([.string("VerifiableCredential"), .string("ClrCredential")]),
            "issuer": issuer,
            "name": .string("Transcript of \(learner.fullName) as of \(transcript.asOf.rfc3339Seconds)"),
            "description": .string("Competencies mastered and learning-plan goals achieved, as of \(transcript.asOf.rfc3339Seconds)."),
            "validFrom": .string(issuedAt.rfc3339Seconds),
            "awardedDate": .string(transcript.asOf.rfc3339Seconds),
            "credentialSubject": .object(subject),
            "credentialSchema": .array([.object(JSONObject([
                "id": .string("https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json"),
                "type": .string("1EdTechJsonSchemaValidator2019"),
            ]))]),
        ]))
    }

    static func urn(_ id: UUID) -> String { "urn:uuid:" + id.uuidString.lowercased() }

    var issuer: JSONValue {
        .object(JSONObject([
            "id": .string(issuerID), "type": .array([.string("Profile")]), "name": .string(transcript.issuer.name),
        ]))
    }

    func identifiers(_ learner: Transcript.Learner) -> [JSONValue] {
        var list: [JSONValue] = [identity(learner.fullName, type: "name")]
        if let sourced = learner.sourcedID { list.append(identity(sourced, type: "sourcedId")) }
        list.append(identity(learner.id.description, type: "systemId"))
        return list
    }

    func identity(_ value: String, type: String) -> JSONValue {
        .object(JSONObject([
            "type": .string("IdentityObject"), "hashed": .bool(false), "identityHash": .string(value),
            "identityType": .string(type),
        ]))
    }

    func competencyAchievement(_ entry: Transcript.Entry) -> JSONValue {
        let target = entry.competencyURI.isEmpty ? "urn:uuid:" + entry.competencyID.description : entry.competencyURI
        var alignment = JSONObject([
            "type": .array([.string("Alignment")]), "targetName": .string(entry.code),
            "targetUrl": .string(target), "targetCode": .string(entry.competencyID.description),
            "targetDescription": .string(entry.statement), "targetType": .string("CFItem"),
        ])
        if !entry.frameworkTitle.isEmpty { alignment["targetFramework"] = .string(entry.frameworkTitle) }
        return .object(JSONObject([
            "id": .string(target),
            "type": .array([.string("Achievement")]),
            "achievementType": .string("Competency"),
            "creator": issuer,
            "name": .string(entry.code),
            "description": .string(entry.statement),
            "humanCode": .string(entry.code),
            "criteria": .object(JSONObject([
                "narrative": .string("Mastered under \(transcript.issuer.name)'s mastery policy for \(entry.frameworkTitle), from rated evidence."),
            ])),
            "alignment": .array([.object(alignment)]),
        ]))
    }

    func goalAchievement(_ goal: Transcript.AchievedGoal) -> JSONValue {
        .object(JSONObject([
            "id": .string("urn:uuid:" + goal.goalID.description),
            "type": .array([.string("Achievement")]),
            "achievementType": .string("ext:LearningPlanGoal"),
            "creator": issuer,
            "name": .string(goal.statement),
            "description": .string("A \(goal.kind.rawValue) goal of the learning plan “\(goal.planTitle)”."),
            "criteria": .object(JSONObject([
                "narrative": .string("Every target competency of the goal mastered."),
            ])),
        ]))
    }

    func achievementCredential(id: UUID, achievement: JSONValue, awarded: CalendarDate?, result: String?,
                               name: String) -> JSONValue {
        var subject = JSONObject([
            "id": .string(subjectID), "type": .array([.string("AchievementSubject")]), "achievement": achievement,
        ])
        if let result {
            subject["result"] = .array([.object(JSONObject(["type": .array([.string("Result")]), "value": .string(result)]))])
        }
        var credential = JSONObject([
            "@context": .array(Self.achievementContext.map(JSONValue.string)),
            "id": .string(Self.urn(id)),
            "type": .array([.string("VerifiableCredential"), .string("AchievementCredential")]),
            "issuer": issuer,
            "name": .string(name),
            "validFrom": .string(issuedAt.rfc3339Seconds),
        ])
        if let awarded { credential["awardedDate"] = .string(awarded.description + "T00:00:00Z") }
        credential["credentialSubject"] = .object(subject)
        return .object(credential)
    }

    func emptyRecordCredential() -> JSONValue {
        .object(JSONObject([
            "@context": .array(Self.achievementContext.map(JSONValue.string)),
            "id": .string(Self.urn(id) + "#record"),
            "type": .array([.string("VerifiableCredential")]),
            "issuer": issuer,
            "validFrom": .string(issuedAt.rfc3339Seconds),
            "credentialSubject": .object(JSONObject([
                "id": .string(subjectID),
            ])),
        ]))
    }
}
