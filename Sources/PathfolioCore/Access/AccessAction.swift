/// What an actor wants to do. Learner-record actions take a ``AccessTarget/learner(_:in:)``
/// target; institution actions an ``AccessTarget/institution(_:)``; reading a caseload an
/// ``AccessTarget/caseload(advisor:in:)``; class actions an ``AccessTarget/schoolClass(_:assessors:in:)``.
public enum AccessAction: String, Sendable, Hashable, Codable, CaseIterable {
    // Learner records.
    /// Read mastery progress and explanations.
    case readProgress
    /// Read evidence and its reviews.
    case readEvidence
    /// Submit evidence (the learner, or a teacher on their behalf).
    case submitEvidence
    /// Withdraw evidence before acceptance.
    case withdrawEvidence
    /// Record a review of evidence.
    case reviewEvidence
    /// Read plans, goals and history.
    case readPlan
    /// Create a plan or instantiate a template for the learner.
    case createPlan
    /// Edit a plan: goals, dates, approval, dropping.
    case editPlan
    /// Move a plan through its workflow (activate, complete, archive, send back).
    case transitionPlan
    /// Ask the advisor to review a draft.
    case requestPlanReview
    /// Propose a goal.
    case proposeGoal
    /// Comment on a plan.
    case commentOnPlan
    /// Read the transcript.
    case readTranscript
    /// Certify (freeze) a transcript, or revoke one.
    case certifyTranscript
    /// Read the record of who received the learner's transcripts (FERPA disclosures).
    case readDisclosures

    // Institution.
    /// Read frameworks and competencies.
    case readFrameworks
    /// Bulk-export transcripts.
    case exportTranscripts
    /// Read equity reports.
    case readEquity
    /// Import frameworks, add local prerequisites.
    case manageFrameworks
    /// Change mastery policies (and preview them).
    case managePolicy
    /// Manage people, rosters and advising assignments.
    case managePeople
    /// Create and revoke tokens.
    case manageTokens
    /// Read plan templates.
    case readPlanTemplates
    /// Write plan templates (and instantiate them for the learners one may plan for).
    case managePlanTemplates
    /// Instantiate plan templates for any learner of the institution, caseload or not.
    case assignPlans
    /// Read the early-warning thresholds (the caseload's flags).
    case readEarlyWarningSettings
    /// Change the early-warning thresholds.
    case manageEarlyWarningSettings
    /// Change the equity report's minimum group size (reading it goes with ``readEquity``).
    case manageEquitySettings
    /// Read how the institution signs credentials (its algorithm).
    case readCredentialSettings
    /// Change the credential-signing algorithm.
    case manageCredentialSettings

    // Caseloads.
    /// Read an advisor's caseload and early warnings.
    case readCaseload

    // Classes.
    /// Read a class: its title and who is in it.
    case readClass
    /// Read the class's mastery grid (learners × competencies).
    case readClassMastery

    /// Actions on one learner's records.
    public static let learnerRecordActions: [AccessAction] = [
        .readProgress, .readEvidence, .submitEvidence, .withdrawEvidence, .reviewEvidence, .readPlan, .createPlan,
        .editPlan, .transitionPlan, .requestPlanReview, .proposeGoal, .commentOnPlan, .readTranscript,
        .certifyTranscript, .readDisclosures,
    ]
    /// Actions on the institution as a whole.
    public static let institutionActions: [AccessAction] = [
        .readFrameworks, .exportTranscripts, .readEquity, .manageFrameworks, .managePolicy, .managePeople,
        .manageTokens, .readPlanTemplates, .managePlanTemplates, .assignPlans, .readEarlyWarningSettings,
        .manageEarlyWarningSettings, .manageEquitySettings, .readCredentialSettings, .manageCredentialSettings,
    ]
    /// Actions on one class.
    public static let classActions: [AccessAction] = [.readClass, .readClassMastery]
}
