import Foundation

/// The command line after the command name: `--name value`, `--name=value` and bare
/// `--flag`s, with environment variables as fallbacks for the values.
struct CommandLineOptions {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []

    /// Parses `arguments`; `flagNames` are the options that take no value.
    init(_ arguments: ArraySlice<String>, flagNames: Set<String>) throws(CommandError) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            guard argument.hasPrefix("--") else {
                // No command takes bare words; `migrate status` must not quietly migrate.
                throw CommandError.usage("unexpected argument \(argument)")
            }
            let body = argument.dropFirst(2)
            if let equals = body.firstIndex(of: "=") {
                let name = String(body[..<equals])
                guard !flagNames.contains(name) else { throw CommandError.usage("option --\(name) takes no value") }
                values[name] = String(body[body.index(after: equals)...])
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

    /// A positive integer option (or environment variable), else `defaultValue`.
    func positiveInteger(_ name: String, environment variable: String, default defaultValue: Int) throws(CommandError) -> Int {
        guard let text = value(name, environment: variable) else { return defaultValue }
        guard let number = Int(text), number > 0 else {
            throw CommandError.usage("--\(name) (\(variable)) must be a positive whole number, not \(text)")
        }
        return number
    }

    /// Refuses options the command does not know, so a typo is not silently ignored.
    func rejectUnknown(allowed: Set<String>) throws(CommandError) {
        for name in Set(values.keys).union(flags) where !allowed.contains(name) {
            throw CommandError.usage("unknown option --\(name)")
        }
    }
}
