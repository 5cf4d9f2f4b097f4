import AgriPlatformAPI
import KubeCore

/// Renders one operated datastore: the common half every engine shares, built around the engine's
/// ``EngineProfile``.
///
/// | Object | Name | What it does |
/// |---|---|---|
/// | ConfigMap | `<platform>-<datastore>-config` | the engine's configuration files, mounted read-only |
/// | Service (headless) | `<platform>-<datastore>-headless` | stable member DNS; peers find each other |
/// | Service | `<platform>-<datastore>` | what services connect to (client ports only) |
/// | StatefulSet | `<platform>-<datastore>` | the members, one volume each |
/// | PodDisruptionBudget | `<platform>-<datastore>` | at most one member down in a voluntary disruption |
/// | PersistentVolumeClaim | `<platform>-<datastore>-backup` | where backups are written (with `backup`) |
/// | CronJob | `<platform>-<datastore>-backup` | one backup per schedule, old ones pruned (with `backup`) |
///
/// plus the engine's own objects (``EngineProfile/extraObjects``) and, unless `networkPolicy.enabled` is false, the
/// NetworkPolicy of ``DatastoreNetworkPolicy``. The connection and credentials Secrets are not rendered here: their values are
/// generated once (see ``GeneratedSecrets``).
///
/// Safety rules held here:
/// - **Volumes are kept.** The StatefulSet's `persistentVolumeClaimRetentionPolicy` retains claims on scale-down
///   always, and on deletion unless `storage.reclaimPolicy: Delete`; the backup claim has an owner reference (and
///   so is garbage-collected with the platform) only with `Delete`.
/// - **Configuration changes roll the members**: the pod template carries a hash of the configuration files.
/// - **Members spread**: preferred (or, with `podAntiAffinity: Required`, required) anti-affinity across nodes, and
///   unless `spreadAcrossZones: false` a zone topology spread (`ScheduleAnyway`).
/// - **Storage is fixed at creation**: volume claim templates are immutable, so they carry only labels that never
///   change, and the StatefulSet records their size and class in annotations for the reconciler to guard.
struct DatastoreRender {
    let identity: DatastoreIdentity
    let profile: EngineProfile
    /// `spec.datastores[i]`, for errors.
    let path: String

    var datastore: Datastore { identity.datastore }
    var scope: PlatformScope { identity.scope }

    /// Every object of the datastore, in no particular order; empty for an external datastore or an engine this
    /// version does not run.
    static func objects(scope: PlatformScope, datastore: Datastore, index: Int) throws(RenderError) -> [JSONValue] {
        guard datastore.external == nil else { return [] }
        let identity = DatastoreIdentity(scope: scope, datastore: datastore)
        let path = "spec.datastores[\(index)]"
        guard identity.fullName.utf8.count <= 52 else {
            // StatefulSet pods get the label controller-revision-hash `<name>-<10 characters>`, at most 63.
            throw RenderError(
                path: "\(path).name",
                message: "\"\(identity.fullName)\" is longer than 52 characters, the limit for a StatefulSet name"
            )
        }
        guard let profile = EngineProfile.profile(for: identity) else {
            throw RenderError(
                path: "\(path).engine",
                message: "this operator version does not run \(datastore.engine.rawValue) datastores"
            )
        }
        return try DatastoreRender(identity: identity, profile: profile, path: path).objects()
    }

    func objects() throws(RenderError) -> [JSONValue] {
        var objects: [JSONValue] = []
        if !profile.configFiles.isEmpty { objects.append(configMap()) }
        objects.append(headlessService())
        objects.append(clientService())
        objects.append(try statefulSet())
        objects.append(podDisruptionBudget())
        if let backup = datastore.backup, let command = profile.backup {
            objects.append(try backupClaim(backup))
            objects.append(try backupCronJob(backup, command: command))
        }
        objects += profile.extraObjects
        if scope.networkPolicyEnabled {
            objects.append(DatastoreNetworkPolicy(identity: identity, profile: profile).render())
        }
        return objects
    }

    private var labelsJSON: JSONValue { identity.labelsJSON }

    func configMap() -> JSONValue {
        var object = scope.object(
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: scope.metadata(name: identity.configMapName, labels: labelsJSON),
            spec: nil
        )
        object["data"] = .strings(profile.configFiles)
        return object
    }

