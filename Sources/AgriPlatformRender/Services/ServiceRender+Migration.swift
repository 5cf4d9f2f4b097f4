import AgriPlatformAPI
import KubeCore

extension ServiceRender {
    /// The migration Job `<platform>-<service>-migrate-<revision>`, where the revision is the first ten digits of
    /// the pod template's revision: each new revision of the pods gets a Job of its own, and re-rendering the same
    /// revision names the same Job, which therefore runs once.
    ///
    /// Its pods carry `app.kubernetes.io/name: <service>-migrate` and `component: migration`, so the service's
    /// selector (and thus its Service and PodDisruptionBudget) never matches them. They share the service's
    /// image (unless `migration.image`), environment, resources and security settings; `backoffLimit` defaults to
    /// 0 and `activeDeadlineSeconds` to 600.
    ///
    /// Only the Job is rendered here. Making the new revision of the Deployment wait for the Job to succeed is the
    /// rollout issue's gate.
    func migrationJob(revision: String) throws(RenderError) -> JSONValue? {
        guard let migration = service.migration else { return nil }
        let name = "\(fullName)-migrate-\(revision.prefix(10))"
        guard name.utf8.count <= 63 else {
            throw RenderError(
                path: "\(path).name",
                message:
                    "the migration Job \"\(name)\" is longer than 63 characters, the limit for its pods' job-name label"
            )
        }
        let jobLabels = scope.labels(name: "\(service.name)-migrate", component: PlatformLabels.Component.migration)
        var container = try container(name: "migrate", image: migration.image ?? service.image)
        container["command"] = .array(migration.command.map { .string($0) })
        if let args = migration.args { container["args"] = .array(args.map { .string($0) }) }
        var podSpec = podSpec(containers: [.object(container)])
        podSpec["restartPolicy"] = "Never"
        let annotations = [PodTemplateRevision.annotation: revision]
        return scope.object(
            apiVersion: "batch/v1",
            kind: "Job",
            metadata: scope.metadata(name: name, labels: jobLabels, annotations: annotations),
            spec: [
                "backoffLimit": .int(migration.backoffLimit ?? Defaults.Migration.backoffLimit),
                "activeDeadlineSeconds": .integer(migration.timeoutSeconds ?? Defaults.Migration.timeoutSeconds),
                "template": [
                    "metadata": ["labels": .strings(jobLabels), "annotations": .strings(annotations)],
                    "spec": .object(podSpec),
                ],
            ]
        )
    }
}
