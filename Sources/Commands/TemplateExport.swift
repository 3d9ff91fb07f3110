import BriefingCore
import Foundation

/// `briefing templates export [DIR]`: the built-in templates and assets written out for
/// editing. All or nothing: when any file is already there, nothing is written.
public enum TemplateExport {
    /// Writes `files` (path inside the templates folder → bytes) under `dir`, created when
    /// missing. Throws `Diagnostic` naming every file in the way (exit 2), `IOProblem` for
    /// the file system (exit 3).
    public static func write(_ files: [(path: String, data: Data)], to dir: URL, shown: String) throws {
        if NewFiles.entry(dir.path) == .other {
            throw Diagnostic(SourceLocation(file: shown, line: 0), "这是一个文件，不是文件夹，没有导出任何模板",
                             hint: "指定一个文件夹，例如 briefing templates export templates")
        }
        let inTheWay = NewFiles.conflicts(files.map(\.path), in: dir)
        if !inTheWay.isEmpty {
            let listed = inTheWay.prefix(8).map { "\(shown)/\($0)" }.joined(separator: "、")
                + (inTheWay.count > 8 ? " 等 \(inTheWay.count) 个" : "")
            throw Diagnostic(SourceLocation(file: shown, line: 0), "已有同名文件，不会覆盖，没有导出任何模板：\(listed)",
                             hint: "导出到另一个文件夹（例如 briefing templates export templates-new），再把要改的文件复制过来")
        }
        try NewFiles.write(files, into: dir, shown: shown)
    }
}
