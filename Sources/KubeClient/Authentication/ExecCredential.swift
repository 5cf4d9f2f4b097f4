import Foundation
import KubeCore

/// The `ExecCredential` object exchanged with a credential plugin (`client.authentication.k8s.io/v1` and
/// `v1beta1`, which share this shape): the client sends `spec` in `KUBERNETES_EXEC_INFO`, the plugin prints
/// `status` on standard output.
///
/// See <https://kubernetes.io/docs/reference/config-api/client-authentication.v1/>.
package struct ExecCredential: Codable, Sendable, Hashable {
    package struct Spec: Codable, Sendable, Hashable {
        package var interactive: Bool
        package var cluster: ExecClusterInfo?
    }

    package struct Status: Codable, Sendable, Hashable {
        /// RFC 3339; absent means the credential does not expire (until a `401`).
        package var expirationTimestamp: String?
        package var token: String?
        /// PEM client certificate.
        package var clientCertificateData: String?
        /// PEM private key.
        package var clientKeyData: String?
    }

    package var apiVersion: String?
    package var kind: String?
    package var spec: Spec?
    package var status: Status?
}

/// The cluster part of `KUBERNETES_EXEC_INFO`, sent when `provideClusterInfo` is true. Keys are spelled as in a
/// kubeconfig; `certificate-authority-data` is base64 of the PEM.
package struct ExecClusterInfo: Codable, Sendable, Hashable {
    package var server: String
    package var tlsServerName: String?
    package var insecureSkipTLSVerify: Bool?
    package var certificateAuthorityData: String?

    package init(_ configuration: ClientConfiguration) {
        server = configuration.server.absoluteString
        tlsServerName = configuration.tlsServerName
        insecureSkipTLSVerify = configuration.insecureSkipTLSVerify ? true : nil
        certificateAuthorityData = configuration.certificateAuthorityPEM.map { Data($0.utf8).base64EncodedString() }
    }

    private enum CodingKeys: String, CodingKey {
        case server
        case tlsServerName = "tls-server-name"
        case insecureSkipTLSVerify = "insecure-skip-tls-verify"
        case certificateAuthorityData = "certificate-authority-data"
    }
}
