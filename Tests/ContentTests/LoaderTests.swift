import BriefingCore
import Content
import Foundation
import Testing

/// A throwaway content folder.
struct TempContent {
    let dir: URL

    init(files: [String: String]) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("briefing-test-\(UUID().uuidString)")
        var all = files
        if all["site.yaml"] == nil { all["site.yaml"] = "title: 测试\n" }
        if all["regions.yaml"] == nil { all["regions.yaml"] = "- slug: ordos\n  name: 鄂尔多斯市\n  kind: 盟市\n" }
        for (path, text) in all {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    func load() throws(Diagnostics) -> Project { try ContentLoader.load(directory: dir) }
}

func loadProblems(_ files: [String: String]) throws -> [Diagnostic] {
    let c = try TempContent(files: files)
    do {
        _ = try c.load()
        return []
    } catch {
        return error.items
    }
}

@Suite struct LoaderTests {
    @Test func duplicateIDAcrossFilesNamesBothPlaces() throws {
        let a = "---\ntitle: a\ndate: 2022-01-01\nfigures:\n  x.y: 1 个\n---\n"
        let b = "---\ntitle: b\ndate: 2022-01-01\nfigures:\n  z.w: 2 个\n  x.y: 3 个\n---\n"
        let p = try loadProblems(["reports/a.md": a, "cases/b.md": b])
        #expect(p.count == 1)
        #expect(p[0].location.file == "content/reports/a.md" || p[0].location.file == "content/cases/b.md")
        #expect(p[0].description.contains("content/cases/b.md:6"))
        #expect(p[0].description.contains("content/reports/a.md:5"))
    }

    @Test func unknownRegionWithSuggestion() throws {
        let a = "---\ntitle: a\ndate: 2022-01-01\nregions: [ordoss]\n---\n"
        let p = try loadProblems(["reports/a.md": a])
        #expect(p.first?.message.contains("ordoss") == true)
        #expect(p.first?.hint.contains("ordos") == true)
    }

    @Test func fileNameThatCannotBeAPath() throws {
        let p = try loadProblems(["reports/../evil.md": "---\ntitle: a\ndate: 2022-01-01\n---\n",
                                  "reports/Bad Name.md": "---\ntitle: a\ndate: 2022-01-01\n---\n"])
        #expect(p.contains { $0.message.contains("Bad Name.md") })
    }

    @Test func siteUnitsAndTopics() throws {
        let c = try TempContent(files: [
            "site.yaml": "title: 测试\nunits:\n  床位: count\ntopics:\n  - name: 新能源\n    slug: new-energy\n",
            "reports/a.md": "---\ntitle: a\ndate: 2022-01-01\ntopics: [新能源, 人才]\nfigures:\n  a.b: 30 床位\n---\n",
        ])
        let p = try c.load()
        #expect(p.figures["a.b"]?.quantity.unit.symbol == "床位")
        #expect(p.topicSlug("新能源") == "new-energy")
        #expect(p.topicSlug("人才") == "人才")
        #expect(p.topicSlug("../x") == "x")
    }

    @Test func allProblemsAreReportedTogether() throws {
        let p = try loadProblems([
            "reports/a.md": "---\ntitle: a\n---\n",
            "reports/b.md": "---\ntitle: b\ndate: 2022-01-01\nbad: 1\n---\n",
        ])
        #expect(p.count == 2)
    }
}
