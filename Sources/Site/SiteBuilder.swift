import BriefingCore
import Foundation

public enum SiteBuilder {
    public struct Stats: Sendable { public var files: Int }

    public static func build(_ analysis: Analysis, templates: URL, output: URL) throws -> Stats {
        throw Diagnostics([Diagnostic(SourceLocation(file: templates.path, line: 0), "render: not yet")])
    }
}
