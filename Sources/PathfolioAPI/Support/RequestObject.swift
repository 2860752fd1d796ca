import Foundation
import PathfolioCore
import PathfolioInterop

/// Collects the problems found while reading a request body, each at its JSON pointer.
final class ValidationLog {
    private(set) var errors: [ProblemDetails.FieldError] = []

    func add(_ pointer: String, _ detail: String) {
        errors.append(ProblemDetails.FieldError(pointer: pointer, detail: detail))
    }

    /// Throws a 400 naming every problem, if there is any.
    func check() throws(APIError) {
        if !errors.isEmpty { throw .badRequest("The request body is not valid.", errors: errors) }
    }
}

/// A JSON object of a request body, read member by member. Each read records what is wrong
/// (missing, wrong type, out of range) in the shared ``ValidationLog`` and returns nil, so one
/// response lists every problem. Unknown members are refused (``rejectUnknown(besides:)``):
/// a typo never silently drops a field.
struct RequestObject {
    let object: JSONObject
    let pointer: String
    let log: ValidationLog

    /// Parses a body (nesting depth at most 64) that must be a JSON object.
    static func parse(_ bytes: [UInt8]) throws(APIError) -> RequestObject {
        let value: JSONValue
        do {
            value = try JSONParser(maximumDepth: 64).parse(bytes)
        } catch {
            throw APIError.badRequest("The body is not valid JSON: \(error.message).",
                                      errors: [ProblemDetails.FieldError(pointer: error.pointer, detail: error.message)])
        }
        guard let object = value.objectValue else {
            throw APIError.invalid("", "The body must be a JSON object, not \(value.typeName).")
        }
        return RequestObject(object: object, pointer: "", log: ValidationLog())
    }

    func member(_ key: String) -> String { pointer + "/" + JSONPointer.escape(key) }

    private func value(_ key: String, required: Bool) -> JSONValue? {
        guard let value = object[key], !value.isNull else {
            if required { log.add(member(key), "Required.") }
            return nil
        }
        return value
    }

