import Foundation
import PathfolioCore
import PathfolioInterop
import PathfolioPostgres

/// One change to a plan in the caller's transaction: the plan read and locked, the core's
/// rules applied (``Plan/apply(_:by:at:)``), then — unless nothing changed — the new version
/// written only over the version read, with its history entry (who, when, the diff) and its
/// audit row, all sent with the commit.
struct PlanEdit {
    let session: Session
    /// The plan as read (and locked).
    let original: PlanRecord
    /// The plan with the changes applied so far.
    private(set) var plan: Plan

    /// Reads plan `id` for update; 404 unless the caller may read it.
    init(_ id: PlanID, in session: Session) async throws {
        try await self.init(PlanRecordStore.record(id, forUpdate: true), in: session)
    }

    /// Reads the plan holding goal `id` for update; 404 unless the caller may read it.
    init(holding goal: GoalID, in session: Session) async throws {
        try await self.init(PlanRecordStore.record(holding: goal, forUpdate: true), in: session)
    }

    private init(_ read: PostgresStatement<PlanRecord?>, in session: Session) async throws {
        guard let record = try await session.connection.run(read) else {
            throw APIError.notFound
        }
        try session.require(.readPlan, learner: record.plan.learnerID)
        self.session = session
        original = record
        plan = record.plan
    }

    /// Applies one change by the caller (each bumps the version; the ETag only has to change).
    mutating func apply(_ change: PlanChange) throws(APIError) {
        do {
            try plan.apply(change, by: session.personID, at: session.now)
        } catch {
            throw Self.problem(error)
        }
    }

    /// Writes what changed and returns the plan as stored after the commit; when the content
    /// is as it was, writes nothing and returns the plan as read (same version, same ETag).
    func save(action: String) throws -> PlanRecord {
        let changes = JSONChanges.between(PlanSnapshot.of(original.plan), PlanSnapshot.of(plan))
        guard !changes.isEmpty else { return original }
        let before = Dictionary(uniqueKeysWithValues: original.plan.goals.map { ($0.id, $0) })
        let changedGoals = plan.goals.filter { before[$0.id] != $0 }
        session.enqueue(PlanRecordStore.update(plan, expectedVersion: original.plan.version))
        if !changedGoals.isEmpty {
            session.enqueue(try PlanRecordStore.goalsWrite(changedGoals, of: plan, stamps: original.goalStamps, actor: session.personID))
        }
        session.enqueue(PlanRecordStore.historyEntry(plan: plan.id, version: plan.version, actor: session.personID,
                                                     action: action, changes: PostgresJSON(text: JSONValue.array(changes).serialized())))
        session.enqueue(AuditLogStore.entry(actor: session.personID, action: action, targetType: "plan", targetID: plan.id.uuid,
                                            details: PostgresJSON(text: #"{"version":\#(plan.version)}"#)))
        var stamps = original.goalStamps
        for goal in changedGoals {
            let old = stamps[goal.id]
            stamps[goal.id] = GoalStamp(version: (old?.version ?? 0) + 1, proposedBy: old?.proposedBy ?? proposer(of: goal),
                                        droppedBy: goal.isDropped ? (old?.droppedBy ?? session.personID) : nil,
                                        updatedAt: session.transactionStartedAt)
        }
        return PlanRecord(plan: plan, templateVersion: original.templateVersion, createdBy: original.createdBy,
                          createdAt: original.createdAt, updatedAt: session.transactionStartedAt, goalStamps: stamps)
    }

    private func proposer(of goal: Goal) -> PersonID {
        if case .proposed(let by) = goal.approval { return by }
        return session.personID
    }

    static func problem(_ refusal: Plan.Refusal) -> APIError {
        switch refusal {
        case .noAdvisors: .invalid("/advisorIds", "A plan needs at least one advisor.")
        case .emptyTitle: .invalid("/title", "Must not be empty.")
        case .targetBeforeStart(let start, let target):
            .unprocessable("The target date is before the start date.",
                           errors: [.init(pointer: "/targetDate", detail: "\(target) is before the start date \(start).")])
        case .illegalTransition(let illegal):
            .conflict("A plan cannot go from `\(illegal.from.rawValue)` to `\(illegal.to.rawValue)`; allowed from here: \(illegal.allowed.isEmpty ? "none (it is final)" : illegal.allowed.map(\.rawValue).joined(separator: ", ")).")
        case .closed(let status, let editable):
            .conflict("The plan is `\(status.rawValue)`: only \(editable.map(\.rawValue).joined(separator: ", ")) plans can be edited.")
        case .unknownGoal: .notFound
        case .duplicateGoal(let id): .conflict("The plan already has goal \(id).")
        case .goalDropped(let id): .conflict("Goal \(id) was dropped; a dropped goal cannot change.")
        case .emptyDropReason: .invalid("/dropReason", "Say why the goal is dropped.")
        case .alreadyCreated: .conflict("The plan exists already.")
        }
    }
}
