/// The example the `dev` playground applies when it is given none: `examples/minimal.yaml`, embedded so the
/// playground needs no file (a test keeps the two identical).
package enum EmbeddedExample {
    /// The file name it mirrors, under `examples/`.
    package static let fileName = "minimal.yaml"

    /// The YAML text of `examples/minimal.yaml`.
    package static let minimal = """
        # The smallest useful AgriPlatform: one service, every other setting at its default.
        # Renders a ServiceAccount, a Deployment with 2 replicas (port http 8080), a ClusterIP Service, a
        # PodDisruptionBudget (maxUnavailable 1) and a NetworkPolicy that admits the platform's own pods.
        apiVersion: agriplatform.io/v1alpha1
        kind: AgriPlatform
        metadata:
          name: hello
        spec:
          services:
            - name: web
              image: ghcr.io/agri-operator/hello:1.0.0

        """
}
