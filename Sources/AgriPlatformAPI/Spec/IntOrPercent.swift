public import KubeCore

/// A count or a percentage (`3` or `"25%"`), as Kubernetes' `maxUnavailable` and `maxSurge` take them.
public typealias IntOrPercent = IntOrString