    /// A string of 1…`maximumLength` characters (after trimming, unless `allowEmpty`), without U+0000.
    func string(_ key: String, required: Bool = true, maximumLength: Int = 300, allowEmpty: Bool = false) -> String? {
        guard let value = value(key, required: required) else { return nil }
        guard let text = value.stringValue else {
            log.add(member(key), "Must be a string, not \(value.typeName).")
            return nil
        }
        // PostgreSQL text cannot hold U+0000: refuse it here rather than fail in the store.
        if text.unicodeScalars.contains("\u{0}") {
            log.add(member(key), "Must not contain U+0000.")
            return nil
        }
        if !allowEmpty, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            log.add(member(key), "Must not be empty.")
            return nil
        }
        if text.count > maximumLength {
            log.add(member(key), "Must be at most \(maximumLength) characters.")
            return nil
        }
        return text
    }

    /// A UUID.
    func identifier<Subject>(_ key: String, required: Bool = true) -> Identifier<Subject>? {
        guard let value = value(key, required: required) else { return nil }
        guard let text = value.stringValue, let id = Identifier<Subject>(text) else {
            log.add(member(key), "Must be a UUID.")
            return nil
        }
        return id
    }

    /// One of the values of `E`.
    func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, required: Bool = true) -> E?
    where E.RawValue == String {
        guard let value = value(key, required: required) else { return nil }
        guard let text = value.stringValue, let choice = E(rawValue: text) else {
            log.add(member(key), "Must be one of: \(E.allCases.map(\.rawValue).joined(separator: ", ")).")
            return nil
        }
        return choice
    }

    /// An integer in `range`.
    func integer(_ key: String, in range: ClosedRange<Int>, required: Bool = true) -> Int? {
        guard let value = value(key, required: required) else { return nil }
        // JSON Schema counts 23.0 and 2.3e1 as the integer 23; so does the API.
        let whole: Int? = if case .number(let text) = value {
            Int(text) ?? Double(text).flatMap { $0 == $0.rounded() && abs($0) < 1e15 ? Int($0) : nil }
        } else {
            nil
        }
        guard let number = whole, range.contains(number) else {
            log.add(member(key), "Must be an integer from \(range.lowerBound) to \(range.upperBound).")
            return nil
        }
        return number
    }

    /// A boolean.
    func bool(_ key: String, required: Bool = true) -> Bool? {
        guard let value = value(key, required: required) else { return nil }
        guard case .bool(let flag) = value else {
            log.add(member(key), "Must be true or false, not \(value.typeName).")
            return nil
        }
        return flag
    }

    /// Whether the member is present with the value `null` (a PATCH clearing it).
    func isExplicitNull(_ key: String) -> Bool { object[key]?.isNull == true }

    /// Whether the member is present at all.
    func has(_ key: String) -> Bool { object[key] != nil }

    /// A decimal number with at most two places, as a ``Score``.
    func score(_ key: String, required: Bool = true) -> Score? {
        guard let value = value(key, required: required) else { return nil }
        let text: String? = switch value {
        case .number(let text): text
        case .string(let text): text
        default: nil
        }
        guard let text, let score = Score(text), score.hundredths >= 0, score.hundredths <= 99_999_99 else {
            log.add(member(key), "Must be a non-negative number (or decimal string) with at most two decimal places.")
            return nil
        }
        return score
    }

    /// A `YYYY-MM-DD` date.
    func date(_ key: String, required: Bool = true) -> CalendarDate? {
        guard let value = value(key, required: required) else { return nil }
        guard let text = value.stringValue, let date = try? CalendarDate(iso: text) else {
            log.add(member(key), "Must be a date, YYYY-MM-DD.")
            return nil
        }
        return date
    }

    /// An RFC 3339 timestamp of the years ``Timestamp/years``.
    func timestamp(_ key: String, required: Bool = true) -> Date? {
        guard let value = value(key, required: required) else { return nil }
        guard let text = value.stringValue, let date = Timestamp.parse(text) else {
            log.add(member(key), "Must be an RFC 3339 date-time of the years \(Timestamp.years.lowerBound) to \(Timestamp.years.upperBound), e.g. 2026-09-01T12:00:00Z.")
            return nil
        }
        return date
    }

    /// A nested object.
    func object(_ key: String, required: Bool = true) -> RequestObject? {
        guard let value = value(key, required: required) else { return nil }
        guard let nested = value.objectValue else {
            log.add(member(key), "Must be an object, not \(value.typeName).")
            return nil
        }
        return RequestObject(object: nested, pointer: member(key), log: log)
    }

    /// An array of `minimum…maximum` elements, each read by `element` (nil elements dropped,
    /// their problems logged).
    func array<T>(_ key: String, count: ClosedRange<Int>, required: Bool = true,
                  _ element: (ArrayElement) -> T?) -> [T]? {
        guard let value = value(key, required: required) else { return nil }
        guard let elements = value.arrayValue else {
            log.add(member(key), "Must be an array, not \(value.typeName).")
            return nil
        }
        guard count.contains(elements.count) else {
            log.add(member(key), "Must have \(count.lowerBound) to \(count.upperBound) elements.")
            return nil
        }
        let before = log.errors.count
        let read = elements.enumerated().compactMap { index, value in
            element(ArrayElement(value: value, pointer: member(key) + "/\(index)", log: log))
        }
        return log.errors.count == before ? read : nil
    }

    /// Refuses members other than `known`.
    func rejectUnknown(besides known: Set<String>) {
        for key in object.keys where !known.contains(key) {
            log.add(member(key), "Unknown member.")
        }
    }
}

/// One element of a request array.
struct ArrayElement {
    let value: JSONValue
    let pointer: String
    let log: ValidationLog

    /// The element as an object.
    var object: RequestObject? {
        guard let object = value.objectValue else {
            log.add(pointer, "Must be an object, not \(value.typeName).")
            return nil
        }
        return RequestObject(object: object, pointer: pointer, log: log)
    }

    /// The element as a UUID.
    func identifier<Subject>() -> Identifier<Subject>? {
        guard let text = value.stringValue, let id = Identifier<Subject>(text) else {
            log.add(pointer, "Must be a UUID.")
            return nil
        }
        return id
    }

    /// The element as one value of `E`.
    func choice<E: RawRepresentable & CaseIterable>(_ type: E.Type) -> E? where E.RawValue == String {
        guard let text = value.stringValue, let choice = E(rawValue: text) else {
            log.add(pointer, "Must be one of: \(E.allCases.map(\.rawValue).joined(separator: ", ")).")
            return nil
        }
        return choice
    }
}
