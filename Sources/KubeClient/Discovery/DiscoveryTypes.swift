/// The server's build information, from `GET /version` (`version.Info`).
///
/// See <https://kubernetes.io/docs/reference/using-api/#api-versioning>.
public struct ServerVersion: Codable, Sendable, Hashable {
    /// The major version, e.g. `1`.
    public var major: String
    /// The minor version, e.g. `31` (managed offerings may append `+`).
    public var minor: String
    /// E.g. `v1.31.2`.
    public var gitVersion: String
    /// The source commit.
    public var gitCommit: String?
    /// `clean` or `dirty`.
    public var gitTreeState: String?
    /// The RFC 3339 build time.
    public var buildDate: String?
    /// The Go toolchain version.
    public var goVersion: String?
    /// The Go compiler, e.g. `gc`.
    public var compiler: String?
    /// `os/arch`, e.g. `linux/amd64`.
    public var platform: String?

    /// Creates a version value.
    public init(major: String, minor: String, gitVersion: String, platform: String? = nil) {
        self.major = major
        self.minor = minor
        self.gitVersion = gitVersion
        self.platform = platform
    }
}

/// An API group and its versions, from `GET /apis` (`metav1.APIGroup`); the core group has the empty name.
///
/// See <https://kubernetes.io/docs/reference/using-api/api-concepts/#discovery>.
public struct APIGroup: Codable, Sendable, Hashable {
    /// One version of a group.
    public struct Version: Codable, Sendable, Hashable {
        /// `group/version`, or `version` for the core group.
        public var groupVersion: String
        /// The version alone, e.g. `v1`.
        public var version: String
        /// Creates a version entry.
        public init(groupVersion: String, version: String) {
            self.groupVersion = groupVersion
            self.version = version
        }
    }

    /// The group name, e.g. `apps`; empty for the core group.
    public var name: String
    /// The versions served, preferred first.
    public var versions: [Version]
    /// The version the server prefers.
    public var preferredVersion: Version?

    /// Creates a group.
    public init(name: String, versions: [Version], preferredVersion: Version? = nil) {
        self.name = name
        self.versions = versions
        self.preferredVersion = preferredVersion
    }
}

/// `metav1.APIGroupList`.
struct APIGroupList: Codable, Sendable {
    var groups: [APIGroup]
}

/// `metav1.APIVersions`, from `GET /api`.
struct APIVersions: Codable, Sendable {
    var versions: [String]
}

/// The resources of one group-version, from `GET /apis/<group>/<version>` (`metav1.APIResourceList`).
public struct APIResourceList: Codable, Sendable, Hashable {
    /// `group/version`, or `version` for the core group.
    public var groupVersion: String
    /// The resources and subresources served.
    public var resources: [APIResource]

    /// Creates a list.
    public init(groupVersion: String, resources: [APIResource]) {
        self.groupVersion = groupVersion
        self.resources = resources
    }
}

/// One resource (or subresource, named `plural/sub`) of a group-version (`metav1.APIResource`).
public struct APIResource: Codable, Sendable, Hashable {
    /// The plural name, e.g. `deployments`, or `deployments/status` for a subresource.
    public var name: String
    /// The singular name, e.g. `deployment`.
    public var singularName: String?
    /// Whether objects live in namespaces.
    public var namespaced: Bool
    /// The kind of objects, e.g. `Deployment`.
    public var kind: String
    /// `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`.
    public var verbs: [String]
    /// kubectl short names, e.g. `deploy`.
    public var shortNames: [String]?
    /// Categories such as `all`.
    public var categories: [String]?

    /// Creates a resource entry.
    public init(name: String, singularName: String? = nil, namespaced: Bool, kind: String, verbs: [String]) {
        self.name = name
        self.singularName = singularName
        self.namespaced = namespaced
        self.kind = kind
        self.verbs = verbs
    }
}
