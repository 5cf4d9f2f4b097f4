import AgriPlatformAPI
import KubeCore

extension DatastoreRender {
    /// The security context of the containers the operator writes for datastores (engine, backup, S3 upload): no
    /// privilege escalation and no capabilities. The engines run as their image's non-root user
    /// (``EngineProfile/podSecurityContext``), which needs none.
    static let containerSecurityContext: JSONValue = [
        "allowPrivilegeEscalation": false,
        "capabilities": ["drop": ["ALL"]],
    ]

    /// The engine's pod security context with seccomp `RuntimeDefault` where the profile sets no seccomp profile.
    var podSecurityContext: JSONValue {
        var context = profile.podSecurityContext
        if context["seccompProfile"] == nil { context["seccompProfile"] = ["type": "RuntimeDefault"] }
        return context
    }

    /// The labels of backup pods: `name: <datastore>-backup`, `component: backup`, so neither the datastore's
    /// Services nor its disruption budget select them.
    var backupLabels: [String: String] {
        scope.labels(name: "\(datastore.name)-backup", component: PlatformLabels.Component.backup)
    }

    /// The volume backups are written to, `<platform>-<datastore>-backup`: `backup.storageSize`, else the
    /// datastore's storage size. Garbage-collected with the platform only with `storage.reclaimPolicy: Delete`; the
    /// operator itself never deletes it.
    func backupClaim(_ backup: BackupSpec) throws(RenderError) -> JSONValue {
        let size = try ResourceRequirements.memory(
            backup.storageSize ?? storageSize,
            path: "\(path).backup.storageSize"
        )
        var spec: JSONObject = [
            "accessModes": ["ReadWriteOnce"],
            "resources": ["requests": ["storage": size]],
        ]
        if let className = datastore.storage?.className { spec["storageClassName"] = .string(className) }
        var metadata = scope.metadata(name: identity.backupName, labels: .strings(backupLabels))
        if !deletesVolumes { metadata["ownerReferences"] = nil }
        return scope.object(apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: metadata, spec: .object(spec))
    }

    /// The backup CronJob, `<platform>-<datastore>-backup`.
    ///
    /// - `schedule` is used as written; a `window` such as `03:00-04:00` starts at its opening (`0 3 * * *`), and
    ///   `startingDeadlineSeconds` keeps a late start inside the window (a run that cannot start before the window
    ///   closes is skipped, as RDS does). Both in `timeZone: Etc/UTC`.
    /// - `concurrencyPolicy: Forbid`: a slow backup is never overlapped by the next.
    /// - Each run writes into a fresh folder named by its UTC start time (`.partial` until the engine's command
    ///   succeeds, then renamed), and deletes the folders older than `retentionDays` days only after a successful
    ///   backup — a failing backup never prunes the last good ones. Only folders named like a start time are pruned
    ///   (a fresh volume's `lost+found` stays).
    /// - With `s3`, the dump runs as an init container and a second container copies the new folder to S3 and prunes
    ///   the copies there after the same retention; with no `s3.secretName` it runs as the platform's
    ///   ServiceAccount, so workload identity (IRSA, EKS Pod Identity) supplies the credentials.
    func backupCronJob(_ backup: BackupSpec, command: BackupCommand) throws(RenderError) -> JSONValue {
        let timing = try Self.backupTiming(backup, path: "\(path).backup")
        let retention = backup.retentionDays ?? Defaults.Datastore.backupRetentionDays
        let environment: [JSONValue] =
            [["name": "BACKUP_ROOT", "value": .string(Self.backupMountPath)]]
            + [["name": "RETENTION_DAYS", "value": .string(String(retention))]]
            + command.environment
        let container: JSONValue = [
            "name": "backup",
            "image": .string(command.image),
            "imagePullPolicy": "IfNotPresent",
            "command": ["/bin/sh", "-c", .string(Self.backupWrapper), "backup", .string(command.script)],
            "env": .array(environment),
            "volumeMounts": [["name": "backup", "mountPath": .string(Self.backupMountPath)]],
            "securityContext": Self.containerSecurityContext,
        ]
        let podLabels = JSONValue.strings(backupLabels)
        var podSpec: JSONObject = [
            "restartPolicy": "Never",
            "automountServiceAccountToken": false,
            "securityContext": podSecurityContext,
            "containers": [container],
            "volumes": [["name": "backup", "persistentVolumeClaim": ["claimName": .string(identity.backupName)]]],
        ]
        if let s3 = backup.s3 {
            // The dump runs first (an init container); the copy to S3 runs only after it succeeded.
            podSpec["initContainers"] = [container]
            podSpec["containers"] = [s3Upload(s3, retention: retention)]
            if s3.secretName == nil {
                podSpec["serviceAccountName"] = .string(scope.serviceAccountName)
                podSpec["automountServiceAccountToken"] = true
            }
        }
        if let secrets = scope.platform.spec.imagePullSecrets, !secrets.isEmpty {
            podSpec["imagePullSecrets"] = .array(secrets.map { ["name": .string($0)] })
        }
        return scope.object(
            apiVersion: "batch/v1",
            kind: "CronJob",
            metadata: scope.metadata(name: identity.backupName, labels: podLabels),
            spec: [
                "schedule": .string(timing.schedule),
                "timeZone": "Etc/UTC",
                "concurrencyPolicy": "Forbid",
                "startingDeadlineSeconds": .integer(timing.startingDeadlineSeconds),
                "successfulJobsHistoryLimit": 3,
                "failedJobsHistoryLimit": 3,
                "jobTemplate": [
                    "metadata": ["labels": podLabels],
                    "spec": [
                        "backoffLimit": 2,
                        // A hung dump must not block every later run (concurrencyPolicy: Forbid).
                        "activeDeadlineSeconds": .integer(Self.backupDeadlineSeconds),
                        "template": ["metadata": ["labels": podLabels], "spec": .object(podSpec)],
                    ],
                ],
            ]
        )
    }

