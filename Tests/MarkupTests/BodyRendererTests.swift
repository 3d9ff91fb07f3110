import BriefingCore
import Foundation
@testable import Markup
import Testing

let units = UnitRegistry()

func facts(_ body: String, firstLine: Int = 10) -> BodyFacts {
    BodyFacts.collect(body, file: "content/reports/t.md", firstLine: firstLine, units: units)
}

/// Link targets as a page would give them: known ids, documents, regions and one chart.
func targets(known: Set<String> = ["ordos.capacity.total", "ordos.share"]) -> LinkTargets {
    LinkTargets(
        figure: { i, id in
            guard known.contains(id) else { return nil }
            return .init(href: "../../reports/t/data/index.html#\(id)", classes: "pass", title: "标签 \(i)", text: "413.8万千瓦")
        },
        report: { slug, anchor in
            ["new-energy": "reports", "grid": "cases"][slug].map { "../../\($0)/\(slug)/index.html" + (anchor.map { "#" + $0 } ?? "") }
        },
        region: { $0 == "dalad" ? "../../regions/dalad/index.html" : nil },
        chart: { $0 == "c1" ? "<figure class=\"chart\">C1</figure>" : nil })
}

func html(_ body: String, known: Set<String> = ["ordos.capacity.total", "ordos.share"]) -> String {
    BodyHTML.render(body, targets: targets(known: known))
}

@Suite struct AnchorTests {
    @Test func chineseAnchorsAreKeptAndUnique() {
        #expect(AnchorMaker.slug("一、发展现状") == "一发展现状")
        #expect(AnchorMaker.slug("（三）鄂尔多斯市 New Energy") == "三鄂尔多斯市-new-energy")
        var m = AnchorMaker()
        #expect(m.make("概况") == "概况")
        #expect(m.make("概况") == "概况-1")
        #expect(m.make("概况") == "概况-2")
        #expect(m.make("！？") == "section")
    }
}

@Suite struct BodyFactsTests {
    @Test func insertionsAndBindingsAreNumberedInOrder() {
        let f = facts("总装机[](fig:ordos.capacity.total)。\n\n占[7.6%](fig:ordos.share)，共[413.8万千瓦](fig:ordos.capacity.total)。")
        #expect(f.figureLinks.map(\.id) == ["ordos.capacity.total", "ordos.share", "ordos.capacity.total"])
        #expect(f.figureLinks[0].written == nil)
        #expect(f.figureLinks[1].written?.quantity.unit.symbol == "%")
        #expect(f.figureLinks[2].written?.number.value == Decimal(string: "413.8")!)
        #expect(f.figureLinks.map(\.line) == [10, 12, 12])
    }

    @Test func bareNumberHasNoUnitUntilChecked() {
        let f = facts("[413.8](fig:ordos.capacity.total)万千瓦")
        #expect(f.figureLinks.first?.written?.quantity.unit.symbol == "")
    }

    @Test func unreadableLinkTextIsAProblemOnItsLine() {
        let f = facts("a\n\n[很多](fig:x)")
        #expect(f.problems.map(\.location.line) == [12])
        #expect(f.problems.first?.message.contains("数字+单位") == true)
        // Kept in the numbering, so the HTML pass numbers links alike.
        #expect(f.figureLinks.count == 1 && f.figureLinks[0].unreadable)
    }

    @Test func referencesRegionsAndChartsWithLines() {
        let f = facts("见[报告](report:new-energy#一发展现状)与[达拉特旗](region:dalad)。\n\n[](chart:c1)\n\n句中[](chart:c1)。")
        #expect(f.references.map(\.slug) == ["new-energy"] && f.references.map(\.anchor) == ["一发展现状"] && f.references.map(\.line) == [10])
        #expect(f.regions.map(\.target) == ["dalad"])
        #expect(f.charts.map(\.standsAlone) == [true, false])
        #expect(f.charts.map(\.line) == [12, 14])
    }

