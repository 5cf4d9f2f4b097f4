/// How simulated pods behave once created, chosen per pod by ``WorkloadSimulation/setPodBehaviour(_:matching:)``.
public enum PodBehaviour: Sendable, Hashable {
    /// Running, and Ready after ``WorkloadSimulation/Configuration/podReadyDelay`` (job pods succeed then).
    case healthy
    /// Running with every container started but not ready: `Ready` and `ContainersReady` stay `False`.
    case neverReady
    /// Every container waits in `CrashLoopBackOff` and its `restartCount` grows every
    /// ``WorkloadSimulation/Configuration/crashLoopRestartInterval``; never ready.
    case crashLoop
    /// Job pods end in phase `Failed` (exit code 1) instead of `Succeeded`; other pods behave as ``healthy``.
    case failJob
}
