import Foundation
import KubeCore

enum HorizontalPodAutoscalerController {
    static func sync(_ key: WorkloadKey, state: inout SimulationState, in store: isolated ObjectStore) {}
    static func targetKey(of autoscaler: JSONValue) -> WorkloadKey? { nil }
}
