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

    /// The objects the operator would apply for `platform`, in the renderer's stable order, on a cluster that serves
    /// the VerticalPodAutoscaler API when `includeVPA` and the Prometheus Operator's APIs when `includeMonitoring`.
    static func render(
        _ platform: AgriPlatform,
        includeVPA: Bool,
        includeMonitoring: Bool = false
    ) throws -> [JSONValue] {
        let context = RenderContext(
            verticalPodAutoscalerAvailable: includeVPA,
            prometheusOperatorAvailable: includeMonitoring
        )
        return try PlatformRenderer(context: context).render(platform).map(\.json)
    }
}
