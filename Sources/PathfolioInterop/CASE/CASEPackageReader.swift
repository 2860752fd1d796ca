import Foundation
public import PathfolioCore

/// Reads a CASE `CFPackage` as published in the wild (1.1, 1.0, and 2017 pre-1.0 OpenSALT
/// exports) into core values, keeping every member it does not model so an export is lossless.
///
/// It refuses only what cannot be understood (SPEC §1.2): not JSON (or nested deeper than 64), no
/// `CFDocument` identifier, an unreadable item or association identifier, an association whose ends
/// are both outside the package and unknown to the institution, and a cycle through `precedes`
/// (and the hierarchy). Everything odd but understood becomes a ``CASEWarning`` with its pointer.
public struct CASEPackageReader: Sendable {
    /// The institution that will hold the framework.
    public var institutionID: InstitutionID
    /// Whether an identifier (lower-cased) names a node the institution already holds, for
    /// associations with both ends outside the package.
    public var isKnownNode: @Sendable (String) -> Bool
    /// Deepest JSON nesting accepted.
    public var maximumDepth: Int

    /// A reader that knows the nodes in `knownIdentifiers` (compared case-insensitively).
    public init(institutionID: InstitutionID, knownIdentifiers: Set<String> = [], maximumDepth: Int = 64) {
        let known = Set(knownIdentifiers.map { $0.lowercased() })
        self.init(institutionID: institutionID, maximumDepth: maximumDepth) { known.contains($0) }
    }

    /// A reader that asks `isKnownNode` (given a lower-cased identifier) about nodes outside the package.
    public init(institutionID: InstitutionID, maximumDepth: Int = 64,
                isKnownNode: @escaping @Sendable (String) -> Bool) {
        self.institutionID = institutionID
        self.isKnownNode = isKnownNode
        self.maximumDepth = maximumDepth
    }

    /// Parses and translates a package.
    public func read(_ bytes: some Collection<UInt8>) throws(CASEImportError) -> CASEImport {
        let json: JSONValue
        do {
            json = try JSONParser(maximumDepth: maximumDepth).parse(bytes)
        } catch {
            let kind: CASEImportError.Kind = error.message.hasPrefix("nesting deeper") ? .tooDeep : .notJSON
            throw CASEImportError(kind: kind, pointer: error.pointer,
                                  message: "not valid JSON at byte \(error.offset): \(error.message)")
        }
        return try read(json: json)
    }

    /// Translates an already parsed package.
    public func read(json: JSONValue) throws(CASEImportError) -> CASEImport {
        var session = CASEReadSession(reader: self)
        return try session.run(json)
    }
}

/// One import in progress: the warnings so far and the helpers that read members.
struct CASEReadSession {
    let reader: CASEPackageReader
    var warnings: [CASEWarning] = []
    /// Zone-less date-times read as UTC: how many, and the first one's pointer (one warning for all).
    var zonelessDateTimes = 0
    var firstZonelessPointer = ""

    init(reader: CASEPackageReader) { self.reader = reader }

    mutating func warn(_ pointer: String, _ message: String) {
        warnings.append(CASEWarning(pointer: pointer, message: message))
    }

    // MARK: Package

