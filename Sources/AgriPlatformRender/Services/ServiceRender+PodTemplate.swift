import AgriPlatformAPI
import KubeCore

extension ServiceRender {
    /// The Deployment's pod template and its revision, which the template carries as the annotation and the label
    /// `agriplatform.io/revision` (both added after the revision is computed, so they do not change it).
    ///
    /// Secure defaults: the pod runs as non-root with seccomp `RuntimeDefault` and no service-account token unless
    /// `spec.serviceAccount.automountToken`; the container cannot escalate privileges, drops every capability and
    /// has a read-only root file system with an `emptyDir` at `/tmp` (unless `security.readOnlyRootFilesystem` is
    /// `false`).
    func podTemplate() throws(RenderError) -> (json: JSONValue, revision: String) {
        var podLabels = scope.commonLabels.merging(service.podLabels ?? [:]) { _, pod in pod }
        podLabels.merge(labels) { _, standard in standard }
        var container = try container(name: service.name, image: service.image)
        container["command"] = service.command.map { .array($0.map { .string($0) }) }
        container["args"] = service.args.map { .array($0.map { .string($0) }) }
        container["ports"] = .array(
            ports.map { port in
                [
                    "name": .string(port.name),
                    "containerPort": .int(port.port),
                    "protocol": .string(port.protocol ?? "TCP"),
                ]
            }
        )
        if let healthCheck = service.healthCheck {
            for (key, probe) in try probes(healthCheck) {
                container[key] = probe
            }
        }
        var spec = podSpec(containers: [.object(container)])
        spec["terminationGracePeriodSeconds"] = .integer(
            service.terminationGracePeriodSeconds ?? Defaults.terminationGracePeriodSeconds
        )
        var metadata: JSONObject = ["labels": .strings(podLabels)]
        if let annotations = service.podAnnotations, !annotations.isEmpty {
            metadata["annotations"] = .strings(annotations)
        }
        var template: JSONValue = ["metadata": .object(metadata), "spec": .object(spec)]
        let revision = PodTemplateRevision.of(template)
        var annotations = service.podAnnotations ?? [:]
        annotations[PodTemplateRevision.annotation] = revision
        template[path: ["metadata", "annotations"]] = .strings(annotations)
        template[path: ["metadata", "labels", ReleaseLabels.revision]] = .string(revision)
        return (template, revision)
    }

    /// The pod-level fields the Deployment's and the migration Job's pods share.
    func podSpec(containers: [JSONValue]) -> JSONObject {
        let security = service.security
        var podSecurity: JSONObject = [
            "runAsNonRoot": true,
            "seccompProfile": ["type": "RuntimeDefault"],
        ]
        if let user = security?.runAsUser { podSecurity["runAsUser"] = .integer(user) }
        if let group = security?.fsGroup { podSecurity["fsGroup"] = .integer(group) }
        // Room for every member this and podTemplate() may set: one allocation instead of a growing array.
        var spec = JSONObject(minimumCapacity: 9)
        spec["automountServiceAccountToken"] = .bool(scope.automountServiceAccountToken)
        spec["containers"] = .array(containers)
        spec["securityContext"] = .object(podSecurity)
        spec["serviceAccountName"] = .string(scope.serviceAccountName)
        if readOnlyRootFilesystem {
            spec["volumes"] = Self.temporaryVolumes
        }
        if let secrets = scope.platform.spec.imagePullSecrets, !secrets.isEmpty {
            spec["imagePullSecrets"] = .array(secrets.map { ["name": .string($0)] })
        }
        if let nodeSelector = service.nodeSelector, !nodeSelector.isEmpty {
            spec["nodeSelector"] = .strings(nodeSelector)
        }
        return spec
    }

    var readOnlyRootFilesystem: Bool { service.security?.readOnlyRootFilesystem ?? true }

    /// A container with the service's image policy, environment, resources and security context.
    func container(name: String, image: String) throws(RenderError) -> JSONObject {
        // Room for these members and the command, args, ports and probes podTemplate() adds: one allocation.
        var container = JSONObject(minimumCapacity: 14)
        container["image"] = .string(image)
        container["imagePullPolicy"] = .string(service.imagePullPolicy ?? "IfNotPresent")
        container["name"] = .string(name)
        container["securityContext"] =
            readOnlyRootFilesystem ? Self.readOnlyContainerSecurity : Self.writableContainerSecurity
        if let env = try environment() { container["env"] = env }
        if let envFrom = try environmentSources() { container["envFrom"] = envFrom }
        if let resources = try resourceRequirements() { container["resources"] = resources }
        if readOnlyRootFilesystem {
            container["volumeMounts"] = Self.temporaryVolumeMounts
        }
        return container
    }

    /// A container's security context: no privilege escalation, no capability, a read-only root file system.
    private static let readOnlyContainerSecurity = containerSecurity(readOnlyRootFilesystem: true)
    /// The same with a writable root file system (`security.readOnlyRootFilesystem: false`).
    private static let writableContainerSecurity = containerSecurity(readOnlyRootFilesystem: false)

