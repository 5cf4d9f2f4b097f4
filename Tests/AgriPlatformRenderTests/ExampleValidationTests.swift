import AgriPlatformAPI
import Testing

@Suite("Examples")
struct ExampleValidationTests {
    @Test(
        "Every example is valid: the renderer's inputs are what validation accepts",
        arguments: try ExampleLoader.names()
    )
    func valid(name: String) throws {
        let platform = try ExampleLoader.platform(name)
        #expect(platform.validate().map(\.description) == [])
    }
}
