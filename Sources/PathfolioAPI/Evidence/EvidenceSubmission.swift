import PathfolioCore

/// The body of `POST /v1/learners/{id}/evidence`, validated: a kind, a title, the claimed
/// competencies, and the members of that kind (`url`; `text`; `mediaType` for a file uploaded
/// afterwards with `PUT /v1/evidence/{id}/file`; `assessment` and `result`; `notes` and
/// `observedOn`). A revision of returned evidence names it in `previousRevisionId`.
struct EvidenceSubmission {
    let title: String
    let description: String
    let content: EvidenceContent
    let competencies: [CompetencyID]
    let previousRevision: EvidenceID?

    private static let common: Set<String> = ["kind", "title", "description", "competencyIds", "previousRevisionId"]

    init(_ input: RequestObject) throws(APIError) {
        let kind = input.choice("kind", EvidenceKind.self)
        let title = input.string("title")
        let description = input.string("description", required: false, maximumLength: 10_000, allowEmpty: true) ?? ""
        let competencies = input.array("competencyIds", count: 1...50) { element -> CompetencyID? in element.identifier() }
        if let competencies, Set(competencies).count != competencies.count {
            input.log.add("/competencyIds", "A competency is claimed twice.")
        }
        let previous: EvidenceID? = input.identifier("previousRevisionId", required: false)
        var content: EvidenceContent?
        switch kind {
        case .link?:
            input.rejectUnknown(besides: Self.common.union(["url"]))
            if let url = input.string("url", maximumLength: 2048) {
                // Compared as bytes: as Characters, a combining mark or emoji modifier right after
                // `//` would join the slash into another Character and hide the prefix.
                let start = url.utf8.prefix(8).map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
                if start.starts(with: "http://".utf8) || start.starts(with: "https://".utf8) {
                    content = .link(url: url)
                } else {
                    input.log.add("/url", "Must be an http or https URL.")
                }
            }
        case .text?:
            input.rejectUnknown(besides: Self.common.union(["text"]))
            content = input.string("text", maximumLength: 100_000).map { .text($0) }
        case .file?:
            input.rejectUnknown(besides: Self.common.union(["mediaType"]))
            let mediaType = input.string("mediaType", required: false, maximumLength: 255)
            if let mediaType, !EvidenceRoutes.isMediaType(mediaType) { input.log.add("/mediaType", "Must be a media type, e.g. application/pdf.") }
            content = .file(sha256: nil, byteCount: nil, mediaType: mediaType)
        case .assessmentResult?:
            input.rejectUnknown(besides: Self.common.union(["assessment", "result"]))
            if let assessment = input.string("assessment"), let result = input.string("result") {
                content = .assessmentResult(assessment: assessment, result: result)
            }
        case .observation?:
            input.rejectUnknown(besides: Self.common.union(["notes", "observedOn"]))
            if let notes = input.string("notes", maximumLength: 100_000), let day = input.date("observedOn") {
                content = .observation(notes: notes, observedOn: day)
            }
        case nil:
            break
        }
        try input.log.check()
        self.title = title!
        self.description = description
        self.content = content!
        self.competencies = competencies!
        self.previousRevision = previous
    }
}
