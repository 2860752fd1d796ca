import Foundation
import PathfolioCore
import PathfolioHTTP
import PathfolioPostgres

/// `POST /v1/evidence/{id}/reviews` (an assessor rates claimed competencies and accepts or
/// returns the evidence) and `GET /v1/reviews/pending` (the caller's queue, oldest first).
///
/// One review request is one transaction: the evidence row is locked, the ratings appended to
/// the ledger, the evidence status moved, the mastery projection of each rated competency and
/// its ancestors recomputed by the core and upserted, and an audit row appended. A 2xx means
/// all of it committed.
struct ReviewRoutes {
    let context: APIContext

    /// One rating of the request body.
    struct Rating {
        let competencyID: CompetencyID
        let points: Score
        let comment: String
        let supersedes: ReviewID?
    }

    /// What the assessor decides about the evidence.
    enum Outcome: String, CaseIterable {
        case accepted
        case returned
    }

    struct Response: Encodable {
        let evidence: EvidenceRepresentation
        let reviews: [ReviewRepresentation]
        let mastery: [MasteryStateRepresentation]
    }

    func register(on router: inout Router) {
        let context = self.context
        router.post("/v1/evidence/{id}/reviews", APIContext.handler { request in
            let id: EvidenceID = try request.identifier("id")
            let body = try await request.jsonBody()
            let input = try RequestObject.parse(body)
            input.rejectUnknown(besides: ["outcome", "ratings"])
            let outcome = input.choice("outcome", Outcome.self, required: false) ?? .accepted
            let ratings = input.array("ratings", count: 0...50, required: false) { element -> Rating? in
                guard let object = element.object else { return nil }
                object.rejectUnknown(besides: ["competencyId", "points", "comment", "supersedes"])
                let competency: CompetencyID? = object.identifier("competencyId")
                let points = object.score("points")
                let comment = object.string("comment", required: false, maximumLength: 10_000, allowEmpty: true) ?? ""
                let supersedes: ReviewID? = object.identifier("supersedes", required: false)
                guard let competency, let points else { return nil }
                return Rating(competencyID: competency, points: points, comment: comment, supersedes: supersedes)
            } ?? []
            if outcome == .accepted, ratings.isEmpty, input.log.errors.isEmpty {
                input.log.add("/ratings", "Accepting evidence needs at least one rating.")
            }
            try input.log.check()
            return try await context.creation(request, body: body) { session in
                try await ReviewRoutes.review(id, outcome: outcome, ratings: ratings, in: session)
            }
        })

        router.get("/v1/reviews/pending", APIContext.handler { request in
            let page = try PageRequest(request, keyCount: 2)
            let after = try EvidenceRoutes.keyset(page)
            return try await context.session(request) { session in
                // Whose evidence the caller may review: the learners they teach and advise.
                let learners = session.requester.taughtLearners.union(session.requester.caseload)
                    .filter { session.may(.reviewEvidence, .learner($0, in: session.institutionID)) }
                let waiting = try await EvidenceRecordStore(connection: session.connection)
                    .waiting(for: learners.sorted(), after: after, limit: page.limit + 1)
                let items = waiting.map { PendingItem(evidence: EvidenceRepresentation($0),
                                                      waitingSeconds: max(0, Int(session.now.timeIntervalSince($0.submittedAt)))) }
                return .json(Page(fetched: items, request: request, page: page) {
                    [Timestamp.format($0.evidence.submittedAt), $0.evidence.id]
                })
            }
        })
    }

    /// An item of the review queue: the evidence and how long it has waited.
    struct PendingItem: Encodable {
        let evidence: EvidenceRepresentation
        let waitingSeconds: Int
    }

