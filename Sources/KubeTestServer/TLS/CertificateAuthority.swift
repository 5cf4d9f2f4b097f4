import Crypto
package import Foundation
import SwiftASN1
import X509

/// A throwaway certificate authority generated at server start: a self-signed P-256 CA, a server certificate for
/// `127.0.0.1`, `::1` and `localhost` signed by it, and (on request) client certificates for TLS client auth.
package struct CertificateAuthority: Sendable {
    /// A certificate and its private key, both PEM.
    package struct Identity: Sendable {
        package var certificatePEM: String
        package var privateKeyPEM: String
    }

    package let certificatePEM: String
    private let certificate: Certificate
    private let privateKey: P256.Signing.PrivateKey

    /// Generates a new CA valid from an hour ago for ten years.
    package init(commonName: String = "kube-test-server-ca", now: Date = Date()) throws {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName(commonName) }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(10 * 365 * 86400),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true))
                SubjectKeyIdentifier(hash: Certificate.PublicKey(key.publicKey))
            },
            issuerPrivateKey: .init(key)
        )
        self.certificate = certificate
        self.privateKey = key
        self.certificatePEM = try certificate.serializeAsPEM().pemString
    }

    /// A server certificate for the loopback addresses and `localhost`.
    package func makeServerIdentity(now: Date = Date()) throws -> Identity {
        try issue(
            commonName: "kube-apiserver",
            organization: nil,
            usage: [.serverAuth],
            alternativeNames: [
                .dnsName("localhost"),
                .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
                .ipAddress(ASN1OctetString(contentBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])),
            ],
            now: now
        )
    }

    /// A client certificate whose subject names the user (CN) and groups (O), as Kubernetes reads them.
    package func makeClientIdentity(user: String, groups: [String] = [], now: Date = Date()) throws -> Identity {
        try issue(commonName: user, organization: groups.first, usage: [.clientAuth], alternativeNames: [], now: now)
    }

    private func issue(
        commonName: String,
        organization: String?,
        usage: [ExtendedKeyUsage.Usage],
        alternativeNames: [GeneralName],
        now: Date
    ) throws -> Identity {
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName {
            if let organization { OrganizationName(organization) }
            CommonName(commonName)
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(10 * 365 * 86400),
            issuer: self.certificate.subject,
            subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage(usage)
                if !alternativeNames.isEmpty { SubjectAlternativeNames(alternativeNames) }
            },
            issuerPrivateKey: .init(privateKey)
        )
        return Identity(
            certificatePEM: try certificate.serializeAsPEM().pemString,
            privateKeyPEM: key.pemRepresentation
        )
    }
}
