/// Which pods a ``PodBehaviour`` applies to.
public enum PodMatch: Sendable, Hashable {
    /// Pods with at least one container (or init container) running this exact image.
    case image(String)
    /// Pods whose `pod-template-hash` label (set on Deployment pods) has this value.
    case podTemplateHash(String)
    /// Pods carrying every one of these labels with these values.
    case labels([String: String])
}
