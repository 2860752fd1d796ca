import Foundation
import PathfolioCore

/// Evidence as the API shows it, with its reviews when read one at a time.
struct EvidenceRepresentation: Encodable {
    struct File: Encodable {
        let sha256: String
        let byteCount: Int
        let mediaType: String
        let href: String
    }

    let id: String
    let learnerId: String
    let submittedBy: String
    let kind: String
    let title: String
    let description: String
    let status: String
    let competencyIds: [String]
    let submittedAt: Date
    let previousRevisionId: String?
    let url: String?
    let text: String?
    let assessment: String?
    let result: String?
    let notes: String?
    let observedOn: String?
    let mediaType: String?
    let file: File?
    let reviews: [ReviewRepresentation]?

    init(_ evidence: Evidence, reviews: [Review]? = nil) {
        id = evidence.id.description
        learnerId = evidence.learnerID.description
        submittedBy = evidence.submittedBy.description
        kind = evidence.kind.rawValue
        title = evidence.title
        description = evidence.description
        status = evidence.status.rawValue
        competencyIds = evidence.competencies.map(\.description)
        submittedAt = evidence.submittedAt
        previousRevisionId = evidence.previousRevision?.description
        var url: String?, text: String?, assessment: String?, result: String?, notes: String?, observedOn: String?
        var mediaType: String?, file: File?
        switch evidence.content {
        case .link(let link): url = link
        case .text(let body): text = body
        case .assessmentResult(let name, let outcome):
            assessment = name
            result = outcome
        case .observation(let body, let day):
            notes = body
            observedOn = day.description
        case .file(let sha256, let byteCount, let type):
            mediaType = type
            if let sha256, let byteCount {
                file = File(sha256: sha256, byteCount: byteCount, mediaType: type ?? "application/octet-stream",
                            href: "/v1/evidence/\(evidence.id)/file")
            }
        }
        self.url = url
        self.text = text
        self.assessment = assessment
        self.result = result
        self.notes = notes
        self.observedOn = observedOn
        self.mediaType = mediaType
        self.file = file
        self.reviews = reviews.map { $0.map(ReviewRepresentation.init) }
    }
}

/// A review (rating) in the ledger.
struct ReviewRepresentation: Encodable {
    let id: String
    let evidenceId: String
    let learnerId: String
    let competencyId: String
    let reviewerId: String
    let points: Score
    let comment: String
    let recordedAt: Date
    let supersedes: String?

    init(_ review: Review) {
        id = review.id.description
        evidenceId = review.evidenceID.description
        learnerId = review.learnerID.description
        competencyId = review.competencyID.description
        reviewerId = review.reviewerID.description
        points = review.points
        comment = review.comment
        recordedAt = review.recordedAt
        supersedes = review.supersedes?.description
    }
}

extension EvidenceRepresentation: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            if let assessment { json.key("assessment"); json.string(assessment) }
            json.key("competencyIds"); json.array(competencyIds) { json, id in json.string(id) }
            json.key("description"); json.string(description)
            if let file {
                json.key("file")
                json.object { json in
                    json.key("byteCount"); json.int(file.byteCount)
                    json.key("href"); json.string(file.href)
                    json.key("mediaType"); json.string(file.mediaType)
                    json.key("sha256"); json.string(file.sha256)
                }
            }
            json.key("id"); json.string(id)
            json.key("kind"); json.string(kind)
            json.key("learnerId"); json.string(learnerId)
            if let mediaType { json.key("mediaType"); json.string(mediaType) }
            if let notes { json.key("notes"); json.string(notes) }
            if let observedOn { json.key("observedOn"); json.string(observedOn) }
            if let previousRevisionId { json.key("previousRevisionId"); json.string(previousRevisionId) }
            if let result { json.key("result"); json.string(result) }
            if let reviews { json.key("reviews"); json.array(reviews) { json, review in review.write(to: &json) } }
            json.key("status"); json.string(status)
            json.key("submittedAt"); json.timestamp(submittedAt)
            json.key("submittedBy"); json.string(submittedBy)
            if let text { json.key("text"); json.string(text) }
            json.key("title"); json.string(title)
            if let url { json.key("url"); json.string(url) }
        }
    }
}

extension ReviewRepresentation: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("comment"); json.string(comment)
            json.key("competencyId"); json.string(competencyId)
            json.key("evidenceId"); json.string(evidenceId)
            json.key("id"); json.string(id)
            json.key("learnerId"); json.string(learnerId)
            json.key("points"); json.score(points)
            json.key("recordedAt"); json.timestamp(recordedAt)
            json.key("reviewerId"); json.string(reviewerId)
            if let supersedes { json.key("supersedes"); json.string(supersedes) }
        }
    }
}
