import AgriPlatformReconciler
import Testing

@Suite("Reconciler configuration")
struct ReconcilerConfigurationTests {
    @Test("The default field manager is agri-operator")
    func defaultFieldManager() {
        #expect(AgriPlatformReconciler.Configuration().fieldManager == "agri-operator")
    }
}
