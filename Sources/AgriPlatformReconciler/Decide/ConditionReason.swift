/// The `reason` of every condition the reconciler sets, CamelCase as the API conventions ask.
enum ConditionReason: String, Sendable {
    // InvalidSpec
    /// The spec passed validation and rendered.
    case specValid = "SpecValid"
    /// The spec failed validation; the message lists every problem.
    case validationFailed = "ValidationFailed"
    /// The spec validated but could not be rendered into objects.
    case renderFailed = "RenderFailed"

    // Ready
    /// Every service, migration and datastore is ready at the desired revision.
    case ready = "Ready"
    /// The spec is invalid, so nothing was applied.
    case invalidSpec = "InvalidSpec"
    /// Objects are being created or updated, or pods are rolling.
    case progressing = "Progressing"
    /// Something failed; see the `Degraded` condition.
    case degraded = "Degraded"
    /// A datastore is not ready.
    case datastoresNotReady = "DatastoresNotReady"

    // Progressing
    /// Objects were applied in this reconcile.
    case applying = "Applying"
    /// Workloads are rolling towards the desired revision.
    case rollingOut = "RollingOut"
    /// Nothing left to do.
    case complete = "Complete"
    /// The `agriplatform.io/paused` annotation stops every change.
    case paused = "Paused"

    // Degraded
    /// Nothing is failing.
    case asExpected = "AsExpected"
    /// The API server rejected an object we applied or deleted.
    case applyFailed = "ApplyFailed"
    /// An object the platform needs exists and is controlled by another owner.
    case nameConflict = "NameConflict"
    /// A Deployment exceeded its progress deadline.
    case progressDeadlineExceeded = "ProgressDeadlineExceeded"
    /// A migration Job failed.
    case migrationFailed = "MigrationFailed"
    /// A service's release failed or was aborted, and its previous revision serves again.
    case releaseRolledBack = "ReleaseRolledBack"
    /// A service's release failed and was not rolled back.
    case releaseDegraded = "ReleaseDegraded"
    case scaleDownRefused = "ScaleDownRefused"
    case storageChangeRefused = "StorageChangeRefused"
    case waitingForDatastores = "WaitingForDatastores"

    // Reconciling and Stalled (kstatus): their reasons are the phase's.
    /// The phase is Pending, Progressing or Paused.
    case reconciling = "Reconciling"
    /// The phase is Ready or Degraded: nothing is under way.
    case reconciled = "Reconciled"
    /// The phase is Failed.
    case stalled = "Stalled"
    /// The phase is not Failed.
    case notStalled = "NotStalled"

    // DatastoresReady
    /// Every datastore is ready (or there are none).
    case datastoresReady = "DatastoresReady"
}
