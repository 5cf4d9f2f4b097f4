/// The labels and annotation that tell a service's revisions and release tracks apart.
///
/// | Key | On | Value |
/// |---|---|---|
/// | `agriplatform.io/revision` | every service pod (label and annotation), the stable and candidate Deployments (annotation) | the pod template's ``PodTemplateRevision`` |
/// | `agriplatform.io/track` | a candidate Deployment, its selector and its pods | `canary` or `preview` |
///
/// The stable Deployment's pods carry no track label: its selector (name and instance, see ``PlatformLabels``)
/// is immutable and predates releases. That selector therefore also matches the candidate's pods; each
/// Deployment still manages only its own ReplicaSets and pods, through their controller references.
public enum ReleaseLabels {
    /// The revision label of service pods, the same key as the ``PodTemplateRevision/annotation``.
    public static let revision = PodTemplateRevision.annotation
    /// The label that marks a candidate Deployment's pods and selector: `canary` or `preview`.
    public static let track = "agriplatform.io/track"
}
