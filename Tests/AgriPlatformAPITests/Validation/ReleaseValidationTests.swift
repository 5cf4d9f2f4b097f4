import AgriPlatformAPI
import KubeCore
import Testing

@Suite("Validation of release settings: Gateway API routing and candidate names")
struct ReleaseValidationTests {
    static func canary(routing: String?, gateway: CanaryGatewayAPI?) -> Rollout {
        var rollout = Rollout(strategy: .canary)
        var canary = CanaryStrategy(steps: [.setWeight(20)])
        canary.trafficRouting = routing
        canary.gatewayAPI = gateway
        rollout.canary = canary
        return rollout
    }

    static let gateway = CanaryGatewayAPI(
        parentRefs: [GatewayParentRef(name: "public", namespace: "gateways", sectionName: "https")],
        hostnames: ["api.example.com", "*.example.com"]
    )

    static let cases: [InvalidCase] = [
        InvalidCase(
            "Gateway API routing without gatewayAPI",
            [
                "spec.services[0].rollout.canary.gatewayAPI: Required value: gatewayAPI is required with "
                    + "trafficRouting GatewayAPI"
            ]
        ) { $0.spec.services[0].rollout = canary(routing: "GatewayAPI", gateway: nil) },
        InvalidCase(
            "gatewayAPI with replica-ratio routing",
            [
                "spec.services[0].rollout.canary.gatewayAPI: Forbidden: gatewayAPI is only valid with "
                    + "trafficRouting GatewayAPI"
            ]
        ) { $0.spec.services[0].rollout = canary(routing: nil, gateway: gateway) },
        InvalidCase(
            "gatewayAPI without parents and with a bad host",
            [
                "spec.services[0].rollout.canary.gatewayAPI.parentRefs: Required value: at least one parent "
                    + "Gateway is required",
                "spec.services[0].rollout.canary.gatewayAPI.hostnames[0]: Invalid value: \"API.example.com\": "
                    + "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
                    + "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
                    + "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            ]
        ) {
            $0.spec.services[0].rollout = canary(
                routing: "GatewayAPI",
                gateway: CanaryGatewayAPI(parentRefs: [], hostnames: ["API.example.com"])
            )
        },
        InvalidCase(
            "a bad Gateway namespace",
            [
                "spec.services[0].rollout.canary.gatewayAPI.parentRefs[0].namespace: Invalid value: \"Gateways\": "
                    + "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
                    + "must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used "
                    + "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
            ]
        ) {
            $0.spec.services[0].rollout = canary(
                routing: "GatewayAPI",
                gateway: CanaryGatewayAPI(parentRefs: [GatewayParentRef(name: "public", namespace: "Gateways")])
            )
        },
        InvalidCase(
            "a canary Service name over 63 characters",
            [
                "spec.services[0].name: Invalid value: \"\(String(repeating: "a", count: 49))\": the release's "
                    + "Deployment and Service name \"farmers-\(String(repeating: "a", count: 49))-canary\" "
                    + "(<platform>-<service>-canary) must be no more than 63 characters"
            ]
        ) {
            $0.spec.services[0].name = String(repeating: "a", count: 49)
            $0.spec.services[0].rollout = canary(routing: nil, gateway: nil)
        },
        InvalidCase(
            "a preview Service name over 63 characters",
            [
                "spec.services[0].name: Invalid value: \"\(String(repeating: "a", count: 49))\": the release's "
                    + "Deployment and Service name \"farmers-\(String(repeating: "a", count: 49))-preview\" "
                    + "(<platform>-<service>-preview) must be no more than 63 characters"
            ]
        ) {
            $0.spec.services[0].name = String(repeating: "a", count: 49)
            $0.spec.services[0].rollout = Rollout(strategy: .blueGreen)
        },
    ]

    @Test("An invalid release setting reports exactly the expected errors", arguments: cases)
    func invalid(_ testCase: InvalidCase) {
        var platform = AgriPlatformSamples.valid
        platform.spec.services[0].uses = nil
        platform.spec.datastores = nil
        testCase.mutate(&platform)
        #expect(platform.validate().map(\.description) == testCase.expected)
    }

    @Test("Gateway API routing with parents is valid, and a Rolling service may use the longest name")
    func valid() {
        var platform = AgriPlatformSamples.valid
        platform.spec.services[0].rollout = Self.canary(routing: "GatewayAPI", gateway: Self.gateway)
        #expect(platform.validate().map(\.description) == [])
        platform.spec.services[0].name = String(repeating: "a", count: 63 - "farmers-".count)
        platform.spec.services[0].rollout = Rollout(strategy: .rolling)
        #expect(platform.validate().map(\.description) == [])
    }
}
