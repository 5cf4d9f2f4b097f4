/// The built-in resources the test server serves, with the names, scopes and subresources of Kubernetes v1.33.
///
/// Optional APIs (Gateway API, VPA, Prometheus Operator) are deliberately absent: they appear only when their
/// CustomResourceDefinition is created, which is how clients detect them.
package enum BuiltInResources {
    private static let all = ["all"]

    package static let types: [ResourceType] = [
        ResourceType(
            group: "",
            version: "v1",
            kind: "Namespace",
            plural: "namespaces",
            namespaced: false,
            shortNames: ["ns"],
            subresources: ["status"]
        ),
        ResourceType(group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", shortNames: ["cm"]),
        ResourceType(group: "", version: "v1", kind: "Secret", plural: "secrets"),
        ResourceType(
            group: "",
            version: "v1",
            kind: "Service",
            plural: "services",
            shortNames: ["svc"],
            categories: all,
            subresources: ["status"]
        ),
        ResourceType(group: "", version: "v1", kind: "ServiceAccount", plural: "serviceaccounts", shortNames: ["sa"]),
        ResourceType(
            group: "",
            version: "v1",
            kind: "Pod",
            plural: "pods",
            shortNames: ["po"],
            categories: all,
            subresources: ["status"]
        ),
        ResourceType(
            group: "",
            version: "v1",
            kind: "PersistentVolumeClaim",
            plural: "persistentvolumeclaims",
            shortNames: ["pvc"],
            subresources: ["status"]
        ),
        ResourceType(group: "", version: "v1", kind: "Event", plural: "events", shortNames: ["ev"]),
        ResourceType(group: "events.k8s.io", version: "v1", kind: "Event", plural: "events", shortNames: ["ev"]),
        ResourceType(
            group: "apps",
            version: "v1",
            kind: "Deployment",
            plural: "deployments",
            shortNames: ["deploy"],
            categories: all,
            subresources: ["status", "scale"]
        ),
        ResourceType(
            group: "apps",
            version: "v1",
            kind: "StatefulSet",
            plural: "statefulsets",
            shortNames: ["sts"],
            categories: all,
            subresources: ["status", "scale"]
        ),
        ResourceType(
            group: "apps",
            version: "v1",
            kind: "ReplicaSet",
            plural: "replicasets",
            shortNames: ["rs"],
            categories: all,
            subresources: ["status", "scale"]
        ),
        ResourceType(
            group: "autoscaling",
            version: "v2",
            kind: "HorizontalPodAutoscaler",
            plural: "horizontalpodautoscalers",
            shortNames: ["hpa"],
            categories: all,
            subresources: ["status"]
        ),
        ResourceType(
            group: "policy",
            version: "v1",
            kind: "PodDisruptionBudget",
            plural: "poddisruptionbudgets",
            shortNames: ["pdb"],
            subresources: ["status"]
        ),
        ResourceType(
            group: "networking.k8s.io",
            version: "v1",
            kind: "NetworkPolicy",
            plural: "networkpolicies",
            shortNames: ["netpol"]
        ),
        ResourceType(
            group: "networking.k8s.io",
            version: "v1",
            kind: "Ingress",
            plural: "ingresses",
            shortNames: ["ing"],
            subresources: ["status"]
        ),
        ResourceType(
            group: "batch",
            version: "v1",
            kind: "Job",
            plural: "jobs",
            categories: all,
            subresources: ["status"]
        ),
        ResourceType(
            group: "batch",
            version: "v1",
            kind: "CronJob",
            plural: "cronjobs",
            shortNames: ["cj"],
            categories: all,
            subresources: ["status"]
        ),
        ResourceType(group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases"),
        ResourceType(group: "rbac.authorization.k8s.io", version: "v1", kind: "Role", plural: "roles"),
        ResourceType(group: "rbac.authorization.k8s.io", version: "v1", kind: "RoleBinding", plural: "rolebindings"),
        ResourceType(
            group: "rbac.authorization.k8s.io",
            version: "v1",
            kind: "ClusterRole",
            plural: "clusterroles",
            namespaced: false
        ),
        ResourceType(
            group: "rbac.authorization.k8s.io",
            version: "v1",
            kind: "ClusterRoleBinding",
            plural: "clusterrolebindings",
            namespaced: false
        ),
        ResourceType(
            group: "apiextensions.k8s.io",
            version: "v1",
            kind: "CustomResourceDefinition",
            plural: "customresourcedefinitions",
            namespaced: false,
            shortNames: ["crd", "crds"],
            subresources: ["status"]
        ),
    ]

    /// Group names in the order `/apis` lists them.
    package static let groupOrder: [String] = [
        "apps", "events.k8s.io", "autoscaling", "batch", "policy", "networking.k8s.io", "coordination.k8s.io",
        "apiextensions.k8s.io",
    ]
}