    private static func containerSecurity(readOnlyRootFilesystem: Bool) -> JSONValue {
        [
            "allowPrivilegeEscalation": false,
            "capabilities": ["drop": ["ALL"]],
            "readOnlyRootFilesystem": .bool(readOnlyRootFilesystem),
        ]
    }

    /// The `emptyDir` at `/tmp` a read-only root file system comes with: the volume, and its mount.
    private static let temporaryVolumes: JSONValue = [["emptyDir": [:], "name": "tmp"]]
    private static let temporaryVolumeMounts: JSONValue = [["mountPath": "/tmp", "name": "tmp"]]

    /// `env`: literal values, `secretKeyRef`s and `configMapKeyRef`s, in the spec's order.
    func environment() throws(RenderError) -> JSONValue? {
        let variables = service.env ?? []
        let aliases = connectionAliases(excluding: variables)
        guard !variables.isEmpty || !aliases.isEmpty else { return nil }
        var rendered: [JSONValue] = []
        rendered.reserveCapacity(variables.count)
        for (index, variable) in variables.enumerated() {
            let sources =
                (variable.value != nil ? 1 : 0) + (variable.secret != nil ? 1 : 0)
                + (variable.configMap != nil ? 1 : 0)
            guard sources == 1 else {
                throw RenderError(
                    path: "\(path).env[\(index)]",
                    message: "set exactly one of value, secret and configMap"
                )
            }
            var entry: JSONObject = ["name": .string(variable.name)]
            if let value = variable.value {
                entry["value"] = .string(value)
            } else if let secret = variable.secret {
                entry["valueFrom"] = ["secretKeyRef": Self.keySelector(secret)]
            } else if let configMap = variable.configMap {
                entry["valueFrom"] = ["configMapKeyRef": Self.keySelector(configMap)]
            }
            rendered.append(.object(entry))
        }
        return .array(rendered + aliases)
    }

    /// The conventional variables client libraries read — `DATABASE_URL` (PostgreSQL), `MONGODB_URI`, `AMQP_URL`
    /// (RabbitMQ), `REDIS_URL`, `CONSUL_HTTP_ADDR` — each a `secretKeyRef` to the `URI` key of the connection
    /// Secret, for every engine of which the service uses exactly one datastore (with two, the name would be
    /// ambiguous: the prefixed variables remain) and whose name `env` does not already set. Optional for external
    /// datastores, whose Secret may hold no `URI`.
    func connectionAliases(excluding variables: [EnvVariable]) -> [JSONValue] {
        // Linear scans of a few datastores and variables: no dictionary or set to build for every service.
        let used = (service.uses ?? []).compactMap { scope.datastores[$0] }
        guard !used.isEmpty else { return [] }
        var aliases: [JSONValue] = []
        for engine in DatastoreEngine.known {
            guard let alias = DatastoreConnection.conventionalVariable(engine),
                !variables.contains(where: { $0.name == alias })
            else { continue }
            let ofEngine = used.lazy.filter { $0.engine == engine }
            guard let datastore = ofEngine.first, ofEngine.dropFirst().isEmpty else { continue }
            let connection = DatastoreConnection(datastore: datastore, platformName: scope.name)
            var selector: JSONObject = ["key": "URI", "name": .string(connection.secretName)]
            if connection.isExternal { selector["optional"] = true }
            aliases.append(["name": .string(alias), "valueFrom": ["secretKeyRef": .object(selector)]])
        }
        return aliases
    }

    private static func keySelector(_ reference: KeyReference) -> JSONValue {
        var selector: JSONObject = ["key": .string(reference.key), "name": .string(reference.name)]
        if let optional = reference.optional { selector["optional"] = .bool(optional) }
        return .object(selector)
    }

    /// `envFrom`: first each used datastore's connection Secret with its prefix (see ``DatastoreConnection``), then
    /// the spec's `envFrom`, so an explicit source can override a datastore's variable of the same name.
    func environmentSources() throws(RenderError) -> JSONValue? {
        var rendered: [JSONValue] = []
        for (index, name) in (service.uses ?? []).enumerated() {
            guard let datastore = scope.datastores[name] else {
                throw RenderError(path: "\(path).uses[\(index)]", message: "no datastore named \"\(name)\"")
            }
            let connection = DatastoreConnection(datastore: datastore, platformName: scope.name)
            rendered.append([
                "prefix": .string(connection.environmentPrefix),
                "secretRef": ["name": .string(connection.secretName)],
            ])
        }
        for (index, source) in (service.envFrom ?? []).enumerated() {
            var entry: JSONObject = [:]
            switch (source.secret, source.configMap) {
            case (let secret?, nil): entry["secretRef"] = ["name": .string(secret)]
            case (nil, let configMap?): entry["configMapRef"] = ["name": .string(configMap)]
            default:
                throw RenderError(
                    path: "\(path).envFrom[\(index)]",
                    message: "set exactly one of secret and configMap"
                )
            }
            if let prefix = source.prefix { entry["prefix"] = .string(prefix) }
            rendered.append(.object(entry))
        }
        return rendered.isEmpty ? nil : .array(rendered)
    }

    /// `resources`: see ``ResourceRequirements``.
    func resourceRequirements() throws(RenderError) -> JSONValue? {
        try ResourceRequirements.render(service.resources, path: "\(path).resources")
    }
}
