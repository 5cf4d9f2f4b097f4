/// The label keys and values on every object the renderer produces, following the Kubernetes recommended labels
/// (https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/).
///
/// | Key | Value |
/// |---|---|
/// | `app.kubernetes.io/name` | the service or datastore (`<service>-migrate` on migration Jobs, `<datastore>-backup` on backup pods) |
/// | `app.kubernetes.io/instance` | the AgriPlatform's name |
/// | `app.kubernetes.io/component` | `service`, `datastore`, `migration` or `backup` |
/// | `app.kubernetes.io/part-of` | the AgriPlatform's name |
/// | `app.kubernetes.io/managed-by` | `agri-operator` |
///
/// The ServiceAccount is named after the platform and has no component. `spec.commonLabels` are added first, so
/// they can never replace these. Selectors use only `name` and `instance`:
/// a Deployment's selector is immutable, so it must not depend on anything a user might change later.
public enum PlatformLabels {
    public static let name = "app.kubernetes.io/name"
    public static let instance = "app.kubernetes.io/instance"
    public static let component = "app.kubernetes.io/component"
    public static let partOf = "app.kubernetes.io/part-of"
    public static let managedBy = "app.kubernetes.io/managed-by"
    /// The value of ``managedBy``.
    public static let manager = "agri-operator"

    /// The kinds of pods and objects, as ``component`` names them.
    public enum Component {
        public static let service = "service"
        public static let datastore = "datastore"
        public static let migration = "migration"
        public static let backup = "backup"
    }

    /// The label naming a namespace, which the API server sets on every namespace.
    public static let namespaceName = "kubernetes.io/metadata.name"
}
