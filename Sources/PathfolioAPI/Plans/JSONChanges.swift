import PathfolioInterop

/// What changed between two JSON documents, as a list of `{op, path, from, value}` in the
/// spirit of RFC 6902: `add` (with `value`), `remove` (with `from`, the old value) and
/// `replace` (both), `path` a JSON pointer. Objects are compared member by member; arrays and
/// scalars as wholes.
enum JSONChanges {
    static func between(_ old: JSONValue?, _ new: JSONValue?, at path: String = "") -> [JSONValue] {
        switch (old, new) {
        case (nil, nil):
            return []
        case (nil, let value?):
            return [.object(JSONObject([JSONMember("op", .string("add")), JSONMember("path", .string(path)), JSONMember("value", value)]))]
        case (let value?, nil):
            return [.object(JSONObject([JSONMember("op", .string("remove")), JSONMember("path", .string(path)), JSONMember("from", value)]))]
        case (.object(let a)?, .object(let b)?):
            var keys = a.members.map(\.key)
            for member in b.members where a[member.key] == nil { keys.append(member.key) }
            return keys.flatMap { key in between(a[key], b[key], at: path + "/" + JSONPointer.escape(key)) }
        case (let a?, let b?):
            guard a != b else { return [] }
            return [.object(JSONObject([JSONMember("op", .string("replace")), JSONMember("path", .string(path)),
                                        JSONMember("from", a), JSONMember("value", b)]))]
        }
    }
}
