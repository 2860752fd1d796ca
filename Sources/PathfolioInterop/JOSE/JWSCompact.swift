/// A JWS in compact serialization (RFC 7515 §7.1): `BASE64URL(header) . BASE64URL(payload) .
/// BASE64URL(signature)`, parsed strictly. The header must be a JSON object; the payload is
/// kept as bytes (what they mean is the caller's business); the signature must not be empty.
///
/// No cryptography here: ``signingInput`` is what a signature covers, and ``make(header:payload:sign:)``
/// takes the signing as a closure the caller fills (Interop depends only on Core).
public struct JWSCompact: Sendable, Hashable {
    /// The largest compact JWS accepted, in characters.
    public static let maximumLength = 1 << 20

    /// The encoded header, payload and signature, as they appeared.
    public let headerPart: String
    public let payloadPart: String
    public let signaturePart: String
    /// The decoded JOSE header.
    public let header: JSONObject
    /// The decoded payload bytes.
    public let payload: [UInt8]
    /// The decoded signature bytes.
    public let signature: [UInt8]

    /// `ASCII(BASE64URL(header) || '.' || BASE64URL(payload))`: the bytes the signature covers.
    public var signingInput: [UInt8] { Array((headerPart + "." + payloadPart).utf8) }

    /// The compact serialization.
    public var compact: String { headerPart + "." + payloadPart + "." + signaturePart }

    /// The header's `alg`, when it is a string.
    public var algorithm: String? { header["alg"]?.stringValue }

    /// Parses `text` (surrounding whitespace is ignored; nothing else is).
    public static func parse(_ text: String, maximumLength: Int = JWSCompact.maximumLength) throws(JOSEError) -> JWSCompact {
        let trimmed = text.utf8.count > maximumLength + 64 ? Substring(text) : text.trimmingJOSEWhitespace()
        guard !trimmed.isEmpty else { throw .empty }
        guard trimmed.utf8.count <= maximumLength else { throw .tooLarge(limit: maximumLength) }
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .segmentCount(parts.count) }
        guard let headerBytes = JOSEBase64URL.decode(parts[0]), !headerBytes.isEmpty else {
            throw .notBase64URL(part: "header")
        }
        guard let payload = JOSEBase64URL.decode(parts[1]) else { throw .notBase64URL(part: "payload") }
        guard !parts[2].isEmpty else { throw .emptySignature }
        guard let signature = JOSEBase64URL.decode(parts[2]) else { throw .notBase64URL(part: "signature") }
        let headerValue: JSONValue
        do {
            headerValue = try JSONParser(maximumDepth: 16).parse(headerBytes)
        } catch {
            throw .notJSON(part: "header", reason: error.description)
        }
        guard let header = headerValue.objectValue else { throw .notObject(part: "header") }
        return JWSCompact(headerPart: String(parts[0]), payloadPart: String(parts[1]), signaturePart: String(parts[2]),
                          header: header, payload: payload, signature: signature)
    }

    /// Builds a compact JWS following RFC 7515 §5.1: encode the header's and the payload's
    /// bytes, sign `header.payload` with `sign`, append the encoded signature.
    public static func make<Failure: Error>(
        header: JSONObject, payload: [UInt8], sign: ([UInt8]) throws(Failure) -> [UInt8]
    ) throws(Failure) -> JWSCompact {
        let headerBytes = JSONValue.object(header).serializedBytes()
        let headerPart = JOSEBase64URL.encode(headerBytes)
        let payloadPart = JOSEBase64URL.encode(payload)
        let signature = try sign(Array((headerPart + "." + payloadPart).utf8))
        return JWSCompact(headerPart: headerPart, payloadPart: payloadPart, signaturePart: JOSEBase64URL.encode(signature),
                          header: header, payload: payload, signature: signature)
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    fileprivate func trimmingJOSEWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}
