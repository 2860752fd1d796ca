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
/// all of it committed. Two round trips: the reads go with the statements that open the
/// transaction, the writes with the commit.
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
            return try await context.creation(request, body: body, reading: { batch, catalog in
                ReviewRoutes.reads(id, ratings: ratings, catalog: catalog, into: &batch)
            }) { session, reads in
                try await ReviewRoutes.review(id, outcome: outcome, ratings: ratings, reads: reads, in: session)
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

    /// What a review reads, sent with the statements that open its transaction: the evidence
    /// (locked), the learner's review lock, the learner's reviews of the rated competencies
    /// (read after the lock: nothing another review of this learner committed is missed), the
    /// stored states the recomputation needs as far as `catalog` (the process's last copy)
    /// tells, and the reviews that ratings correct.
    struct Reads {
        let catalogState: PostgresBatch.Slot<CatalogVersionStore.State>
        let evidence: PostgresBatch.Slot<Evidence?>
        let reviews: PostgresBatch.Slot<[Review]>
        let states: (slot: PostgresBatch.Slot<[MasteryStateStore.Stored]>, competencies: Set<CompetencyID>)?
        let superseded: PostgresBatch.Slot<[Review]>?
    }

    static func reads(_ id: EvidenceID, ratings: [Rating], catalog: CompetencyCatalog?, into batch: inout PostgresBatch) -> Reads {
        // No policy change or import of the catalog while this review computes; the version
        // read again after the lock says whether the one the transaction began with still holds.
        batch.add(FrameworkCatalogStore.sharingCatalog())
        let catalogState = batch.add(CatalogVersionStore.current())
        let evidence = batch.add(EvidenceRecordStore.item(id, forUpdate: true))
        batch.add(ReviewLedgerStore.lockLearner(ofEvidence: id))
        let rated = Set(ratings.map(\.competencyID))
        let reviews = batch.add(ReviewLedgerStore.reviews(ofLearnerOf: id, for: rated.sorted()))
        let states = catalog.map { catalog in
            let needed = MasteryProjection(catalog: catalog).statesNeeded(forRecomputing: rated)
            return (batch.add(MasteryStateStore.states(ofLearnerOf: id, for: needed.sorted())), needed)
        }
        let corrected = ratings.compactMap(\.supersedes)
        let superseded = corrected.isEmpty ? nil : batch.add(ReviewLedgerStore.reviews(ids: corrected))
        return Reads(catalogState: catalogState, evidence: evidence, reviews: reviews, states: states, superseded: superseded)
    }

    static func review(_ id: EvidenceID, outcome: Outcome, ratings: [Rating], reads: Reads,
                       in session: Session) async throws -> HTTPResponse {
        guard var evidence = try session.read(reads.evidence) else { throw APIError.notFound }
        try session.require(.reviewEvidence, learner: evidence.learnerID)
        // A change committed between the transaction's start and the catalog lock: read it now.
        let catalog = try session.read(reads.catalogState).version == session.catalogState.version
            ? try await session.catalog() : try await CompetencyCatalog.load(in: session)

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
        let superseded = try reads.superseded.map { try session.read($0) } ?? []
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

        // The ledger records each review at the transaction's start, after every review
        // recorded before it: the projection is computed with exactly those values before
        // anything is written, so the writes, the audit row and the commit go in one round trip.
        let recorded = drafts.enumerated().map { index, draft in
            Review(id: draft.id, evidenceID: draft.evidenceID, learnerID: draft.learnerID, competencyID: draft.competencyID,
                   reviewerID: draft.reviewerID, points: draft.points, comment: draft.comment,
                   recordedAt: session.transactionStartedAt, recordingSequence: Int64.max - Int64(drafts.count - index),
                   supersedes: draft.supersedes)
        }
        let touched = Set(drafts.map(\.competencyID))
        let projection = MasteryProjection(catalog: catalog)
        let needed = projection.statesNeeded(forRecomputing: touched)
        let stored: [MasteryStateStore.Stored]
        if let planned = reads.states, needed.isSubset(of: planned.competencies) {
            stored = try session.read(planned.slot).filter { needed.contains($0.competencyID) }
        } else {
            // The process held no catalog, or another one: read what this one needs.
            stored = try await session.connection.run(MasteryStateStore.states(ofLearnerOf: id, for: needed.sorted()))
        }
        let rows = projection.rows(learner: evidence.learnerID, reviewsOfTouched: try session.read(reads.reviews) + recorded,
                                   stored: stored, touching: touched)

        if !drafts.isEmpty { session.enqueue(ReviewLedgerStore.recording(drafts)) }
        if evidence.status != initial {
            // The evidence is locked since the opening round trip: nothing else can move it.
            session.enqueue(EvidenceRecordStore.statusChange(of: id, from: initial, to: evidence.status))
        }
        if !rows.isEmpty { session.enqueue(MasteryStateStore.saving(rows, of: evidence.learnerID)) }
        session.enqueue(AuditLogStore.entry(actor: session.personID, action: "evidence.review", targetType: "evidence",
                                            targetID: id.uuid,
                                            // What PostgresJSON(encoding:) would write, without an encoder per review.
                                            details: PostgresJSON(text: #"{"outcome":"\#(outcome.rawValue)","reviews":"\#(recorded.count)"}"#)))
        if !supersededIDs.isEmpty {
            // A correction can lose a race with another correction of the same review: send the
            // writes now, so that loss answers 409 rather than failing the commit.
            do {
                try await session.flush()
            } catch let error as PostgresError where error.sqlState == .uniqueViolation {
                throw APIError.conflict("A review named in `supersedes` has already been corrected.")
            }
        }
        let response = Response(evidence: EvidenceRepresentation(evidence, reviews: nil),
                                reviews: recorded.map(ReviewRepresentation.init),
                                mastery: rows.map { MasteryStateRepresentation($0, catalog: catalog) })
        return .json(response, status: .created)
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

extension ReviewRoutes.Response: JSONWritable {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("evidence"); evidence.write(to: &json)
            json.key("mastery"); json.array(mastery) { json, state in state.write(to: &json) }
            json.key("reviews"); json.array(reviews) { json, review in review.write(to: &json) }
        }
    }
}
