import KubeCore

extension AgriPlatform {
    /// The annotation that pauses the operator for one platform: `agriplatform.io/paused: "true"`.
    ///
    /// While paused the operator creates, changes and deletes no child object, and keeps reporting status (phase
    /// `Paused`). Remove the annotation, or set it to anything but `"true"`, to resume.
    public static let pausedAnnotation = "agriplatform.io/paused"

    /// Whether ``pausedAnnotation`` is `"true"`.
    public var isPaused: Bool {
        metadata.annotations?[Self.pausedAnnotation] == "true"
    }
}
