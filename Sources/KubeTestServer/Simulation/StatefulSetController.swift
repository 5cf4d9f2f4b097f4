import Foundation
import KubeCore

enum StatefulSetController {
    static func sync(_ key: WorkloadKey, state: inout SimulationState, in store: isolated ObjectStore) {}
}
