import AgriPlatformAPI
import KubeCore

/// A container's `resources` from a ``ResourceSpec``, shared by services and datastores.
///
/// Requests come from the spec, with AWS units converted (`0.5 vCPU` → `500m`, `1 GB` → `1Gi`); the memory limit
/// equals the request unless `limits` says otherwise (a pod that outgrows its request is killed rather than
/// starving its neighbours), and there is no CPU limit unless one is given (CPU throttling hurts latency more than
/// it protects neighbours, who keep their requests).
enum ResourceRequirements {
    /// The `resources` object, or `nil` when the spec asks for nothing.
    static func render(
        _ resources: ResourceSpec?,
        path base: @autoclosure () -> String
    ) throws(RenderError) -> JSONValue? {
        guard let resources else { return nil }
        var requests = JSONObject(minimumCapacity: 2)
        var limits = JSONObject(minimumCapacity: 2)
        if let cpu = resources.cpu { requests["cpu"] = try Self.cpu(cpu, path: "\(base()).cpu") }
        if let memory = resources.memory { requests["memory"] = try Self.memory(memory, path: "\(base()).memory") }
        if let cpu = resources.limits?.cpu { limits["cpu"] = try Self.cpu(cpu, path: "\(base()).limits.cpu") }
        if let memory = resources.limits?.memory {
            limits["memory"] = try Self.memory(memory, path: "\(base()).limits.memory")
        } else if let memory = requests["memory"] {
            limits["memory"] = memory
        }
        var rendered = JSONObject(minimumCapacity: 2)
        if !requests.isEmpty { rendered["requests"] = .object(requests) }
        if !limits.isEmpty { rendered["limits"] = .object(limits) }
        return rendered.isEmpty ? nil : .object(rendered)
    }

    /// A CPU amount in Kubernetes' canonical form, e.g. `500m` for `0.5 vCPU`; `path` is built only for an error.
    static func cpu(_ text: String, path: @autoclosure () -> String) throws(RenderError) -> JSONValue {
        do {
            return .string(try ResourceUnits.cpu(text).description)
        } catch {
            throw RenderError(path: path(), message: error.description)
        }
    }

    /// A memory amount in Kubernetes' canonical form, e.g. `1Gi` for `1 GB`; `path` is built only for an error.
    static func memory(_ text: String, path: @autoclosure () -> String) throws(RenderError) -> JSONValue {
        do {
            return .string(try ResourceUnits.memory(text).description)
        } catch {
            throw RenderError(path: path(), message: error.description)
        }
    }
}
