import Foundation

/// The command line after the command name: `--name value`, `--name=value` and bare
/// `--flag`s, with environment variables as fallbacks for the values.
struct CommandLineOptions {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []
    private(set) var positional: [String] = []

    /// Parses `arguments`; `flagNames` are the options that take no value.
    init(_ arguments: ArraySlice<String>, flagNames: Set<String>) throws(CommandError) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            guard argument.hasPrefix("--") else {
                positional.append(argument)
                continue
            }
            let body = argument.dropFirst(2)
            if let equals = body.firstIndex(of: "=") {
                values[String(body[..<equals])] = String(body[body.index(after: equals)...])
            } else if flagNames.contains(String(body)) {
                flags.insert(String(body))
            } else {
                guard let value = remaining.popFirst() else {
                    throw CommandError.usage("option --\(body) needs a value")
                }
                values[String(body)] = value
            }
        }
    }

    /// The option's value, else the environment variable's, else nil.
    func value(_ name: String, environment variable: String? = nil) -> String? {
        if let value = values[name] { return value }
        if let variable, let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty { return value }
        return nil
    }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// Refuses options the command does not know, so a typo is not silently ignored.
    func rejectUnknown(allowed: Set<String>) throws(CommandError) {
        for name in Set(values.keys).union(flags) where !allowed.contains(name) {
            throw CommandError.usage("unknown option --\(name)")
        }
    }
}
