import BriefingCore
import Content
import Foundation
import Testing

let units = UnitRegistry()

func decode(_ text: String, file: String = "content/reports/t.md") throws(Diagnostic) -> DecodedDocument {
    try DocumentDecoder.decode(text: text, file: file, slug: "t", kind: .report, units: units)
}

/// The diagnostic a text produces; fails the test when it decodes.
func problem(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Diagnostic? {
    do {
        _ = try decode(text)
        Issue.record("expected an error", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

@Suite struct DocumentDecoderTests {
    let good = """
    ---
    title: 测试报告
    date: 2022-06-01
    advisors: [甲, 乙]
    topics: [新能源]
    regions: [ordos]
    figures:
      ordos.capacity.pv:
        value: 287.3
        unit: 万千瓦
        label: 光伏发电装机
        region: ordos
        year: 2021
        where: 一（三）1
      ordos.capacity.wind: 44.5 万千瓦
      ordos.capacity.hydro: 76万千瓦
    indicators:
      ordos.capacity.total:
        label: 新能源总装机
        formula: ordos.capacity.pv + ordos.capacity.wind + ordos.capacity.hydro
        stated: 约 407.8 万千瓦
    ---

    正文。
    """

    @Test func decodesEveryKeyExactly() throws {
        let d = try decode(good)
        #expect(d.document.title == "测试报告")
        #expect(d.document.advisors == ["甲", "乙"])
        #expect(d.document.bodyStartLine == 23)
        #expect(d.figures.count == 3)
        let pv = d.figures[0]
        #expect(pv.quantity.value == Decimal(string: "287.3")!)
        #expect(pv.quantity.unit.symbol == "万千瓦")
        #expect(pv.location.line == 8)
        #expect(pv.year == 2021)
        #expect(d.figures[1].quantity.value == Decimal(string: "44.5")!)
        #expect(d.figures[2].quantity.unit.symbol == "万千瓦")
        let ind = d.indicators[0]
        #expect(ind.stated?.written.comparator == .approx)
        #expect(ind.stated?.location.line == 21)
        #expect(ind.formulaLocation.line == 20)
    }

    @Test func numbersNeverGoThroughDouble() throws {
        let d = try decode("---\ntitle: x\ndate: 2022-01-01\nfigures:\n  a.b: 0.1\n  a.c: 123456789012345678.123456789\n---\n")
        #expect(d.figures[0].quantity.value == Decimal(string: "0.1")!)
        #expect(NumberFormat.plain(d.figures[1].quantity.value) == "123456789012345678.123456789")
    }

    @Test func unknownKeyWithSuggestion() {
        let e = problem("---\ntitle: x\ndate: 2022-01-01\ntopcis: [a]\n---\n")
        #expect(e?.location.line == 4)
        #expect(e?.location.key == "topcis")
        #expect(e?.hint.contains("topics") == true)
    }

    @Test func unknownFigureKey() {
        let e = problem("---\ntitle: x\ndate: 2022-01-01\nfigures:\n  a.b:\n    valeu: 3\n---\n")
        #expect(e?.location.line == 6)
        #expect(e?.hint.contains("value") == true)
    }

    @Test func yamlSyntaxErrorNamesTheLine() {
        let e = problem("---\ntitle: x\ndate: 2022-01-01\nfigures:\n  a.b: [1, 2\n  a.c: 3\n---\n")
        #expect(e?.message.contains("YAML") == true)
        #expect((e?.location.line ?? 0) >= 5)
    }

    @Test func tabIndentation() {
        let e = problem("---\ntitle: x\ndate: 2022-01-01\nfigures:\n\ta.b: 3\n---\n")
        #expect(e?.location.line == 5)
        #expect(e?.message.contains("制表符") == true)
    }

    @Test func duplicateYAMLKey() {
        let e = problem("---\ntitle: x\ndate: 2022-01-01\ntitle: y\n---\n")
        #expect(e?.location.line == 4)
        #expect(e?.message.contains("重复") == true)
    }

    @Test func missingClosingFence() {
        let e = problem("---\ntitle: x\ndate: 2022-01-01\n\n正文\n")
        #expect(e?.location.line == 1)
        #expect(e?.message.contains("---") == true)
    }

    @Test func badDateAndMissingTitle() {
        #expect(problem("---\ntitle: x\ndate: 2022-13-01\n---\n")?.location.line == 3)
        #expect(problem("---\ntitle: x\ndate: 2022/06/01\n---\n")?.hint.contains("YYYY-MM-DD") == true)
        #expect(problem("---\ndate: 2022-06-01\n---\n")?.location.key == "title")
    }

    @Test func unknownUnitAndNonNumericValue() {
        let u = problem("---\ntitle: x\ndate: 2022-01-01\nfigures:\n  a.b: 3 万千千瓦\n---\n")
        #expect(u?.location.line == 5)
        #expect(u?.message.contains("未知单位") == true)
        let n = problem("---\ntitle: x\ndate: 2022-01-01\nfigures:\n  a.b:\n    value: 很多\n    unit: 个\n---\n")
        #expect(n?.location.line == 6)
    }

    @Test func invalidIDs() {
        #expect(problem("---\ntitle: x\ndate: 2022-01-01\nfigures:\n  Ordos.PV: 3 个\n---\n")?.location.line == 5)
        #expect(problem("---\ntitle: x\ndate: 2022-01-01\nfigures:\n  a..b: 3 个\n---\n") != nil)
    }

    @Test func discrepancyNeedsANote() {
        let e = problem("---\ntitle: x\ndate: 2022-01-01\nindicators:\n  a.b:\n    formula: 1\n    stated: 2\n    expect: discrepancy\n---\n")
        #expect(e?.location.line == 8)
        #expect(e?.message.contains("note") == true)
    }

    @Test func byteOrderMarkAndCRLFWork() throws {
        let text = "\u{FEFF}---\r\ntitle: x\r\ndate: 2022-01-01\r\nfigures:\r\n  a.b: 3 个\r\n---\r\n正文\r\n"
        let s = try SourceText.decode(Data(text.utf8), file: "f.md")
        let d = try decode(s)
        #expect(d.figures[0].location.line == 5)
        #expect(d.body == "正文")
    }

    @Test func invalidUTF8NamesTheLine() {
        var bytes = Array("---\ntitle: x\n".utf8)
        bytes += [0xFF, 0xFE]
        do {
            _ = try SourceText.decode(Data(bytes), file: "f.md")
            Issue.record("expected an error")
        } catch {
            #expect(error.location.line == 3)
            #expect(error.message.contains("UTF-8"))
        }
    }

    @Test func emptyFile() {
        #expect(problem("")?.message.contains("空") == true)
    }
}
