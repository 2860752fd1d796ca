import PathfolioCore

/// The body of `PUT /v1/frameworks/{id}/policy` and `POST …/policy/preview`, shaped like the
/// policy the API shows (``MasteryPolicyRepresentation``): `method` and `parameter`,
/// `methodOverrides`, `defaultRollup`, `rollups`. Omitted parts take the core's defaults
/// (`highest`, rollup `all`). Competencies must belong to the framework. `scale` (`{"levels":
/// [{"label", "points"}], "masteryThreshold"}`) rates the framework on another proficiency scale
/// from now on; without it, the framework's default scale applies.
struct MasteryPolicyInput {
    let policy: MasteryPolicy
    let scale: ProficiencyScale?

    init(_ input: RequestObject, framework: Set<CompetencyID>) throws(APIError) {
        input.rejectUnknown(besides: ["method", "parameter", "methodOverrides", "defaultRollup", "rollups", "scale"])
        let scale = input.object("scale", required: false).flatMap(Self.scale)
        let method = Self.method(input, nameKey: "method") ?? .default
        var overrides: [CompetencyID: MasteryMethod] = [:]
        _ = input.array("methodOverrides", count: 0...10_000, required: false) { element -> Bool? in
            guard let object = element.object else { return nil }
            object.rejectUnknown(besides: ["competencyId", "method", "parameter"])
            guard let id: CompetencyID = Self.competency(object, in: framework),
                  let method = Self.method(object, nameKey: "method", required: true) else { return nil }
            if overrides.updateValue(method, forKey: id) != nil { object.log.add(object.member("competencyId"), "Listed twice.") }
            return true
        }
        let defaultRollup = input.object("defaultRollup", required: false).flatMap { Self.rollup($0, in: framework) } ?? .all
        var rollups: [CompetencyID: Rollup] = [:]
        _ = input.array("rollups", count: 0...10_000, required: false) { element -> Bool? in
            guard let object = element.object else { return nil }
            object.rejectUnknown(besides: ["competencyId", "rollup"])
            guard let id: CompetencyID = Self.competency(object, in: framework),
                  let rollup = object.object("rollup").flatMap({ Self.rollup($0, in: framework) }) else { return nil }
            if rollups.updateValue(rollup, forKey: id) != nil { object.log.add(object.member("competencyId"), "Listed twice.") }
            return true
        }
        try input.log.check()
        policy = MasteryPolicy(method: method, methodOverrides: overrides, rollups: rollups, defaultRollup: defaultRollup)
        self.scale = scale
    }

    private static func scale(_ object: RequestObject) -> ProficiencyScale? {
        object.rejectUnknown(besides: ["levels", "masteryThreshold"])
        let levels = object.array("levels", count: 1...20) { element -> ProficiencyScale.Level? in
            guard let level = element.object else { return nil }
            level.rejectUnknown(besides: ["label", "points"])
            guard let label = level.string("label", maximumLength: 100), let points = level.score("points") else { return nil }
            return ProficiencyScale.Level(label: label, points: points)
        }
        guard let threshold = object.score("masteryThreshold"), let levels else { return nil }
        do {
            return try ProficiencyScale(levels: levels, masteryThreshold: threshold)
        } catch {
            let detail = switch error {
            case .noLevels: "A scale needs at least one level."
            case .negativePoints(let points): "Points must not be negative (\(points))."
            case .pointsNotIncreasing(let points, let previous): "Levels go lowest first: \(points) comes after \(previous)."
            case .thresholdNotALevel(let threshold, let allowed):
                "The mastery threshold \(threshold) must be one of the levels' points: \(allowed.map(\.description).joined(separator: ", "))."
            }
            object.log.add(object.member("levels"), detail)
            return nil
        }
    }

    private static func competency(_ object: RequestObject, in framework: Set<CompetencyID>) -> CompetencyID? {
        guard let id: CompetencyID = object.identifier("competencyId") else { return nil }
        guard framework.contains(id) else {
            object.log.add(object.member("competencyId"), "Not a competency of this framework.")
            return nil
        }
        return id
    }

    private static func method(_ object: RequestObject, nameKey: String, required: Bool = false) -> MasteryMethod? {
        let parameter = object.integer("parameter", in: 1...99, required: false)
        guard let name = object.string(nameKey, required: required, maximumLength: 40) else {
            if parameter != nil, object.object[nameKey] == nil {
                object.log.add(object.member("parameter"), "A parameter needs a `\(nameKey)` that takes one.")
            }
            return nil
        }
        do {
            return try MasteryMethod(name: name, parameter: parameter)
        } catch {
            object.log.add(object.member(nameKey), "Must be one of \(MasteryMethod.names.joined(separator: ", ")); "
                           + "n_mastery, weighted_average and decaying_average take a `parameter` (1–99), the others none.")
            return nil
        }
    }

    private static func rollup(_ object: RequestObject, in framework: Set<CompetencyID>) -> Rollup? {
        object.rejectUnknown(besides: ["kind", "requiredPoints", "weights"])
        guard let kind = object.string("kind", maximumLength: 10) else { return nil }
        switch kind {
        case "all", "none":
            if object.object["requiredPoints"] != nil || object.object["weights"] != nil {
                object.log.add(object.member("kind"), "`\(kind)` takes no requiredPoints or weights.")
            }
            return kind == "all" ? .all : Rollup.none
        case "points":
            guard let required = object.score("requiredPoints") else { return nil }
            var weights: [CompetencyID: Score] = [:]
            _ = object.array("weights", count: 0...10_000, required: false) { element -> Bool? in
                guard let weight = element.object else { return nil }
                weight.rejectUnknown(besides: ["competencyId", "weight"])
                guard let id = competency(weight, in: framework), let value = weight.score("weight") else { return nil }
                weights[id] = value
                return true
            }
            return .points(required: required, weights: weights)
        default:
            object.log.add(object.member("kind"), "Must be one of: all, points, none.")
            return nil
        }
    }
}
