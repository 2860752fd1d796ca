public import Foundation

/// Hexadecimal digits as ``Identifier/description`` writes them.
private let lowerHexDigits: [UInt8] = Array("0123456789abcdef".utf8)

/// A typed UUID: `Identifier<Competency>` and `Identifier<Plan>` cannot be mixed up.
///
/// Ids are always given to the core (the caller generates them), so nothing here is random.
public struct Identifier<Subject>: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The UUID itself.
    public let uuid: UUID

    /// Wraps an existing UUID.
    public init(_ uuid: UUID) {
        self.uuid = uuid
    }

    /// Parses a UUID string; `nil` when it is not one.
    public init?(_ text: String) {
        guard let uuid = UUID(uuidString: text) else { return nil }
        self.uuid = uuid
    }

    /// Lower-case canonical form, as the API prints ids.
    public var description: String {
        withUnsafeBytes(of: uuid.uuid) { raw in
            String(unsafeUninitializedCapacity: 36) { text in
                var index = 0
                for (position, byte) in raw.enumerated() {
                    if position == 4 || position == 6 || position == 8 || position == 10 {
                        text[index] = UInt8(ascii: "-")
                        index += 1
                    }
                    text[index] = lowerHexDigits[Int(byte >> 4)]
                    text[index + 1] = lowerHexDigits[Int(byte & 0x0F)]
                    index += 2
                }
                return index
            }
        }
    }

    /// Orders by the canonical text, the core's last-resort deterministic tie-break (compared
    /// byte by byte, which orders exactly as the text does).
    public static func < (lhs: Identifier, rhs: Identifier) -> Bool {
        withUnsafeBytes(of: lhs.uuid.uuid) { left in
            withUnsafeBytes(of: rhs.uuid.uuid) { right in left.lexicographicallyPrecedes(right) }
        }
    }

    /// Decodes the form ``encode(to:)`` writes, with the same checks as the initializers.
    public init(from decoder: any Decoder) throws {
        uuid = try decoder.singleValueContainer().decode(UUID.self)
    }

    /// Encodes the canonical form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(uuid)
    }
}

/// Marker for a person's id (learners, advisors, assessors, registrars and admins are all people).
public enum Person {}

/// Id of an institution (the tenant).
public typealias InstitutionID = Identifier<Institution>
/// Id of a person, whatever their roles.
public typealias PersonID = Identifier<Person>
/// Id of a framework (CASE `CFDocument` identifier).
public typealias FrameworkID = Identifier<Framework>
/// Id of a competency (CASE `CFItem` identifier).
public typealias CompetencyID = Identifier<Competency>
/// Id of an association (CASE `CFAssociation` identifier).
public typealias AssociationID = Identifier<Association>
/// Id of a piece of evidence.
public typealias EvidenceID = Identifier<Evidence>
/// Id of a review.
public typealias ReviewID = Identifier<Review>
/// Id of a plan.
public typealias PlanID = Identifier<Plan>
/// Id of a goal.
public typealias GoalID = Identifier<Goal>
/// Id of a plan template.
public typealias PlanTemplateID = Identifier<PlanTemplate>
