public import KubeCore

extension AgriPlatformStatus: SchemaDescribing {
    /// What the operator last observed.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "What the operator last observed; written only through the status subresource.",
            properties: [
                "observedGeneration": .integer(
                    "The metadata.generation this status describes.",
                    0...Int64.max,
                    format: "int64"
                ),
                "phase": .string(
                    "Pending, Progressing, Ready, Degraded or Invalid.",
                    maxLength: 64
                ),
                "conditions": .array(
                    "Ready, Progressing, Degraded, DatastoresReady and InvalidSpec, as metav1.Condition.",
                    of: Condition.openAPISchema.withoutDescription,
                    maxItems: APIConstraints.maxConditions,
                    mapKeys: ["type"]
                ),
                "readyServices": .string("Ready services out of all, e.g. 2/3.", maxLength: 16),
                "readyDatastores": .string("Ready datastores out of all, e.g. 1/1.", maxLength: 16),
                "services": .array(
                    "One entry per service, in spec order.",
                    of: ServiceStatus.openAPISchema.withoutDescription,
                    maxItems: APIConstraints.maxServices,
                    mapKeys: ["name"]
                ),
                "datastores": .array(
                    "One entry per datastore, in spec order.",
                    of: DatastoreStatus.openAPISchema.withoutDescription,
                    maxItems: APIConstraints.maxDatastores,
                    mapKeys: ["name"]
                ),
                "observability": ObservabilityStatus.openAPISchema,
            ]
        )
    }
}

extension Condition: SchemaDescribing {
    /// The shape of `metav1.Condition`, with its upstream bounds and patterns; `lastTransitionTime`, `reason` and
    /// `message` are optional here because ``Condition`` makes them optional.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "A metav1.Condition.",
            properties: [
                "type": .string(
                    "The condition type in CamelCase, e.g. Ready.",
                    maxLength: 316,
                    minLength: 1,
                    pattern: "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
                        + "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$"
                ),
                "status": .string("True, False or Unknown.", values: APIConstraints.conditionStatuses),
                "observedGeneration": .integer(
                    "The metadata.generation the condition was set for.",
                    0...Int64.max,
                    format: "int64"
                ),
                "lastTransitionTime": .string(
                    "When status last changed.",
                    maxLength: 64,
                    format: "date-time"
                ),
                "reason": .string(
                    "A CamelCase reason for the last transition.",
                    maxLength: 1024,
                    pattern: "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$"
                ),
                "message": .string("A human-readable message.", maxLength: 32768),
            ],
            required: ["type", "status"]
        )
    }
}

extension ServiceStatus: SchemaDescribing {
    /// One service's observed state.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "One service's observed state.",
            properties: [
                "name": .string("The service's name from the spec.", maxLength: 63),
                "replicas": .integer("Pods desired now."),
                "readyReplicas": .integer("Pods ready."),
                "updatedReplicas": .integer("Pods running the desired revision."),
                "image": .string("The desired revision's image.", maxLength: APIConstraints.longStringMaxLength),
                "revision": .string("The desired revision's pod-template hash.", maxLength: 64),
                "rollout": RolloutStatus.openAPISchema,
            ],
            required: ["name"]
        )
    }
}

extension RolloutStatus: SchemaDescribing {
    /// A release's observed state.
    public static var openAPISchema: JSONSchemaProps {
        let revision = { (description: String) in JSONSchemaProps.string(description, maxLength: 64) }
        let time = { (description: String) in JSONSchemaProps.string(description, maxLength: 64, format: "date-time") }
        return .object(
            "The release in progress or last finished.",
            properties: [
                "phase": .string("Healthy, Progressing, Paused, Degraded or RolledBack.", maxLength: 64),
                "strategy": .string("The strategy of the release.", maxLength: 64),
                "stableRevision": revision("The revision that completed last."),
                "desiredRevision": revision("The revision the spec asks for."),
                "startedAt": time("When the release started."),
                "progressedAt": time("When the release last made progress."),
                "currentStepIndex": .integer("The index of the current canary step."),
                "stepStartedAt": time("When the current canary step started."),
                "canaryWeight": .integer("The new revision's share of traffic, 0–100."),
                "candidateReplicas": .integer("Pods of the new revision in the canary or preview Deployment."),
                "previewReadyAt": time("When every preview pod became ready."),
                "promotedAt": time("When the new revision was promoted."),
                "scaleDownAt": time("Until when the previous revision stays up for an instant rollback."),
                "pausedByUser": .boolean("Whether a person paused the release."),
                "failedRevision": revision("A revision that failed or was aborted; not released again as is."),
                "failureReason": .string("Why the failed revision failed.", maxLength: 64),
                "lastCommand": .string("The last user command handled.", maxLength: 256),
                "migration": .object(
                    "The migration Job of the desired revision.",
                    properties: [
                        "job": .string("The Job's name.", maxLength: 63),
                        "state": .string("Running, Succeeded, Failed or Retrying.", maxLength: 32),
                        "message": .string("Why it failed.", maxLength: 32768),
                    ],
                    required: ["job", "state"]
                ),
                "analysis": .object(
                    "The analysis of the release.",
                    properties: [
                        "failures": .integer("Failed measurements in this release."),
                        "inconclusive": .integer("Measurements without data or with errors in this release."),
                        "measuredAt": time("When metrics were last measured."),
                        "measurements": .array(
                            "The latest measurement of each check and every failed one, newest first.",
                            of: .object(
                                "One measurement.",
                                properties: [
                                    "name": .string("The check.", maxLength: 253),
                                    "result": .string("Passed, Failed, NoData or Error.", maxLength: 32),
                                    "value": .number("The measured value."),
                                    "threshold": .string("The limit, e.g. '> 5'.", maxLength: 256),
                                    "time": time("When it was measured."),
                                    "message": .string("What it means.", maxLength: 4096),
                                ],
                                required: ["name", "result", "time"]
                            ),
                            maxItems: AnalysisStatus.measurementLimit
                        ),
                    ]
                ),
                "history": .array(
                    "Revisions that completed, newest first.",
                    of: .object(
                        "A completed revision.",
                        properties: [
                            "revision": revision("The revision."),
                            "image": .string("Its image.", maxLength: APIConstraints.longStringMaxLength),
                            "completedAt": time("When it completed."),
                        ],
                        required: ["revision"]
                    ),
                    maxItems: RolloutStatus.historyLimit
                ),
                "message": .string("Why the release is where it is.", maxLength: 32768),
            ]
        )
    }
}

extension DatastoreStatus: SchemaDescribing {
    /// One datastore's observed state.
    public static var openAPISchema: JSONSchemaProps {
        .object(
            "One datastore's observed state.",
            properties: [
                "name": .string("The datastore's name from the spec.", maxLength: 63),
                "engine": .string("The engine.", maxLength: 64),
                "ready": .boolean("Whether it accepts connections."),
                "replicas": .integer("Members desired."),
                "readyReplicas": .integer("Members ready."),
                "version": .string("The engine version an operated datastore runs.", maxLength: 32),
                "endpoint": .string("Where services connect, host:port (operated datastores).", maxLength: 512),
                "connectionSecret": .string("The Secret with the connection settings.", maxLength: 253),
                "lastBackupTime": .string(
                    "When the last successful backup finished.",
                    maxLength: 64,
                    format: "date-time"
                ),
                "lastFailedBackupTime": .string(
                    "When the last failed backup was scheduled, if it came after the last success.",
                    maxLength: 64,
                    format: "date-time"
                ),
                "message": .string("Why it is not ready, when it is not.", maxLength: 32768),
            ],
            required: ["name"]
        )
    }
}