    static func review(_ id: EvidenceID, outcome: Outcome, ratings: [Rating], in session: Session) async throws -> HTTPResponse {
        let evidenceStore = EvidenceRecordStore(connection: session.connection)
        let ledger = ReviewLedgerStore(connection: session.connection)
        var evidence = try await EvidenceRoutes.evidence(id, readableIn: session, for: .reviewEvidence, forUpdate: true)
        // Before reading the catalog and the ledger: one projection writer per learner, and
        // none while a policy changes.
        try await FrameworkCatalogStore(institution: session.institutionID)
            .lockForMastery(of: evidence.learnerID, on: session.connection)
        let catalog = try await CompetencyCatalog.load(in: session)

        // The workflow: a first review takes submitted evidence into review, where it is rated;
        // then the outcome. Accepted evidence takes corrections and further ratings.
        let initial = evidence.status
        do {
            if evidence.status == .submitted { try evidence.transition(to: .inReview) }
        } catch {
            throw EvidenceRoutes.problem(error)
        }
        let rated = evidence
        guard Review.reviewableStatuses.contains(rated.status) else {
            throw APIError.conflict("Evidence that is `\(rated.status.rawValue)` cannot be reviewed; only evidence that is "
                                    + "submitted, in_review or accepted (corrections) can.")
        }

        // Each rating against the core's rules, every problem with its pointer.
        let superseded = try await ledger.reviews(ratings.compactMap(\.supersedes))
        var errors: [ProblemDetails.FieldError] = []
        var drafts: [ReviewDraft] = []
        for (index, rating) in ratings.enumerated() {
            let pointer = "/ratings/\(index)"
            guard let competency = catalog.graph.competency(rating.competencyID) else {
                errors.append(.init(pointer: pointer + "/competencyId", detail: "No such competency."))
                continue
            }
            let draft = ReviewDraft(id: ReviewID(UUID()), evidenceID: id, learnerID: evidence.learnerID,
                                    competencyID: rating.competencyID, reviewerID: session.personID, points: rating.points,
                                    comment: rating.comment, supersedes: rating.supersedes)
            // Checked as if recorded now (the ledger assigns the real time and sequence).
            let candidate = Review(id: draft.id, evidenceID: id, learnerID: draft.learnerID, competencyID: draft.competencyID,
                                   reviewerID: draft.reviewerID, points: draft.points, recordedAt: session.now,
                                   recordingSequence: .max, supersedes: draft.supersedes)
            do {
                try candidate.validate(against: rated, scale: catalog.scale(for: competency),
                                       superseded: superseded.first { $0.id == rating.supersedes })
            } catch {
                errors.append(ReviewRoutes.fieldError(error, at: pointer))
                continue
            }
            drafts.append(draft)
        }
        let supersededIDs = ratings.compactMap(\.supersedes)
        if Set(supersededIDs).count != supersededIDs.count {
            errors.append(.init(pointer: "/ratings", detail: "Two ratings supersede the same review."))
        }
        guard errors.isEmpty else { throw APIError.unprocessable("A rating was refused.", errors: errors) }
        do {
            if evidence.status != .accepted || outcome != .accepted {
                try evidence.transition(to: outcome == .accepted ? .accepted : .returned)
            }
        } catch {
            throw EvidenceRoutes.problem(error)
        }

        let recorded: [Review]
        do {
            recorded = try await ledger.record(drafts)
        } catch let error as PostgresError where error.sqlState == .uniqueViolation {
            // Another correction of the same review committed first.
            throw APIError.conflict("A review named in `supersedes` has already been corrected.")
        }
        if evidence.status != initial {
            guard try await evidenceStore.changeStatus(of: id, from: initial, to: evidence.status) else {
                throw APIError.conflict("The evidence changed while it was being reviewed; try again.")
            }
        }
        let rows = try await ReviewRoutes.project(learner: evidence.learnerID, competencies: Set(drafts.map(\.competencyID)),
                                                  catalog: catalog, in: session)
        try await session.audit("evidence.review", target: "evidence", id: id.uuid,
                                details: try PostgresJSON(encoding: ["outcome": outcome.rawValue, "reviews": "\(recorded.count)"]))
        let response = Response(evidence: EvidenceRepresentation(evidence, reviews: nil),
                                reviews: recorded.map(ReviewRepresentation.init),
                                mastery: rows.map { MasteryStateRepresentation($0, catalog: catalog) })
        return .json(response, status: .created)
    }

    /// Recomputes and stores the projection of `competencies` and their ancestors for `learner`.
    static func project(learner: PersonID, competencies: Set<CompetencyID>, catalog: CompetencyCatalog,
                        in session: Session) async throws -> [MasteryStateStore.Stored] {
        guard !competencies.isEmpty else { return [] }
        let reviews = try await ReviewLedgerStore(connection: session.connection).reviews(of: learner)
        let rows = MasteryProjection(catalog: catalog).rows(learner: learner, reviews: reviews, touching: competencies)
        try await MasteryStateStore(connection: session.connection).save(rows, of: learner)
        return rows
    }

    static func fieldError(_ refusal: Review.Refusal, at pointer: String) -> ProblemDetails.FieldError {
        switch refusal {
        case .competencyNotClaimed(_, let claimed):
            .init(pointer: pointer + "/competencyId",
                  detail: "The evidence does not claim this competency; it claims \(claimed.map(\.description).joined(separator: ", ")).")
        case .notALevel(let points, let allowed):
            .init(pointer: pointer + "/points",
                  detail: "\(points) is not a level of this competency's scale; the levels are \(allowed.map(\.description).joined(separator: ", ")).")
        case .evidenceNotReviewable(let status, let reviewable):
            .init(pointer: pointer, detail: "Evidence that is `\(status.rawValue)` cannot be rated; only \(reviewable.map(\.rawValue).joined(separator: ", ")).")
        case .supersedesAnotherPair(let id):
            .init(pointer: pointer + "/supersedes", detail: "Review \(id) is not an earlier review of this learner and competency.")
        }
    }
}
