import AgriPlatformAPI
import AgriPlatformRender
import KubeCore

/// The three calls the commands make into the API and render targets, kept in one place.
enum PlatformPipeline {
    /// The CRD, exactly as committed under `crds/`.
    static func crdYAML() throws -> String {
        AgriPlatformCRD.yaml()
    }

    /// Semantic validation: every finding's field path and its message in the API server's words.
    static func validationFindings(of platform: AgriPlatform) -> [(path: String, message: String)] {
        platform.validate().map { (path: $0.path, message: $0.description) }
    }

    /// The objects the operator would apply for `platform`, in the renderer's stable order.
    static func render(_ platform: AgriPlatform, includeVPA: Bool) throws -> [JSONValue] {
        let context = RenderContext(verticalPodAutoscalerAvailable: includeVPA)
        return try PlatformRenderer(context: context).render(platform).map(\.json)
    }
}