    func headlessService() -> JSONValue {
        var spec: JSONObject = [
            "clusterIP": "None",
            "selector": .strings(identity.selector),
            "ports": .array(profile.ports.map(Self.servicePort)),
        ]
        if profile.publishNotReadyAddresses { spec["publishNotReadyAddresses"] = true }
        return scope.object(
            apiVersion: "v1",
            kind: "Service",
            metadata: scope.metadata(name: identity.headlessServiceName, labels: labelsJSON),
            spec: .object(spec)
        )
    }

    /// The client Service. Engines whose members are not equal (a PostgreSQL or Redis primary with replicas)
    /// select the primary, member 0, only.
    func clientService() -> JSONValue {
        var selector = identity.selector
        if profile.clientsReachPrimaryOnly {
            selector["statefulset.kubernetes.io/pod-name"] = identity.podName(0)
        }
        return scope.object(
            apiVersion: "v1",
            kind: "Service",
            metadata: scope.metadata(name: identity.clientServiceName, labels: labelsJSON),
            spec: [
                "type": "ClusterIP",
                "selector": .strings(selector),
                "ports": .array(profile.ports.filter(\.clients).map(Self.servicePort)),
            ]
        )
    }

    private static func servicePort(_ port: EnginePort) -> JSONValue {
        [
            "name": .string(port.name),
            "port": .int(port.port),
            "targetPort": .string(port.name),
            "protocol": .string(port.protocol),
        ]
    }

    func podDisruptionBudget() -> JSONValue {
        scope.object(
            apiVersion: "policy/v1",
            kind: "PodDisruptionBudget",
            metadata: scope.metadata(name: identity.fullName, labels: labelsJSON),
            spec: [
                "maxUnavailable": 1,
                "selector": ["matchLabels": .strings(identity.selector)],
            ]
        )
    }

    /// Whether the volumes go when the datastore does: `storage.reclaimPolicy: Delete`.
    var deletesVolumes: Bool {
        (datastore.storage?.reclaimPolicy ?? Defaults.Datastore.reclaimPolicy) == "Delete"
    }

    var storageSize: String { datastore.storage?.size ?? Defaults.Datastore.storageSize }

    func statefulSet() throws(RenderError) -> JSONValue {
        let size = try ResourceRequirements.memory(storageSize, path: "\(path).storage.size")
        var claimSpec: JSONObject = [
            "accessModes": ["ReadWriteOnce"],
            "resources": ["requests": ["storage": size]],
        ]
        var annotations = [DatastoreNames.storageSizeAnnotation: size.stringValue ?? storageSize]
        if let className = datastore.storage?.className {
            claimSpec["storageClassName"] = .string(className)
            annotations[DatastoreNames.storageClassAnnotation] = className
        }
        // Volume claim templates are immutable: their labels are the ones that never change (not commonLabels).
        var claimLabels = identity.selector
        claimLabels[PlatformLabels.component] = PlatformLabels.Component.datastore
        claimLabels[PlatformLabels.managedBy] = PlatformLabels.manager
        let spec: JSONObject = [
            "replicas": .int(identity.replicas),
            "serviceName": .string(identity.headlessServiceName),
            "podManagementPolicy": .string(profile.podManagementPolicy),
            "selector": ["matchLabels": .strings(identity.selector)],
            "updateStrategy": ["type": "RollingUpdate"],
            "persistentVolumeClaimRetentionPolicy": [
                "whenDeleted": deletesVolumes ? "Delete" : "Retain",
                "whenScaled": "Retain",
            ],
            "template": try podTemplate(),
            "volumeClaimTemplates": [
                [
                    "metadata": ["name": "data", "labels": .strings(claimLabels)],
                    "spec": .object(claimSpec),
                ]
            ],
        ]
        return scope.object(
            apiVersion: "apps/v1",
            kind: "StatefulSet",
            metadata: scope.metadata(name: identity.fullName, labels: labelsJSON, annotations: annotations),
            spec: .object(spec)
        )
    }

    /// The hash of the configuration files that the pod template carries, so a configuration change rolls the
    /// members (a mounted ConfigMap would otherwise change under a running process that never rereads it).
    var configurationHash: String {
        var hash = FNV1a64()
        for (name, content) in profile.configFiles.sorted(by: { $0.key < $1.key }) {
            hash.combine(name)
            hash.combine(0)
            hash.combine(content)
            hash.combine(0)
        }
        return hash.hexDigits
    }

