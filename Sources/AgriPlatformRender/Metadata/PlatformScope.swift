import AgriPlatformAPI
import KubeCore

/// What every object of one platform shares: names, namespace, labels, annotations and the owner reference.
struct PlatformScope {
    let platform: AgriPlatform
    let context: RenderContext
    /// `metadata.name` of the AgriPlatform.
    let name: String
    /// The AgriPlatform's namespace, or `default` when an offline render reads a file without one (as kubectl does).
    let namespace: String
    /// The controller reference to the AgriPlatform; absent when it has no `metadata.uid` (an offline render), since
    /// an invented UID would make the garbage collector delete the objects at once.
    let ownerReferences: JSONValue?
    let commonLabels: [String: String]
    let commonAnnotations: [String: String]
    /// ``commonAnnotations`` as JSON, or `nil` when there are none.
    let commonAnnotationsJSON: JSONValue?
    let datastores: [String: Datastore]
    let serviceAccountName: String
    let automountServiceAccountToken: Bool
    let networkPolicyEnabled: Bool
    /// The NetworkPolicy peer of `spec.networkPolicy.ingressNamespaces` (the ingress controller's pods), or `nil`
    /// when none is named; built once for every service's policy.
    let ingressPeer: JSONValue?
    /// The peer of `spec.networkPolicy.monitoringNamespaces` (Prometheus), or `nil`; shared by every policy.
    let monitoringPeer: JSONValue?
    /// The peer of every pod of the platform (`app.kubernetes.io/instance: <platform>`), shared by every service's
    /// policy.
    let platformPodsPeer: JSONValue

    init(platform: AgriPlatform, context: RenderContext) throws(RenderError) {
        guard let name = platform.metadata.name, !name.isEmpty else {
            throw RenderError(path: "metadata.name", message: "an AgriPlatform needs a name")
        }
        self.platform = platform
        self.context = context
        self.name = name
        self.namespace = platform.metadata.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        if let uid = platform.metadata.uid, !uid.isEmpty {
            let reference: JSONValue = [
                "apiVersion": .string(AgriPlatform.resource.apiVersion),
                "kind": .string(AgriPlatform.resource.kind),
                "name": .string(name),
                "uid": .string(uid),
                "controller": true,
                "blockOwnerDeletion": true,
            ]
            self.ownerReferences = [reference]
        } else {
            self.ownerReferences = nil
        }
        self.commonLabels = platform.spec.commonLabels ?? [:]
        self.commonAnnotations = platform.spec.commonAnnotations ?? [:]
        self.commonAnnotationsJSON = commonAnnotations.isEmpty ? nil : .strings(commonAnnotations)
        var datastores: [String: Datastore] = [:]
        for datastore in platform.spec.datastores ?? [] {
            datastores[datastore.name] = datastore
        }
        self.datastores = datastores
        let account = platform.spec.serviceAccount
        self.serviceAccountName = account?.name.flatMap { $0.isEmpty ? nil : $0 } ?? name
        self.automountServiceAccountToken = account?.automountToken ?? false
        self.networkPolicyEnabled = platform.spec.networkPolicy?.enabled ?? true
        let policy = platform.spec.networkPolicy
        self.platformPodsPeer = ["podSelector": ["matchLabels": [PlatformLabels.instance: .string(name)]]]
        self.ingressPeer = (policy?.ingressNamespaces).flatMap { $0.isEmpty ? nil : NetworkPolicyPeers.namespaces($0) }
        self.monitoringPeer = (policy?.monitoringNamespaces).flatMap {
            $0.isEmpty ? nil : NetworkPolicyPeers.namespaces($0)
        }
    }

    /// The recommended labels of a part called `partName`, over the platform's common labels.
    func labels(name partName: String, component: String?) -> [String: String] {
        var labels = commonLabels
        labels.reserveCapacity(commonLabels.count + 5)  // the five recommended labels below
        labels[PlatformLabels.name] = partName
        labels[PlatformLabels.instance] = name
        if let component { labels[PlatformLabels.component] = component }
        labels[PlatformLabels.partOf] = name
        labels[PlatformLabels.managedBy] = PlatformLabels.manager
        return labels
    }

    /// The selector labels of a part: name and instance only, so they never change.
    func selector(name partName: String) -> [String: String] {
        [PlatformLabels.name: partName, PlatformLabels.instance: name]
    }

    /// An object's `metadata`, with the common annotations under `annotations`.
    func metadata(name objectName: String, labels: [String: String], annotations: [String: String] = [:]) -> JSONValue {
        metadata(name: objectName, labels: .strings(labels), annotations: annotations)
    }

    /// An object's `metadata`, with labels already in JSON.
    func metadata(name objectName: String, labels: JSONValue, annotations: [String: String] = [:]) -> JSONValue {
        // Every object has one: room for all five members at once, set in key order so each set appends — one
        // allocation, where a literal of three (sorted into a copy) and two inserts took up to three.
        var metadata = JSONObject(minimumCapacity: 5)
        if let commonAnnotationsJSON, annotations.isEmpty {
            metadata["annotations"] = commonAnnotationsJSON
        } else if !annotations.isEmpty || !commonAnnotations.isEmpty {
            metadata["annotations"] = .strings(commonAnnotations.merging(annotations) { _, specific in specific })
        }
        metadata["labels"] = labels
        metadata["name"] = .string(objectName)
        metadata["namespace"] = .string(namespace)
        if let ownerReferences { metadata["ownerReferences"] = ownerReferences }
        return .object(metadata)
    }

    /// A whole object.
    func object(apiVersion: String, kind: String, metadata: JSONValue, spec: JSONValue?) -> JSONValue {
        var object = JSONObject(minimumCapacity: 4)
        object["apiVersion"] = .string(apiVersion)
        object["kind"] = .string(kind)
        object["metadata"] = metadata
        if let spec { object["spec"] = spec }
        return .object(object)
    }
}

extension JSONValue {
    /// A JSON object of strings.
    static func strings(_ members: [String: String]) -> JSONValue {
        .object(JSONObject(strings: members))
    }

    /// An `IntOrString` as JSON.
    static func intOrString(_ value: IntOrString) -> JSONValue {
        switch value {
        case .int(let number): .integer(Int64(number))
        case .string(let text): .string(text)
        }
    }

    /// A 32-bit count as JSON.
    static func int(_ value: Int32) -> JSONValue { .integer(Int64(value)) }
}
