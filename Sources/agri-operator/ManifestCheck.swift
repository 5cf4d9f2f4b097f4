import AgriPlatformAPI
import AgriPlatformCLI

/// Structural and semantic checks of the AgriPlatforms in some files, shared by `validate` and `render`.
struct ManifestCheck {
    /// A platform that passed every check, and the file it came from.
    struct Checked {
        var file: String
        var document: Int
        var platform: AgriPlatform
    }

    /// Platforms that passed.
    var platforms: [Checked] = []
    /// Every problem, formatted `file:line[:column]: path: message`, in file order.
    var errors: [String] = []
    /// Files without any problem, in order.
    var validFiles: [String] = []

    /// Checks every document of every source; semantic validation runs only on documents that decoded.
    init(_ sources: [ManifestInput.Source]) {
        for source in sources {
            let loaded = ManifestLoader.load(source.text)
            var fileErrors = loaded.diagnostics.map { $0.formatted(file: source.name) }
            for entry in loaded.platforms {
                let findings = PlatformPipeline.validationFindings(of: entry.platform)
                fileErrors += findings.map {
                    ManifestLoader.diagnostic(path: $0.path, message: $0.message, document: entry.document)
                        .formatted(file: source.name)
                }
                if findings.isEmpty {
                    platforms.append(
                        Checked(file: source.name, document: entry.document.index, platform: entry.platform)
                    )
                }
            }
            if fileErrors.isEmpty { validFiles.append(source.name) }
            errors += fileErrors
        }
    }
}
