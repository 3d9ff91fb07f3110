import BriefingCore
import Foundation
import Markup
import Render
@testable import Output
@testable import Analysis
import Commands
import Synchronization
import Testing

/// `serve` analyses an edited report incrementally; every page must then be exactly what a
/// full build of the same files gives.
@Suite(.serialized) struct IncrementalTests {
    /// Rewrites a file and moves its modification time on, so the change is seen even on
    /// file systems with coarse timestamps.
    func edit(_ file: URL, _ change: (String) -> String) throws {
        let before = try String(contentsOf: file, encoding: .utf8)
        let after = change(before)
        #expect(after != before, "the edit must change \(file.lastPathComponent)")
        // Through a temporary file, as editors save: the folder's time changes too.
        try after.write(to: file, atomically: true, encoding: .utf8)
        let old = (try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date) ?? Date()
        try FileManager.default.setAttributes([.modificationDate: old.addingTimeInterval(Double.random(in: 2...1000))],
                                              ofItemAtPath: file.path)
    }

    /// Every page and file of a full build of `content`, compared with what `live` serves.
    func expectSameAsFullBuild(_ live: LiveSite, _ content: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let templates = try Templates(directory: Repo.templates)
        let a = try Analyzer.analyze(contentDirectory: content)
        let r = Renderer(analysis: a, templates: templates)
        var differing: [String] = []
        let routes = r.routes()
        for route in routes where live.response(path: route.path).body != (try r.render(route)).data {
            differing.append(route.path)
        }
        #expect(routes.count > 100, sourceLocation: sourceLocation)
        #expect(differing.isEmpty, "pages differ from a full build: \(differing.prefix(8))", sourceLocation: sourceLocation)
    }

    func replacing(_ old: String, _ new: String) -> (String) -> String {
        { $0.replacingOccurrences(of: old, with: new) }
    }

    @Test func editsAreIncrementalAndEqualToFullBuilds() throws {
        let content = try copyOfContent()
        let live = LiveSite(content: content, templates: Repo.templates)
        #expect(live.rebuild().ok)
        let report = content.appendingPathComponent("reports/new-energy.md")

        // A figure that an indicator with a stated total uses: the total now disagrees.
        try edit(report, replacing("  ordos.capacity.pv:\n    value: 287.3\n", "  ordos.capacity.pv:\n    value: 287.4\n"))
        var r = try #require(live.rebuildIfChanged())
        #expect(r.ok && r.incremental && r.files == 1)
        #expect(r.failedChecks.contains { $0.id == "ordos.capacity.total" && $0.computedText == "413.9万千瓦" })
        try expectSameAsFullBuild(live, content)

        // A formula and a stated value change.
        try edit(report, replacing("formula: ordos.capacity.pv + ordos.capacity.wind + ordos.capacity.hydro + ordos.capacity.biomass\n    unit: 万千瓦\n    stated: 413.8 万千瓦",
                                   "formula: ordos.capacity.pv + ordos.capacity.wind + ordos.capacity.hydro\n    unit: 万千瓦\n    stated: 407.8 万千瓦"))
        r = try #require(live.rebuildIfChanged())
        #expect(r.ok && r.incremental)
        try expectSameAsFullBuild(live, content)

        // Prose in another file starts citing the edited figure, and links to a heading.
        let dalad = content.appendingPathComponent("cases/dalad-grid.md")
        let body = try #require(try String(contentsOf: dalad, encoding: .utf8).components(separatedBy: "\n---\n").last)
        let anchor = try #require(BodyFacts.collect(body, file: "", firstLine: 1, units: UnitRegistry()).headings.first?.anchor)
        let wuhai = content.appendingPathComponent("cases/wuhai-military-civilian.md")
        try edit(wuhai) { $0 + "\n光伏装机 [287.4万千瓦](fig:ordos.capacity.pv)，参见[网格](report:dalad-grid#\(anchor))。\n" }
        r = try #require(live.rebuildIfChanged())
        #expect(r.ok && r.incremental)
        try expectSameAsFullBuild(live, content)

        // The linked heading is renamed: the link breaks, as a full build would say.
        let heading = try #require(try String(contentsOf: dalad, encoding: .utf8).components(separatedBy: "\n").first { $0.hasPrefix("## ") })
        try edit(dalad, replacing(heading, "## 改名后的标题"))
        r = try #require(live.rebuildIfChanged())
        #expect(!r.ok && r.incremental)
        let problems = try #require(live.currentProblems)
        #expect(problems.items.contains { $0.location.file.hasSuffix("wuhai-military-civilian.md") && $0.description.contains(anchor) })
        #expect(throws: Diagnostics.self) { try Analyzer.analyze(contentDirectory: content) }

        // Broken YAML, then fixed: the last good build is the base of the next update.
        try edit(dalad, replacing("## 改名后的标题", heading))
        try edit(report, replacing("stated: 407.8 万千瓦", "stated: [407.8"))
        r = try #require(live.rebuildIfChanged())
        #expect(!r.ok)
        #expect(live.currentProblems?.items.first?.location.file.hasSuffix("reports/new-energy.md") == true)
        try edit(report, replacing("stated: [407.8", "stated: 407.9 万千瓦"))
        r = try #require(live.rebuildIfChanged())
        #expect(r.ok && r.incremental && r.files == 2)
        try expectSameAsFullBuild(live, content)

        // A title shows on lists, related documents and the home page.
        try edit(dalad) { text in
            text.components(separatedBy: "\n").map { $0.hasPrefix("title: ") ? "title: 改过的标题" : $0 }.joined(separator: "\n")
        }
        r = try #require(live.rebuildIfChanged())
        #expect(r.ok && r.incremental)
        try expectSameAsFullBuild(live, content)

        // Topics change the site's shape: everything is built again.
        try edit(report, replacing("topics: [新能源, 碳达峰碳中和,", "topics: [新能源, 碳达峰,"))
        r = try #require(live.rebuildIfChanged())
        #expect(r.ok && !r.incremental)
        try expectSameAsFullBuild(live, content)
        #expect(live.rebuildIfChanged() == nil)
    }

    /// A page asked for while its file is being saved (after the save, before the rebuild it
    /// triggers) is answered with the new page once that rebuild is done, not an error page,
    /// even when it was never served before.
    @Test func aPageAskedForDuringASaveWaitsForTheRebuild() throws {
        let content = try copyOfContent()
        let live = LiveSite(content: content, templates: Repo.templates)
        #expect(live.rebuild().ok)
        let report = content.appendingPathComponent("reports/new-energy.md")
        try edit(report, replacing("## ", "## 改过的"))
        let answered = Mutex<LiveSite.Response?>(nil)
        let asked = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            asked.signal()
            let r = live.response(path: "/reports/new-energy/")
            answered.withLock { $0 = r }
            done.signal()
        }
        asked.wait()
        Thread.sleep(forTimeInterval: 0.2)
        #expect(answered.withLock { $0 } == nil, "the page waits for the rebuild")
        #expect(try #require(live.rebuildIfChanged()).ok)
        #expect(done.wait(timeout: .now() + 10) == .success)
        let r = try #require(answered.withLock { $0 })
        #expect(r.status == 200)
        #expect(String(decoding: r.body, as: UTF8.self).contains("改过的"))
        try expectSameAsFullBuild(live, content)
    }
}
