import BriefingCore
import Content
import Foundation
import Testing

/// Fixes found by the hostile-input suite: exact lines for cross-file errors,
/// large or odd input failing fast and cleanly.
@Suite struct HostileContentTests {
    @Test func unknownRegionPointsAtTheRegionsLine() throws {
        let a = "---\ntitle: a\ndate: 2022-01-01\nregions:\n  - ordos\n  - ordoss\n---\n"
        let p = try loadProblems(["reports/a.md": a])
        #expect(p.count == 1)
        #expect(p.first?.location.line == 6)
        #expect(p.first?.location.key == "regions[1]")
        let flow = "---\ntitle: a\ndate: 2022-01-01\nsummary: s\nregions: [ordos, ordoss]\n---\n"
        #expect(try loadProblems(["reports/a.md": flow]).first?.location.line == 5)
    }

    @Test func unknownFigureRegionPointsAtItsLine() throws {
        let a = "---\ntitle: a\ndate: 2022-01-01\nfigures:\n  x.y:\n    value: 3\n    unit: 个\n    region: ordoz\n---\n"
        let p = try loadProblems(["reports/a.md": a])
        #expect(p.first?.location.line == 8)
        #expect(p.first?.location.key == "figures.x.y.region")
        #expect(p.first?.hint.contains("ordos") == true)
    }

    @Test func hugeFrontMatterFailsFast() throws {
        var text = "---\ntitle: a\ndate: 2022-01-01\nfigures:\n"
        let line = "  big.f0000000: 12345.5 万千瓦\n"
        text += String(repeating: line, count: 3 * 1024 * 1024 / line.utf8.count)
        text += "---\n正文\n"
        let start = ContinuousClock.now
        let e = problem(text)
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(e?.message.contains("过大") == true)
        #expect(e?.location.line == 2)
    }

    @Test func fenceLinesMayHaveSurroundingSpace() throws {
        let d = try decode("---\ntitle: x\ndate: 2022-01-01\n  ---  \n正文\n")
        #expect(d.document.bodyStartLine == 5)
        #expect(d.body == "正文")
    }

    @Test func unclosedBracketPointsAtTheLineThatOpensIt() {
        let e = problem("---\ntitle: x\ndate: 2022-01-01\ngroup: [第一小组\nsummary: s\nwriter: w\n---\n")
        #expect(e?.location.line == 4)
        #expect(e?.message.contains("YAML") == true)
        let q = problem("---\ntitle: x\ndate: 2022-01-01\ngroup: \"第一小组\nsummary: s\nwriter: w\n---\n")
        #expect(q?.location.line == 4)
    }

    @Test func controlCharacterPointsAtItsLine() {
        let e = problem("---\ntitle: 标题\ndate: 2022-01-01\ngroup: 第一\u{0}小组\n---\n")
        #expect(e?.location.line == 4)
        #expect(e?.message.contains("控制字符") == true)
    }

    @Test func baseURLMustBeAWebAddressOrPath() throws {
        for bad in ["javascript:alert(1)//", "data:text/html,x", "//evil.example/", "https://a.example/\"><script>"] {
            let p = try loadProblems(["site.yaml": "title: t\nbase_url: '\(bad)'\n"])
            #expect(p.first?.location.key == "base_url", "\(bad)")
            #expect(p.first?.location.line == 2)
        }
        for good in ["https://example.org/briefing/", "http://localhost:8000", "/briefing/"] {
            #expect(try loadProblems(["site.yaml": "title: t\nbase_url: \(good)\n"]).isEmpty, "\(good)")
        }
    }

    @Test func veryLongValuesAreQuotedShortAndFast() {
        let start = ContinuousClock.now
        let e = problem("---\ntitle: x\ndate: 2022-01-01\nfigures:\n  a.b: 1 " + String(repeating: "瓦", count: 100_000) + "\n---\n")
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(e?.message.contains("未知单位") == true)
        #expect((e?.description.count ?? .max) < 1_000)
        let n = problem("---\ntitle: x\ndate: 2022-01-01\nfigures:\n  a.b: " + String(repeating: "9", count: 100_000) + " 个\n---\n")
        #expect((n?.description.count ?? .max) < 1_000)
    }
}
