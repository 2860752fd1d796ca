import PathfolioInterop

/// The answer of `POST /v1/credentials/verify`: valid when no check failed; every check, and
/// the failed ones again as errors.
struct CredentialVerification: Sendable {
    let checks: [CredentialCheck]

    var isValid: Bool { !checks.contains { $0.status == .failed } && !checks.isEmpty }

    var json: JSONValue {
        .object(JSONObject([
            "valid": .bool(isValid),
            "checks": .array(checks.map { check in
                .object(JSONObject(["check": .string(check.name), "status": .string(check.status.rawValue), "detail": .string(check.detail)]))
            }),
            "errors": .array(checks.filter { $0.status == .failed }.map { check in
                .object(JSONObject(["check": .string(check.name), "detail": .string(check.detail)]))
            }),
        ]))
    }
}
