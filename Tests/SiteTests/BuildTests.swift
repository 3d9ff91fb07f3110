import Analysis
import BriefingCore
import Calc
import Foundation
@testable import Output
import Render
import Testing

func buildSite(_ analysis: Analysis = realAnalysis) throws -> URL {
    let out = tempDir("site").appendingPathComponent("site")
    _ = try SiteWriter.build(analysis, templates: try Templates(directory: Repo.templates), output: out,
                             inputs: [Repo.content, Repo.templates])
    return out
}

func page(_ files: [String: Data], _ path: String) -> String {
    files[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
}

@Suite(.serialized) struct BuildTests {
    @Test func everyPageKindIsWritten() throws {
        let files = snapshot(try buildSite())
        for path in ["index.html", "reports/index.html", "cases/index.html", "indicators/index.html", "checks/index.html",
                     "regions/index.html", "topics/index.html", "search/index.html", "data/indicators.json", "data/figures.csv",
                     "feed.xml", "sitemap.xml", "404.html", "assets/style.css",
                     "reports/new-energy/index.html", "reports/new-energy/data/index.html", "cases/dalad-grid/data/index.html"] {
            #expect(files[path] != nil, "missing \(path)")
        }
        for d in realAnalysis.project.documents {
            #expect(files["\(d.kind.rawValue)/\(d.slug)/index.html"] != nil)
            #expect(files["\(d.kind.rawValue)/\(d.slug)/data/index.html"] != nil)
        }
        for r in realAnalysis.project.regions { #expect(files["regions/\(r.slug)/index.html"] != nil) }
        let home = page(files, "index.html")
        #expect(home.contains("<html lang=\"zh-CN\">"))
        #expect(home.contains("reports/new-energy/index.html"))
    }

    @Test func pagesGrowWithDocumentsNotNumbers() throws {
        let files = snapshot(try buildSite())
        // No page per figure or indicator: a document has its page and its data page.
        #expect(!files.keys.contains { $0.hasPrefix("indicators/") && $0 != "indicators/index.html" && !$0.hasPrefix("indicators/page/") })
        for d in realAnalysis.project.documents {
            let own = files.keys.filter { $0.hasPrefix("\(d.kind.rawValue)/\(d.slug)/") }
            #expect(own.count <= 3, "\(d.slug): \(own)")
        }
    }

    @Test func dataPageAnchorsEveryFigureAndIndicatorWithFormulaLinks() throws {
        let files = snapshot(try buildSite())
        let data = page(files, "reports/new-energy/data/index.html")
        let doc = realAnalysis.document("new-energy")!
        for id in doc.figureIDs { #expect(data.contains("<tr id=\"\(id)\">"), "figure row \(id)") }
        for id in doc.indicatorIDs { #expect(data.contains("<section class=\"indicator\" id=\"\(id)\">"), "indicator \(id)") }
        // The PV total by banner: formula with its input linked, stated 287.3 against computed 287.22.
        let section = try #require(data.range(of: "id=\"ordos.capacity.pv_by_banner\"").map { String(data[$0.lowerBound...].prefix(6000)) })
        #expect(section.contains("sum(banner.*.capacity.pv)"))
        #expect(section.contains("287.22万千瓦"))
        #expect(section.contains("287.3万千瓦"))
        #expect(section.contains("badge acknowledged"))
        let total = try #require(data.range(of: "id=\"ordos.capacity.total\"").map { String(data[$0.lowerBound...].prefix(6000)) })
        #expect(total.contains("href=\"#ordos.capacity.pv\""))
    }

    @Test func everyFigLinkTargetsAnAnchorThatExists() throws {
        let files = snapshot(try buildSite())
        for d in realAnalysis.project.documents {
            let html = page(files, "\(d.kind.rawValue)/\(d.slug)/index.html")
            var rest = Substring(html)
            while let r = rest.range(of: "data/index.html#") {
                let tail = rest[r.upperBound...]
                let anchor = String(tail.prefix { $0 != "\"" })
                let prefix = html[..<r.lowerBound].suffix(80)
                let target = prefix.range(of: "href=\"", options: .backwards).map { String(prefix[$0.upperBound...]) } ?? ""
                let path = URL(fileURLWithPath: "/\(d.kind.rawValue)/\(d.slug)/" + target + "data/index.html").standardized.path.dropFirst()
                #expect(page(files, String(path)).contains("id=\"\(anchor)\""), "\(d.slug): \(path)#\(anchor)")
                rest = tail
            }
        }
    }

    @Test func indicatorsJSON() throws {
        let files = snapshot(try buildSite())
        let records = try #require(try JSONSerialization.jsonObject(with: files["data/indicators.json"]!) as? [[String: Any]])
        let total = try #require(records.first { $0["id"] as? String == "ordos.capacity.total" })
        #expect(total["value"] as? String == "413.8")
        #expect(total["unit"] as? String == "万千瓦")
        #expect(total["status"] as? String == "pass")
        #expect(total["display"] as? String == "413.8万千瓦")
        #expect(total["url"] as? String == "https://example.org/briefing/reports/new-energy/data/#ordos.capacity.total")
        for key in ["label", "formula", "stated", "file", "line"] { #expect(total[key] != nil) }
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let a = snapshot(try buildSite())
        let b = snapshot(try buildSite())
        #expect(a.count > 100)
        #expect(a == b)
    }

    @Test func committedSiteIsFresh() throws {
        let fresh = snapshot(try buildSite())
        // The search index and the PDFs are made after the build and are not committed.
        let committed = snapshot(Repo.site).filter { !$0.key.hasPrefix("pagefind/") && !$0.key.hasSuffix(".pdf") }
        #expect(Set(fresh.keys) == Set(committed.keys))
        for (k, v) in fresh where committed[k] != v { Issue.record("site/\(k) differs from a fresh build") }
    }

    @Test func failedWriteLeavesTheOldSite() throws {
        let out = try buildSite()
        let before = snapshot(out)
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            _ = try SiteWriter.write(to: out) { emit in
                try emit(.init(path: "index.html", data: Data("half".utf8)))
                throw Boom()
            }
        }
        #expect(snapshot(out) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
        #expect(leftovers == ["site"])
    }

    @Test func pathsCannotLeaveTheOutput() throws {
        let out = try buildSite()
        for bad in ["../evil.html", "/etc/x", "a/../../b", "", "a//b"] {
            #expect(throws: Diagnostics.self) {
                _ = try SiteWriter.write(to: out) { emit in try emit(.init(path: bad, data: Data())) }
            }
        }
    }

    @Test func refusesToReplaceAForeignFolder() throws {
        let dir = tempDir("foreign")
        try Data("mine".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        #expect(throws: Diagnostics.self) { _ = try SiteWriter.write(to: dir) { _ in } }
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("notes.txt").path))
    }
}
