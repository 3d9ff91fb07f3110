/// Where something was written: a content file (relative to the project), a 1-based
/// line and, when it came from front matter, the key path (e.g. `figures.ordos.pv.value`).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var key: String?

    public init(file: String, line: Int, key: String? = nil) {
        self.file = file
        self.line = line
        self.key = key
    }

    public var description: String {
        line > 0 ? "\(file):\(line)" : file
    }

    public func with(key: String?) -> SourceLocation {
        SourceLocation(file: file, line: line, key: key)
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.key ?? "") < (b.file, b.line, b.key ?? "")
    }
}
