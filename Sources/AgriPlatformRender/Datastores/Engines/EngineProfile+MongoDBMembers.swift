import AgriPlatformAPI
import KubeCore

extension EngineProfile {
    /// The Job `<platform>-<datastore>-members-<N>` (N = `replicas`) that makes the replica set exactly members
    /// 0…N-1, at `<pod>.<platform>-<datastore>-headless.<namespace>.svc.cluster.local:27017`.
    ///
    /// It runs ``mongoDBMembersScript`` with `mongosh --nodb` in the datastore's image, as uid 999, with the root
    /// user's name and password from the connection Secret (`MONGO_USERNAME`, `MONGO_PASSWORD`), the replica set
    /// name (`REPLICA_SET`) and the member addresses (`MEMBERS`, space-separated `host:27017`). The script is
    /// idempotent; each round it asks every member `hello` (no authentication needed) and then:
    ///
    /// 1. waits until every wanted member answers; after 60 rounds of 5 seconds it exits 1 and the Job retries
    ///    (`backoffLimit` 6, `activeDeadlineSeconds` 1 800 for the whole Job);
    /// 2. if no member has a replica set configuration, runs `replSetInitiate` on member 0 with members `_id`
    ///    0…N-1 (it never initiates while any member answers with a set name, so a member that lost its volume
    ///    cannot start a second set);
    /// 3. otherwise connects to the primary and changes the configuration by ONE voting member per
    ///    `replSetReconfig` (MongoDB 4.4 and later refuse more), waiting after each until the configuration is
    ///    committed (`replSetGetConfig` with `commitmentStatus`): first it adds each missing member; then, for
    ///    members to remove, it sets their priority to 0 (not a voting change, so all at once), steps the primary
    ///    down if it is one of them, and removes them one at a time;
    /// 4. exits 0 once `replSetGetStatus` shows a PRIMARY and exactly N members.
    ///
    /// **Contract with the operator.** The name carries N, so each target size gets its own Job, and re-rendering
    /// the same size names the same Job, which therefore runs once (the operator prunes old Jobs; no
    /// `ttlSecondsAfterFinished`). On a scale-UP the operator applies the larger StatefulSet first and this Job
    /// after it (the Job waits for the new members to answer). On a scale-DOWN it applies this Job first and
    /// lowers the StatefulSet's replicas only after the Job succeeded, so pods are deleted only once they are out
    /// of the set and the set never counts votes of members that are gone.
    ///
    /// Its pods are labelled `app.kubernetes.io/name: <datastore>-members` (component `datastore`): not the
    /// members' selector, so neither Service nor the PodDisruptionBudget picks them up. The datastore's
    /// NetworkPolicy must admit them on 27017.
    ///
    /// Not handled: a member whose volume was lost while it stays in the configuration (it resyncs by itself as
    /// an empty member), and a member re-added after a scale-down whose kept volume is older than the primary's
    /// oplog (it stays RECOVERING, "too stale", until its volume is deleted and it resyncs). Delete the
    /// PersistentVolumeClaims of removed members before scaling up again, unless the claim retention policy
    /// already deletes them on scale-down.
    static func mongoDBMembersJob(_ identity: DatastoreIdentity) -> JSONValue {
        let scope = identity.scope
        let name = "\(identity.fullName)-members-\(identity.replicas)"
        let labels = scope.labels(
            name: "\(identity.datastore.name)-members",
            component: PlatformLabels.Component.datastore
        )
        let members = (0..<identity.replicas).map { "\(identity.memberHost($0)):\(mongoDBPort)" }
        let connection = identity.connectionSecretName
        let image = identity.datastore.image ?? "mongo:\(identity.version)"
        let container: JSONValue = [
            "name": "members",
            "image": .string(image),
            "command": ["mongosh", "--nodb", "--quiet", "--eval", .string(mongoDBMembersScript)],
            "env": [
                ["name": "REPLICA_SET", "value": .string(identity.datastore.name)],
                ["name": "MEMBERS", "value": .string(members.joined(separator: " "))],
                mongoSecretEnv("MONGO_USERNAME", secret: connection, key: "USERNAME"),
                mongoSecretEnv("MONGO_PASSWORD", secret: connection, key: "PASSWORD"),
                // mongosh keeps its history and logs under $HOME: the writable /tmp, not the read-only image.
                ["name": "HOME", "value": "/tmp"],
            ],
            "volumeMounts": [["name": "tmp", "mountPath": "/tmp"]],
            "securityContext": mongoContainerSecurityContext,
        ]
        var podSpec: JSONObject = [
            "restartPolicy": "Never",
            "automountServiceAccountToken": false,
            "securityContext": [
                "runAsNonRoot": true,
                "runAsUser": .integer(mongoDBUser),
                "runAsGroup": .integer(mongoDBUser),
                "seccompProfile": ["type": "RuntimeDefault"],
            ],
            "containers": [container],
            "volumes": [["name": "tmp", "emptyDir": [:]]],
        ]
        if let secrets = scope.platform.spec.imagePullSecrets, !secrets.isEmpty {
            podSpec["imagePullSecrets"] = .array(secrets.map { ["name": .string($0)] })
        }
        return scope.object(
            apiVersion: "batch/v1",
            kind: "Job",
            metadata: scope.metadata(name: name, labels: labels),
            spec: [
                "backoffLimit": 6,
                "activeDeadlineSeconds": 1800,
                "template": [
                    "metadata": ["labels": .strings(labels)],
                    "spec": .object(podSpec),
                ],
            ]
        )
    }

