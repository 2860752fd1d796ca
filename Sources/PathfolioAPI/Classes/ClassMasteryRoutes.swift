import Foundation
import PathfolioCore
import PathfolioHTTP
import PathfolioPostgres

/// `GET /v1/classes/{id}/mastery?framework=`: the class's learners × the framework's
/// competencies (SPEC §1.5, "which concepts need reteaching"), for the class's assessors and
/// registrars. One round trip: the class, and every learner's stored states of the framework in
/// one statement, go with the statements that open the transaction and its commit.
struct ClassMasteryRoutes {
    let context: APIContext

    func register(on router: inout Router) {
        let context = self.context
        router.get("/v1/classes/{id}/mastery", APIContext.handler { request in
            let id: ClassID = try request.identifier("id")
            guard let text = request.query("framework") else {
                throw APIError.invalidParameter("framework", "Required: the framework whose competencies make the grid.")
            }
            guard let framework = FrameworkID(text) else { throw APIError.invalidParameter("framework", "Must be a UUID.") }
            return try await context.session(request, readOnly: true, reading: { batch, _ in
                (batch.add(ClassStore.roster(id)), batch.add(ClassStore.learnerMastery(of: id, framework: framework)))
            }) { session, reads in
                guard let roster = try session.read(reads.0) else { throw APIError.notFound }
                try session.require(.readClassMastery, ClassRoutes.target(roster, in: session))
                let catalog = try await session.catalog()
                guard catalog.frameworks[framework] != nil else {
                    throw APIError.invalidParameter("framework", "No such framework.")
                }
                return .json(ClassMasteryRepresentation(classID: id, framework: framework, learners: try session.read(reads.1),
                                                        catalog: catalog))
            }
        })
    }
}
