import BriefingCore
import Calc
import Foundation
import Render
import Site
import Testing

@Suite(.serialized) struct BuildTests {
    func build(_ analysis: Analysis = realAnalysis) throws -> URL {
        let out = tempDir("site").appendingPathComponent("site")
        _ = try SiteBuilder.build(analysis, templates: try Templates(directory: Repo.templates), output: out)
        return out
    }

    @Test func everyPageKindIsWritten() throws {
        let out = try build()
        let files = snapshot(out)
        for path in ["index.html", "indicators/index.html", "checks/index.html", "regions/index.html", "topics/index.html",
                     "data/indicators.json", "data/figures.csv", "feed.xml", "sitemap.xml", "404.html", "assets/style.css",
                     "reports/new-energy/index.html", "cases/dalad-grid/index.html",
                     "indicators/ordos.capacity.total/index.html"] {
            #expect(files[path] != nil, "missing \(path)")
        }
        for d in realAnalysis.project.documents { #expect(files["\(d.kind.rawValue)/\(d.slug)/index.html"] != nil) }
        for r in realAnalysis.project.regions { #expect(files["regions/\(r.slug)/index.html"] != nil) }
        let home = String(decoding: files["index.html"]!, as: UTF8.self)
        #expect(home.contains("<html lang=\"zh-CN\">"))
        #expect(home.contains("reports/new-energy/index.html"))
    }

    @Test func indicatorPageShowsFormulaInputsAndCheck() throws {
        let out = try build()
        let page = String(decoding: snapshot(out)["indicators/ordos.capacity.pv_by_banner/index.html"]!, as: UTF8.self)
        #expect(page.contains("sum(banner.*.capacity.pv)"))
        #expect(page.contains("../../indicators/banner.dalad.capacity.pv/index.html"))
        #expect(page.contains("287.22万千瓦"))
        #expect(page.contains("287.3万千瓦"))
        #expect(page.contains("acknowledged"))
    }

    @Test func indicatorsJSON() throws {
        let out = try build()
        let data = snapshot(out)["data/indicators.json"]!
        let records = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let total = try #require(records.first { $0["id"] as? String == "ordos.capacity.total" })
        #expect(total["value"] as? String == "413.8")
        #expect(total["unit"] as? String == "万千瓦")
        #expect(total["status"] as? String == "pass")
        #expect(total["display"] as? String == "413.8万千瓦")
        for key in ["label", "formula", "stated", "file", "line"] { #expect(total[key] != nil) }
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let a = snapshot(try build())
        let b = snapshot(try build())
        #expect(a.count > 100)
        #expect(a == b)
    }

    @Test func committedSiteIsFresh() throws {
        let fresh = snapshot(try build())
        // The search index is made by `make site` after the build and is not committed.
        let committed = snapshot(Repo.site).filter { !$0.key.hasPrefix("pagefind/") }
        #expect(Set(fresh.keys) == Set(committed.keys))
        for (k, v) in fresh where committed[k] != v { Issue.record("site/\(k) differs from a fresh build") }
    }

    @Test func failedWriteLeavesTheOldSite() throws {
        let out = try build()
        let before = snapshot(out)
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            _ = try SiteBuilder.write(to: out) { emit in
                try emit(.init(path: "index.html", data: Data("half".utf8)))
                throw Boom()
            }
        }
        #expect(snapshot(out) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
        #expect(leftovers == ["site"])
    }

    @Test func pathsCannotLeaveTheOutput() throws {
        let out = try build()
        for bad in ["../evil.html", "/etc/x", "a/../../b", "", "a//b"] {
            #expect(throws: Diagnostics.self) {
                _ = try SiteBuilder.write(to: out) { emit in try emit(.init(path: bad, data: Data())) }
            }
        }
    }

    @Test func refusesToReplaceAForeignFolder() throws {
        let dir = tempDir("foreign")
        try Data("mine".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        #expect(throws: Diagnostics.self) { _ = try SiteBuilder.write(to: dir) { _ in } }
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("notes.txt").path))
    }
}
