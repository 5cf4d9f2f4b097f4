import Foundation
import KubeCore
import Testing

@Suite("Workload round trips")
struct WorkloadRoundTripTests {
    static let created = Time(Date(timeIntervalSince1970: 1_772_359_200))

    /// A pod template that sets at least one field of every shared sub-type.
    static let template = PodTemplateSpec(
        metadata: ObjectMeta(labels: ["app": "orders"], annotations: ["checksum/config": "abc123"]),
        spec: PodSpec(
            volumes: [
                Volume(
                    name: "config",
                    configMap: ConfigMapVolumeSource(
                        name: "orders-config",
                        items: [KeyToPath(key: "app.yaml", path: "app.yaml", mode: 0o400)],
                        defaultMode: 0o644,
                        optional: false
                    )
                ),
                Volume(name: "tls", secret: SecretVolumeSource(secretName: "orders-tls")),
                Volume(name: "cache", emptyDir: EmptyDirVolumeSource(medium: "Memory", sizeLimit: "64Mi")),
                Volume(name: "data", persistentVolumeClaim: PersistentVolumeClaimVolumeSource(claimName: "data")),
                Volume(name: "token", projected: ["sources": [["serviceAccountToken": ["path": "token"]]]]),
            ],
            initContainers: [
                Container(name: "migrate", image: "ghcr.io/agri/orders:1.4.2", command: ["/migrate"], args: ["up"])
            ],
            containers: [
                Container(
                    name: "orders",
                    image: "ghcr.io/agri/orders:1.4.2",
                    workingDir: "/app",
                    ports: [ContainerPort(name: "http", containerPort: 8080, protocol: "TCP")],
                    envFrom: [
                        EnvFromSource(prefix: "CFG_", configMapRef: ConfigMapEnvSource(name: "orders-env")),
                        EnvFromSource(secretRef: SecretEnvSource(name: "orders-secrets", optional: true)),
                    ],
                    env: [
                        EnvVar(name: "MODE", value: "production"),
                        EnvVar(
                            name: "POD_IP",
                            valueFrom: EnvVarSource(fieldRef: ObjectFieldSelector(fieldPath: "status.podIP"))
                        ),
                        EnvVar(
                            name: "MEMORY_LIMIT",
                            valueFrom: EnvVarSource(
                                resourceFieldRef: ResourceFieldSelector(
                                    containerName: "orders",
                                    resource: "limits.memory",
                                    divisor: "1Mi"
                                )
                            )
                        ),
                        EnvVar(
                            name: "FEATURES",
                            valueFrom: EnvVarSource(
                                configMapKeyRef: ConfigMapKeySelector(name: "flags", key: "features")
                            )
                        ),
                    ],
                    resources: ResourceRequirements(
                        limits: ["cpu": "1", "memory": "512Mi"],
                        requests: ["cpu": "250m", "memory": "256Mi"]
                    ),
                    volumeMounts: [
                        VolumeMount(name: "config", mountPath: "/etc/orders", readOnly: true),
                        VolumeMount(name: "data", mountPath: "/data", subPath: "orders"),
                    ],
                    livenessProbe: Probe(
                        httpGet: HTTPGetAction(
                            path: "/healthz",
                            port: "http",
                            scheme: "HTTP",
                            httpHeaders: [HTTPHeader(name: "X-Probe", value: "1")]
                        ),
                        initialDelaySeconds: 5,
                        periodSeconds: 10,
                        failureThreshold: 3
                    ),
                    readinessProbe: Probe(tcpSocket: TCPSocketAction(port: 8080), timeoutSeconds: 2),
                    startupProbe: Probe(exec: ExecAction(command: ["/bin/ready"]), failureThreshold: 30),
                    lifecycle: Lifecycle(preStop: LifecycleHandler(sleep: SleepAction(seconds: 5))),
                    imagePullPolicy: "IfNotPresent",
                    securityContext: SecurityContext(
                        capabilities: Capabilities(drop: ["ALL"]),
                        runAsUser: 1000,
                        runAsNonRoot: true,
                        readOnlyRootFilesystem: true,
                        allowPrivilegeEscalation: false,
                        seccompProfile: SeccompProfile(type: "RuntimeDefault")
                    )
                )
            ],
            restartPolicy: "Always",
            terminationGracePeriodSeconds: 45,
            nodeSelector: ["kubernetes.io/os": "linux"],
            serviceAccountName: "orders",
            securityContext: PodSecurityContext(
                runAsGroup: 3000,
                supplementalGroups: [4000],
                fsGroup: 2000,
                sysctls: [Sysctl(name: "net.ipv4.tcp_keepalive_time", value: "600")],
                fsGroupChangePolicy: "OnRootMismatch"
            ),
            imagePullSecrets: [LocalObjectReference(name: "ghcr")],
            affinity: Affinity(
                nodeAffinity: NodeAffinity(
                    requiredDuringSchedulingIgnoredDuringExecution: NodeSelector(nodeSelectorTerms: [
                        NodeSelectorTerm(matchExpressions: [
                            NodeSelectorRequirement(
                                key: "node.kubernetes.io/instance-type",
                                operator: "In",
                                values: ["m5.large"]
                            )
                        ])
                    ]),
                    preferredDuringSchedulingIgnoredDuringExecution: [
                        PreferredSchedulingTerm(
                            weight: 10,
                            preference: NodeSelectorTerm(matchExpressions: [
                                NodeSelectorRequirement(key: "spot", operator: "DoesNotExist")
                            ])
                        )
                    ]
                ),
                podAffinity: PodAffinity(requiredDuringSchedulingIgnoredDuringExecution: [
                    PodAffinityTerm(
                        labelSelector: LabelSelector(matchLabels: ["app": "cache"]),
                        topologyKey: "topology.kubernetes.io/zone"
                    )
                ]),
                podAntiAffinity: PodAntiAffinity(preferredDuringSchedulingIgnoredDuringExecution: [
                    WeightedPodAffinityTerm(
                        weight: 100,
                        podAffinityTerm: PodAffinityTerm(
                            labelSelector: LabelSelector(matchExpressions: [
                                LabelSelectorRequirement(key: "app", operator: .in, values: ["orders"])
                            ]),
                            topologyKey: "kubernetes.io/hostname",
                            matchLabelKeys: ["pod-template-hash"]
                        )
                    )
                ])
            ),
            tolerations: [Toleration(key: "dedicated", operator: "Equal", value: "shop", effect: "NoSchedule")],
            priorityClassName: "shop-critical",
            readinessGates: [PodReadinessGate(conditionType: "agri.io/canary-ready")],
            topologySpreadConstraints: [
                TopologySpreadConstraint(
                    maxSkew: 1,
                    topologyKey: "topology.kubernetes.io/zone",
                    whenUnsatisfiable: "DoNotSchedule",
                    labelSelector: LabelSelector(matchLabels: ["app": "orders"]),
                    minDomains: 2
                )
            ],
            os: PodOS(name: "linux")
        )
    )

