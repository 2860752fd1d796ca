public import Foundation
public import PathfolioCore

// TEMPORARY: replaced by the frameworks work when it lands.
public struct FrameworkCatalogStore: Sendable {
    public struct GraphContents: Sendable {
        public let frameworks: [Framework]
        public let competencies: [Competency]
        public let associations: [Association]
    }
    let connection: PostgresConnection
    public init(connection: PostgresConnection) { self.connection = connection }
    public func graphContents(policiesAsOf: Date?) async throws -> GraphContents {
        GraphContents(frameworks: [], competencies: [], associations: [])
    }
}
