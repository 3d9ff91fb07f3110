import BriefingCore
import Foundation
import Mustache

/// The compiled Mustache templates of `templates/`, loaded once per build and shared.
public struct Templates: Sendable {
    let library: MustacheLibrary
    public let assets: [(path: String, data: Data)]

    public static let required = ["base", "home", "document", "list", "indicators", "indicator", "region", "regions",
                                  "topic", "topics", "checks", "notfound", "feed", "sitemap", "search"]

    public init(directory: URL) throws(Diagnostics) {
        let fm = FileManager.default
        var problems: [Diagnostic] = []
        ByteHTMLContentType.registered
        var library = MustacheLibrary()
        let names = ((try? fm.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".mustache") }.sorted()
        for name in names {
            let file = directory.appendingPathComponent(name)
            let shown = "templates/\(name)"
            guard let data = fm.contents(atPath: file.path), let text = String(data: data, encoding: .utf8) else {
                problems.append(Diagnostic(SourceLocation(file: shown, line: 0), "无法读取模板"))
                continue
            }
            do {
                // Same line, so parse errors keep their line numbers.
                try library.register(ByteHTMLContentType.pragma + text, named: String(name.dropLast(".mustache".count)))
            } catch let e as MustacheTemplate.ParserError {
                problems.append(Diagnostic(SourceLocation(file: shown, line: e.context.lineNumber), "模板语法错误：\(e.error)",
                                           hint: "第 \(e.context.columnNumber) 列附近：\(e.context.line)"))
            } catch {
                problems.append(Diagnostic(SourceLocation(file: shown, line: 0), "模板语法错误：\(error)"))
            }
        }
        for r in Templates.required where library.getTemplate(named: r) == nil && !names.contains("\(r).mustache") {
            problems.append(Diagnostic(SourceLocation(file: "templates/\(r).mustache", line: 0), "缺少模板 \(r).mustache",
                                       hint: "检查 --templates 指向的目录"))
        }
        if !problems.isEmpty { throw Diagnostics(problems) }
        self.library = library
        self.assets = Templates.readAssets(directory.appendingPathComponent("assets"))
    }

    /// Every file under `templates/assets`, sorted, as `assets/…` paths.
    static func readAssets(_ dir: URL) -> [(path: String, data: Data)] {
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: dir.path) else { return [] }
        var out: [(String, Data)] = []
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            let full = dir.appendingPathComponent(rel).path
            guard fm.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue,
                  !rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
                  let d = fm.contents(atPath: full) else { continue }
            out.append(("assets/" + rel, d))
        }
        return out.sorted { $0.0 < $1.0 }
    }

    public func render(_ name: String, _ model: Any) -> String {
        library.render(model, withTemplate: name) ?? ""
    }
}
