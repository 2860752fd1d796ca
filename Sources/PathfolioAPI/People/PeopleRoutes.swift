import Foundation
import PathfolioCore
import PathfolioHTTP
import PathfolioPostgres

/// `GET /v1/me`, `POST /v1/people`, `GET /v1/people`, `GET /v1/people/{id}`, and the advising
/// and teaching relationships (SPEC §1.1).
struct PeopleRoutes {
    let context: APIContext

    func register(on router: inout Router) {
        let context = self.context
        router.get("/v1/me", APIContext.handler { request in
            try await context.session(request) { session in
                guard let profile = try await PersonStore(connection: session.connection).profile(of: session.personID) else {
                    throw APIError.unauthenticated(.unknown)
                }
                return .json(PersonRepresentation(profile))
            }
        })

        router.post("/v1/people", APIContext.handler { request in
            let body = try await request.jsonBody()
            let input = try RequestObject.parse(body)
            input.rejectUnknown(besides: ["givenName", "familyName", "email", "roles", "sourcedId", "cohort"])
            let given = input.string("givenName", maximumLength: 200)
            let family = input.string("familyName", maximumLength: 200)
            let email = input.string("email", required: false, maximumLength: 320)
            if let email, !email.utf8.contains(UInt8(ascii: "@")) { input.log.add(input.member("email"), "Must be an email address.") }
            let roles = input.array("roles", count: 1...5) { $0.choice(Role.self) }
            if let roles, Set(roles).count != roles.count { input.log.add(input.member("roles"), "Roles must not repeat.") }
            let sourcedID = input.string("sourcedId", required: false, maximumLength: 255)
            let cohort = input.string("cohort", required: false, maximumLength: 100)
            try input.log.check()
            return try await context.creation(request, body: body) { session in
                try session.require(.managePeople)
                let profile = PersonProfile(id: PersonID(UUID()), institutionID: session.institutionID, givenName: given!,
                                            familyName: family!, email: email, roles: Set(roles!), cohort: cohort)
                guard try await PersonStore(connection: session.connection).create(profile, sourcedID: sourcedID) else {
                    throw APIError.conflict("A person with this sourcedId exists already.",
                                            errors: [.init(pointer: "/sourcedId", detail: "Already taken.")])
                }
                try await session.audit("person.create", target: "person", id: profile.id.uuid)
                return .json(PersonRepresentation(profile), status: .created, headers: ["Location": "/v1/people/\(profile.id)"])
            }
        })

        router.get("/v1/people", APIContext.handler { request in
            let page = try PageRequest(request, keyCount: 1)
            let role: Role? = try request.query("role").map { text throws(APIError) in
                guard let role = Role(rawValue: text) else {
                    throw .invalidParameter("role", "Must be one of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                return role
            }
            return try await context.session(request) { session in
                guard session.may(.managePeople, .institution(session.institutionID))
                        || session.requester.roles.contains(.registrar) else { throw APIError.notFound }
                let after = try page.position { PersonID($0[0]) }
                let people = try await PersonStore(connection: session.connection)
                    .profiles(role: role, after: after, limit: page.limit + 1)
                return .json(Page(fetched: people.map(PersonRepresentation.init), request: request, page: page) { [$0.id] })
            }
        })

        router.get("/v1/people/{id}", APIContext.handler { request in
            let id: PersonID = try request.identifier("id")
            return try await context.session(request) { session in
                // Oneself, administrators, registrars, and whoever may read this learner's records.
                guard id == session.personID || session.may(.managePeople, .institution(session.institutionID))
                        || session.requester.roles.contains(.registrar) || session.may(.readProgress, .learner(id, in: session.institutionID))
                else { throw APIError.notFound }
                guard let profile = try await PersonStore(connection: session.connection).profile(of: id) else {
                    throw APIError.notFound
                }
                return .json(PersonRepresentation(profile))
            }
        })

        registerRelationship(.advising, path: "/v1/advisors/{advisorId}/advisees", holderParameter: "advisorId", holderRole: .advisor, on: &router)
        registerRelationship(.teaching, path: "/v1/assessors/{assessorId}/learners", holderParameter: "assessorId", holderRole: .assessor, on: &router)
    }

    /// `PUT`/`DELETE …/{learnerId}` (admins) and `GET` of the list (admins, registrars, the holder).
    private func registerRelationship(_ kind: RelationshipStore.Kind, path: String, holderParameter: String, holderRole: Role, on router: inout Router) {
        let context = self.context
        let name = kind == .advising ? "advising" : "teaching"
        router.put(path + "/{learnerId}", APIContext.handler { request in
            let holder: PersonID = try request.identifier(holderParameter)
            let learner: PersonID = try request.identifier("learnerId")
            return try await context.session(request) { session in
                try session.require(.managePeople)
                let people = PersonStore(connection: session.connection)
                guard let holderProfile = try await people.profile(of: holder),
                      let learnerProfile = try await people.profile(of: learner) else { throw APIError.notFound }
                guard holderProfile.roles.contains(holderRole) else {
                    throw APIError.unprocessable("Person \(holder) does not have the \(holderRole.rawValue) role.")
                }
                guard learnerProfile.roles.contains(.learner) else {
                    throw APIError.unprocessable("Person \(learner) does not have the learner role.")
                }
                guard holder != learner else { throw APIError.unprocessable("A person cannot be linked to themselves.") }
                let created = try await RelationshipStore(connection: session.connection)
                    .assign(kind, holder: holder, learner: learner, by: session.personID)
                if created { try await session.audit("\(name).assign", target: "person", id: learner.uuid) }
                return HTTPResponse(status: created ? .created : .noContent)
            }
        })

        router.delete(path + "/{learnerId}", APIContext.handler { request in
            let holder: PersonID = try request.identifier(holderParameter)
            let learner: PersonID = try request.identifier("learnerId")
            return try await context.session(request) { session in
                try session.require(.managePeople)
                guard try await RelationshipStore(connection: session.connection).remove(kind, holder: holder, learner: learner) else {
                    throw APIError.notFound
                }
                try await session.audit("\(name).remove", target: "person", id: learner.uuid)
                return HTTPResponse(status: .noContent)
            }
        })

        router.get(path, APIContext.handler { request in
            let holder: PersonID = try request.identifier(holderParameter)
            return try await context.session(request) { session in
                guard holder == session.personID || session.may(.managePeople, .institution(session.institutionID))
                        || session.requester.roles.contains(.registrar) else { throw APIError.notFound }
                let people = PersonStore(connection: session.connection)
                guard try await people.profile(of: holder) != nil else { throw APIError.notFound }
                let learners = try await RelationshipStore(connection: session.connection).learners(kind, of: holder)
                return .json(["learnerIds": learners.map(\.description)])
            }
        })
    }
}
