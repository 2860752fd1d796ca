import PathfolioCore

/// A ``MasteryPolicy`` in the form `framework_policies.policy` keeps: readable JSON whose
/// per-competency settings are objects keyed by competency id (the core's own `Codable` form
/// writes id-keyed dictionaries as flat arrays).
///
/// ```json
/// {"method": {"method": "n_mastery", "parameter": 3},
///  "methodOverrides": {"<competency id>": {"method": "latest"}},
///  "rollups": {"<competency id>": {"kind": "points", "required": "2.00", "weights": {"<child id>": "1.50"}}},
///  "defaultRollup": {"kind": "all"}}
/// ```
struct StoredMasteryPolicy: Codable {
    /// A rollup: `all`, `none`, or `points` with the required points and child weights.
    struct StoredRollup: Codable {
        var kind: String
        var required: Score?
        var weights: [String: Score]?

        init(_ rollup: Rollup) {
            switch rollup {
            case .all: kind = "all"
            case .none: kind = "none"
            case .points(let required, let weights):
                kind = "points"
                self.required = required
                self.weights = Dictionary(uniqueKeysWithValues: weights.map { ($0.key.description, $0.value) })
            }
        }

        func rollup() throws(PostgresError) -> Rollup {
            switch kind {
            case "all": return .all
            case "none": return .none
            case "points":
                guard let required else { throw StoredMasteryPolicy.invalid }
                var parsed: [CompetencyID: Score] = [:]
                for (key, weight) in weights ?? [:] {
                    guard let id = CompetencyID(key) else { throw StoredMasteryPolicy.invalid }
                    parsed[id] = weight
                }
                return .points(required: required, weights: parsed)
            default:
                throw StoredMasteryPolicy.invalid
            }
        }
    }

    var method: MasteryMethod
    var methodOverrides: [String: MasteryMethod]
    var rollups: [String: StoredRollup]
    var defaultRollup: StoredRollup

    static let invalid = PostgresError.invalidValue(column: "policy", type: "MasteryPolicy")

    init(_ policy: MasteryPolicy) {
        method = policy.method
        methodOverrides = Dictionary(uniqueKeysWithValues: policy.methodOverrides.map { ($0.key.description, $0.value) })
        rollups = Dictionary(uniqueKeysWithValues: policy.rollups.map { ($0.key.description, StoredRollup($0.value)) })
        defaultRollup = StoredRollup(policy.defaultRollup)
    }

    func policy() throws(PostgresError) -> MasteryPolicy {
        var overrides: [CompetencyID: MasteryMethod] = [:]
        for (key, method) in methodOverrides {
            guard let id = CompetencyID(key) else { throw Self.invalid }
            overrides[id] = method
        }
        var parsedRollups: [CompetencyID: Rollup] = [:]
        for (key, rollup) in rollups {
            guard let id = CompetencyID(key) else { throw Self.invalid }
            parsedRollups[id] = try rollup.rollup()
        }
        return MasteryPolicy(method: method, methodOverrides: overrides, rollups: parsedRollups,
                             defaultRollup: try defaultRollup.rollup())
    }

    /// The policy as stored JSON.
    static func json(_ policy: MasteryPolicy) throws(PostgresError) -> PostgresJSON {
        do { return try PostgresJSON(encoding: StoredMasteryPolicy(policy)) } catch {
            throw .unencodableValue("mastery policy: \(error)")
        }
    }

    /// The policy from stored JSON.
    static func decode(_ json: PostgresJSON) throws(PostgresError) -> MasteryPolicy {
        let stored: StoredMasteryPolicy
        do { stored = try json.decode(StoredMasteryPolicy.self) } catch { throw invalid }
        return try stored.policy()
    }
}
