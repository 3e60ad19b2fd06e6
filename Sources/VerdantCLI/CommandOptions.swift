import ArgumentParser
import Foundation

/// The long options of a subcommand, from argument-parser's description of it (`_dumpHelp`): their names and
/// whether they may be repeated. Used for "did you mean" and for job-file keys.
struct CommandOptions {
    /// One option or flag.
    struct Option {
        var name: String
        var isRepeating: Bool
        var isFlag: Bool
    }

    let command: String
    let options: [Option]

    /// The options of the subcommand `name` of `verdant`; nil when there is none of that name.
    init?(subcommand name: String) {
        guard let type = VerdantCommand.configuration.subcommands.first(where: { $0._commandName == name }),
            let tool = try? JSONSerialization.jsonObject(with: Data(type._dumpHelp().utf8)) as? [String: Any],
            let command = tool["command"] as? [String: Any], let arguments = command["arguments"] as? [[String: Any]]
        else { return nil }
        self.command = name
        options = arguments.flatMap { argument -> [Option] in
            let names = (argument["names"] as? [[String: Any]]) ?? []
            return names.compactMap { n in
                guard n["kind"] as? String == "long", let name = n["name"] as? String else { return nil }
                return Option(
                    name: "--" + name, isRepeating: argument["isRepeating"] as? Bool ?? false,
                    isFlag: argument["kind"] as? String == "flag")
            }
        }
    }

    /// The first `--option` of `arguments` (after the subcommand) that the command does not have, with the
    /// closest one it has.
    func unknown(in arguments: [String]) -> (name: String, near: String?)? {
        let known = options.map(\.name)
        for argument in arguments {
            if argument == "--" { break }
            guard argument.hasPrefix("--") else { continue }
            let name = String(argument.split(separator: "=", maxSplits: 1)[0])
            if known.contains(name) { continue }
            return (name, Suggestion.closest(to: name, in: known))
        }
        return nil
    }

    /// The option named `flag`, if the command has it.
    func option(_ flag: String) -> Option? { options.first { $0.name == flag } }
}