    mutating func run(_ json: JSONValue) throws(CASEImportError) -> CASEImport {
        guard var root = json.objectValue else {
            throw CASEImportError(kind: .malformed, pointer: "", message: "a CFPackage must be a JSON object, not \(json.typeName)")
        }
        liftExtensions(&root)
        guard let documentValue = root.removeValue(forKey: "CFDocument") else {
            throw CASEImportError(kind: .missingDocumentIdentifier, pointer: "/CFDocument", message: "the package has no CFDocument")
        }
        let document = try readDocument(documentValue)
        let frameworkID = document.framework.id

        let itemValues = try list(root.removeValue(forKey: "CFItems"), at: "/CFItems")
        var itemRecords = IdentifiedRecords<CASEItem>()
        for (offset, value) in itemValues.enumerated() {
            let pointer = "/CFItems/\(offset)"
            guard let item = try readItem(value, at: pointer, frameworkID: frameworkID) else { continue }
            let key = item.competency.id.description
            if let earlier = itemRecords.add(item, key: key, pointer: pointer, raw: value) {
                warn(pointer, "item \(key) repeats \(earlier) with different content; this later one is kept")
            }
        }
        let items = itemRecords.records

        let packageNodes: Set<String> = Set(items.map { $0.competency.id.description }).union([frameworkID.description])

        let associationValues = try list(root.removeValue(forKey: "CFAssociations"), at: "/CFAssociations")
        var associationRecords = IdentifiedRecords<CASEAssociation>()
        for (offset, value) in associationValues.enumerated() {
            let pointer = "/CFAssociations/\(offset)"
            guard let association = try readAssociation(value, at: pointer, packageNodes: packageNodes) else { continue }
            let key = association.association.id.description
            if let earlier = associationRecords.add(association, key: key, pointer: pointer, raw: value) {
                warn(pointer, "association \(key) repeats \(earlier) with different content; this later one is kept")
            }
        }
        let associations = associationRecords.records
        let associationPointers = associationRecords.pointers

        var definitions = CASEDefinitions()
        if let value = root.removeValue(forKey: "CFDefinitions"), !value.isNull {
            if let object = value.objectValue {
                definitions = readDefinitions(object)
            } else {
                warn("/CFDefinitions", "CFDefinitions is \(value.typeName), not an object; kept verbatim, not read")
                root["CFDefinitions"] = value
            }
        }

        // A cycle through `precedes` (and the hierarchy) is refused, named.
        do {
            _ = try CompetencyGraph(competencies: items.map(\.competency), associations: associations.map(\.association))
        } catch {
            let codes: [String]
            switch error { case .cycle(let cycle): codes = cycle }
            let pointer = cyclePointer(codes, items: items, associations: associations, pointers: associationPointers)
            throw CASEImportError(kind: .cycle, pointer: pointer,
                                  message: "the associations close a cycle: \(codes.joined(separator: " → "))", cycle: codes)
        }

        if zonelessDateTimes > 0 {
            warn(firstZonelessPointer, "\(zonelessDateTimes) date-time(s) without a time zone, this one first; read as UTC and written with Z")
        }
        return CASEImport(document: document, items: items, associations: associations, definitions: definitions,
                          extra: root, warnings: warnings)
    }

    /// The pointer of the first association along a cycle.
    func cyclePointer(_ codes: [String], items: [CASEItem], associations: [CASEAssociation], pointers: [String]) -> String {
        guard codes.count >= 2 else { return "/CFAssociations" }
        var codeByID: [CompetencyID: String] = [:]
        for item in items { codeByID[item.competency.id] = item.competency.code }
        for (index, record) in associations.enumerated() {
            let association = record.association
            let origin = codeByID[association.origin], destination = codeByID[association.destination]
            switch association.type {
            case .precedes where origin == codes[0] && destination == codes[1]: return pointers[index]
            case .isChildOf where destination == codes[0] && origin == codes[1]: return pointers[index]
            default: continue
            }
        }
        return "/CFAssociations"
    }

    func list(_ value: JSONValue?, at pointer: String) throws(CASEImportError) -> [JSONValue] {
        guard let value, !value.isNull else { return [] }
        guard let array = value.arrayValue else {
            throw CASEImportError(kind: .malformed, pointer: pointer, message: "must be an array, not \(value.typeName)")
        }
        return array
    }

    // MARK: Document

