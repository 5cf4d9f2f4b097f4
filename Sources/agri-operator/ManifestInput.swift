import AgriPlatformCLI
import Foundation

/// The files named by `-f`: a file, a directory (its `.yaml`, `.yml` and `.json` files, sorted), or `-` for
/// standard input, as kubectl reads them.
struct ManifestInput {
    /// One file's name, as messages print it, and its text.
    struct Source {
        var name: String
        var text: String
    }

    /// A file that could not be read.
    struct ReadError: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads every named file; directories expand to their manifest files.
    static func read(_ names: [String]) throws(ReadError) -> [Source] {
        var sources: [Source] = []
        for name in names {
            if name == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                sources.append(Source(name: "<stdin>", text: try decode(data, name: "<stdin>")))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory) else {
                throw ReadError(description: "\(name): no such file or directory")
            }
            let files: [String]
            if isDirectory.boolValue {
                let entries = (try? FileManager.default.contentsOfDirectory(atPath: name)) ?? []
                files = entries.filter { ["yaml", "yml", "json"].contains(($0 as NSString).pathExtension) }.sorted()
                    .map { (name as NSString).appendingPathComponent($0) }
                if files.isEmpty { throw ReadError(description: "\(name): no .yaml, .yml or .json files") }
            } else {
                files = [name]
            }
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw ReadError(description: "\(file): cannot read the file")
                }
                sources.append(Source(name: file, text: try decode(data, name: file)))
            }
        }
        return sources
    }

    private static func decode(_ data: Data, name: String) throws(ReadError) -> String {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReadError(description: "\(name): not UTF-8 text")
        }
        return text
    }
}
