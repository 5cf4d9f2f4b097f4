public import AgriPlatformAPI

/// The names of the objects a service's release adds beside its stable ones.
///
/// The stable Deployment, the Service, the Ingress and the HTTPRoute are `<platform>-<service>`; a candidate
/// Deployment and its Service are `<platform>-<service>-canary` or `-preview`, and so is the NGINX canary Ingress.
public enum ReleaseNames {
    /// `<platform>-<service>`: the stable Deployment, the Service, the Ingress and the HTTPRoute.
    public static func stable(platform: String, service: String) -> String {
        "\(platform)-\(service)"
    }

    /// `<platform>-<service>-canary` or `-preview`: the candidate Deployment and its Service.
    public static func candidate(platform: String, service: String, role: ReleaseShape.Role) -> String {
        candidate(stable(platform: platform, service: service), role: role)
    }

    /// The candidate name for the stable name `fullName`.
    static func candidate(_ fullName: String, role: ReleaseShape.Role) -> String {
        "\(fullName)-\(role.rawValue)"
    }

    /// The candidate role `service`'s strategy releases with: `canary` for Canary, `preview` for BlueGreen, none
    /// for Rolling.
    public static func candidateRole(of service: PlatformService) -> ReleaseShape.Role? {
        switch service.rollout?.strategy ?? Defaults.Rollout.strategy {
        case .canary: .canary
        case .blueGreen: .preview
        default: nil
        }
    }
}