    mutating func readDocument(_ value: JSONValue) throws(CASEImportError) -> CASEDocument {
        guard var extra = value.objectValue else {
            throw CASEImportError(kind: .missingDocumentIdentifier, pointer: "/CFDocument",
                                  message: "CFDocument must be an object, not \(value.typeName)")
        }
        let base = "/CFDocument"
        liftExtensions(&extra)
        guard let identifierText = extra["identifier"]?.stringValue else {
            throw CASEImportError(kind: .missingDocumentIdentifier, pointer: base + "/identifier",
                                  message: "the CFDocument has no identifier")
        }
        guard let id = FrameworkID(identifierText) else {
            throw CASEImportError(kind: .missingDocumentIdentifier, pointer: base + "/identifier",
                                  message: "the CFDocument identifier \"\(identifierText)\" is not a UUID")
        }
        extra.removeValue(forKey: "identifier")
        let uri = requiredString(&extra, "uri", at: base)
        let title = requiredString(&extra, "title", at: base)
        let creator = requiredString(&extra, "creator", at: base)
        let version = optionalString(&extra, "version", at: base)
        let language = optionalString(&extra, "language", at: base)
        let adoptionStatus = optionalString(&extra, "adoptionStatus", at: base)
        let subjects = stringList(&extra, "subject", at: base) ?? []
        var lastChange = dateTime(requiredString(&extra, "lastChangeDateTime", at: base), at: base)
        var lastChangedAt = CASEDateTime.parse(lastChange)
        if lastChangedAt == nil {
            warn(base + "/lastChangeDateTime", "\"\(lastChange)\" is not an ISO 8601 date-time; 1970-01-01T00:00:00Z used")
            lastChange = "1970-01-01T00:00:00Z"
            lastChangedAt = Date(timeIntervalSince1970: 0)
        }
        let framework = Framework(
            id: id, institutionID: reader.institutionID, uri: uri, title: title, creator: creator, version: version,
            subjects: subjects, language: language, adoptionStatus: adoptionStatus, lastChangedAt: lastChangedAt!
        )
        return CASEDocument(framework: framework, lastChangeDateTime: lastChange, extra: extra)
    }

    // MARK: Items

    mutating func readItem(_ value: JSONValue, at base: String, frameworkID: FrameworkID) throws(CASEImportError) -> CASEItem? {
        guard var extra = value.objectValue else {
            warn(base, "a CFItem must be an object, not \(value.typeName); skipped")
            return nil
        }
        liftExtensions(&extra)
        let id: CompetencyID = try uuid(&extra, at: base, what: "CFItem")
        let uri = requiredString(&extra, "uri", at: base)
        let fullStatement = requiredString(&extra, "fullStatement", at: base)
        let humanCodingScheme = optionalString(&extra, "humanCodingScheme", at: base)
        let abbreviatedStatement = optionalString(&extra, "abbreviatedStatement", at: base)
        let itemType = optionalString(&extra, "CFItemType", at: base)
        var levels = stringList(&extra, "educationLevel", at: base)
        if levels == nil, extra["educationalLevel"] != nil {
            // Pre-1.0 name (OpenSALT 2017), usually a single string.
            let pointer = base + "/educationalLevel"
            let raw = extra["educationalLevel"]!
            if let text = raw.stringValue {
                levels = CASEReadSession.splitLevels(text)
                extra.removeValue(forKey: "educationalLevel")
                warn(pointer, "pre-1.0 member educationalLevel with a string value \"\(text)\"; read as educationLevel \(levels!)")
            } else if let array = raw.arrayValue, array.allSatisfy({ $0.stringValue != nil }) {
                levels = array.compactMap(\.stringValue)
                extra.removeValue(forKey: "educationalLevel")
                warn(pointer, "pre-1.0 member educationalLevel; read as educationLevel")
            } else {
                warn(pointer, "educationalLevel is \(raw.typeName); kept verbatim, not read")
            }
        }
        var listEnumeration: String? = nil
        if let raw = extra["listEnumeration"] {
            switch raw {
            case .string(let text): listEnumeration = text; extra.removeValue(forKey: "listEnumeration")
            case .number(let text):
                listEnumeration = text
                extra.removeValue(forKey: "listEnumeration")
                warn(base + "/listEnumeration", "listEnumeration is a number (\(text)); read as the string \"\(text)\"")
            case .null: extra.removeValue(forKey: "listEnumeration")
            default: warn(base + "/listEnumeration", "listEnumeration is \(raw.typeName); kept verbatim, not read")
            }
        }
        let lastChange = dateTime(requiredString(&extra, "lastChangeDateTime", at: base), at: base)
        let competency = Competency(
            id: id, frameworkID: frameworkID, uri: uri, humanCodingScheme: humanCodingScheme, fullStatement: fullStatement,
            abbreviatedStatement: abbreviatedStatement, itemType: itemType, educationLevels: levels ?? [],
            listPosition: listEnumeration.flatMap(CASEReadSession.position)
        )
        return CASEItem(competency: competency, listEnumeration: listEnumeration, lastChangeDateTime: lastChange, extra: extra)
    }

