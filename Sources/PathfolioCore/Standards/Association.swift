/// A CASE `CFAssociation` between two competencies, possibly of different frameworks.
///
/// Either end may be outside every framework the institution holds (an external node); the
/// association is kept anyway and ``CompetencyGraph`` simply ignores ends it does not know.
public struct Association: Sendable, Hashable, Codable {
    /// CASE `identifier`.
    public let id: AssociationID
    /// CASE `associationType`.
    public var type: AssociationType
    /// CASE `originNodeURI` identifier.
    public var origin: CompetencyID
    /// CASE `destinationNodeURI` identifier.
    public var destination: CompetencyID
    /// CASE `sequenceNumber`: order among siblings.
    public var sequenceNumber: Int?
    /// `true` for a prerequisite an admin added locally rather than one from the published framework.
    public var isLocal: Bool

    /// Makes an association.
    public init(id: AssociationID, type: AssociationType, origin: CompetencyID, destination: CompetencyID,
                sequenceNumber: Int? = nil, isLocal: Bool = false) {
        self.id = id
        self.type = type
        self.origin = origin
        self.destination = destination
        self.sequenceNumber = sequenceNumber
        self.isLocal = isLocal
    }
}
