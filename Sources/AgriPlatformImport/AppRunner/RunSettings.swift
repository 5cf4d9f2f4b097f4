import KubeCore

/// What an App Runner service runs with, read from the API's `ImageConfiguration` / `CodeConfigurationValues` or
/// from the `run` section of `apprunner.yaml`.
struct RunSettings: Sendable {
    struct Entry: Sendable {
        var name: String
        var value: String
        var path: String
    }

    var port: (value: String, path: String)?
    var startCommand: (value: String, path: String)?
    var variables: [Entry] = []
    var secrets: [Entry] = []
    /// Paths of build settings that no longer apply.
    var dropped: [String] = []

    init() {}

    /// From `ImageConfiguration` or `CodeConfigurationValues`: `Port`, `StartCommand`, and the maps
    /// `RuntimeEnvironmentVariables` and `RuntimeEnvironmentSecrets`.
    init(api value: AWSValue?) throws(ImportError) {
        guard let value else { return }
        if let port = try value.optional("Port") { self.port = (try port.string(), port.path) }
        if let command = try value.optional("StartCommand") { startCommand = (try command.string(), command.path) }
        for (key, member) in try value.optional("RuntimeEnvironmentVariables")?.members() ?? [] {
            variables.append(Entry(name: key, value: try member.string(), path: member.path))
        }
        for (key, member) in try value.optional("RuntimeEnvironmentSecrets")?.members() ?? [] {
            secrets.append(Entry(name: key, value: try member.string(), path: member.path))
        }
        for key in ["Runtime", "BuildCommand"] {
            if let member = try value.optional(key) { dropped.append(member.path) }
        }
    }

    /// From `apprunner.yaml` (version 1.0): `run.command`, `run.network.port`, `run.env[]` and `run.secrets[]`
    /// (`name`, `value-from`).
    init(file: AWSValue) throws(ImportError) {
        if let build = try file.optional("build") { dropped.append(build.path) }
        guard let run = try file.optional("run") else { return }
        if let command = try run.optional("command") { startCommand = (try command.string(), command.path) }
        if let port = try run.optional("network")?.optional("port") {
            let text = port.json.stringValue ?? (port.json.integerValue.map { String($0) } ?? "")
            self.port = (text, port.path)
        }
        for variable in try run.array("env") {
            let value = try variable.required("value")
            let text =
                value.json.stringValue ?? value.json.integerValue.map { String($0) }
                ?? value.json.boolValue.map { String($0) }
            guard let text else { throw .wrongType(path: value.path, expected: "a string", found: value.json.typeName) }
            variables.append(Entry(name: try variable.required("name").string(), value: text, path: variable.path))
        }
        for secret in try run.array("secrets") {
            let reference = try secret.required("value-from")
            secrets.append(
                Entry(name: try secret.required("name").string(), value: try reference.string(), path: reference.path)
            )
        }
    }
}