    /// `"06"` → `["06"]`; `"09, 10"` → `["09", "10"]`.
    static func splitLevels(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The numeric reading of a list enumeration (`"3"`, `"3."`, `"3)"` → 3), if any.
    static func position(_ enumeration: String) -> Int? {
        var text = Substring(enumeration.trimmingCharacters(in: .whitespaces))
        while let last = text.last, last == "." || last == ")" { text = text.dropLast() }
        return Int(text)
    }

    // MARK: Associations

    mutating func readAssociation(_ value: JSONValue, at base: String, packageNodes: Set<String>) throws(CASEImportError) -> CASEAssociation? {
        guard var extra = value.objectValue else {
            warn(base, "a CFAssociation must be an object, not \(value.typeName); skipped")
            return nil
        }
        liftExtensions(&extra)
        let id: AssociationID = try uuid(&extra, at: base, what: "CFAssociation")
        guard let typeText = extra["associationType"]?.stringValue else {
            throw CASEImportError(kind: .malformed, pointer: base + "/associationType", message: "the association has no associationType string")
        }
        extra.removeValue(forKey: "associationType")
        let type = AssociationType(rawValue: typeText)
        if case .unrecognized = type {
            warn(base + "/associationType", "\"\(typeText)\" is neither a CASE association type nor an ext: type; kept as written")
        }
        let uri = requiredString(&extra, "uri", at: base)
        let origin = try node(&extra, "originNodeURI", at: base)
        let destination = try node(&extra, "destinationNodeURI", at: base)
        let originKey = origin.identifier.lowercased(), destinationKey = destination.identifier.lowercased()
        if !packageNodes.contains(originKey), !packageNodes.contains(destinationKey),
           !reader.isKnownNode(originKey), !reader.isKnownNode(destinationKey) {
            throw CASEImportError(
                kind: .danglingAssociation, pointer: base,
                message: "both ends of association \(id) (\(origin.identifier) and \(destination.identifier)) are outside the package and unknown"
            )
        }
        var sequenceNumber: Int? = nil
        if let raw = extra["sequenceNumber"] {
            let pointer = base + "/sequenceNumber"
            switch raw {
            case .number(let text):
                if let number = Int(text) {
                    sequenceNumber = number
                    extra.removeValue(forKey: "sequenceNumber")
                } else {
                    warn(pointer, "sequenceNumber \(text) is not an integer; kept verbatim, not read")
                }
            case .string(let text):
                if let number = Int(text.trimmingCharacters(in: .whitespaces)) {
                    sequenceNumber = number
                    extra.removeValue(forKey: "sequenceNumber")
                    warn(pointer, "sequenceNumber is the string \"\(text)\"; read as the integer \(number)")
                } else {
                    warn(pointer, "sequenceNumber \"\(text)\" is not an integer; kept verbatim, not read")
                }
            case .null: extra.removeValue(forKey: "sequenceNumber")
            default: warn(pointer, "sequenceNumber is \(raw.typeName); kept verbatim, not read")
            }
        }
        let lastChange = dateTime(requiredString(&extra, "lastChangeDateTime", at: base), at: base)
        let association = Association(
            id: id, type: type, origin: CASENodeReference.coreIdentifier(origin.identifier),
            destination: CASENodeReference.coreIdentifier(destination.identifier), sequenceNumber: sequenceNumber
        )
        return CASEAssociation(association: association, uri: uri, origin: origin, destination: destination,
                               lastChangeDateTime: lastChange, extra: extra)
    }

    mutating func node(_ object: inout JSONObject, _ key: String, at base: String) throws(CASEImportError) -> CASENodeReference {
        let pointer = base + "/" + key
        guard let raw = object.removeValue(forKey: key) else {
            throw CASEImportError(kind: .malformed, pointer: pointer, message: "the association has no \(key)")
        }
        switch raw {
        case .string(let uri):
            // Some pre-1.0 exports give only the URI; its last path segment is the identifier.
            let identifier = uri.split(separator: "/").last.map(String.init) ?? uri
            warn(pointer, "\(key) is a bare URI, not a {identifier, uri, title} object; identifier read as \"\(identifier)\"")
            return CASENodeReference(identifier: identifier, uri: uri, title: "")
        case .object(var members):
            guard let identifier = members.removeValue(forKey: "identifier")?.stringValue, !identifier.isEmpty else {
                throw CASEImportError(kind: .invalidIdentifier, pointer: pointer + "/identifier", message: "\(key) has no identifier")
            }
            let uri = requiredString(&members, "uri", at: pointer)
            let title = requiredString(&members, "title", at: pointer)
            if UUID(uuidString: identifier) == nil {
                warn(pointer + "/identifier", "\"\(identifier)\" is not a UUID; a name-based identifier stands for it")
            }
            return CASENodeReference(identifier: identifier, uri: uri, title: title, extra: members)
        default:
            throw CASEImportError(kind: .malformed, pointer: pointer, message: "\(key) must be an object, not \(raw.typeName)")
        }
    }

    // MARK: Definitions

    mutating func readDefinitions(_ object: JSONObject) -> CASEDefinitions {
        var definitions = CASEDefinitions()
        var extra = object
        liftExtensions(&extra)
        for name in CASEDefinitions.listNames {
            guard let raw = extra.removeValue(forKey: name) else { continue }
            let base = "/CFDefinitions/" + name
            var entries: [(pointer: String, value: JSONValue)] = []
            switch raw {
            case .null: continue
            case .array(let values): entries = values.enumerated().map { (base + "/\($0.offset)", $0.element) }
            case .object(let single) where single["identifier"] != nil:
                warn(base, "\(name) is a single object, not an array; read as a list of one")
                entries = [(base, raw)]
            case .object(let keyed):
                warn(base, "\(name) is an object keyed by identifier, not an array; read as a list of its values")
                entries = keyed.map { (base + "/" + JSONPointer.escape($0.key), $0.value) }
            default:
                warn(base, "\(name) is \(raw.typeName), not an array; kept verbatim, not read")
                extra[name] = raw
                continue
            }
            var list: [CASEDefinition] = []
            var index: [String: (position: Int, pointer: String, raw: JSONValue)] = [:]
            for (pointer, value) in entries {
                guard let definition = readDefinition(value, list: name, at: pointer) else { continue }
                if let first = index[definition.identifier] {
                    if first.raw != value {
                        warn(pointer, "\(definition.identifier) repeats \(first.pointer) with different content; this later one is kept")
                        list[first.position] = definition
                        index[definition.identifier] = (first.position, first.pointer, value)
                    }
                } else {
                    index[definition.identifier] = (list.count, pointer, value)
                    list.append(definition)
                }
            }
            definitions[list: name] = list
        }
        definitions.extra = extra
        return definitions
    }

    mutating func readDefinition(_ value: JSONValue, list name: String, at pointer: String) -> CASEDefinition? {
        guard var members = value.objectValue else {
            warn(pointer, "a \(name) entry must be an object, not \(value.typeName); skipped")
            return nil
        }
        guard let identifier = members["identifier"]?.stringValue, !identifier.isEmpty else {
            warn(pointer, "a \(name) entry without an identifier; skipped")
            return nil
        }
        liftExtensions(&members)
        if let text = members["lastChangeDateTime"]?.stringValue {
            members["lastChangeDateTime"] = .string(dateTime(text, at: pointer))
        }
        let vocabulary = CASEVocabulary.definitions[name]!
        for required in vocabulary.required where members[required]?.stringValue == nil {
            let existing = members[required]
            if existing == nil || existing!.isNull {
                let what = name == "CFItemTypes" && required == "description" ? "a CFItemType without description" : "no \(required)"
                warn(pointer + "/" + required, "\(what); read as \"\"")
                members[required] = .string("")
            }
        }
        return CASEDefinition(identifier: identifier, uri: members["uri"]?.stringValue ?? "",
                              title: members["title"]?.stringValue, members: members)
    }

    // MARK: Members

    /// A `lastChangeDateTime` with a time zone: a zone-less one (2017 OpenSALT) gets `Z` (it is
    /// read as UTC), counted for one package-wide warning, so the 1.1 export is a valid date-time.
    mutating func dateTime(_ text: String, at base: String) -> String {
        guard CASEDateTime.parse(text) != nil, let timeStart = text.firstIndex(where: { $0 == "T" || $0 == "t" }) else { return text }
        let time = text[timeStart...]
        if time.contains(where: { $0 == "Z" || $0 == "z" || $0 == "+" || $0 == "-" }) { return text }
        if zonelessDateTimes == 0 { firstZonelessPointer = base + "/lastChangeDateTime" }
        zonelessDateTimes += 1
        return text + "Z"
    }

    /// A required string member: removed from `object` and returned; absent or `null` → `""` with a
    /// warning; another type → `""` with a warning and the value left in `object` (kept verbatim).
    mutating func requiredString(_ object: inout JSONObject, _ key: String, at base: String) -> String {
        switch object[key] {
        case .string(let text)?:
            object.removeValue(forKey: key)
            return text
        case nil, .null?:
            object.removeValue(forKey: key)
            warn(base + "/" + key, "no \(key); read as \"\"")
            return ""
        case let other?:
            warn(base + "/" + key, "\(key) is \(other.typeName), not a string; kept verbatim, read as \"\"")
            return ""
        }
    }

    /// An optional string member: as ``requiredString(_:_:at:)`` but absence is normal.
    mutating func optionalString(_ object: inout JSONObject, _ key: String, at base: String) -> String? {
        switch object[key] {
        case .string(let text)?:
            object.removeValue(forKey: key)
            return text
        case nil:
            return nil
        case .null?:
            object.removeValue(forKey: key)
            return nil
        case let other?:
            warn(base + "/" + key, "\(key) is \(other.typeName), not a string; kept verbatim, not read")
            return nil
        }
    }

    /// A list of strings; a single string (1.0 / pre-1.0 exports) is accepted with a warning.
    mutating func stringList(_ object: inout JSONObject, _ key: String, at base: String) -> [String]? {
        guard let raw = object[key] else { return nil }
        switch raw {
        case .array(let values) where values.allSatisfy({ $0.stringValue != nil }):
            object.removeValue(forKey: key)
            return values.compactMap(\.stringValue)
        case .string(let text):
            object.removeValue(forKey: key)
            let list = key == "educationLevel" ? CASEReadSession.splitLevels(text) : [text]
            warn(base + "/" + key, "\(key) is the string \"\(text)\", not an array; read as \(list)")
            return list
        case .null:
            object.removeValue(forKey: key)
            return nil
        default:
            warn(base + "/" + key, "\(key) is \(raw.typeName), not an array of strings; kept verbatim, not read")
            return nil
        }
    }

    /// The object's `identifier` as a UUID, removed from `object`.
    func uuid<Subject>(_ object: inout JSONObject, at base: String, what: String) throws(CASEImportError) -> Identifier<Subject> {
        guard let text = object["identifier"]?.stringValue else {
            throw CASEImportError(kind: .invalidIdentifier, pointer: base + "/identifier", message: "the \(what) has no identifier")
        }
        guard let id = Identifier<Subject>(text) else {
            throw CASEImportError(kind: .invalidIdentifier, pointer: base + "/identifier",
                                  message: "the \(what) identifier \"\(text)\" is not a UUID")
        }
        object.removeValue(forKey: "identifier")
        return id
    }

    /// A 1.1 `extensions` object's members come back to the top of the object (where the 1.0
    /// shape had them, and where the reader looks for 1.1 members of the wrong shape the writer
    /// moved there), unless a member of that name is already at the top; those stay in `extensions`.
    func liftExtensions(_ extra: inout JSONObject) {
        guard case .object(let extensions)? = extra["extensions"] else { return }
        var residual = JSONObject()
        var lifted: [JSONMember] = []
        for member in extensions {
            if member.key == "extensions" || extra[member.key] != nil {
                residual[member.key] = member.value
            } else {
                lifted.append(member)
            }
        }
        if residual.isEmpty { extra.removeValue(forKey: "extensions") } else { extra["extensions"] = .object(residual) }
        for member in lifted { extra[member.key] = member.value }
    }
}