    /// The annotation holding ``configurationHash``.
    static let configurationHashAnnotation = "agriplatform.io/config-hash"

    func podTemplate() throws(RenderError) -> JSONValue {
        var volumes: [JSONValue] = []
        var mounts: [JSONValue] = [["name": "data", "mountPath": .string(profile.dataPath)]]
        if !profile.configFiles.isEmpty {
            volumes.append(["name": "config", "configMap": ["name": .string(identity.configMapName)]])
            mounts.append(["name": "config", "mountPath": .string(profile.configPath), "readOnly": true])
        }
        volumes += profile.extraVolumes
        mounts += profile.extraVolumeMounts

        var container: JSONObject = [
            "name": .string(profile.containerName),
            "image": .string(datastore.image ?? profile.image),
            "imagePullPolicy": "IfNotPresent",
            "env": .array(Self.podEnvironment + profile.environment),
            "ports": .array(
                profile.ports.map {
                    ["name": .string($0.name), "containerPort": .int($0.port), "protocol": .string($0.protocol)]
                }
            ),
            "readinessProbe": profile.readinessProbe,
            "volumeMounts": .array(mounts),
            "securityContext": Self.containerSecurityContext,
        ]
        if let command = profile.command { container["command"] = .array(command.map { .string($0) }) }
        if let args = profile.args { container["args"] = .array(args.map { .string($0) }) }
        if let probe = profile.livenessProbe { container["livenessProbe"] = probe }
        if let probe = profile.startupProbe { container["startupProbe"] = probe }
        if let preStop = profile.preStop {
            container["lifecycle"] = ["preStop": ["exec": ["command": .array(preStop.map { .string($0) })]]]
        }
        if let resources = try ResourceRequirements.render(datastore.resources, path: "\(path).resources") {
            container["resources"] = resources
        }

        var spec: JSONObject = [
            "containers": .array([.object(container)] + [EngineProfile.exporter(for: identity)].compactMap { $0 }),
            "volumes": .array(volumes),
            "securityContext": podSecurityContext,
            "terminationGracePeriodSeconds": .integer(profile.terminationGracePeriodSeconds),
            "affinity": ["podAntiAffinity": antiAffinity()],
        ]
        if let account = profile.serviceAccountName {
            spec["serviceAccountName"] = .string(account)
            spec["automountServiceAccountToken"] = true
        } else {
            spec["automountServiceAccountToken"] = false
        }
        if !profile.initContainers.isEmpty { spec["initContainers"] = .array(profile.initContainers) }
        // Rendered whatever the member count (harmless with one), so scaling never changes the pod template.
        if datastore.spreadAcrossZones ?? true {
            spec["topologySpreadConstraints"] = [
                [
                    "maxSkew": 1,
                    "topologyKey": "topology.kubernetes.io/zone",
                    "whenUnsatisfiable": "ScheduleAnyway",
                    "labelSelector": ["matchLabels": .strings(identity.selector)],
                ]
            ]
        }
        if let secrets = scope.platform.spec.imagePullSecrets, !secrets.isEmpty {
            spec["imagePullSecrets"] = .array(secrets.map { ["name": .string($0)] })
        }
        var annotations = scope.commonAnnotations
        annotations[Self.configurationHashAnnotation] = configurationHash
        return [
            "metadata": ["labels": labelsJSON, "annotations": .strings(annotations)],
            "spec": .object(spec),
        ]
    }

    /// `POD_NAME` and `POD_NAMESPACE` from the downward API, first in every member's environment: engines build
    /// node names and member host names from them.
    static let podEnvironment: [JSONValue] = [
        ["name": "POD_NAME", "valueFrom": ["fieldRef": ["fieldPath": "metadata.name"]]],
        ["name": "POD_NAMESPACE", "valueFrom": ["fieldRef": ["fieldPath": "metadata.namespace"]]],
    ]

    private func antiAffinity() -> JSONValue {
        let term: JSONValue = [
            "labelSelector": ["matchLabels": .strings(identity.selector)],
            "topologyKey": "kubernetes.io/hostname",
        ]
        if datastore.podAntiAffinity == "Required" {
            return ["requiredDuringSchedulingIgnoredDuringExecution": [term]]
        }
        return ["preferredDuringSchedulingIgnoredDuringExecution": [["weight": 100, "podAffinityTerm": term]]]
    }
}
