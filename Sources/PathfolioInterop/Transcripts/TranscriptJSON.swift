public import PathfolioCore

/// The service's own transcript document (`format=json`): issuer, learner, as-of instant,
/// mastered competencies and achieved goals, in the core's order; with the certification when
/// the transcript is a frozen one.
public enum TranscriptJSON {
    /// The document as a JSON value (members in a fixed order, so equal transcripts give equal bytes).
    public static func document(_ transcript: Transcript, certification: TranscriptCertification? = nil) -> JSONValue {
        var root = JSONObject([
            "type": .string("Transcript"),
            "issuer": .object(JSONObject([
                "id": .string(transcript.issuer.institutionID.description), "name": .string(transcript.issuer.name),
            ])),
            "learner": .object(learner(transcript.learner)),
            "asOf": .string(transcript.asOf.rfc3339Seconds),
            "competencies": .array(transcript.competencies.map(competency)),
            "achievedGoals": .array(transcript.achievedGoals.map(goal)),
        ])
        if let certification {
            root["certification"] = .object(JSONObject([
                "id": .string(certification.id.uuidString.lowercased()),
                "certifiedAt": .string(certification.certifiedAt.rfc3339Seconds),
                "certifiedBy": .string(certification.certifiedBy),
            ]))
        }
        return .object(root)
    }

    static func learner(_ learner: Transcript.Learner) -> JSONObject {
        var object = JSONObject([
            "id": .string(learner.id.description), "givenName": .string(learner.givenName),
            "familyName": .string(learner.familyName),
        ])
        if let sourced = learner.sourcedID { object["sourcedId"] = .string(sourced) }
        return object
    }

    static func competency(_ entry: Transcript.Entry) -> JSONValue {
        var object = JSONObject([
            "frameworkId": .string(entry.frameworkID.description), "framework": .string(entry.frameworkTitle),
            "competencyId": .string(entry.competencyID.description), "uri": .string(entry.competencyURI),
            "code": .string(entry.code), "statement": .string(entry.statement),
        ])
        object["level"] = entry.level.map(JSONValue.string) ?? .null
        object["score"] = entry.score.map { .string($0.description) } ?? .null
        object["firstMasteredOn"] = entry.firstMasteredOn.map { .string($0.description) } ?? .null
        return .object(object)
    }

    static func goal(_ goal: Transcript.AchievedGoal) -> JSONValue {
        var object = JSONObject([
            "planId": .string(goal.planID.description), "plan": .string(goal.planTitle),
            "goalId": .string(goal.goalID.description), "statement": .string(goal.statement),
            "kind": .string(goal.kind.rawValue),
        ])
        object["achievedOn"] = goal.achievedOn.map { .string($0.description) } ?? .null
        return .object(object)
    }
}
