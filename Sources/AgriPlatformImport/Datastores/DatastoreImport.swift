public import AgriPlatformAPI
public import KubeCore

/// Imports RDS and Aurora databases (`aws rds describe-db-instances` / `describe-db-clusters`) and ElastiCache
/// caches (`aws elasticache describe-cache-clusters` / `describe-replication-groups`) as AgriPlatform datastores.
///
/// As ``ImportOptions/datastores`` says, each becomes either an operated datastore of the same engine and major
/// version (storage, instance size, Multi-AZ, backup window and retention carried over), or an `external`
/// reference to a Secret with the connection settings. PostgreSQL and Redis (and Valkey, as Redis) are imported;
/// MySQL, MariaDB, Oracle, SQL Server and Memcached have no engine in the API and are reported as dropped.
public enum DatastoreImport {
    /// The AWS documents, each as the AWS CLI prints it.
    public struct Input: Sendable, Hashable {
        /// A `describe-db-instances` (`{"DBInstances": [...]}`) or `describe-db-clusters` (`{"DBClusters": [...]}`)
        /// output.
        public var rds: JSONValue?
        /// A `describe-cache-clusters` (`{"CacheClusters": [...]}`) or `describe-replication-groups`
        /// (`{"ReplicationGroups": [...]}`) output.
        public var elasticache: JSONValue?

        /// Creates an input.
        public init(rds: JSONValue? = nil, elasticache: JSONValue? = nil) {
            self.rds = rds
            self.elasticache = elasticache
        }
    }

    /// The imported datastores, the ExternalSecrets that fill external datastores' Secrets, and the notes.
    public struct Output: Sendable, Hashable {
        /// The datastores, databases first.
        public var datastores: [Datastore]
        /// ExternalSecrets for external datastores whose master password Secrets Manager manages, when the user
        /// opted in to ExternalSecrets.
        public var extraObjects: [JSONValue]
        /// What was mapped, approximated, dropped or needs a decision.
        public var notes: [ImportNote]
    }

    /// Imports `input` for the platform `platformName`.
    ///
    /// - Throws: ``ImportError`` naming the JSON path of the first value that cannot be read.
    public static func run(
        _ input: Input,
        platformName: String,
        options: ImportOptions
    ) throws(ImportError) -> Output {
        var conversion = DatastoreConversion(platformName: platformName, options: options)
        if let rds = input.rds {
            let root = AWSValue(rds, path: "")
            if let clusters = try root.optional("DBClusters") {
                for cluster in try clusters.array() { try conversion.database(cluster, isCluster: true) }
            } else if let instances = try root.optional("DBInstances") {
                var seenClusters: Set<String> = []
                for instance in try instances.array() {
                    if let cluster = try instance.string("DBClusterIdentifier") {
                        guard seenClusters.insert(cluster).inserted else { continue }
                    }
                    try conversion.database(instance, isCluster: false)
                }
            } else {
                throw .missingField(path: "DBInstances")
            }
        }
        if let elasticache = input.elasticache {
            let root = AWSValue(elasticache, path: "")
            if let groups = try root.optional("ReplicationGroups") {
                for group in try groups.array() { try conversion.replicationGroup(group) }
            } else if let clusters = try root.optional("CacheClusters") {
                var seenGroups: Set<String> = []
                for cluster in try clusters.array() {
                    if let group = try cluster.string("ReplicationGroupId") {
                        guard seenGroups.insert(group).inserted else { continue }
                    }
                    try conversion.cacheCluster(cluster)
                }
            } else {
                throw .missingField(path: "CacheClusters")
            }
        }
        return Output(
            datastores: conversion.datastores,
            extraObjects: conversion.extraObjects,
            notes: conversion.notes.notes
        )
    }
}
