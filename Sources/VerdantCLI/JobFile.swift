import Foundation
import Verdant
import Yams

/// A job file: one or many runs of `map`, `estimate`, `series`, `composite`, `calibrate` or `credits`, each a map of the command's
/// options (`id-field: parcel_id`), paths relative to the job file. `defaults` apply to every job.
struct JobFile {
    /// One job: its name, command and command-line arguments.
    struct Job {
        var name: String
        var command: String
        var arguments: [String]
        /// The key each argument came from, for error messages.
        var keys: [String: String]
    }

    let path: String
    let jobs: [Job]

    static let commands: Set<String> = ["map", "estimate", "series", "composite", "calibrate", "credits"]
    /// Options whose values are files (relative paths are resolved against the job file).
    static let pathKeys: Set<String> = [
        "raster", "band", "stac", "scene", "parcels", "out", "report", "summary", "ndvi-out",
        "agb-out", "index-out", "carbon-out", "green-out", "model-file", "preset-file", "plots", "t0-raster",
        "t1-raster", "t0-band", "t1-band", "t0-stac", "t1-stac", "t0-scene", "t1-scene", "factors", "dates",
        "summary-out", "count-out"
    ]

    /// Reads and checks the file; every problem names the file and the key.
    init(path: String) throws {
        self.path = path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw VerdantError.input(file: path, problem: "no such file (a job file)")
        }
        let root: Any?
        do {
            let node = try Yams.compose(yaml: text)
            if let node {
                var budget = JobFile.maximumNodes
                try JobFile.checkKeys(node, budget: &budget, file: path)
            }
            root = node.map(JobFile.value)
        } catch let error as VerdantError { throw error } catch {
            throw VerdantError.input(file: path, problem: "is not YAML: \(error)")
        }
        guard let top = root as? [String: Any] else {
            throw VerdantError.input(file: path, problem: "must be a map with a 'jobs' list")
        }
        for key in top.keys where key != "jobs" && key != "defaults" {
            throw VerdantError.input(
                file: path, problem: "key '\(key)': unknown (a job file has 'defaults' and 'jobs')")
        }
        guard let list = top["jobs"] as? [Any], !list.isEmpty else {
            throw VerdantError.input(file: path, problem: "key 'jobs': a non-empty list of jobs is needed")
        }
        let defaults = top["defaults"] as? [String: Any] ?? [:]
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        var jobs: [Job] = []
        for (i, item) in list.enumerated() {
            guard let entry = item as? [String: Any] else {
                throw VerdantError.input(file: path, problem: "jobs[\(i)]: a job must be a map of options")
            }
            let name = entry["name"].map { "\($0)" } ?? "job \(i + 1)"
            let at = "jobs[\(i)] (\(name))"
            guard let command = entry["command"] as? String, JobFile.commands.contains(command) else {
                throw VerdantError.input(
                    file: path,
                    problem: "\(at): key 'command' must be one of \(JobFile.commands.sorted().joined(separator: ", "))")
            }
            var merged = defaults
            for (k, v) in entry { merged[k] = v }
            var arguments: [String] = [], keys: [String: String] = [:]
            for key in merged.keys.sorted() where key != "name" && key != "command" {
                let flag = "--" + key.replacingOccurrences(of: "_", with: "-")
                let option = String(flag.dropFirst(2))
                keys[flag] = key
                func resolve(_ value: String) -> String {
                    guard JobFile.pathKeys.contains(option), value != "-", !value.hasPrefix("/"),
                        !RemotePath.isRemote(value)
                    else { return value }
                    if option == "factors" && !value.contains("/") && !value.contains(".") { return value }
                    return base.appendingPathComponent(value).standardizedFileURL.path
                }
                func scalar(_ v: Any) throws -> String {
                    if let s = v as? String { return s }
                    if let n = v as? Int { return String(n) }
                    if let d = v as? Double { return String(d) }
                    throw VerdantError.input(file: path, problem: "\(at): key '\(key)' must be a text or a number")
                }
                switch merged[key]! {
                case let flag as Bool:
                    if flag { arguments.append("--" + option) }
                case let list as [Any]:
                    for v in list {
                        arguments += [
                            "--" + option, try JobFile.bandValue(try scalar(v), resolve: resolve, option: option)
                        ]
                    }
                case let map as [String: Any]:
                    for role in map.keys.sorted() {
                        arguments += ["--" + option, "\(role)=\(resolve(try scalar(map[role]!)))"]
                    }
                default:
                    arguments += [
                        "--" + option, try JobFile.bandValue(try scalar(merged[key]!), resolve: resolve, option: option)
                    ]
                }
            }
            jobs.append(Job(name: name, command: command, arguments: [command] + arguments, keys: keys))
        }
        self.jobs = jobs
    }

    /// The most YAML nodes a job file may expand to (aliases counted each time they are used).
    static let maximumNodes = 100_000

    /// Throws unless every mapping key is a scalar and the document, aliases expanded, has at most `budget` nodes:
    /// Yams 5 crashes on other keys (`? [a]: b`), and aliases of aliases grow exponentially.
    private static func checkKeys(_ node: Node, budget: inout Int, file: String) throws {
        budget -= 1
        guard budget >= 0 else {
            throw VerdantError.input(
                file: file, problem: "is too large a YAML document (aliases expand to over \(maximumNodes) values)")
        }
        switch node {
        case .scalar: break
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard case .scalar = key else {
                    throw VerdantError.input(
                        file: file,
                        problem:
                            "is not a job file: a YAML key must be text (line \((key.mark?.line).map(String.init) ?? "?"))"
                    )
                }
                try checkKeys(value, budget: &budget, file: file)
            }
        case .sequence(let sequence):
            for element in sequence { try checkKeys(element, budget: &budget, file: file) }
        }
    }

    /// A node as plain values, typed by Verdant rather than by Yams's constructor (which traps on sexagesimal
    /// integers that overflow, e.g. `1:1:1:…`): a plain scalar is a Bool (true/false), an Int (decimal digits that
    /// fit), a Double (a finite number) or else text; a quoted scalar is text; keys are text.
    static func value(_ node: Node) -> Any {
        switch node {
        case .scalar(let scalar):
            let text = scalar.string
            guard scalar.style == .plain else { return text }
            switch text {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            case "", "~", "null", "Null", "NULL": return NSNull()
            default: break
            }
            if let i = Int(text) { return i }
            if let d = Double(text), d.isFinite,
                text.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true
            {
                return d
            }
            return text
        case .mapping(let mapping):
            var out: [String: Any] = [:]
            for (key, value) in mapping { out[key.scalar?.string ?? "\(key)"] = JobFile.value(value) }
            return out
        case .sequence(let sequence):
            return sequence.map(JobFile.value)
        }
    }

    /// A `ROLE=FILE` value has its file resolved; others as they are.
    private static func bandValue(_ value: String, resolve: (String) -> String, option: String) throws -> String {
        if option.hasSuffix("band"), let eq = value.firstIndex(of: "=") {
            return String(value[...eq]) + resolve(String(value[value.index(after: eq)...]))
        }
        return resolve(value)
    }
}
