import PathfolioHTTP

/// Strong entity tags of versioned records (`"plan-7"`, `"goal-3"`, `"template-2"`) and the
/// `If-Match` precondition that guards their changes (RFC 9110 §8.8.3, §13.1.1): a change
/// without `If-Match` is refused with 428, one naming a version that is no longer current with
/// 412, so two people editing at once never overwrite each other unknowingly.
struct EntityTag: Equatable {
    let kind: String
    let version: Int

    /// The header value, quoted.
    var header: String { "\"\(kind)-\(version)\"" }

    /// Goes on only when `If-Match` lists this tag (strong comparison) or is `*`.
    func requireMatch(_ request: HTTPRequest) throws(APIError) {
        guard let field = request.headers["If-Match"] else {
            throw .preconditionRequired("Send the ETag you last read in If-Match (this \(kind) may have changed since).")
        }
        let listed = field.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard listed.contains("*") || listed.contains(header) else { throw .preconditionFailed(currentETag: header) }
    }
}
