import KubeCore

extension Datastore {
    /// Name, engine, version, members per engine, storage, resources, backups, and the exclusivity of `external`.
    func validate(at path: String) -> [FieldError] {
        var validator = FieldValidator()
        validator.dns1035Label("\(path).name", name)
        if engine.rawValue.isEmpty {
            validator.append(.required("\(path).engine"))
        } else {
            validator.oneOf("\(path).engine", engine.rawValue, APIConstraints.engines)
        }
        if let external {
            let operated: [(String, Bool)] = [
                ("version", version != nil), ("image", image != nil), ("replicas", replicas != nil),
                ("storage", storage != nil), ("resources", resources != nil), ("backup", backup != nil),
                ("spreadAcrossZones", spreadAcrossZones != nil), ("podAntiAffinity", podAntiAffinity != nil),
                ("postgres", postgres != nil),
            ]
            for (field, isSet) in operated where isSet {
                validator.append(
                    .forbidden(
                        "\(path).\(field)",
                        "an external datastore takes only name, engine and external; the operator does not run it"
                    )
                )
            }
            validator.dns1123Subdomain("\(path).external.secretName", external.secretName)
            return validator.errors
        }
        if let version, validator.nonEmpty("\(path).version", version),
            validator.length("\(path).version", version, max: 32)
        {
            validator.pattern(
                "\(path).version",
                version,
                APIConstraints.versionPattern,
                "must be a version such as 16 or 7.0"
            )
        }
        if engine == .rabbitMQ, let version, !version.hasPrefix("3.") {
            // The rendered configuration and the definitions backup (python3 in the management image) are those
            // of RabbitMQ 3.x; 4.x changed both.
            validator.append(
                .invalid(
                    "\(path).version",
                    version,
                    "this operator version runs RabbitMQ 3.x (3.13 by default); 4.x is not supported yet"
                )
            )
        }
        if let image {
            validator.nonEmpty("\(path).image", image)
            validator.length("\(path).image", image, max: APIConstraints.longStringMaxLength)
        }
        validateReplicas(at: "\(path).replicas", into: &validator)
        if let storage {
            _ = validator.memory("\(path).storage.size", storage.size)
            validator.dns1123Subdomain("\(path).storage.className", storage.className)
            validator.oneOf("\(path).storage.reclaimPolicy", storage.reclaimPolicy, APIConstraints.reclaimPolicies)
        }
        validator.oneOf("\(path).podAntiAffinity", podAntiAffinity, APIConstraints.podAntiAffinities)
        if let resources {
            validator.append(contentsOf: resources.validate(at: "\(path).resources"))
        }
        if let backup {
            validator.append(contentsOf: backup.validate(at: "\(path).backup"))
        }
        if let postgres {
            if engine != .postgreSQL, DatastoreEngine.known.contains(engine) {
                validator.append(
                    .forbidden("\(path).postgres", "postgres settings are only valid with engine PostgreSQL")
                )
            }
            if let database = postgres.database, validator.nonEmpty("\(path).postgres.database", database),
                validator.length("\(path).postgres.database", database, max: 63)
            {
                validator.pattern(
                    "\(path).postgres.database",
                    database,
                    APIConstraints.sqlIdentifierPattern,
                    "must be a lower-case SQL identifier ([a-z_][a-z0-9_]*)"
                )
            }
            let extensionsPath = "\(path).postgres.extensions"
            validator.count(extensionsPath, postgres.extensions, max: APIConstraints.maxSmallList)
            validator.uniqueStrings(extensionsPath, postgres.extensions)
            for (index, name) in (postgres.extensions ?? []).enumerated()
            where validator.length("\(extensionsPath)[\(index)]", name, max: 63) {
                validator.pattern(
                    "\(extensionsPath)[\(index)]",
                    name,
                    APIConstraints.extensionPattern,
                    "must be an extension name such as pg_trgm or uuid-ossp"
                )
            }
        }
        return validator.errors
    }

    /// Members: odd for MongoDB and RabbitMQ (a majority survives a member's loss), 3 or 5 for Consul (the
    /// seeds' "3–5 server nodes"; 4 servers tolerate no more failures than 3), within 1–9 for every engine.
    private func validateReplicas(at path: String, into validator: inout FieldValidator) {
        guard let replicas else { return }
        guard APIConstraints.datastoreReplicas.contains(Int64(replicas)) else {
            validator.range(path, replicas, APIConstraints.datastoreReplicas)
            return
        }
        switch engine {
        case .mongoDB where replicas % 2 == 0, .rabbitMQ where replicas % 2 == 0:
            validator.append(
                .invalid(
                    path,
                    replicas,
                    "\(engine.rawValue) needs an odd number of members (1, 3, 5, 7 or 9) to keep a majority"
                )
            )
        case .consul where replicas != 3 && replicas != 5:
            validator.append(.invalid(path, replicas, "Consul needs 3 or 5 servers"))
        default:
            break
        }
    }
}

extension BackupSpec {
    /// Exactly one of schedule and window, each well-formed, and retention within RDS's limits.
    func validate(at path: String) -> [FieldError] {
        var validator = FieldValidator()
        switch (schedule, window) {
        case (nil, nil):
            validator.append(.required(path, "exactly one of schedule and window is required"))
        case (.some, .some):
            validator.append(.forbidden("\(path).window", "exactly one of schedule and window may be set"))
        default:
            break
        }
        if let schedule, validator.length("\(path).schedule", schedule, max: 128),
            let problem = ScheduleSyntax.cronProblem(schedule)
        {
            validator.append(.invalid("\(path).schedule", schedule, problem))
        }
        if let window, let problem = ScheduleSyntax.windowProblem(window) {
            validator.append(.invalid("\(path).window", window, problem))
        }
        validator.range("\(path).retentionDays", retentionDays, APIConstraints.retentionDays)
        _ = validator.memory("\(path).storageSize", storageSize)
        if let s3 {
            let base = "\(path).s3"
            validator.pattern(
                "\(base).bucket",
                s3.bucket,
                APIConstraints.s3BucketPattern,
                "must be an S3 bucket name: 3-63 lower-case letters, digits, dots and hyphens"
            )
            if let prefix = s3.prefix, validator.length("\(base).prefix", prefix, max: 512) {
                validator.pattern(
                    "\(base).prefix",
                    prefix,
                    APIConstraints.s3PrefixPattern,
                    "must be path segments of letters, digits, '_', '.' and '-', without leading or trailing '/'"
                )
            }
            if let endpoint = s3.endpoint,
                validator.length("\(base).endpoint", endpoint, max: APIConstraints.longStringMaxLength)
            {
                validator.pattern("\(base).endpoint", endpoint, APIConstraints.httpURLPattern, "must be an http(s) URL")
            }
            if let region = s3.region, validator.nonEmpty("\(base).region", region) {
                validator.length("\(base).region", region, max: 32)  // the CRD's maxLength
            }
            validator.dns1123Subdomain("\(base).secretName", s3.secretName)
            if let image = s3.image, validator.nonEmpty("\(base).image", image) {
                validator.length("\(base).image", image, max: APIConstraints.longStringMaxLength)
            }
        }
        return validator.errors
    }
}