    @Test func headingsAndFirstParagraph() {
        let f = facts("## 一、发展现状\n\n第一段**重点**文字，\n接着写。\n\n### 概况\n\n## 一、发展现状")
        #expect(f.headings.map(\.anchor) == ["一发展现状", "概况", "一发展现状-1"])
        // The soft break between two Chinese characters is nothing.
        #expect(f.firstParagraph == "第一段重点文字，接着写。")
    }

    @Test func titleAndSummaryLinksAreCheckedAndShownAsText() {
        let r = InlineText.collect("全市新能源装机[413.8万千瓦](fig:ordos.capacity.total)，占\n全区[7.6%](fig:ordos.share)。",
                                   field: "summary", file: "f.md", line: 9, units: units)
        #expect(r.plain == "全市新能源装机413.8万千瓦，占全区7.6%。")
        #expect(r.links.map(\.link.id) == ["ordos.capacity.total", "ordos.share"])
        #expect(r.links.allSatisfy { $0.link.line == 9 && $0.field == "summary" })
        #expect(InlineText.collect("没有链接", field: "title", file: "f.md", line: 2, units: units).plain == "没有链接")
    }
}

@Suite struct BodyHTMLTests {
    @Test func linksAreResolvedThroughTheTargets() {
        let h = html("总装机[](fig:ordos.capacity.total)，见[报告](report:new-energy#一发展现状)与[案例](report:grid)，[达拉特旗](region:dalad)。")
        #expect(h.contains("<a class=\"num pass\" href=\"../../reports/t/data/index.html#ordos.capacity.total\" title=\"标签 0\">413.8万千瓦</a>"))
        // cmark percent-encodes the Chinese anchor in the href.
        #expect(h.contains("href=\"../../reports/new-energy/index.html#%E4%B8%80%E5%8F%91%E5%B1%95%E7%8E%B0%E7%8A%B6\""))
        #expect(h.contains("href=\"../../cases/grid/index.html\""))
        #expect(h.contains("href=\"../../regions/dalad/index.html\""))
    }

    @Test func boundNumbersKeepTheirTextAndMarks() {
        let t = LinkTargets(figure: { _, _ in .init(href: "d#x", classes: "pass derived", title: "t", text: "9", mark: "推算") },
                            report: { _, _ in nil }, region: { _ in nil }, chart: { _ in nil })
        let h = BodyHTML.render("共[8779.2万元](fig:x)。", targets: t)
        #expect(h.contains("<a class=\"num pass derived\" href=\"d#x\" title=\"t\">8779.2万元<span class=\"mark\">推算</span></a>"))
    }

    @Test func unresolvedLinksShowTheirTextUnlinked() {
        let h = html("[未知](fig:nope)与[报告](report:nope)和[x](region:nope)")
        #expect(!h.contains("<a"))
        #expect(h.contains("未知") && h.contains("报告"))
    }

    @Test func chartsReplaceTheirParagraph() {
        let h = html("前\n\n[](chart:c1)\n\n后")
        #expect(h.contains("<figure class=\"chart\">C1</figure>"))
        #expect(!h.contains("<p><figure"))
    }

    @Test func headingsGetIDs() {
        let h = html("## 一、发展现状\n\n文字\n\n### 概况\n\n## 一、发展现状")
        #expect(h.contains("<h2 id=\"一发展现状\">"))
        #expect(h.contains("<h3 id=\"概况\">"))
        #expect(h.contains("<h2 id=\"一发展现状-1\">"))
    }

    @Test func softBreaksBetweenChineseCharactersAreDropped() {
        let h = html("数字一致，\n程序会核对。\nLatin words\nstay apart，[链接](region:dalad)\n后面。")
        #expect(h.contains("数字一致，程序会核对。"))
        #expect(h.contains("Latin words\nstay apart"))
        // A break after a link whose text ends in Chinese, before Chinese, is dropped too.
        #expect(h.contains("链接</a>后面"))
    }

