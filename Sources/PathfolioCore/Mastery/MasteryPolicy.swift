/// A framework's mastery policy: the method per competency and the rollup per parent.
///
/// Changing it never rewrites history silently: ``PolicyPreview`` shows the effect on a cohort
/// before it is applied.
public struct MasteryPolicy: Sendable, Hashable, Codable {
    /// The framework-wide method.
    public var method: MasteryMethod
    /// Per-competency overrides of ``method``.
    public var methodOverrides: [CompetencyID: MasteryMethod]
    /// Per-parent rollups; a parent without an entry uses ``defaultRollup``.
    public var rollups: [CompetencyID: Rollup]
    /// The rollup of a parent nobody configured.
    public var defaultRollup: Rollup

    /// A policy; by default `highest` (Canvas's default) and `all` rollups.
    public init(method: MasteryMethod = .default, methodOverrides: [CompetencyID: MasteryMethod] = [:],
                rollups: [CompetencyID: Rollup] = [:], defaultRollup: Rollup = .all) {
        self.method = method
        self.methodOverrides = methodOverrides
        self.rollups = rollups
        self.defaultRollup = defaultRollup
    }

    /// The method that applies to `competency`.
    public func method(for competency: CompetencyID) -> MasteryMethod {
        methodOverrides[competency] ?? method
    }

    /// The rollup that applies to a parent.
    public func rollup(for parent: CompetencyID) -> Rollup {
        rollups[parent] ?? defaultRollup
    }
}
