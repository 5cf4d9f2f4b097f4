import Foundation
import KubeCore

enum JobController {
    static func sync(_ key: WorkloadKey, state: inout SimulationState, in store: isolated ObjectStore) {}
}