    @Test func pipeTablesBecomeTables() {
        let h = html("| 阶段 | 时间 |\n| --- | --- |\n| 第一阶段 | 3—4月 |")
        #expect(h.contains("<table>") && h.contains("<th>阶段</th>") && h.contains("<td>第一阶段</td>"))
    }

    @Test func rawHTMLAndDangerousLinksDoNotReachOutput() {
        let h = html("<script>alert(1)</script>\n\n段落<img src=x onerror=alert(1)>\n\n[点我](javascript:alert(1)) [数据](data:text/html;base64,PHNjcmlwdD4=) [正常](https://example.org)")
        #expect(!h.contains("<script"))
        #expect(!h.contains("onerror"))
        #expect(!h.contains("javascript:"))
        #expect(!h.contains("data:text/html"))
        #expect(h.contains("href=\"https://example.org\""))
    }
}

@Suite struct CJKJoinTests {
    @Test func foldedTextLosesSpacesBetweenChineseOnly() {
        #expect(CJKBreaks.join("第一行\n第二行") == "第一行第二行")
        #expect(CJKBreaks.join("全市 新能源") == "全市新能源")
        #expect(CJKBreaks.join("413.8 万千瓦 and Latin words") == "413.8 万千瓦 and Latin words")
        #expect(CJKBreaks.join("。\n（一）") == "。（一）")
    }
}

@Suite struct HTMLEscapeTests {
    @Test func escapesTheFiveCharacters() {
        #expect(HTMLEscape.escape(#"<a href="x">Tom & 'Jerry'</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;")
    }

    @Test func escapesAQuoteFollowedByACombiningMark() {
        let escaped = HTMLEscape.escape("\"" + "\u{0301}x'" + "\u{0308}")
        let wanted = "&quot;" + "\u{0301}x&#39;" + "\u{0308}"
        #expect(escaped == wanted)
    }

    @Test func leavesOtherTextAlone() {
        let s = "鄂尔多斯市 413.8万千瓦 ≥ 7.6% e\u{0301}"
        #expect(HTMLEscape.escape(s) == s)
        #expect(HTMLEscape.escape("") == "")
    }
}

/// Titles and summaries without Markdown syntax skip the parser; the numbers found must be
/// the ones the parser's text runs give.
@Suite struct InlineUnboundTests {
    let units = UnitRegistry()

    @Test func plainTextSkipsTheParserWithTheSameResult() {
        for text in ["全市装机413.8万千瓦，占全区7.6%", "两行的摘要，第一行有12个村\n第二行有3个社区", "没有数字的标题"] {
            let fast = InlineText.plainLines(text)
            #expect(fast != nil, "\(text)")
            let slow = BodyWalk(markdown: text, firstLine: 1).textRuns(firstLine: 1).map(\.text)
            #expect(fast == slow, "\(text)")
        }
    }

    @Test func syntaxGoesThroughTheParser() {
        for text in ["*强调*的12个村", "1. 列表项", "- 列表项", "# 标题", "a &amp; 12个", "`代码`12个", "    缩进的代码12个"] {
            #expect(InlineText.plainLines(text) == nil, "\(text)")
        }
    }

    @Test func unboundNumbersOfATitleAreLocatedAtItsKey() {
        let r = InlineText.collect("全市有12个村", field: "title", file: "f.md", line: 3, units: units)
        #expect(r.unbound.map(\.text) == ["12个"])
        #expect(r.unbound.first?.location == SourceLocation(file: "f.md", line: 3, key: "title"))
        let linked = InlineText.collect("全市有[12个](fig:a)村，另有5个社区", field: "summary", file: "f.md", line: 4, units: units)
        #expect(linked.unbound.map(\.text) == ["5个"])
        #expect(linked.unbound.first?.location.key == "summary")
    }
}
