public import Foundation

/// Which of a learner's reviews of one competency count, in review order — the one rule every
/// mastery method, explanation and as-of query shares.
///
/// 1. Reviews recorded after the as-of instant are ignored (what was known then).
/// 2. A review superseded by a counted correction is excluded; the correction takes its place
///    and counts at its *own* review time. Corrections chain (a correction of a correction).
///    When several corrections name the same review, the latest in review order wins and the
///    earlier corrections are excluded as superseded by it.
/// 3. Reviews with negative points cannot be on any scale and are excluded.
/// 4. The rest, sorted by ``Review/precedes(_:)``, count.
public struct ReviewSelection: Sendable, Hashable {
    /// A review that does not count, and why.
    public struct Exclusion: Sendable, Hashable, Codable {
        /// Why a review does not count.
        public enum Reason: Sendable, Hashable, Codable {
            /// Recorded after the as-of instant.
            case recordedAfterAsOf
            /// Replaced by this correction.
            case supersededBy(ReviewID)
            /// Its points are negative, so on no scale.
            case negativePoints
        }

        /// The review left out.
        public let reviewID: ReviewID
        /// Why.
        public let reason: Reason
    }

    /// Counted reviews in review order.
    public let counted: [Review]
    /// Excluded reviews, in review order.
    public let excluded: [Exclusion]

    /// Applies the rule to one learner's reviews of one competency.
    public init(reviews: [Review], asOf: Date? = nil) {
        let sorted = reviews.sorted { $0.precedes($1) }
        var excludedReason: [ReviewID: Exclusion.Reason] = [:]
        var known: [Review] = []
        for review in sorted {
            if let asOf, review.recordedAt > asOf {
                excludedReason[review.id] = .recordedAfterAsOf
            } else if review.points.hundredths < 0 {
                excludedReason[review.id] = .negativePoints
            } else {
                known.append(review)
            }
        }
        // Walk in review order so a correction always meets the review it replaces first.
        let knownIDs = Set(known.map(\.id))
        var latestCorrection: [ReviewID: ReviewID] = [:]
        for review in known {
            guard let target = review.supersedes, knownIDs.contains(target) else { continue }
            if excludedReason[target] == nil { excludedReason[target] = .supersededBy(review.id) }
            if let earlier = latestCorrection[target], excludedReason[earlier] == nil {
                excludedReason[earlier] = .supersededBy(review.id)
            }
            latestCorrection[target] = review.id
        }
        counted = known.filter { excludedReason[$0.id] == nil }
        excluded = sorted.compactMap { review in
            excludedReason[review.id].map { Exclusion(reviewID: review.id, reason: $0) }
        }
    }
}
