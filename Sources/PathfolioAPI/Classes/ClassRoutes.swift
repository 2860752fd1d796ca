import Foundation
import PathfolioCore
import PathfolioHTTP
import PathfolioPostgres

/// Classes (OneRoster `classes`) and who is in them: admins create them and put learners and
/// assessors in; the assessors of a class teach its learners. Admins and registrars read every
/// class, an assessor the classes they teach. The mastery grid is ``ClassMasteryRoutes``.
struct ClassRoutes {
    let context: APIContext

    func register(on router: inout Router) {
        let context = self.context
        router.post("/v1/classes", APIContext.handler { request in
            let body = try await request.jsonBody()
            let input = try RequestObject.parse(body)
            input.rejectUnknown(besides: ["title", "code", "sourcedId"])
            let title = input.string("title", maximumLength: 300)
            let code = input.string("code", required: false, maximumLength: 100)
            let sourcedID = input.string("sourcedId", required: false, maximumLength: 255)
            try input.log.check()
            return try await context.creation(request, body: body) { session in
                try session.require(.managePeople)
                let id = ClassID(UUID())
                guard let created = try await ClassStore(connection: session.connection)
                        .create(id: id, title: title!, code: code, sourcedID: sourcedID) else {
                    throw APIError.conflict("A class with this sourcedId exists already.",
                                            errors: [.init(pointer: "/sourcedId", detail: "Already taken.")])
                }
                try await session.audit("class.create", target: "class", id: id.uuid)
                return .json(ClassRepresentation(ClassRoster(schoolClass: created, learnerIDs: [], assessorIDs: [])),
                             status: .created, headers: ["Location": "/v1/classes/\(id)"])
            }
        })

        router.get("/v1/classes", APIContext.handler { request in
            let page = try PageRequest(request, keyCount: 1)
            return try await context.session(request) { session in
                let roles = session.requester.roles
                // Admins and registrars list every class; an assessor the classes they teach.
                let taughtBy: PersonID?
                if roles.contains(.admin) || roles.contains(.registrar) {
                    taughtBy = nil
                } else if roles.contains(.assessor) {
                    taughtBy = session.personID
                } else {
                    throw APIError.notFound
                }
                let after = try page.position { ClassID($0[0]) }
                let rosters = try await ClassStore(connection: session.connection)
                    .rosters(taughtBy: taughtBy, after: after, limit: page.limit + 1)
                    .filter { session.may(.readClass, ClassRoutes.target($0, in: session)) }
                return .json(Page(fetched: rosters.map(ClassRepresentation.init), request: request, page: page) { [$0.id] })
            }
        })

        router.get("/v1/classes/{id}", APIContext.handler { request in
            let id: ClassID = try request.identifier("id")
            return try await context.session(request, readOnly: true, reading: { batch, _ in
                batch.add(ClassStore.roster(id))
            }) { session, roster in
                guard let roster = try session.read(roster) else { throw APIError.notFound }
                try session.require(.readClass, ClassRoutes.target(roster, in: session))
                return .json(ClassRepresentation(roster))
            }
        })

        registerMembership(.learner, segment: "learners", on: &router)
        registerMembership(.assessor, segment: "assessors", on: &router)
    }

    /// `PUT` (idempotent: 201 when new, 204 when it existed) and `DELETE` of
    /// `/v1/classes/{id}/<segment>/{personId}`, admins only.
    private func registerMembership(_ role: SchoolClass.MemberRole, segment: String, on router: inout Router) {
        let context = self.context
        let path = "/v1/classes/{id}/\(segment)/{personId}"
        router.put(path, APIContext.handler { request in
            let id: ClassID = try request.identifier("id")
            let person: PersonID = try request.identifier("personId")
            return try await context.session(request, reading: { batch, _ in
                batch.add(ClassStore.roster(id))
            }) { session, roster in
                try session.require(.managePeople)
                guard try session.read(roster) != nil,
                      let profile = try await PersonStore(connection: session.connection).profile(of: person)
                else { throw APIError.notFound }
                guard profile.roles.contains(role.requiredRole) else {
                    throw APIError.unprocessable("Person \(person) does not have the \(role.requiredRole.rawValue) role.")
                }
                let added = try await ClassStore(connection: session.connection).add(person, to: id, as: role)
                if added {
                    try await session.audit("class.\(role.rawValue).add", target: "class", id: id.uuid,
                                            details: ClassRoutes.memberDetails(person))
                }
                return HTTPResponse(status: added ? .created : .noContent)
            }
        })

        router.delete(path, APIContext.handler { request in
            let id: ClassID = try request.identifier("id")
            let person: PersonID = try request.identifier("personId")
            return try await context.session(request) { session in
                try session.require(.managePeople)
                guard try await ClassStore(connection: session.connection).remove(person, from: id, as: role) else {
                    throw APIError.notFound
                }
                try await session.audit("class.\(role.rawValue).remove", target: "class", id: id.uuid,
                                        details: ClassRoutes.memberDetails(person))
                return HTTPResponse(status: .noContent)
            }
        })
    }

    /// The access target of a class: who teaches it decides who reads it.
    static func target(_ roster: ClassRoster, in session: Session) -> AccessTarget {
        .schoolClass(roster.schoolClass.id, assessors: Set(roster.assessorIDs), in: session.institutionID)
    }

    private static func memberDetails(_ person: PersonID) -> PostgresJSON {
        PostgresJSON(text: #"{"personId":"\#(person)"}"#)
    }
}
