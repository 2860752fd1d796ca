public import PathfolioHTTP

/// Every way a request can fail in the API, mapped to problem+json in one place (``response``).
///
/// Status choices, the same on every endpoint:
/// - 400: the request cannot be understood — not JSON, wrong types, missing or unknown members,
///   bad query parameters. `errors[]` names each member by JSON pointer (query parameters by name).
/// - 401: no valid bearer token. 404: no such record *or* not the caller's to see (SPEC §2.1).
/// - 403: a record the caller may see, but this change to it is not theirs to make (a learner
///   activating their own plan, editing an approved goal).
/// - 409: the record's state forbids it (an illegal workflow transition names the allowed ones).
/// - 412: `If-Match` names a version that is no longer current; 428: a change that needs
///   `If-Match` came without it (RFC 9110 §13.1.1, RFC 6585 §3).
/// - 422: understood but refused by a rule — an unknown competency, a level not on the scale,
///   an `Idempotency-Key` reused with a different request.
/// - 503: the service cannot do it now (no usable key-encryption key to sign with).
public enum APIError: Error, Sendable {
    case unauthenticated(BearerAuthenticator.Failure)
    case notFound
    case badRequest(String, errors: [ProblemDetails.FieldError] = [])
    case conflict(String, errors: [ProblemDetails.FieldError] = [])
    case unprocessable(String, errors: [ProblemDetails.FieldError] = [])
    case contentTooLarge(limit: Int)
    case unsupportedMediaType(String)
    case forbidden(String)
    /// `If-Match` was stale; the current ETag is sent back.
    case preconditionFailed(currentETag: String)
    case preconditionRequired(String)
    /// A problem document a component built itself (e.g. a refused CASE import).
    case problem(ProblemDetails)
    /// 503: the service cannot do this now for a reason of its own (signing without a usable
    /// key-encryption key, the database out of reach); the detail says what, never a secret.
    case unavailable(String)

    /// The problem+json response.
    public var response: HTTPResponse {
        switch self {
        case .unauthenticated(let failure):
            failure.response
        case .notFound:
            ProblemDetails(status: .notFound, detail: "No such record.").response()
        case .badRequest(let detail, let errors):
            ProblemDetails(status: .badRequest, detail: detail, errors: errors).response()
        case .conflict(let detail, let errors):
            ProblemDetails(status: .conflict, detail: detail, errors: errors).response()
        case .unprocessable(let detail, let errors):
            ProblemDetails(status: .unprocessableContent, detail: detail, errors: errors).response()
        case .contentTooLarge(let limit):
            ProblemDetails(status: .contentTooLarge, detail: "The body is larger than \(limit) bytes.").response()
        case .unsupportedMediaType(let detail):
            ProblemDetails(status: .unsupportedMediaType, detail: detail).response()
        case .forbidden(let detail):
            ProblemDetails(status: .forbidden, detail: detail).response()
        case .preconditionFailed(let etag):
            ProblemDetails(status: .preconditionFailed, detail: "The record changed since you read it (its ETag is now \(etag)): read it again, then retry with its ETag in If-Match.").response(headers: ["ETag": etag])
        case .preconditionRequired(let detail):
            ProblemDetails(status: .preconditionRequired, detail: detail).response()
        case .problem(let problem):
            problem.response()
        case .unavailable(let detail):
            ProblemDetails(status: .serviceUnavailable, detail: detail).response()
        }
    }

    /// One invalid request member.
    static func invalid(_ pointer: String, _ detail: String) -> APIError {
        .badRequest("The request is not valid.", errors: [ProblemDetails.FieldError(pointer: pointer, detail: detail)])
    }

    /// One invalid query parameter.
    static func invalidParameter(_ name: String, _ detail: String) -> APIError {
        .badRequest("A query parameter is not valid.", errors: [ProblemDetails.FieldError(parameter: name, detail: detail)])
    }
}