    /// The container that copies the newest backup to S3 and prunes copies older than the retention there.
    func s3Upload(_ s3: S3BackupTarget, retention: Int32) -> JSONValue {
        var environment: [JSONValue] = [
            ["name": "BACKUP_ROOT", "value": .string(Self.backupMountPath)],
            ["name": "RETENTION_DAYS", "value": .string(String(retention))],
            ["name": "S3_BUCKET", "value": .string(s3.bucket)],
            [
                "name": "S3_PREFIX",
                "value": .string(s3.prefix ?? "\(scope.namespace)/\(scope.name)/\(datastore.name)"),
            ],
        ]
        if let endpoint = s3.endpoint { environment.append(["name": "S3_ENDPOINT", "value": .string(endpoint)]) }
        if let region = s3.region { environment.append(["name": "AWS_REGION", "value": .string(region)]) }
        if let secret = s3.secretName {
            for key in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"] {
                environment.append([
                    "name": .string(key),
                    "valueFrom": ["secretKeyRef": ["name": .string(secret), "key": .string(key)]],
                ])
            }
        }
        return [
            "name": "upload-s3",
            "image": .string(s3.image ?? Defaults.Datastore.s3UploadImage),
            "imagePullPolicy": "IfNotPresent",
            "command": ["/bin/sh", "-c", .string(Self.s3UploadScript)],
            "env": .array(environment),
            "volumeMounts": [["name": "backup", "mountPath": .string(Self.backupMountPath), "readOnly": true]],
            "securityContext": Self.containerSecurityContext,
        ]
    }

    /// Copies the newest finished backup folder to `s3://$S3_BUCKET/$S3_PREFIX/<folder>/`, then deletes the
    /// folders there older than `$RETENTION_DAYS` days (folder names are UTC start times, so they compare as
    /// text). Needs only `sh`, `ls`, `grep`, `sort`, `head`, `tail` and GNU `date` beside `aws` (the AWS CLI image is
    /// Amazon Linux 2 with coreutils and grep).
    static let s3UploadScript = """
        set -eu
        latest=$(ls -1 "$BACKUP_ROOT" | grep -E '^[0-9]{8}T[0-9]{6}Z$' | sort | tail -n 1 || true)
        if [ -z "$latest" ]; then
          echo "no finished backup in $BACKUP_ROOT to copy" >&2
          exit 1
        fi
        set --
        if [ -n "${S3_ENDPOINT:-}" ]; then set -- --endpoint-url "$S3_ENDPOINT"; fi
        target="s3://$S3_BUCKET/$S3_PREFIX"
        aws "$@" s3 cp --recursive --only-show-errors "$BACKUP_ROOT/$latest" "$target/$latest/"
        echo "backup $latest copied to $target/$latest/"
        cutoff=$(date -u -d "@$(( $(date +%s) - RETENTION_DAYS * 86400 ))" +%Y%m%dT%H%M%SZ)
        aws "$@" s3 ls "$target/" | while read -r kind name; do
          [ "$kind" = PRE ] || continue
          old=${name%/}
          case "$old" in ""|*[!0-9TZ]*) continue ;; esac
          first=$(printf '%s\\n%s\\n' "$old" "$cutoff" | sort | head -n 1)
          if [ "$first" = "$old" ] && [ "$old" != "$cutoff" ]; then
            aws "$@" s3 rm --recursive --only-show-errors "$target/$old/"
            echo "pruned $target/$old/"
          fi
        done
        """

    /// The longest a backup run may take before it is stopped and counted as failed: six hours.
    static let backupDeadlineSeconds: Int64 = 6 * 3600

    /// Where the backup volume is mounted in backup pods.
    static let backupMountPath = "/backup"

    /// The script around an engine's backup command (`$1`): a fresh folder, the engine's dump, then pruning.
    static let backupWrapper = """
        set -eu
        stamp=$(date -u +%Y%m%dT%H%M%SZ)
        export BACKUP_DIR="$BACKUP_ROOT/$stamp.partial"
        rm -rf "$BACKUP_DIR"
        mkdir -p "$BACKUP_DIR"
        if ! sh -c "$1"; then
          echo "backup failed; keeping the earlier backups" >&2
          rm -rf "$BACKUP_DIR"
          exit 1
        fi
        mv "$BACKUP_DIR" "$BACKUP_ROOT/$stamp"
        echo "backup $stamp written"
        find "$BACKUP_ROOT" -mindepth 1 -maxdepth 1 -type d -name '*.partial' -exec rm -rf {} +
        find "$BACKUP_ROOT" -mindepth 1 -maxdepth 1 -type d -name '[0-9]*T*Z' -mmin +$((RETENTION_DAYS * 1440)) \\
          -exec rm -rf {} +
        """

    /// A cron schedule and starting deadline from `schedule` or `window`.
    ///
    /// A window `HH:MM-HH:MM` (which may wrap past midnight) starts at its opening, and its length is the deadline;
    /// a plain schedule gets one hour to start.
    static func backupTiming(
        _ backup: BackupSpec,
        path: String
    ) throws(RenderError) -> (schedule: String, startingDeadlineSeconds: Int64) {
        if let schedule = backup.schedule { return (schedule, 3600) }
        guard let window = backup.window else {
            throw RenderError(path: path, message: "exactly one of schedule and window is required")
        }
        let times = window.split(separator: "-").map { $0.split(separator: ":").compactMap { Int($0) } }
        guard times.count == 2, times.allSatisfy({ $0.count == 2 }),
            (0..<24).contains(times[0][0]), (0..<60).contains(times[0][1]),
            (0..<24).contains(times[1][0]), (0..<60).contains(times[1][1])
        else {
            throw RenderError(path: "\(path).window", message: "must be HH:MM-HH:MM in UTC, e.g. 03:00-04:00")
        }
        let start = times[0][0] * 60 + times[0][1]
        let end = times[1][0] * 60 + times[1][1]
        let minutes = (end - start + 24 * 60) % (24 * 60)
        guard minutes > 0 else {
            throw RenderError(path: "\(path).window", message: "the window must not end when it starts")
        }
        return ("\(times[0][1]) \(times[0][0]) * * *", Int64(minutes) * 60)
    }
}
