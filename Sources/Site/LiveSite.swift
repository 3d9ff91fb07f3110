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
        /// Only the edited documents and what depends on them were analysed again.
        public var incremental = false
        /// Checks that fail CI, as text lines (shown in the terminal).
        public var failedChecks: [String] = []
    }

    /// The last build that succeeded, and the files it was built from.
    struct Good {
        var analysis: Analysis
        var renderer: Renderer
        var templates: Templates
        var stamps: [String: FileStamp]
    }

    let content: URL
    let templatesDir: URL
    let display: String
    private let lock = NSLock()
    private let cache = AnalysisCache()
    private var good: Good?
    /// An edit is being applied to the last good build; page requests wait for it.
    private var updating = false
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

    /// Rebuilds everything now.
    @discardableResult
    public func rebuild() -> RebuildResult {
        startWatching()
        let now = LiveSite.scan([content, templatesDir]).filter { isInput($0.key) }
        lock.lock()
        stamps = now
        lock.unlock()
        scanned = true
        let result = rebuildAll(stamps: now)
        if result.ok { editedSinceGood = [] }
        return result
    }

    /// The watcher starts before the first scan, so no change falls between the two.
    private func startWatching() {
        guard !watching else { return }
        watcher = ChangeWatcher(roots: [content, templatesDir])
        watching = true
    }

    func rebuildAll(stamps now: [String: FileStamp]) -> RebuildResult {
        let start = Timings.now()
        do throws(Diagnostics) {
            let templates = try Templates(directory: templatesDir)
            let analysis = try Analyzer.analyze(contentDirectory: content, display: display, templates: templates, cache: cache)
            let r = Renderer(input: LiveSite.renderInput(analysis), templates: templates)
            var byPath: [String: Renderer.Job] = [:]
            for job in r.jobs() { byPath[r.path(of: job)] = job }
            succeed(Good(analysis: analysis, renderer: r, templates: templates, stamps: now), jobs: byPath)
            return RebuildResult(ok: true, seconds: Timings.seconds(since: start), decodedFiles: cache.decoded.misses,
                                 failedChecks: analysis.failedChecks.map(CheckReport.line))
        } catch {
            fail(error)
        }
        return RebuildResult(ok: false, seconds: Timings.seconds(since: start), decodedFiles: cache.decoded.misses)
    }

    /// When only reports or cases were edited since the last good build, analyses just those
    /// and what depends on them. Nil when a full rebuild is needed.
    func rebuildEdited(stamps now: [String: FileStamp], edited paths: Set<String>) -> RebuildResult? {
        let start = Timings.now()
        let prepared: Prepared
        switch prepare(stamps: now, edited: paths) {
        case nil: return nil
        case .failure(let problems, let files)?:
            fail(problems)
            return RebuildResult(ok: false, seconds: Timings.seconds(since: start), decodedFiles: files, incremental: true)
        case .success(let p)?: prepared = p
        }
        let plan = prepared.plan

        // Nothing can fail from here on. Take the last good build over and change it in place:
        // with no other holder, its large tables are not copied. Pages asked for meanwhile wait.
        lock.lock()
        var taken = good
        good = nil
        updating = true
        lock.unlock()
        var analysis = taken!.analysis
        var renderer = taken!.renderer
        taken = nil
        var displays = renderer.takeInput().displays
        Analyzer.commit(plan, to: &analysis)
        for id in plan.delta.values { displays[id] = analysis.context.values[id]?.display }
        let input = RenderInput(project: analysis.project, evaluation: analysis.evaluation, checks: analysis.checks,
                                bodies: analysis.bodies, displays: displays, charts: analysis.charts)
        renderer.update(input: input, delta: plan.delta.render, oldCitations: prepared.oldCitations)
        let failed = analysis.failedChecks.map(CheckReport.line)
        succeed(Good(analysis: analysis, renderer: renderer, templates: prepared.templates, stamps: now), jobs: nil)
        return RebuildResult(ok: true, seconds: Timings.seconds(since: start), decodedFiles: prepared.files, incremental: true,
                             failedChecks: failed)
    }

    struct Prepared {
        var plan: AnalysisUpdate
        var oldCitations: [String: [(id: String, line: Int)]]
        var templates: Templates
        var files: Int
    }

    enum Preparation {
        case success(Prepared)
        case failure(Diagnostics, files: Int)
    }

    /// Decodes the edited files and works out the update against the last good build, which
    /// it only reads. Nil when the change needs a full rebuild. (A function of its own, so that
    /// its references to the last good build end before that build is changed in place.)
    func prepare(stamps now: [String: FileStamp], edited paths: Set<String>) -> Preparation? {
        lock.lock()
        let last = good
        lock.unlock()
        guard let previous = last, !paths.isEmpty else { return nil }
        var edited: [(kind: DocumentKind, path: String)] = []
        for path in paths {
            // Added and removed files change the site's shape.
            guard previous.stamps[path] != nil, now[path] != nil, let kind = documentKind(of: path) else { return nil }
            edited.append((kind, path))
        }
        let units = previous.analysis.project.units
        var decoded: [DecodedDocument] = []
        var broken: [Diagnostic] = []
        for (kind, path) in edited.sorted(by: { $0.path < $1.path }) {
            let url = URL(fileURLWithPath: path)
            switch ContentLoader.decodeFile(url, name: url.lastPathComponent, kind: kind, display: display, units: units) {
            case .success(let d): decoded.append(d)
            case .failure(let e): broken.append(e)
            }
        }
        do throws(Diagnostics) {
            if !broken.isEmpty { throw Diagnostics(broken) }
            guard let plan = try Analyzer.plan(previous.analysis, changed: decoded, templates: previous.templates) else { return nil }
            var oldCitations: [String: [(id: String, line: Int)]] = [:]
            for slug in plan.delta.bodies { oldCitations[slug] = previous.analysis.bodies[slug]?.citations }
            return .success(Prepared(plan: plan, oldCitations: oldCitations, templates: previous.templates, files: edited.count))
        } catch {
            return .failure(error, files: edited.count)
        }
    }

    /// The kind of a report or case file under content/, nil for any other file.
    func documentKind(of path: String) -> DocumentKind? {
        guard path.hasSuffix(".md") else { return nil }
        let folder = (path as NSString).deletingLastPathComponent
        return DocumentKind.allKinds.first { content.appendingPathComponent($0.rawValue).path == folder }
    }

    static func renderInput(_ a: Analysis) -> RenderInput {
        RenderInput(project: a.project, evaluation: a.evaluation, checks: a.checks, bodies: a.bodies,
                    displays: a.context.values.all.mapValues(\.display), charts: a.charts)
    }

    private func succeed(_ g: Good, jobs: [String: Renderer.Job]?) {
        lock.lock()
        let old = good
        good = g
        updating = false
        if let jobs { jobsByPath = jobs }
        pages.removeAll()
        problems = nil
        version += 1
        lock.unlock()
        // Freeing a large site's previous analysis takes a while; not on the way to the new page.
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + 0.5) { withExtendedLifetime(old) {} }
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

    /// Rebuilds when any file under content/ or templates/ was added, removed or changed:
    /// incrementally when only reports or cases were edited, else everything.
    public func rebuildIfChanged() -> RebuildResult? {
        startWatching()
        lock.lock()
        var now = stamps
        lock.unlock()
        var changed: Set<String> = []
        switch scanned ? watcher?.changes() ?? .unknown : .unknown {
        case .none:
            return nil
        case .paths(let paths):
            for p in paths where isInput(p) {
                let stamp = FileStamp(path: p)
                if stamp != now[p] { changed.insert(p) }
                now[p] = stamp
            }
        case .unknown:
            let scan = LiveSite.scan([content, templatesDir]).filter { isInput($0.key) }
            for (p, stamp) in scan where now[p] != stamp { changed.insert(p) }
            for p in now.keys where scan[p] == nil { changed.insert(p) }
            now = scan
            scanned = true
        }
        guard !changed.isEmpty else { return nil }
        lock.lock()
        stamps = now
        lock.unlock()
        // Files edited since the last good build: after a failed build, the next update
        // starts from that build again.
        editedSinceGood.formUnion(changed)
        let result = rebuildEdited(stamps: now, edited: editedSinceGood) ?? rebuildAll(stamps: now)
        if result.ok { editedSinceGood = [] }
        return result
    }

    /// Blocks until a file under content/ or templates/ may have changed, or `timeout` passed.
    public func waitForChanges(timeout: Double) {
        if scanned, let watcher {
            watcher.wait(timeout: timeout)
        } else {
            usleep(UInt32(timeout * 1_000_000))
        }
    }

    private var editedSinceGood: Set<String> = []
    private var watcher: ChangeWatcher?
    private var watching = false
    private var scanned = false

    /// Whether a file is read by a build: editors' temporary and swap files are not.
    func isInput(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        if name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name == "4913" {
            return false
        }
        guard path.hasPrefix(content.path + "/") else { return true }
        let rel = String(path.dropFirst(content.path.count + 1))
        return rel == "site.yaml" || rel == "regions.yaml" || documentKind(of: path) != nil
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
        while updating {
            lock.unlock()
            usleep(1000)
            lock.lock()
        }
        let broken = problems
        let r = good?.renderer
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
