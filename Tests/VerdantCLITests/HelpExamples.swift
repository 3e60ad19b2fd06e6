import Foundation

/// The `verdant …` example commands of a help text, each joined across its ` \` continuations and split into
/// arguments as a shell would (double quotes group).
enum HelpExamples {
    /// The example commands, as lines.
    static func commands(in help: String) -> [String] {
        var commands: [String] = []
        var current: String?
        for raw in help.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if var command = current {
                command += " " + line
                current = command
            } else if line.hasPrefix("verdant ") || line == "verdant" {
                current = line
            } else {
                continue
            }
            if current!.hasSuffix("\\") {
                current!.removeLast()
                current = current!.trimmingCharacters(in: .whitespaces)
            } else {
                commands.append(current!)
                current = nil
            }
        }
        return commands
    }

    /// The arguments of `command` (after `verdant`).
    static func arguments(_ command: String) -> [String] {
        var out: [String] = [], word = "", quoted = false, inWord = false
        for c in command {
            if c == "\"" {
                quoted.toggle()
                inWord = true
            } else if c == " " && !quoted {
                if inWord { out.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(c)
                inWord = true
            }
        }
        if inWord { out.append(word) }
        return Array(out.dropFirst())
    }
}
