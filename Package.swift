// swift-tools-version:6.1
import PackageDescription

/// Upcoming features the style guide asks for: explicit `any`, imports visible only where declared, and
/// `internal` imports unless a module's types are part of our public API.
/// `scripts/test` (and so CI) sets `AGRI_STRICT=1`: warnings become errors in our own targets only, so the flag does
/// not reach dependencies (which SwiftPM builds with warnings suppressed) and does not force rebuilding them.
let strict = Context.environment["AGRI_STRICT"] == "1"

let swiftSettings: [SwiftSetting] =
    [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ] + (strict ? [.unsafeFlags(["-warnings-as-errors", "-require-explicit-sendable"])] : [])

let package = Package(
    name: "agri-operator",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "KubeCore", targets: ["KubeCore"]),
        .library(name: "KubeClient", targets: ["KubeClient"]),
        .library(name: "KubeTestServer", targets: ["KubeTestServer"]),
        .library(name: "KubeRuntime", targets: ["KubeRuntime"]),
        .library(name: "AgriPlatformAPI", targets: ["AgriPlatformAPI"]),
        .library(name: "KubeOperationalServer", targets: ["KubeOperationalServer"]),
        .library(name: "AgriPlatformRender", targets: ["AgriPlatformRender"]),
        .library(name: "AgriPlatformRollout", targets: ["AgriPlatformRollout"]),
        .library(name: "AgriPlatformReconciler", targets: ["AgriPlatformReconciler"]),
        .library(name: "AgriPlatformImport", targets: ["AgriPlatformImport"]),
        .executable(name: "agri-operator", targets: ["agri-operator"]),
        .executable(name: "kubectl-agri", targets: ["kubectl-agri"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.29.0"),
        .package(url: "https://github.com/apple/swift-nio-http2.git", from: "1.36.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.10.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.1.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.25.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-async-algorithms.git", from: "1.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0", traits: []),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
    ],
    targets: [
        // Object model, selectors, quantities, patch types and request values. No I/O.
        .target(
            name: "KubeCore",
            swiftSettings: swiftSettings
        ),
        // HTTP transport, kubeconfig, authentication, typed errors and watch streams.
        .target(
            name: "KubeClient",
            dependencies: [
                "KubeCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // An in-process Kubernetes API server on loopback, for tests and the zero-cluster playground.
        .target(
            name: "KubeTestServer",
            dependencies: [
                "KubeCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Generic controller runtime: watcher, reflector store, work queue, controllers, leader election, events.
        .target(
            name: "KubeRuntime",
            dependencies: [
                "KubeCore",
                "KubeClient",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // The AgriPlatform resource: types, defaults, validation and CRD generation. No I/O.
        .target(
            name: "AgriPlatformAPI",
            dependencies: ["KubeCore"],
            swiftSettings: swiftSettings
        ),
        // Serves /healthz, /readyz and /metrics for a KubeRuntime manager over HTTP (Hummingbird, swift-prometheus).
        .target(
            name: "KubeOperationalServer",
            dependencies: [
                "KubeRuntime",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The pure renderer: AgriPlatform (+ observed facts) → desired objects. No I/O, no clock, no randomness.
        .target(
            name: "AgriPlatformRender",
            dependencies: ["AgriPlatformAPI", "KubeCore"],
            swiftSettings: swiftSettings
        ),
        // The pure rollout state machines: (spec, rollout status, observations, now) → (status, shape, actions), and
        // the analysis that judges a release. No I/O, no clock, no randomness.
        .target(
            name: "AgriPlatformRollout",
            dependencies: ["AgriPlatformAPI", "AgriPlatformRender", "KubeCore"],
            swiftSettings: swiftSettings
        ),
        // The reconciler: observe (caches) → decide (render, status) → act (server-side apply, prune, status, Events).
        .target(
            name: "AgriPlatformReconciler",
            dependencies: [
                "AgriPlatformAPI",
                "AgriPlatformRender",
                "AgriPlatformRollout",
                "KubeCore",
                "KubeClient",
                "KubeRuntime",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // The command line's manifest handling: YAML with positions, structural errors with line numbers, output.
        .target(
            name: "AgriPlatformCLI",
            dependencies: [
                "AgriPlatformAPI",
                "KubeCore",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        // Imports ECS and App Runner services, RDS/Aurora, ElastiCache and secret references as an AgriPlatform.
        // Pure: AWS CLI output in (as JSON values), AgriPlatform, ExternalSecrets, notes and commented YAML out.
        .target(
            name: "AgriPlatformImport",
            dependencies: ["AgriPlatformAPI", "KubeCore"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "agri-operator",
            dependencies: [
                "AgriPlatformAPI",
                "AgriPlatformCLI",
                "AgriPlatformImport",
                "AgriPlatformReconciler",
                "AgriPlatformRender",
                "KubeCore",
                "KubeClient",
                "KubeOperationalServer",
                "KubeRuntime",
                "KubeTestServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The logic of the `kubectl agri` plugin: the rollout view, command annotations and waiting for them.
        .target(
            name: "AgriPlatformPlugin",
            dependencies: ["AgriPlatformAPI", "KubeCore", "KubeClient"],
            swiftSettings: swiftSettings
        ),
        // `kubectl agri`: argument parsing and output around AgriPlatformPlugin.
        .executableTarget(
            name: "kubectl-agri",
            dependencies: [
                "AgriPlatformAPI",
                "AgriPlatformPlugin",
                "KubeCore",
                "KubeClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // The fault suite: operators against KubeTestServer under API faults, kills, failover and partitions.
        .target(
            name: "AgriFaultSuite",
            dependencies: [
                "AgriPlatformAPI", "AgriPlatformReconciler", "KubeCore", "KubeClient", "KubeRuntime", "KubeTestServer",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // `agri-faults`: runs the fault suite and prints its summary table (docs/reliability.md#faults).
        .executableTarget(
            name: "agri-faults",
            dependencies: [
                "AgriFaultSuite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "KubeBenchmarks",
            dependencies: [
                "KubeCore", "KubeClient", "KubeTestServer", "KubeRuntime", "AgriPlatformAPI", "AgriPlatformRender",
                "AgriPlatformReconciler", "KubeOperationalServer",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Benchmarks/KubeBenchmarks",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KubeCoreTests",
            dependencies: [
                "KubeCore", .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KubeClientTests",
            dependencies: [
                "KubeCore", "KubeClient", "KubeTestServer", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KubeTestServerTests",
            dependencies: [
                "KubeCore", "KubeTestServer", .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KubeRuntimeTests",
            dependencies: [
                "KubeRuntime",
                "TestSupport",
                "KubeCore",
                "KubeClient",
                "KubeTestServer",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AgriPlatformAPITests",
            dependencies: [
                "AgriPlatformAPI", "KubeCore", .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KubeOperationalServerTests",
            dependencies: [
                "KubeOperationalServer",
                "KubeRuntime",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AgriPlatformServerTests",
            dependencies: ["AgriPlatformAPI", "KubeCore", "KubeClient", "KubeTestServer", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        // What several test targets share: a server with clients that shut down with it, polling, a locked box, a
        // seeded random number generator.
        .target(
            name: "TestSupport",
            dependencies: ["KubeCore", "KubeClient", "KubeTestServer"],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AgriPlatformReconcilerTests",
            dependencies: [
                "AgriPlatformReconciler", "AgriPlatformRender", "AgriPlatformAPI", "KubeCore", "KubeClient",
                "KubeRuntime", "KubeTestServer", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AgriPlatformRenderTests",
            dependencies: [
                "AgriPlatformRender", "AgriPlatformAPI", "KubeCore", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Golden"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AgriPlatformRolloutTests",
            dependencies: [
                "AgriPlatformRollout", "AgriPlatformRender", "AgriPlatformAPI", "KubeCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DatastoreProcessTests",
            dependencies: ["AgriPlatformRender", "AgriPlatformAPI", "KubeCore", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        // A real Prometheus (the Debian package) scraping small in-test apps, for release analysis end to end.
        .testTarget(
            name: "PrometheusProcessTests",
            dependencies: [
                "AgriPlatformReconciler", "AgriPlatformRollout", "AgriPlatformRender", "AgriPlatformAPI", "KubeCore",
                "KubeClient", "KubeRuntime", "KubeTestServer", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AgriPlatformCLITests",
            dependencies: ["AgriPlatformCLI", "AgriPlatformAPI", "KubeCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AgriPlatformImportTests",
            dependencies: [
                "AgriPlatformImport", "AgriPlatformAPI", "AgriPlatformCLI", "AgriPlatformRender", "KubeCore",
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        // Starts moto_server and drives it with the real aws CLI (scripts/install-aws-tools; AGRI_AWS_BIN).
        .testTarget(
            name: "AWSImportProcessTests",
            dependencies: [
                "AgriPlatformImport", "AgriPlatformAPI", "AgriPlatformCLI", "AgriPlatformRender", "KubeCore",
            ],
            swiftSettings: swiftSettings
        ),
        // `agri-operator` commands run in-process (`@testable import agri_operator`) against a KubeTestServer.
        .testTarget(
            name: "AgriOperatorCommandTests",
            dependencies: [
                "agri-operator", "AgriPlatformImport", "KubeCore", "KubeTestServer", "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KubectlAgriTests",
            dependencies: [
                "AgriPlatformPlugin", "AgriPlatformAPI", "KubeCore", "KubeClient", "KubeTestServer", "TestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KubeConformanceTests",
            dependencies: ["KubeCore", "KubeClient", "KubeTestServer"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AgriFaultSuiteTests",
            dependencies: ["AgriFaultSuite"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "AgriPlatformReconciler", "KubeCore", "KubeClient", "KubeTestServer",
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)
