import Foundation
import PathfolioCore
import PathfolioPostgres

/// One competency's mastery state as the API shows it.
struct MasteryStateRepresentation: Encodable {
    struct Level: Encodable {
        let label: String
        let points: Score
    }

    let competencyID: CompetencyID
    let frameworkID: FrameworkID?
    let code: String?
    let statement: String?
    /// `direct` (rated) or `rollup` (from its children).
    let source: String
    let status: String
    let score: Score?
    let level: Level?
    let firstMasteredAt: Date?
    let contributingReviews: Int
    let latestReviewAt: Date?
    /// The catalog's members, written already (``CompetencyJSONFragments``).
    let fragment: CompetencyJSONFragments.Fragment?

    /// `fragments`: the catalog's (``CompetencyCatalog/fragments``), fetched once per document.
    init(_ stored: MasteryStateStore.Stored, catalog: CompetencyCatalog,
         fragments: [CompetencyID: CompetencyJSONFragments.Fragment] = [:]) {
        let competency = catalog.graph.competency(stored.competencyID)
        fragment = fragments[stored.competencyID]
        competencyID = stored.competencyID
        frameworkID = competency?.frameworkID
        code = competency?.humanCodingScheme
        statement = competency?.fullStatement
        source = stored.isRollup ? "rollup" : "direct"
        status = stored.status.rawValue
        score = stored.score
        level = stored.level.map { Level(label: $0.label, points: $0.points) }
        firstMasteredAt = stored.firstMasteredAt
        contributingReviews = stored.contributingReviewCount
        latestReviewAt = stored.latestReviewAt
    }

    private enum CodingKeys: String, CodingKey {
        case competencyId, frameworkId, code, statement, source, status, score, level, firstMasteredAt, contributingReviews,
             latestReviewAt
    }

    /// Ids as the API prints them (lower case), nil members left out.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(competencyID.description, forKey: .competencyId)
        try container.encodeIfPresent(frameworkID?.description, forKey: .frameworkId)
        try container.encodeIfPresent(code, forKey: .code)
        try container.encodeIfPresent(statement, forKey: .statement)
        try container.encode(source, forKey: .source)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(score, forKey: .score)
        try container.encodeIfPresent(level, forKey: .level)
        try container.encodeIfPresent(firstMasteredAt, forKey: .firstMasteredAt)
        try container.encode(contributingReviews, forKey: .contributingReviews)
        try container.encodeIfPresent(latestReviewAt, forKey: .latestReviewAt)
    }
}

extension MasteryStateRepresentation: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            if let fragment {
                json.members(fragment.head)
            } else {
                if let code { json.key("code"); json.string(code) }
                json.key("competencyId"); json.id(competencyID)
            }
            json.key("contributingReviews"); json.int(contributingReviews)
            if let firstMasteredAt { json.key("firstMasteredAt"); json.timestamp(firstMasteredAt) }
            if let fragment {
                json.members(fragment.framework)
            } else if let frameworkID {
                json.key("frameworkId"); json.id(frameworkID)
            }
            if let latestReviewAt { json.key("latestReviewAt"); json.timestamp(latestReviewAt) }
            if let level {
                json.key("level")
                json.object { json in
                    json.key("label"); json.string(level.label)
                    json.key("points"); json.score(level.points)
                }
            }
            if let score { json.key("score"); json.score(score) }
            json.key("source"); json.string(source)
            if let fragment {
                json.members(fragment.statement)
            } else if let statement {
                json.key("statement"); json.string(statement)
            }
            json.key("status"); json.string(status)
        }
    }
}
