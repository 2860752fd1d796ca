import Foundation
import PathfolioCore
import PathfolioPostgres

/// A class as the API shows it: its record and who is in it.
struct ClassRepresentation: Encodable {
    let id: String
    let title: String
    let code: String?
    let sourcedId: String?
    let createdAt: Date
    let learnerIds: [String]
    let assessorIds: [String]

    init(_ roster: ClassRoster) {
        id = roster.schoolClass.id.description
        title = roster.schoolClass.title
        code = roster.schoolClass.code
        sourcedId = roster.schoolClass.sourcedID
        createdAt = roster.schoolClass.createdAt
        learnerIds = roster.learnerIDs.map(\.description)
        assessorIds = roster.assessorIDs.map(\.description)
    }
}
