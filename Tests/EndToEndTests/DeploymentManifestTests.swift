import AgriPlatformReconciler
import Foundation
import KubeCore
import KubeTestServer
import Testing

/// The ways users install the operator — the Helm chart in `charts/agri-operator` and the kustomize configuration in
/// `config/` — rendered by the real `helm` and `kubectl`, held to the permissions the code declares
/// (``OperatorPermissions``), and applied with a server-side dry run against the test API server.
@Suite("Install manifests: the Helm chart, config/ and the generated RBAC", .timeLimit(.minutes(3)))
struct DeploymentManifestTests {
    /// The files generated from ``OperatorPermissions`` and their content.
    static var generatedFiles: [(path: String, text: String)] {
        let header = OperatorPermissions.header + "\n"
        var leaderElectionRole = OperatorPermissions.leaderElectionRole(name: "leader-election-role")
        leaderElectionRole[path: ["metadata", "namespace"]] = "system"
        return [
            (
                "config/rbac/role.yaml",
                header + OperatorPermissions.clusterRole(name: "manager-role").yamlDocument()
            ),
            ("config/rbac/leader_election_role.yaml", header + leaderElectionRole.yamlDocument()),
            (
                "charts/agri-operator/files/rbac/operator-rules.yaml",
                header + OperatorPermissions.rulesJSON(OperatorPermissions.watchedNamespaceRules).yamlDocument()
            ),
            (
                "charts/agri-operator/files/rbac/leader-election-rules.yaml",
                header + OperatorPermissions.rulesJSON(OperatorPermissions.leaderElectionRules).yamlDocument()
            ),
        ]
    }

    static let operatorGrants = YAMLDocuments.grants(
        OperatorPermissions.rulesJSON(OperatorPermissions.watchedNamespaceRules)
    )
    static let leaseGrants = YAMLDocuments.grants(
        OperatorPermissions.rulesJSON(OperatorPermissions.leaderElectionRules)
    )

