package import KubeCore

extension PrinterColumn {
    /// How a built-in kind's cell is derived when a JSONPath cannot express it (counts, joins, fallbacks).
    package enum Computation: Sendable, Hashable {
        /// `status.readyReplicas/spec.replicas`, each defaulting to 0 (Deployment `Ready`).
        case readyReplicas
        /// An integer field that prints as 0 when absent (Deployment `Up-to-date`, `Available`).
        case integerOrZero(path: [String])
        /// Ready containers over all containers of a Pod (`1/2`).
        case readyContainers
        /// The Pod status kubectl prints: phase, a container's waiting/terminated reason, or `Terminating`.
        case podStatus
        /// The sum of the Pod's container restart counts.
        case restarts
        /// A Service's ports as `80/TCP,443:30443/TCP`.
        case servicePorts
        /// A Service's external IPs, `<pending>` for a LoadBalancer without ingress, `<none>` otherwise.
        case serviceExternalIP
        /// The number of keys in `data` plus `binaryData` (ConfigMap, Secret).
        case dataCount
        /// Container names of the pod template at a path, comma-separated.
        case containerNames(podSpecPath: [String])
        /// Container images of the pod template at a path, comma-separated.
        case containerImages(podSpecPath: [String])
        /// A label selector map at a path as `key=value,…`, or `<none>`.
        case selector(path: [String])
    }

    /// The server-side columns of a few built-in kinds, Name excluded and Age included, in the apiserver's order;
    /// `nil` for other kinds (callers then show Name and Age only).
    ///
    /// Simplified: `Restarts` omits the "(5m ago)" suffix, and Pod status ignores init containers and readiness gates.
    package static func builtInColumns(kind: String) -> [PrinterColumn]? {
        switch kind {
        case "Deployment":
            let template = ["spec", "template", "spec"]
            return [
                PrinterColumn(
                    name: "Ready",
                    type: "string",
                    jsonPath: ".status.readyReplicas",
                    computation: .readyReplicas
                ),
                PrinterColumn(
                    name: "Up-to-date",
                    type: "string",
                    jsonPath: ".status.updatedReplicas",
                    computation: .integerOrZero(path: ["status", "updatedReplicas"])
                ),
                PrinterColumn(
                    name: "Available",
                    type: "string",
                    jsonPath: ".status.availableReplicas",
                    computation: .integerOrZero(path: ["status", "availableReplicas"])
                ),
                .age,
                PrinterColumn(
                    name: "Containers",
                    type: "string",
                    priority: 1,
                    jsonPath: ".spec.template.spec.containers[*].name",
                    computation: .containerNames(podSpecPath: template)
                ),
                PrinterColumn(
                    name: "Images",
                    type: "string",
                    priority: 1,
                    jsonPath: ".spec.template.spec.containers[*].image",
                    computation: .containerImages(podSpecPath: template)
                ),
                PrinterColumn(
                    name: "Selector",
                    type: "string",
                    priority: 1,
                    jsonPath: ".spec.selector.matchLabels",
                    computation: .selector(path: ["spec", "selector", "matchLabels"])
                ),
            ]
        case "Pod":
            return [
                PrinterColumn(
                    name: "Ready",
                    type: "string",
                    jsonPath: ".status.containerStatuses",
                    computation: .readyContainers
                ),
                PrinterColumn(name: "Status", type: "string", jsonPath: ".status.phase", computation: .podStatus),
                PrinterColumn(
                    name: "Restarts",
                    type: "string",
                    jsonPath: ".status.containerStatuses",
                    computation: .restarts
                ),
                .age,
                PrinterColumn(name: "IP", type: "string", priority: 1, jsonPath: ".status.podIP"),
                PrinterColumn(name: "Node", type: "string", priority: 1, jsonPath: ".spec.nodeName"),
            ]
        case "Service":
            return [
                PrinterColumn(name: "Type", type: "string", jsonPath: ".spec.type"),
                PrinterColumn(name: "Cluster-IP", type: "string", jsonPath: ".spec.clusterIP"),
                PrinterColumn(
                    name: "External-IP",
                    type: "string",
                    jsonPath: ".status.loadBalancer.ingress",
                    computation: .serviceExternalIP
                ),
                PrinterColumn(name: "Port(s)", type: "string", jsonPath: ".spec.ports", computation: .servicePorts),
                .age,
                PrinterColumn(
                    name: "Selector",
                    type: "string",
                    priority: 1,
                    jsonPath: ".spec.selector",
                    computation: .selector(path: ["spec", "selector"])
                ),
            ]
        case "ConfigMap", "Secret":
            var columns = [
                PrinterColumn(name: "Data", type: "string", jsonPath: ".data", computation: .dataCount), .age,
            ]
            if kind == "Secret" {
                columns.insert(PrinterColumn(name: "Type", type: "string", jsonPath: ".type"), at: 0)
            }
            return columns
        case "Namespace":
            return [PrinterColumn(name: "Status", type: "string", jsonPath: ".status.phase"), .age]
        default:
            return nil
        }
    }
}

