import BriefingCore
import Foundation
import Mustache

/// The compiled Mustache templates of `templates/`, loaded once per build and shared.
public struct Templates: Sendable {
    let library: MustacheLibrary
    /// The same templates compiled to plans, where the plan supports every tag they use.
    let plans: PlanLibrary
    public let assets: [(path: String, data: Data)]

    /// Which renderer pages go through. Both give the same bytes (RenderPlanTests checks it
    /// on every page); swift-mustache is kept for the templates the plan does not support.
    enum Engine: Sendable { case plan, mustache }
    var engine: Engine

    /// `BRIEFING_TEMPLATE_ENGINE=mustache` renders everything with swift-mustache, to compare
    /// the two engines on a real build (timings, output).
    static var defaultEngine: Engine {
        ProcessInfo.processInfo.environment["BRIEFING_TEMPLATE_ENGINE"] == "mustache" ? .mustache : .plan
    }

    public static let required = ["base", "home", "document", "data", "list", "indicators", "region", "regions",
                                  "topics", "checks", "notfound", "feed", "sitemap", "search", "chart"]

    /// The built-in templates and assets, each replaced by the file of the same name in
    /// `directory` when it has one (a site may override just `base.mustache`). A missing
    /// `directory` gives the built-ins alone.
    public init(directory: URL) throws(Diagnostics) {
        var files: [String: Data] = [:]
        var shown: [String: String] = [:]
        for f in BuiltInTemplates.files {
            files[f.path] = f.data
            shown[f.path] = "内置模板 \(f.path)"
        }
        var problems: [Diagnostic] = []
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDir) {
            if isDir.boolValue {
                let own = Templates.siteFiles(directory)
                for (path, data) in own.files {
                    files[path] = data
                    shown[path] = "templates/\(path)"
                }
                problems += own.problems
            } else {
                problems.append(Diagnostic(SourceLocation(file: directory.path, line: 0), "模板目录是一个文件，不是文件夹",
                                           hint: "用 --templates 指向放模板的文件夹，或去掉这个选项使用内置模板"))
            }
        }
        var sources: [String: String] = [:]
        for (path, data) in files where !path.contains("/") && path.hasSuffix(".mustache") {
            guard let text = String(data: data, encoding: .utf8) else {
                problems.append(Diagnostic(SourceLocation(file: shown[path] ?? path, line: 0), "模板不是 UTF-8 文本",
                                           hint: "用 UTF-8 编码保存这个文件"))
                continue
            }
            sources[String(path.dropLast(".mustache".count))] = text
        }
        var library = MustacheLibrary()
        do {
            library = try Templates.library(sources, shown: sources.keys.reduce(into: [:]) { $0[$1] = shown["\($1).mustache"] })
        } catch { problems += error.items }
        for r in Templates.required where files["\(r).mustache"] == nil {
            problems.append(Diagnostic(SourceLocation(file: "templates/\(r).mustache", line: 0), "缺少模板 \(r).mustache",
                                       hint: "检查 --templates 指向的目录"))
        }
        if !problems.isEmpty { throw Diagnostics(problems) }
        let assets = files.compactMap { path, data in path.hasPrefix("assets/") ? (String(path.dropFirst("assets/".count)), data) : nil }
        self.init(library: library, sources: sources, assets: assets.sorted { $0.0 < $1.0 })
    }

    /// Templates from their texts, by name (tests make small ones this way).
    init(sources: [String: String], engine: Engine = Templates.defaultEngine) throws(Diagnostics) {
        self.init(library: try Templates.library(sources), sources: sources, assets: [], engine: engine)
    }

    private init(library: MustacheLibrary, sources: [String: String], assets: [(path: String, data: Data)],
                 engine: Engine = Templates.defaultEngine) {
        self.library = library
        // The same text swift-mustache parsed, content-type tag included.
        plans = PlanLibrary(sources.mapValues { ByteHTMLContentType.pragma + $0 })
        self.assets = assets
        self.engine = engine
    }

    /// The swift-mustache library of `sources`, every template behind the `HTML` content type.
    /// `shown` names where each template came from in messages (default `templates/NAME.mustache`).
    static func library(_ sources: [String: String], shown: [String: String] = [:]) throws(Diagnostics) -> MustacheLibrary {
        ByteHTMLContentType.registered
        var library = MustacheLibrary()
        var problems: [Diagnostic] = []
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            let shown = shown[name] ?? "templates/\(name).mustache"
            do {
                // Same line, so parse errors keep their line numbers.
                try library.register(ByteHTMLContentType.pragma + text, named: name)
            } catch let e as MustacheTemplate.ParserError {
                problems.append(Diagnostic(SourceLocation(file: shown, line: e.context.lineNumber), "模板语法错误：\(e.error)",
                                           hint: "第 \(e.context.columnNumber) 列附近：\(e.context.line)"))
            } catch {
                problems.append(Diagnostic(SourceLocation(file: shown, line: 0), "模板语法错误：\(error)"))
            }
        }
        if !problems.isEmpty { throw Diagnostics(problems) }
        return library
    }

    /// A site's own template files: the `*.mustache` files at the top of `dir` and every file
    /// under `dir/assets`, by path inside `dir`. Hidden files (editor backups, .DS_Store)
    /// are skipped. A link that leads outside `dir` (resolved) is refused, never followed:
    /// whatever it points to would be published with the site.
    static func siteFiles(_ dir: URL) -> (files: [(path: String, data: Data)], problems: [Diagnostic]) {
        let fm = FileManager.default
        let root = realPath(dir.path) ?? dir.standardizedFileURL.path
        var problems: [Diagnostic] = []
        var paths = ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".mustache") && !$0.hasPrefix(".") }
        if let e = fm.enumerator(atPath: dir.appendingPathComponent("assets").path) {
            while let rel = e.nextObject() as? String {
                guard !rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
                let path = "assets/" + rel
                if let problem = outsideLink(dir.appendingPathComponent(path).path, root: root, shown: "templates/\(path)") {
                    problems.append(problem)
                    e.skipDescendants()
                    continue
                }
                paths.append(path)
            }
        }
        var files: [(String, Data)] = []
        for path in paths.sorted() {
            let full = dir.appendingPathComponent(path).path
            let shown = "templates/\(path)"
            if !path.hasPrefix("assets/"), let problem = outsideLink(full, root: root, shown: shown) {
                problems.append(problem)
                continue
            }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue else { continue }
            if let d = fm.contents(atPath: full) {
                files.append((path, d))
            } else {
                problems.append(Diagnostic(SourceLocation(file: shown, line: 0), "无法读取模板", hint: "检查这个文件的读取权限"))
            }
        }
        return (files, problems)
    }

    /// A problem when `path` resolves (through symlinks) to somewhere outside `root`, or
    /// does not resolve at all.
    static func outsideLink(_ path: String, root: String, shown: String) -> Diagnostic? {
        guard let real = realPath(path) else {
            return Diagnostic(SourceLocation(file: shown, line: 0), "这是一个无法解析的链接（指向的文件不存在），拒绝读取",
                              hint: "删去这个链接，或把文件本身放进模板目录")
        }
        guard real == root || real.hasPrefix(root + "/") else {
            return Diagnostic(SourceLocation(file: shown, line: 0), "这是一个指向模板目录之外（\(real)）的链接，拒绝读取，以免把其他文件发布到网站上",
                              hint: "把文件本身复制到模板目录中，不要用符号链接")
        }
        return nil
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    public func render(_ name: String, _ model: Any) -> String {
        if let bytes = planned(name, model) { return String(decoding: bytes, as: UTF8.self) }
        return library.render(model, withTemplate: name) ?? ""
    }

    /// `render` as UTF-8, without a round trip through String when the plan renders it.
    public func renderData(_ name: String, _ model: Any) -> Data {
        if let bytes = planned(name, model) { return Data(bytes) }
        return Data((library.render(model, withTemplate: name) ?? "").utf8)
    }

    private func planned(_ name: String, _ model: Any) -> [UInt8]? {
        guard engine == .plan, let model = model as? any ViewModel else { return nil }
        return plans.render(name, model)
    }
}
