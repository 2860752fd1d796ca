import Foundation
public import PathfolioHTTP

/// How the API writes JSON: camelCase members as declared, RFC 3339 UTC timestamps
/// (``Timestamp``), no escaped slashes.
enum APIJSON {
    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        do {
            return Array(try encoder.encode(value))
        } catch {
            // Only non-finite doubles fail; the API encodes none.
            preconditionFailure("JSON encoding failed: \(error)")
        }
    }
}

extension HTTPResponse {
    /// `value` as `application/json`.
    static func json(_ value: some Encodable, status: HTTPStatus = .ok, headers: HTTPHeaders = [:]) -> HTTPResponse {
        var response = HTTPResponse.json(APIJSON.encode(value), status: status)
        for (name, value) in headers { response.headers[name] = value }
        return response
    }
}