extension PrinterColumn.Computation {
    /// The cell for `object`.
    package func cell(for object: JSONValue) -> JSONValue {
        switch self {
        case .readyReplicas:
            let ready = object[path: ["status", "readyReplicas"]]?.integerValue ?? 0
            let desired = object[path: ["spec", "replicas"]]?.integerValue ?? 0
            return .string("\(ready)/\(desired)")
        case .integerOrZero(let path):
            return .integer(object[path: path]?.integerValue ?? 0)
        case .readyContainers:
            let total = object[path: ["spec", "containers"]]?.arrayValue?.count ?? 0
            let statuses = object[path: ["status", "containerStatuses"]]?.arrayValue ?? []
            return .string("\(statuses.count(where: { $0["ready"]?.boolValue == true }))/\(total)")
        case .podStatus:
            return .string(Self.podStatus(object))
        case .restarts:
            let statuses = object[path: ["status", "containerStatuses"]]?.arrayValue ?? []
            return .string(String(statuses.reduce(0) { $0 + ($1["restartCount"]?.integerValue ?? 0) }))
        case .servicePorts:
            let ports = (object[path: ["spec", "ports"]]?.arrayValue ?? []).map { port in
                let number = port["port"]?.integerValue.map(String.init) ?? ""
                let node = port["nodePort"]?.integerValue.map { ":\($0)" } ?? ""
                return "\(number)\(node)/\(port["protocol"]?.stringValue ?? "TCP")"
            }
            return .string(ports.isEmpty ? "<none>" : ports.joined(separator: ","))
        case .serviceExternalIP:
            let ingress = (object[path: ["status", "loadBalancer", "ingress"]]?.arrayValue ?? []).compactMap {
                $0["ip"]?.stringValue ?? $0["hostname"]?.stringValue
            }
            let external = object[path: ["spec", "externalIPs"]]?.arrayValue?.compactMap(\.stringValue) ?? []
            let addresses = ingress + external
            if !addresses.isEmpty { return .string(addresses.joined(separator: ",")) }
            return .string(object[path: ["spec", "type"]]?.stringValue == "LoadBalancer" ? "<pending>" : "<none>")
        case .dataCount:
            let data = object["data"]?.objectValue?.count ?? 0
            return .integer(Int64(data + (object["binaryData"]?.objectValue?.count ?? 0)))
        case .containerNames(let podSpecPath):
            return Self.joinedContainers(object, podSpecPath, field: "name")
        case .containerImages(let podSpecPath):
            return Self.joinedContainers(object, podSpecPath, field: "image")
        case .selector(let path):
            guard let labels = object[path: path]?.objectValue, !labels.isEmpty else { return "<none>" }
            return .string(labels.keys.sorted().map { "\($0)=\(labels[$0]?.stringValue ?? "")" }.joined(separator: ","))
        }
    }

    private static func joinedContainers(_ object: JSONValue, _ podSpecPath: [String], field: String) -> JSONValue {
        let containers = object[path: podSpecPath + ["containers"]]?.arrayValue ?? []
        return .string(containers.compactMap { $0[field]?.stringValue }.joined(separator: ","))
    }

    private static func podStatus(_ pod: JSONValue) -> String {
        var reason = pod[path: ["status", "reason"]]?.stringValue ?? pod[path: ["status", "phase"]]?.stringValue ?? ""
        for status in pod[path: ["status", "containerStatuses"]]?.arrayValue ?? [] {
            if let waiting = status[path: ["state", "waiting", "reason"]]?.stringValue, !waiting.isEmpty {
                reason = waiting
            } else if let terminated = status[path: ["state", "terminated"]] {
                if let text = terminated["reason"]?.stringValue, !text.isEmpty {
                    reason = text
                } else if let signal = terminated["signal"]?.integerValue, signal != 0 {
                    reason = "Signal:\(signal)"
                } else {
                    reason = "ExitCode:\(terminated["exitCode"]?.integerValue ?? 0)"
                }
            }
        }
        if pod[path: ["metadata", "deletionTimestamp"]] != nil {
            reason = pod[path: ["status", "reason"]]?.stringValue == "NodeLost" ? "Unknown" : "Terminating"
        }
        return reason
    }
}
