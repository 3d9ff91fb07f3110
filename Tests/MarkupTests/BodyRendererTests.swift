import BriefingCore
import Foundation
import Markup
import Testing

let units = UnitRegistry()

func context(values: [String: String] = ["ordos.capacity.total": "413.8 万千瓦", "ordos.share": "0.076"]) throws -> LinkContext {
    var v: [String: LinkContext.Value] = [:]
    for (id, text) in values {
        let w = try QuantityParser.parseWritten(text, units: units)
        v[id] = .init(quantity: w.quantity, display: NumberFormat.format(w.quantity, decimals: w.number.decimals), label: "标签")
    }
    return LinkContext(values: v, documents: ["new-energy": (.report, ["一发展现状"]), "grid": (.case, [])],
                       regions: ["dalad": "达拉特旗"], units: units) { b in ("title \(b.id)", "pass") }
}

func render(_ body: String, bodyStartLine: Int = 10) throws -> RenderedBody {
    let doc = Document(kind: .report, slug: "t", file: "content/reports/t.md", title: "t", date: "2022-01-01",
                       body: body, bodyStartLine: bodyStartLine)
    return BodyRenderer.render(doc, context: try context(), root: "../../")
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

@Suite struct BodyRendererTests {
    @Test func insertsFormattedValue() throws {
        let r = try render("总装机[](fig:ordos.capacity.total)。")
        #expect(r.html.contains(">413.8万千瓦</a>"))
        #expect(r.html.contains("href=\"../../indicators/ordos.capacity.total/index.html\""))
        #expect(r.bindings.isEmpty)
        #expect(r.citations.map(\.id) == ["ordos.capacity.total"])
    }

    @Test func bindsWrittenNumbersWithLines() throws {
        let r = try render("第一段。\n\n总装机[413.8万千瓦](fig:ordos.capacity.total)，占[7.6%](fig:ordos.share)。", bodyStartLine: 10)
        #expect(r.bindings.count == 2)
        #expect(r.bindings[0].location.line == 12)
        #expect(r.bindings[0].written.number.value == Decimal(string: "413.8")!)
        #expect(r.bindings[1].written.quantity.unit.symbol == "%")
        #expect(r.html.contains("class=\"num pass\""))
        #expect(r.html.contains(">413.8万千瓦</a>"))
    }

    @Test func bareNumberIsReadInTheValuesUnit() throws {
        let r = try render("[413.8](fig:ordos.capacity.total)万千瓦")
        #expect(r.bindings.first?.written.quantity.unit.symbol == "万千瓦")
    }

    @Test func unresolvedTargetsAreErrorsWithLines() throws {
        let r = try render("a\n\n[x](fig:ordos.capacity.totl)\n\n[y](report:nope)\n\n[z](report:new-energy#无此节)\n\n[w](region:dalat)\n\n[v](fig:ordos.capacity.total)")
        let lines = r.problems.map(\.location.line)
        #expect(lines == [12, 14, 16, 18, 20])
        #expect(r.problems[0].hint.contains("ordos.capacity.total"))
        #expect(r.problems[3].hint.contains("dalad"))
        #expect(r.problems[4].message.contains("数字+单位"))
    }

    @Test func crossReferencesResolve() throws {
        let r = try render("见[报告](report:new-energy#一发展现状)与[案例](report:grid)，[达拉特旗](region:dalad)。")
        #expect(r.problems.isEmpty)
        #expect(r.html.contains("href=\"../../reports/new-energy/index.html#%E4%B8%80%E5%8F%91%E5%B1%95%E7%8E%B0%E7%8A%B6\""))
        #expect(r.html.contains("href=\"../../cases/grid/index.html\""))
        #expect(r.html.contains("href=\"../../regions/dalad/index.html\""))
    }

    @Test func headingsGetIDsAndTOC() throws {
        let r = try render("## 一、发展现状\n\n文字\n\n### 概况\n\n## 一、发展现状")
        #expect(r.headings.map(\.anchor) == ["一发展现状", "概况", "一发展现状-1"])
        #expect(r.html.contains("<h2 id=\"一发展现状\">"))
        #expect(r.html.contains("<h3 id=\"概况\">"))
        #expect(BodyRenderer.anchors(of: "## 一、发展现状\n\n## 一、发展现状") == ["一发展现状", "一发展现状-1"])
    }

    @Test func rawHTMLAndDangerousLinksDoNotReachOutput() throws {
        let r = try render("<script>alert(1)</script>\n\n段落<img src=x onerror=alert(1)>\n\n[点我](javascript:alert(1)) [数据](data:text/html;base64,PHNjcmlwdD4=) [正常](https://example.org)")
        #expect(!r.html.contains("<script"))
        #expect(!r.html.contains("onerror"))
        #expect(!r.html.contains("javascript:"))
        #expect(!r.html.contains("data:text/html"))
        #expect(r.html.contains("href=\"https://example.org\""))
    }

    @Test func firstParagraphForSummaries() throws {
        let r = try render("## 标题\n\n第一段**重点**文字。\n\n第二段。")
        #expect(r.firstParagraph == "第一段重点文字。")
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
