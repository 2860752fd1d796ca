import Foundation
import PathfolioPostgres

/// A comment on a plan: flat list, oldest first, with one level of threading (`inReplyTo`
/// names a top-level comment) and optionally the goal it is about.
struct PlanCommentRepresentation: Encodable {
    let id: String
    let planId: String
    let authorId: String
    let body: String
    let inReplyTo: String?
    let goalId: String?
    let createdAt: Date

    init(_ comment: PlanComment) {
        id = comment.id.uuidString.lowercased()
        planId = comment.planID.description
        authorId = comment.authorID.description
        body = comment.body
        inReplyTo = comment.inReplyTo?.uuidString.lowercased()
        goalId = comment.goalID?.description
        createdAt = comment.createdAt
    }
}