    static let deployment = Deployment(
        metadata: ObjectMeta(
            name: "orders",
            namespace: "shop",
            uid: "0b6f0a8c",
            resourceVersion: "42",
            generation: 7,
            creationTimestamp: created,
            labels: ["app": "orders"],
            ownerReferences: [
                OwnerReference(
                    apiVersion: "platform.agri.io/v1alpha1",
                    kind: "AgriPlatform",
                    name: "shop",
                    uid: "8d1f",
                    controller: true
                )
            ]
        ),
        spec: DeploymentSpec(
            replicas: 3,
            selector: LabelSelector(matchLabels: ["app": "orders"]),
            template: template,
            strategy: DeploymentStrategy(
                type: "RollingUpdate",
                rollingUpdate: RollingUpdateDeployment(maxUnavailable: 0, maxSurge: "25%")
            ),
            minReadySeconds: 10,
            revisionHistoryLimit: 5,
            paused: false,
            progressDeadlineSeconds: 300
        ),
        status: DeploymentStatus(
            observedGeneration: 7,
            replicas: 4,
            updatedReplicas: 1,
            readyReplicas: 3,
            availableReplicas: 3,
            unavailableReplicas: 1,
            terminatingReplicas: 0,
            conditions: [
                DeploymentCondition(
                    type: "Progressing",
                    status: "True",
                    lastUpdateTime: created,
                    lastTransitionTime: created,
                    reason: "ReplicaSetUpdated",
                    message: "ReplicaSet \"orders-7c9d8f6b5\" is progressing."
                )
            ],
            collisionCount: 1
        )
    )

