/// One problem in the input, always located so that staff know which file and line to fix.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    /// What is wrong, in Chinese.
    public var message: String
    /// How to fix it, in Chinese (may be empty).
    public var hint: String

    public init(_ location: SourceLocation, _ message: String, hint: String = "") {
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// `file:line: 错误: [key] message（hint）`
    public var description: String {
        var s = "\(location): 错误: "
        if let key = location.key { s += "[\(key)] " }
        s += message
        if !hint.isEmpty { s += "（\(hint)）" }
        return s
    }
}

extension Diagnostic {
    /// Input quoted in a message, shortened when very long so one bad line cannot flood the output.
    public static func excerpt(_ s: String, limit: Int = 60) -> String {
        s.count <= limit ? s : String(s.prefix(limit)) + "…（共 \(s.count) 字）"
    }
}

/// A batch of problems: loading and evaluating report all they find, not only the first.
public struct Diagnostics: Error, Sendable, CustomStringConvertible {
    public var items: [Diagnostic]

    public init(_ items: [Diagnostic]) {
        self.items = items.sorted { ($0.location, $0.message) < ($1.location, $1.message) }
    }

    public var description: String {
        items.map(\.description).joined(separator: "\n")
    }
}

/// An error raised without knowing the file yet (e.g. inside a unit or formula parser);
/// the caller attaches the location.
public struct LocalError: Error, Hashable, Sendable {
    public var message: String
    public var hint: String
    /// 0-based character offset in the parsed text, when known.
    public var offset: Int?

    public init(_ message: String, hint: String = "", offset: Int? = nil) {
        self.message = message
        self.hint = hint
        self.offset = offset
    }

    public func at(_ location: SourceLocation) -> Diagnostic {
        Diagnostic(location, message, hint: hint)
    }
}
