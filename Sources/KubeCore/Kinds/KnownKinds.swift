/// Every object type KubeCore models, for discovery documents, registries and table tests.
///
/// Add a new kind here when you add its file under `Kinds/`.
public enum KnownKinds {
    /// The typed kinds, core group first, then by group name.
    public static let all: [any KubernetesObject.Type] = [
        ConfigMap.self,
        Namespace.self,
        PersistentVolumeClaim.self,
        Pod.self,
        Secret.self,
        Service.self,
        ServiceAccount.self,
        CustomResourceDefinition.self,
        Deployment.self,
        ReplicaSet.self,
        StatefulSet.self,
        HorizontalPodAutoscaler.self,
        VerticalPodAutoscaler.self,
        CronJob.self,
        Job.self,
        Lease.self,
        Event.self,
        HTTPRoute.self,
        PodMonitor.self,
        PrometheusRule.self,
        ServiceMonitor.self,
        Ingress.self,
        NetworkPolicy.self,
        PodDisruptionBudget.self,
        Role.self,
        RoleBinding.self,
    ]
}