    @Test("The committed RBAC files equal the operator's declared permissions (AGRI_UPDATE_MANIFESTS=1 rewrites them)")
    func generatedRBACHasNotDrifted() throws {
        let update = ProcessInfo.processInfo.environment["AGRI_UPDATE_MANIFESTS"] == "1"
        for file in Self.generatedFiles {
            let url = PackageFiles.root.appendingPathComponent(file.path)
            if update { try Data(file.text.utf8).write(to: url) }
            let committed = try? String(contentsOf: url, encoding: .utf8)
            #expect(
                committed == file.text,
                """
                \(file.path) differs from what OperatorPermissions generates: run AGRI_UPDATE_MANIFESTS=1 swift test \
                --filter DeploymentManifestTests and review the diff.
                """
            )
        }
    }

    @Test("The permissions need no update, no get on cached kinds, and never write an AgriPlatform's spec")
    func permissionsAreLeastPrivilege() {
        #expect(!Self.operatorGrants.contains { $0.hasSuffix("|update") })
        #expect(!Self.operatorGrants.contains("agriplatform.io|agriplatforms|patch"))
        #expect(!Self.operatorGrants.contains("apps|deployments|get"))
        #expect(Self.operatorGrants.contains("agriplatform.io|agriplatforms/status|patch"))
        #expect(Self.operatorGrants.contains("apps|deployments|create"), "server-side apply that creates needs create")
        #expect(
            Self.leaseGrants == [
                "coordination.k8s.io|leases|get", "coordination.k8s.io|leases|create",
                "coordination.k8s.io|leases|update",
            ]
        )
    }

    @Test("docs/operations.md lists every permission with its verbs")
    func operationsDocListsThePermissions() throws {
        let text = try String(
            contentsOf: PackageFiles.root.appendingPathComponent("docs/operations.md"),
            encoding: .utf8
        )
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| `") }
        for permission in OperatorPermissions.all where permission.scope == .watchedNamespaces {
            let group = permission.group.isEmpty ? "`\"\"` (core)" : "`\(permission.group)`"
            let resources = permission.resources.map { "`\($0)`" }.joined(separator: ", ")
            let row = "| \(group) | \(resources) | \(permission.verbs.joined(separator: ", ")) |"
            #expect(rows.contains { $0.hasPrefix(row) }, "docs/operations.md has no RBAC row \(row)")
        }
    }

    static let lintVariants: [[String]] = [
        [],
        ["replicaCount=3"],
        ["watchNamespace=farmers", "leaderElection.enabled=true"],
        ["serviceAccount.create=false", "serviceAccount.name=existing", "rbac.create=false"],
    ]

    @Test("helm lint --strict passes", arguments: lintVariants)
    func helmLint(settings: [String]) async throws {
        var arguments = ["lint", "--strict", "charts/agri-operator"]
        for setting in settings { arguments += ["--set", setting] }
        try await Helm().succeed(arguments)
    }

    @Test("By default the chart grants exactly the declared permissions in a ClusterRole, and no leader election Role")
    func defaultInstallIsClusterWide() async throws {
        let documents = try YAMLDocuments.parse(try await Helm().template())
        let clusterRoles = YAMLDocuments.objects(documents, kind: "ClusterRole").filter {
            $0[path: ["metadata", "name"]]?.stringValue == "agri-agri-operator-manager"
        }
        #expect(clusterRoles.count == 1)
        #expect(YAMLDocuments.grants(clusterRoles.first?["rules"]) == Self.operatorGrants)
        let binding = try #require(YAMLDocuments.objects(documents, kind: "ClusterRoleBinding").first)
        #expect(binding[path: ["subjects"]]?.arrayValue?.first?["namespace"]?.stringValue == "agri-system")
        #expect(YAMLDocuments.objects(documents, kind: "Role").isEmpty)
        #expect(YAMLDocuments.objects(documents, kind: "PodDisruptionBudget").isEmpty)

        let deployment = try #require(YAMLDocuments.objects(documents, kind: "Deployment").first)
        #expect(deployment[path: ["spec", "strategy", "type"]]?.stringValue == "Recreate")
        let args = deployment[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["args"]
        #expect(args?.arrayValue?.contains("--leader-elect") == false)
        #expect(args?.arrayValue?.first == "run")
    }

    @Test("With watchNamespace the chart grants the permissions in a Role in that namespace, and no ClusterRole")
    func singleNamespaceInstall() async throws {
        let documents = try YAMLDocuments.parse(try await Helm().template(["watchNamespace=farmers"]))
        let managerRoles = YAMLDocuments.objects(documents, kind: "Role")
        #expect(managerRoles.count == 1)
        #expect(managerRoles.first?[path: ["metadata", "namespace"]]?.stringValue == "farmers")
        #expect(YAMLDocuments.grants(managerRoles.first?["rules"]) == Self.operatorGrants)
        let clusterRoleNames = YAMLDocuments.objects(documents, kind: "ClusterRole").compactMap {
            $0[path: ["metadata", "name"]]?.stringValue
        }
        #expect(!clusterRoleNames.contains("agri-agri-operator-manager"))
        #expect(YAMLDocuments.objects(documents, kind: "ClusterRoleBinding").isEmpty)
        let container = try #require(
            YAMLDocuments.objects(documents, kind: "Deployment").first?[path: [
                "spec", "template", "spec",
                "containers",
            ]]?.arrayValue?.first
        )
        let watch = container["env"]?.arrayValue?.first { $0["name"] == "WATCH_NAMESPACE" }
        #expect(watch?["value"]?.stringValue == "farmers")
    }

    @Test("More than one replica turns leader election on, with its Role, a rolling update and a disruption budget")
    func replicasEnableLeaderElection() async throws {
        let documents = try YAMLDocuments.parse(try await Helm().template(["replicaCount=2"]))
        let role = try #require(YAMLDocuments.objects(documents, kind: "Role").first)
        #expect(role[path: ["metadata", "namespace"]]?.stringValue == "agri-system")
        #expect(YAMLDocuments.grants(role["rules"]) == Self.leaseGrants)
        #expect(YAMLDocuments.objects(documents, kind: "RoleBinding").count == 1)
        let deployment = try #require(YAMLDocuments.objects(documents, kind: "Deployment").first)
        #expect(deployment[path: ["spec", "strategy", "type"]]?.stringValue == "RollingUpdate")
        #expect(deployment[path: ["spec", "strategy", "rollingUpdate", "maxUnavailable"]] == 0)
        let args = deployment[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["args"]
        #expect(args?.arrayValue?.contains("--leader-elect") == true)
        #expect(YAMLDocuments.objects(documents, kind: "PodDisruptionBudget").count == 1)

        let explicitOff = try YAMLDocuments.parse(
            try await Helm().template(["replicaCount=2", "leaderElection.enabled=false"])
        )
        #expect(YAMLDocuments.objects(explicitOff, kind: "Role").isEmpty)
    }

    @Test("The pod runs as non-root, read-only, without capabilities, with the runtime's seccomp profile and probes")
    func podIsHardened() async throws {
        let documents = try YAMLDocuments.parse(try await Helm().template())
        let pod = try #require(
            YAMLDocuments.objects(documents, kind: "Deployment").first?[path: [
                "spec", "template",
                "spec",
            ]]
        )
        #expect(pod[path: ["securityContext", "runAsNonRoot"]] == true)
        #expect(pod[path: ["securityContext", "seccompProfile", "type"]] == "RuntimeDefault")
        let container = try #require(pod["containers"]?.arrayValue?.first)
        #expect(container[path: ["securityContext", "readOnlyRootFilesystem"]] == true)
        #expect(container[path: ["securityContext", "allowPrivilegeEscalation"]] == false)
        #expect(container[path: ["securityContext", "capabilities", "drop"]] == ["ALL"])
        #expect(container[path: ["livenessProbe", "httpGet", "path"]] == "/healthz")
        #expect(container[path: ["readinessProbe", "httpGet", "path"]] == "/readyz")
        #expect(container["image"] == "ghcr.io/agri-operator/agri-operator:0.1.0")
    }

    @Test("With monitoring on, the chart adds a ServiceMonitor on its metrics Service, its alerts and its dashboard")
    func monitoringObjects() async throws {
        let documents = try YAMLDocuments.parse(
            try await Helm().template([
                "metrics.serviceMonitor.enabled=true", "metrics.prometheusRule.enabled=true",
                "metrics.grafanaDashboard.enabled=true", "metrics.serviceMonitor.labels.release=prometheus",
            ])
        )
        let monitor = try #require(YAMLDocuments.objects(documents, kind: "ServiceMonitor").first)
        #expect(monitor[path: ["metadata", "labels", "release"]] == "prometheus")
        let service = try #require(YAMLDocuments.objects(documents, kind: "Service").first)
        let selector = monitor[path: ["spec", "selector", "matchLabels"]]?.objectValue ?? [:]
        #expect(!selector.isEmpty)
        for (key, value) in selector {
            #expect(service[path: ["metadata", "labels", key]] == value, "the ServiceMonitor does not select \(key)")
        }
        #expect(monitor[path: ["spec", "endpoints"]]?.arrayValue?.first?["port"] == "metrics")

        let rule = try #require(YAMLDocuments.objects(documents, kind: "PrometheusRule").first)
        let alerts = (rule[path: ["spec", "groups"]]?.arrayValue ?? []).flatMap { $0["rules"]?.arrayValue ?? [] }
            .compactMap { $0["alert"]?.stringValue }
        #expect(alerts.contains("AgriOperatorReconcileErrors"))

        let dashboard = try #require(
            YAMLDocuments.objects(documents, kind: "ConfigMap").first {
                $0[path: ["metadata", "labels", "grafana_dashboard"]] == "1"
            }
        )
        let json = try #require(dashboard[path: ["data", "agri-operator.json"]]?.stringValue)
        let parsed = try KubeJSON.decode(JSONValue.self, from: Data(json.utf8))
        #expect(parsed["panels"]?.arrayValue?.isEmpty == false)
    }

    static let rejectedValues: [(setting: String, message: String)] = [
        ("replicaCount=0", "replicaCount"),
        ("operator.logFormat=xml", "logFormat"),
        ("watchNamespace=Not_A_Namespace", "watchNamespace"),
        ("replicas=2", "replicas"),
    ]

    @Test("values.schema.json rejects bad values and unknown keys with the key's name", arguments: rejectedValues)
    func schemaRejects(setting: String, message: String) async throws {
        let result = try await Helm().run([
            "template", "agri", "charts/agri-operator", "--namespace", "agri-system", "--set", setting,
        ])
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("kubectl kustomize config/default renders the CRD, the chart's RBAC and the operator with leader election")
    func kustomizeMatchesTheChart() async throws {
        try await withKubectl { kubectl, _ in
            let documents = try YAMLDocuments.parse(
                try await kubectl.succeed([
                    "kustomize", PackageFiles.root.appendingPathComponent("config/default").path,
                ])
            )
            #expect(YAMLDocuments.objects(documents, kind: "CustomResourceDefinition").count == 1)
            let managerRole = YAMLDocuments.objects(documents, kind: "ClusterRole").first {
                $0[path: ["metadata", "name"]] == "agri-operator-manager-role"
            }
            #expect(YAMLDocuments.grants(managerRole?["rules"]) == Self.operatorGrants)
            let leaseRole = try #require(YAMLDocuments.objects(documents, kind: "Role").first)
            #expect(leaseRole[path: ["metadata", "namespace"]] == "agri-system")
            #expect(YAMLDocuments.grants(leaseRole["rules"]) == Self.leaseGrants)

            let chart = try YAMLDocuments.parse(try await Helm().template())
            for (kustomized, charted) in [
                ("agri-operator-agriplatform-editor", "agri-agri-operator-agriplatform-editor"),
                ("agri-operator-agriplatform-viewer", "agri-agri-operator-agriplatform-viewer"),
            ] {
                let fromConfig = YAMLDocuments.objects(documents, kind: "ClusterRole").first {
                    $0[path: ["metadata", "name"]]?.stringValue == kustomized
                }
                let fromChart = YAMLDocuments.objects(chart, kind: "ClusterRole").first {
                    $0[path: ["metadata", "name"]]?.stringValue == charted
                }
                #expect(fromConfig != nil && fromChart != nil)
                #expect(YAMLDocuments.grants(fromConfig?["rules"]) == YAMLDocuments.grants(fromChart?["rules"]))
                #expect(
                    fromConfig?[path: ["metadata", "labels"]]?.objectValue?.keys.filter { $0.hasPrefix("rbac.") }
                        .sorted()
                        == fromChart?[path: ["metadata", "labels"]]?.objectValue?.keys.filter { $0.hasPrefix("rbac.") }
                        .sorted()
                )
            }

            let deployment = try #require(YAMLDocuments.objects(documents, kind: "Deployment").first)
            #expect(deployment[path: ["metadata", "namespace"]] == "agri-system")
            let container = try #require(
                deployment[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first
            )
            #expect(container["args"]?.arrayValue?.contains("--leader-elect") == true)
            #expect(container["image"] == "ghcr.io/agri-operator/agri-operator:0.1.0")
            let chartContainer = YAMLDocuments.objects(chart, kind: "Deployment").first?[path: [
                "spec", "template",
                "spec", "containers",
            ]]?.arrayValue?.first
            #expect(container["securityContext"] == chartContainer?["securityContext"])
            #expect(container["livenessProbe"] == chartContainer?["livenessProbe"])
            #expect(container["readinessProbe"] == chartContainer?["readinessProbe"])
        }
    }

    @Test("The chart and config/default pass a server-side dry-run apply against the API server")
    func manifestsApplyWithServerSideDryRun() async throws {
        try await withKubectl { kubectl, _ in
            try await kubectl.succeed(["create", "namespace", "agri-system"])
            try await kubectl.succeed(["create", "namespace", "farmers"])
            for settings in [[], ["replicaCount=2", "watchNamespace=farmers"]] {
                let chart = try await Helm().template(settings, includeCRDs: true)
                let output = try await kubectl.succeed(
                    ["apply", "--server-side", "--dry-run=server", "-f", "-"],
                    stdin: chart
                )
                #expect(output.contains("deployment.apps/agri-agri-operator serverside-applied (server dry run)"))
            }
            let kustomized = try await kubectl.succeed([
                "kustomize", PackageFiles.root.appendingPathComponent("config/default").path,
            ])
            let output = try await kubectl.succeed(
                ["apply", "--server-side", "--dry-run=server", "-f", "-"],
                stdin: kustomized
            )
            #expect(output.contains("clusterrole.rbac.authorization.k8s.io/agri-operator-manager-role"))
            let samples = try await kubectl.succeed([
                "kustomize", PackageFiles.root.appendingPathComponent("config/samples").path,
            ])
            #expect(YAMLDocuments.objects(try YAMLDocuments.parse(samples), kind: "AgriPlatform").count >= 6)
        }
    }

    @Test("The README's install commands work: helm install, and kubectl apply --server-side -k config/default")
    func readmeInstallCommands() async throws {
        try await withKubectl { kubectl, _ in
            try await Helm().succeed([
                "install", "agri-operator", "charts/agri-operator", "--namespace", "agri-system", "--create-namespace",
                "--kubeconfig", kubectl.kubeconfig,
            ])
            #expect(try await kubectl.succeed(["get", "crd", "agriplatforms.agriplatform.io", "-o", "name"]) != "")
            let deployment = try await kubectl.succeed([
                "get", "deployment", "agri-operator", "-n", "agri-system", "-o",
                "jsonpath={.spec.template.spec"
                    + ".serviceAccountName}",
            ])
            #expect(deployment == "agri-operator")
            let status = try await Helm().succeed([
                "status", "agri-operator", "--namespace", "agri-system", "--kubeconfig", kubectl.kubeconfig,
            ])
            #expect(status.contains("STATUS: deployed"))
        }
        try await withKubectl { kubectl, _ in
            try await kubectl.succeed([
                "apply", "--server-side", "-k", PackageFiles.root.appendingPathComponent("config/default").path,
            ])
            let names = try await kubectl.succeed(["get", "deployments", "-n", "agri-system", "-o", "name"])
            #expect(names.contains("deployment.apps/agri-operator-controller-manager"))
            let binding = try await kubectl.succeed([
                "get", "clusterrolebinding", "agri-operator-manager-rolebinding", "-o",
                "jsonpath={.subjects[0].namespace}/{.subjects[0].name}",
            ])
            #expect(binding == "agri-system/agri-operator-controller-manager")
        }
    }
}
