import Analysis
import BriefingCore
import Calc
import Content
import Foundation
import Render

/// The site as `briefing serve` shows it: analysed again when content or templates change
/// (incrementally when only reports or cases were edited), pages rendered on request and
/// kept until the next change. Nothing is written to disk. While the content is broken,
/// HTML requests get an error page naming file and line; the last good site stays available.
public final class LiveSite: @unchecked Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var contentType: String
        public var body: Data
    }

    public struct RebuildResult: Sendable {
        public var ok: Bool
        public var seconds: Double
        /// Files read again.
        public var files: Int
        /// Only the edited documents and what depends on them were analysed again.
        public var incremental = false
        /// Checks that fail CI.
        public var failedChecks: [CheckResult] = []
    }

    /// The last build that succeeded.
    struct Good {
        var analysis: Analysis
        var templates: Templates
        var routes: [String: Route]
    }

    let content: URL
    let templatesDir: URL
    let display: String
    /// Guards everything below; `changed` wakes page requests waiting for an update.
    let changed = NSCondition()
    let cache = LoadCache()
    let files: FileTracker
    var good: Good?
    /// An edit is being applied to the last good build; page requests wait for it.
    var updating = false
    var pages: [String: Data] = [:]
    /// Pages of the build before, served while a document's file is being saved.
    var previousPages: [String: Data] = [:]
    var problems: Diagnostics?
    var versionNumber = 0

    /// Increases at every rebuild; the live-reload script watches it.
    public var version: Int { changed.withLock { versionNumber } }

    public var currentProblems: Diagnostics? { changed.withLock { problems } }

    public init(content: URL, templates: URL, display: String = "content") {
        self.content = content
        self.templatesDir = templates
        self.display = display
        files = FileTracker(content: content, templates: templates)
    }

    /// Rebuilds everything now.
    @discardableResult
    public func rebuild() -> RebuildResult {
        files.startWatching()
        files.rescan()
        return rebuildAll(publish: true)
    }

    /// Rebuilds when a file under content/ or templates/ was added, removed or changed:
    /// incrementally when only reports or cases were edited, else everything. A failure while
    /// a file is still being saved is not shown until the file has been quiet for a moment
    /// (readers keep the last good pages meanwhile).
    public func rebuildIfChanged() -> RebuildResult? {
        files.startWatching()
        guard let edited = files.changedSinceGood() else { return nil }
        let saving = files.recentlyWritten(edited)
        let result = rebuildEdited(edited, publish: !saving) ?? rebuildAll(publish: !saving)
        if !result.ok, saving { files.retryLater() }
        return result
    }

    /// Blocks until a file under content/ or templates/ may have changed, or `timeout` passed.
    public func waitForChanges(timeout: Double) { files.wait(timeout: timeout) }

    func rebuildAll(publish: Bool) -> RebuildResult {
        let start = Timings.now()
        do throws(Diagnostics) {
            let t = try Templates(directory: templatesDir)
            let analysis = try Analyzer.analyze(contentDirectory: content, display: display, cache: cache)
            var routes: [String: Route] = [:]
            for r in Renderer(analysis: analysis, templates: t).routes() { routes[r.path] = r }
            succeed(Good(analysis: analysis, templates: t, routes: routes))
            return RebuildResult(ok: true, seconds: Timings.seconds(since: start), files: cache.misses,
                                 failedChecks: analysis.failedChecks)
        } catch {
            fail(error, publish: publish)
        }
        return RebuildResult(ok: false, seconds: Timings.seconds(since: start), files: cache.misses)
    }

    /// When only reports or cases were edited since the last good build, takes in just those
    /// through `Analysis.apply`. Nil when a full rebuild is needed.
    func rebuildEdited(_ paths: Set<String>, publish: Bool) -> RebuildResult? {
        let start = Timings.now()
        guard let edited = files.editedDocuments(paths), let units = changed.withLock({ good?.analysis.project.units }) else { return nil }
        var loaded: [LoadedDocument] = []
        var broken: [Diagnostic] = []
        for (path, kind) in edited {
            let url = URL(fileURLWithPath: path)
            switch Loader.loadFile(DocumentFile(kind: kind, name: url.lastPathComponent, url: url), display: display, units: units) {
            case .success(let d): loaded.append(d)
            case .failure(let e): broken.append(e)
            }
        }
        func failed(_ d: Diagnostics) -> RebuildResult {
            fail(d, publish: publish)
            return RebuildResult(ok: false, seconds: Timings.seconds(since: start), files: edited.count, incremental: true)
        }
        if !broken.isEmpty { return failed(Diagnostics(broken)) }
        // Take the last good build over and change it in place (page requests wait meanwhile):
        // with no other holder, its large tables are not copied.
        guard var taken = changed.withLock({ () -> Good? in
            let g = good
            good = nil
            updating = g != nil
            return g
        }) else { return nil }
        do throws(Diagnostics) {
            guard try taken.analysis.apply(loaded) else {
                put(back: taken)
                return nil
            }
        } catch {
            put(back: taken)
            return failed(error)
        }
        let failedChecks = taken.analysis.failedChecks
        succeed(taken)
        return RebuildResult(ok: true, seconds: Timings.seconds(since: start), files: edited.count, incremental: true,
                             failedChecks: failedChecks)
    }

    private func put(back g: Good) {
        changed.withLock {
            good = g
            updating = false
        }
        changed.broadcast()
    }

    private func succeed(_ g: Good) {
        let old: Good? = changed.withLock {
            let old = good
            good = g
            updating = false
            // Each page as it was last served, however many rebuilds ago.
            previousPages.merge(pages) { _, new in new }
            pages.removeAll()
            problems = nil
            versionNumber += 1
            return old
        }
        changed.broadcast()
        files.accepted()
        // Freeing a large site's previous analysis takes a while; not on the way to the new page.
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + 0.5) { withExtendedLifetime(old) {} }
    }

    private func fail(_ d: Diagnostics, publish: Bool) {
        guard publish else { return }
        changed.withLock {
            problems = d
            versionNumber += 1
        }
    }
}
