import KubeCore
import Testing

@testable import KubeTestServer