    /// The members Job's `mongosh --nodb` script (see ``mongoDBMembersJob(_:)``). Credentials come from
    /// `process.env` and are never printed; a failed command throws, which exits `mongosh` with status 1.
    static let mongoDBMembersScript = """
        const want = process.env.MEMBERS.split(" ");
        const auth = process.env.MONGO_USERNAME + ":" + process.env.MONGO_PASSWORD + "@";
        const options = "/?directConnection=true&authSource=admin&serverSelectionTimeoutMS=5000";
        function hello(host) {
          try {
            const conn = new Mongo("mongodb://" + host + options);
            const reply = conn.getDB("admin").runCommand({ hello: 1 });
            conn.close();
            return reply;
          } catch (e) {
            return { ok: 0 };
          }
        }
        function admin(host) {
          return new Mongo("mongodb://" + auth + host + options).getDB("admin");
        }
        function reconfigure(db, config) {
          config.version += 1;
          db.runCommand({ replSetReconfig: config });
          for (let i = 0; i < 60; i++) {
            if (db.runCommand({ replSetGetConfig: 1, commitmentStatus: true }).commitmentStatus) return;
            sleep(2000);
          }
          throw new Error("the new configuration was not committed in 120 seconds");
        }
        for (let round = 0; round < 60; round++) {
          const views = want.map(hello);
          if (!views.every((v) => v.ok === 1)) {
            print("waiting for every member to answer");
            sleep(5000);
            continue;
          }
          if (!views.some((v) => v.setName)) {
            const members = want.map((host, id) => ({ _id: id, host: host }));
            admin(want[0]).runCommand({ replSetInitiate: { _id: process.env.REPLICA_SET, members: members } });
            print("initiated the replica set with " + want.length + " members");
            sleep(5000);
            continue;
          }
          const primary = views.map((v) => v.primary).find((p) => p);
          if (!primary) {
            print("waiting for a primary");
            sleep(5000);
            continue;
          }
          const db = admin(primary);
          const config = db.runCommand({ replSetGetConfig: 1 }).config;
          const hosts = config.members.map((m) => m.host);
          const missing = want.filter((h) => !hosts.includes(h));
          const extra = config.members.filter((m) => !want.includes(m.host));
          if (missing.length > 0) {
            const id = Math.max(...config.members.map((m) => m._id)) + 1;
            config.members.push({ _id: id, host: missing[0] });
            reconfigure(db, config);
            print("added " + missing[0]);
          } else if (extra.some((m) => m.priority > 0)) {
            extra.forEach((m) => { m.priority = 0; });
            reconfigure(db, config);
            print("set priority 0 on the members to remove");
          } else if (extra.some((m) => m.host === primary)) {
            try { db.runCommand({ replSetStepDown: 60 }); } catch (e) { print("step down: " + e.message); }
            print("stepped down " + primary + ", which is to be removed");
            sleep(5000);
          } else if (extra.length > 0) {
            config.members = config.members.filter((m) => m.host !== extra[0].host);
            reconfigure(db, config);
            print("removed " + extra[0].host);
          } else {
            const status = db.runCommand({ replSetGetStatus: 1 });
            const hasPrimary = status.members.some((m) => m.stateStr === "PRIMARY");
            if (hasPrimary && status.members.length === want.length) {
              print("replica set " + process.env.REPLICA_SET + " has its " + want.length + " members");
              quit(0);
            }
            sleep(5000);
          }
        }
        print("the replica set did not reach " + want.length + " members in time");
        quit(1);
        """
}