    static let statefulSet = StatefulSet(
        metadata: ObjectMeta(name: "mongo", namespace: "shop", generation: 3),
        spec: StatefulSetSpec(
            replicas: 3,
            selector: LabelSelector(matchLabels: ["app": "mongo"]),
            template: template,
            volumeClaimTemplates: [
                PersistentVolumeClaim(
                    metadata: ObjectMeta(name: "data", labels: ["app": "mongo"]),
                    spec: PersistentVolumeClaimSpec(
                        accessModes: ["ReadWriteOnce"],
                        resources: VolumeResourceRequirements(requests: ["storage": "10Gi"]),
                        storageClassName: "fast",
                        volumeMode: "Filesystem",
                        dataSource: TypedLocalObjectReference(
                            apiGroup: "snapshot.storage.k8s.io",
                            kind: "VolumeSnapshot",
                            name: "seed"
                        )
                    )
                )
            ],
            serviceName: "mongo-headless",
            podManagementPolicy: "OrderedReady",
            updateStrategy: StatefulSetUpdateStrategy(
                type: "RollingUpdate",
                rollingUpdate: RollingUpdateStatefulSetStrategy(partition: 2, maxUnavailable: "50%")
            ),
            revisionHistoryLimit: 4,
            minReadySeconds: 15,
            persistentVolumeClaimRetentionPolicy: StatefulSetPersistentVolumeClaimRetentionPolicy(
                whenDeleted: "Delete",
                whenScaled: "Retain"
            ),
            ordinals: StatefulSetOrdinals(start: 1)
        ),
        status: StatefulSetStatus(
            observedGeneration: 3,
            replicas: 3,
            readyReplicas: 2,
            currentReplicas: 2,
            updatedReplicas: 1,
            availableReplicas: 2,
            currentRevision: "mongo-6d5f7b8c9",
            updateRevision: "mongo-7e6a8c9d0",
            collisionCount: 0,
            conditions: [Condition(type: "Ready", status: "False", lastTransitionTime: created, reason: "Updating")]
        )
    )

    @Test("A fully populated Deployment survives encode and decode unchanged")
    func deploymentRoundTrip() throws {
        let data = try KubeJSON.encode(Self.deployment)
        let decoded = try KubeJSON.decode(Deployment.self, from: data)
        #expect(decoded == Self.deployment)
        #expect(try JSONValue(parsing: data).nullPaths() == [])
    }

    @Test("A fully populated StatefulSet survives encode and decode unchanged")
    func statefulSetRoundTrip() throws {
        let data = try KubeJSON.encode(Self.statefulSet)
        let decoded = try KubeJSON.decode(StatefulSet.self, from: data)
        #expect(decoded == Self.statefulSet)
        #expect(try JSONValue(parsing: data).nullPaths() == [])
    }

    @Test("Percent-like fields encode as the integer or string they were given")
    func intOrStringFields() throws {
        let json = try JSONValue(encoding: Self.deployment)
        #expect(json[path: ["spec", "strategy", "rollingUpdate", "maxSurge"]] == "25%")
        #expect(json[path: ["spec", "strategy", "rollingUpdate", "maxUnavailable"]] == 0)
        let probePort = json[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?[
            path: ["livenessProbe", "httpGet", "port"]
        ]
        #expect(probePort == "http")
        let claim = try JSONValue(encoding: Self.statefulSet)[path: ["spec", "volumeClaimTemplates"]]?.arrayValue?.first
        #expect(claim?["apiVersion"] == "v1")
        #expect(claim?["kind"] == "PersistentVolumeClaim")
    }
}
