import BriefingCore
import Content
import Foundation
import Markup
import Render

/// The site as `briefing serve` shows it: analysed incrementally when content or templates
/// change, pages rendered on request and kept until the next change. Nothing is written to
/// disk. When a change breaks the build, HTML requests get an error page naming file and
/// line, and the last good site stays available.
public final class LiveSite: @unchecked Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var contentType: String
        public var body: Data
    }

    public struct RebuildResult: Sendable {
        public var ok: Bool
        public var seconds: Double
        public var decodedFiles: Int
        /// Checks that fail CI, as text lines (shown in the terminal).
        public var failedChecks: [String] = []
    }

    let content: URL
    let templatesDir: URL
    let display: String
    private let lock = NSLock()
    private let cache = AnalysisCache()
    private var renderer: Renderer?
    private var jobsByPath: [String: Renderer.Job] = [:]
    private var pages: [String: Data] = [:]
    private var problems: Diagnostics?
    private var stamps: [String: FileStamp] = [:]
    /// Increases at every rebuild; the live-reload script watches it.
    public private(set) var version = 0

    public init(content: URL, templates: URL, display: String = "content") {
        self.content = content
        self.templatesDir = templates
        self.display = display
    }

    /// Rebuilds now.
    @discardableResult
    public func rebuild() -> RebuildResult {
        let start = Timings.now()
        do {
            let templates = try Templates(directory: templatesDir)
            let analysis = try Analyzer.analyze(contentDirectory: content, display: display, templates: templates, cache: cache)
            let input = RenderInput(project: analysis.project, evaluation: analysis.evaluation, checks: analysis.checks,
                                    bodies: analysis.bodies, displays: analysis.context.values.mapValues(\.display),
                                    charts: analysis.charts)
            let r = Renderer(input: input, templates: templates)
            var byPath: [String: Renderer.Job] = [:]
            for job in r.jobs() { byPath[r.path(of: job)] = job }
            lock.lock()
            renderer = r
            jobsByPath = byPath
            pages.removeAll()
            problems = nil
            version += 1
            lock.unlock()
            return RebuildResult(ok: true, seconds: Timings.seconds(since: start), decodedFiles: cache.decoded.misses,
                                 failedChecks: analysis.failedChecks.map(CheckReport.line))
        } catch let e as Diagnostics {
            fail(e)
        } catch {
            fail(Diagnostics([Diagnostic(SourceLocation(file: display, line: 0), "\(error)")]))
        }
        return RebuildResult(ok: false, seconds: Timings.seconds(since: start), decodedFiles: cache.decoded.misses)
    }

    private func fail(_ d: Diagnostics) {
        lock.lock()
        problems = d
        version += 1
        lock.unlock()
    }

    public var currentProblems: Diagnostics? {
        lock.lock()
        defer { lock.unlock() }
        return problems
    }

    /// Rebuilds when any file under content/ or templates/ was added, removed or changed.
    public func rebuildIfChanged() -> RebuildResult? {
        let now = LiveSite.scan([content, templatesDir])
        lock.lock()
        let changed = now != stamps
        stamps = now
        lock.unlock()
        return changed ? rebuild() : nil
    }

    static func scan(_ roots: [URL]) -> [String: FileStamp] {
        var out: [String: FileStamp] = [:]
        for root in roots {
            guard let e = FileManager.default.enumerator(atPath: root.path) else { continue }
            while let rel = e.nextObject() as? String {
                let p = root.path + "/" + rel
                if let s = FileStamp(path: p) { out[p] = s }
            }
        }
        return out
    }

    /// The response for a URL path such as `/reports/x/` or `/assets/style.css`.
    /// `?stale=1` shows the last good page while the build is broken.
    public func response(path rawPath: String, stale: Bool = false) -> Response {
        var path = rawPath.removingPercentEncoding ?? rawPath
        while path.hasPrefix("/") { path.removeFirst() }
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        if path.split(separator: "/").contains("..") { return Response(status: 400, contentType: "text/plain", body: Data("bad path".utf8)) }
        lock.lock()
        let broken = problems
        let r = renderer
        var job = jobsByPath[path]
        if job == nil, !path.hasSuffix(".html"), jobsByPath[path + "/index.html"] != nil {
            path += "/index.html"
            job = jobsByPath[path]
        }
        let cached = pages[path]
        lock.unlock()
        let isHTML = path.hasSuffix(".html")
        if let broken, isHTML, !stale {
            return Response(status: 500, contentType: "text/html; charset=utf-8", body: Data(LiveSite.errorPage(broken).utf8))
        }
        guard let r else {
            return Response(status: 503, contentType: "text/plain; charset=utf-8", body: Data("尚未生成".utf8))
        }
        if let cached { return Response(status: 200, contentType: LiveSite.contentType(path), body: cached) }
        guard let job else {
            let notFound = r.render(.notFound).data
            return Response(status: 404, contentType: "text/html; charset=utf-8", body: notFound)
        }
        let data = r.render(job).data
        lock.lock()
        pages[path] = data
        lock.unlock()
        return Response(status: 200, contentType: LiveSite.contentType(path), body: data)
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "xml": return "application/xml; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        default: return "application/octet-stream"
        }
    }

    /// A self-contained page listing the problems; escaped, since messages quote the input.
    static func errorPage(_ d: Diagnostics) -> String {
        let esc = HTMLEscape.escape
        let items = d.items.map { "<li><code>\(esc($0.location.description))</code> \(esc($0.description))</li>" }.joined(separator: "\n")
        return """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>生成失败 · 简报</title>
        <style>body{font-family:"Noto Sans CJK SC",sans-serif;margin:2rem;line-height:1.7;color:#1d232b}li{margin:.5rem 0}code{background:#fde4e4;padding:0 .3em}</style>
        </head><body><h1>生成失败：请修改下列 \(d.items.count) 处后保存，页面会自动刷新</h1><ul>
        \(items)
        </ul><p><a href="?stale=1">查看上次成功生成的页面</a></p></body></html>
        """
    }
}
