import PathfolioInterop

/// A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1), built in code for the API
/// document. Each factory writes only the keywords it is given, in a fixed order, so the
/// document is the same bytes on every build.
struct JSONSchema: Sendable {
    /// The schema object.
    var object: JSONObject

    init(_ object: JSONObject) { self.object = object }

    /// The schema as a JSON value.
    var json: JSONValue { .object(object) }

    // MARK: - References

    /// `{"$ref": "#/components/schemas/<name>"}`.
    static func reference(_ name: String) -> JSONSchema {
        JSONSchema(JSONObject(["$ref": .string("#/components/schemas/" + name)]))
    }

    // MARK: - Scalars

    /// A string, with the constraints given.
    static func string(format: String? = nil, minLength: Int? = nil, maxLength: Int? = nil, pattern: String? = nil,
                       description: String? = nil) -> JSONSchema {
        var object = JSONObject(["type": .string("string")])
        if let format { object["format"] = .string(format) }
        if let minLength { object["minLength"] = .number(String(minLength)) }
        if let maxLength { object["maxLength"] = .number(String(maxLength)) }
        if let pattern { object["pattern"] = .string(pattern) }
        if let description { object["description"] = .string(description) }
        return JSONSchema(object)
    }

    /// An id (`format: uuid`).
    static let uuid = string(format: "uuid")

    /// An RFC 3339 timestamp as the API writes it: UTC, `Z`, microseconds when there are any.
    static let timestamp = string(format: "date-time", pattern: #"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{6})?Z$"#)

    /// A `YYYY-MM-DD` date of the years 0001…9999 (the core's calendar has no year 0).
    static let date = string(format: "date", pattern: "^" + yearPattern + "-")

    /// An RFC 3339 instant as the API reads it: any offset, the year as written in
    /// `Timestamp.years` (1700…2199).
    static let instant = string(format: "date-time", pattern: "^" + instantYearPattern + "-")

    /// A `YYYY-MM-DD` date of the years an instant may have (`asOf`).
    static let instantDate = string(format: "date", pattern: "^" + instantYearPattern + "-")

    /// Years 1700…2199, for patterns.
    static let instantYearPattern = "(1[7-9][0-9]{2}|2[01][0-9]{2})"

    /// A score or points as the API writes them: a decimal string with exactly two places.
    static let score = string(pattern: #"^-?[0-9]+\.[0-9]{2}$"#, description: "An exact decimal with two places, e.g. \"3.00\".")

    /// Years 0001…9999, for patterns (a regular expression without look-around, which every
    /// schema tool can both check and generate).
    static let yearPattern = "(000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"

    /// One of these strings.
    static func enumeration(_ values: [String]) -> JSONSchema {
        JSONSchema(JSONObject(["type": .string("string"), "enum": .array(values.map(JSONValue.string))]))
    }

    /// Exactly this string.
    static func constant(_ value: String) -> JSONSchema {
        JSONSchema(JSONObject(["const": .string(value)]))
    }

    /// Exactly this integer.
    static func constant(_ value: Int) -> JSONSchema {
        JSONSchema(JSONObject(["const": .number(String(value))]))
    }

    /// An integer in a range.
    static func integer(minimum: Int? = nil, maximum: Int? = nil) -> JSONSchema {
        var object = JSONObject(["type": .string("integer")])
        if let minimum { object["minimum"] = .number(String(minimum)) }
        if let maximum { object["maximum"] = .number(String(maximum)) }
        return JSONSchema(object)
    }

    /// A number in a range, a multiple of `multipleOf` (given as its JSON text, e.g. `"0.01"`).
    static func number(minimum: String, maximum: String, multipleOf: String) -> JSONSchema {
        JSONSchema(JSONObject([
            "type": .string("number"), "minimum": .number(minimum), "maximum": .number(maximum),
            "multipleOf": .number(multipleOf),
        ]))
    }

    /// `true` or `false`.
    static let boolean = JSONSchema(JSONObject(["type": .string("boolean")]))

    /// Any value at all (`{}`).
    static let anything = JSONSchema(JSONObject())

    // MARK: - Structures

    /// An array of `items`.
    static func array(of items: JSONSchema, minItems: Int? = nil, maxItems: Int? = nil, uniqueItems: Bool = false) -> JSONSchema {
        var object = JSONObject(["type": .string("array"), "items": items.json])
        if let minItems { object["minItems"] = .number(String(minItems)) }
        if let maxItems { object["maxItems"] = .number(String(maxItems)) }
        if uniqueItems { object["uniqueItems"] = .bool(true) }
        return JSONSchema(object)
    }

    /// An object with these members (`required` always present, `optional` sometimes), and no
    /// others: the API rejects unknown members in requests and writes none in responses.
    static func object(required: KeyValuePairs<String, JSONSchema>, optional: KeyValuePairs<String, JSONSchema> = [:],
                       description: String? = nil) -> JSONSchema {
        object(members: required.map { ($0.key, $0.value) }, optionalMembers: optional.map { ($0.key, $0.value) },
               description: description)
    }

    /// ``object(required:optional:description:)`` from lists, for members assembled in code.
    static func object(members required: [(String, JSONSchema)], optionalMembers optional: [(String, JSONSchema)] = [],
                       description: String? = nil) -> JSONSchema {
        var properties = JSONObject()
        for (name, schema) in required { properties[name] = schema.json }
        for (name, schema) in optional { properties[name] = schema.json }
        var object = JSONObject(["type": .string("object")])
        if let description { object["description"] = .string(description) }
        object["properties"] = .object(properties)
        if !required.isEmpty { object["required"] = .array(required.map { .string($0.0) }) }
        object["additionalProperties"] = .bool(false)
        return JSONSchema(object)
    }

    /// Valid against every one of `schemas`.
    static func allOf(_ schemas: [JSONSchema]) -> JSONSchema {
        JSONSchema(JSONObject(["allOf": .array(schemas.map(\.json))]))
    }

    /// Valid against at least one of `schemas`.
    static func anyOf(_ schemas: [JSONSchema], description: String? = nil) -> JSONSchema {
        var object = JSONObject(["anyOf": .array(schemas.map(\.json))])
        if let description { object["description"] = .string(description) }
        return JSONSchema(object)
    }

    /// Valid against exactly one of `schemas`.
    static func oneOf(_ schemas: [JSONSchema]) -> JSONSchema {
        JSONSchema(JSONObject(["oneOf": .array(schemas.map(\.json))]))
    }

    // MARK: - Modifiers

    /// The same schema, or `null`. A request member that may be `null` means the same as one
    /// left out; a response member written as `null` is documented with this too.
    var orNull: JSONSchema {
        if case .string(let type)? = object["type"] {
            var copy = self
            copy.object["type"] = .array([.string(type), .string("null")])
            if case .array(let values)? = object["enum"] { copy.object["enum"] = .array(values + [.null]) }
            return copy
        }
        return .anyOf([self, JSONSchema(JSONObject(["type": .string("null")]))])
    }

    /// The same schema with a `description`.
    func described(_ text: String) -> JSONSchema {
        var copy = self
        copy.object["description"] = .string(text)
        return copy
    }
}
