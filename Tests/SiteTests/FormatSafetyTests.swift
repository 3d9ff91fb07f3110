import Analysis
import Calc
@testable import Commands
import Foundation
@testable import Render
import Testing

// What the tool writes for other programs and for people: spreadsheets, feeds, JUnit, the
// text and GitHub outputs of `check`, the sitemap and new files. Input must not become a
// formula, ill-formed XML, a forged line of output, a terminal escape or a broken file.

/// Runs a Python 3 script (an independent reader: its csv module, its XML parser) with
/// `input` on stdin; what it printed.
func python(_ script: String, _ args: [String] = [], input: Data = Data()) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", script] + args
    let inPipe = Pipe(), out = Pipe()
    p.standardInput = inPipe
    p.standardOutput = out
    try p.run()
    // Python reads all of stdin before it prints, so writing first cannot block on its output.
    inPipe.fileHandleForWriting.write(input)
    try inPipe.fileHandleForWriting.close()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { throw HostileFixture.SetupError(description: "python3 failed: \(script)") }
    return String(decoding: data, as: UTF8.self)
}

/// Why an XML document is not well-formed (Python's expat parser), or nil when it is.
func xmlProblem(_ data: Data) throws -> String? {
    let said = try python("""
        import sys, xml.etree.ElementTree as E
        try: E.fromstring(sys.stdin.buffer.read())
        except E.ParseError as e: print(e)
        """, input: data)
    return said.isEmpty ? nil : said
}

/// The text of every element named `tag` (any namespace), read by Python's XML parser.
func xmlTexts(_ data: Data, _ tag: String) throws -> [String] {
    let json = try python("""
        import json, sys, xml.etree.ElementTree as E
        root = E.fromstring(sys.stdin.buffer.read())
        print(json.dumps([e.text or "" for e in root.iter() if e.tag.split("}")[-1] == sys.argv[1]]))
        """, [tag], input: data)
    return try JSONDecoder().decode([String].self, from: Data(json.utf8))
}

/// Cells of a CSV file as Python's csv module reads them.
func csvRows(_ file: URL) throws -> [[String]] {
    let json = try python("import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))",
                          [file.path])
    return try JSONDecoder().decode([[String]].self, from: Data(json.utf8))
}

func lines(_ s: String) -> [String] { s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

/// `N passed, N failed`, the one machine line of `check`.
func isSummary(_ line: String) -> Bool { line.wholeMatch(of: #/\d+ passed, \d+ failed/#) != nil }

@Suite(.serialized) struct FormatSafetyTests {
    typealias F = HostileFixture

    // MARK: figures.csv

    /// OWASP's leading characters that make a spreadsheet read a cell as a formula.
    static let formulaLeads = ["=", "+", "-", "@", "\t", "\r"]

    @Test func csvCellsStartingWithAFormulaCharacterAreNeutralisedQuotedOrNot() throws {
        let c = try HostileCase("csv")
        // Labels are trimmed, so a tab leads only in `where`; YAML refuses \r (a control character).
        let escaped = ["=": "=", "+": "+", "-": "-", "@": "@", "\t": "\\t"]
        var figures = "", expected: [String: (label: String, where: String)] = [:]
        for (i, lead) in Self.formulaLeads.dropLast().enumerated() {
            let e = escaped[lead]!
            figures += "  x.plain\(i):\n    value: 1\n    unit: 个\n    label: \"\(e)SUM(A1)\"\n    where: \"\(e)SUM(A2)\"\n"
            figures += "  x.quoted\(i):\n    value: 2\n    unit: 个\n    label: '\(e == "\\t" ? "@" : e)HYPERLINK(\"http://e.x/?a\",\"点\")'\n"
                + "    where: \"\(e)cmd|' /C calc'!A0, x\"\n"
            expected["x.plain\(i)"] = ((lead == "\t" ? "" : lead) + "SUM(A1)", lead + "SUM(A2)")
            expected["x.quoted\(i)"] = ((lead == "\t" ? "@" : lead) + "HYPERLINK(\"http://e.x/?a\",\"点\")", lead + "cmd|' /C calc'!A0, x")
        }
        figures += "  x.neg:\n    value: -6.6\n    unit: 个\n    label: '-6.6'\n    where: '+3'\n"
        try c.insert(figures, after: "  ordos.capacity.biomass: 6 万千瓦\n")
        let o = try c.run()
        expectAccepted(o)
        let rows = try csvRows(c.site.appendingPathComponent("data/figures.csv"))
        #expect(rows.first == ["id", "label", "value", "unit", "region", "year", "where", "document", "file", "line"])
        let byID = Dictionary(rows.dropFirst().map { ($0[0], $0) }, uniquingKeysWith: { a, _ in a })
        for (id, cell) in expected {
            let row = try #require(byID[id], "\(id) missing")
            let label = cell.label.first.map { Self.formulaLeads.contains(String($0)) } == true ? "'" + cell.label : cell.label
            #expect(row[1] == label, "\(id) label: \(row[1].debugDescription)")
            #expect(row[6] == "'" + cell.where, "\(id) where: \(row[6].debugDescription)")
        }
        // Plain numbers stay numbers.
        #expect(byID["x.neg"].map { [$0[1], $0[2], $0[6]] } == ["-6.6", "-6.6", "+3"])
        for row in rows {
            for cell in row where cell.unicodeScalars.first.map({ Self.formulaLeads.contains(String($0)) }) == true {
                #expect(cell.wholeMatch(of: #/[+-]?\d+(\.\d+)?/#) != nil, "formula cell \(cell.debugDescription) in \(row[0])")
            }
        }
    }

    @Test func csvFieldGuardsEveryOWASPLeadingCharacterQuotedOrNot() {
        for lead in Self.formulaLeads {
            for payload in ["SUM(A1)", "HYPERLINK(\"http://e.x\",\"点\")", "1+1"] {
                let text = lead + payload
                let cell = Exports.csvField(text)
                // Read the cell back as CSV does: a quoted cell loses its quotes and doubled quotes.
                let read = cell.hasPrefix("\"") ? String(cell.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"") : cell
                #expect(read == "'" + text, "\(text.debugDescription) → \(cell.debugDescription)")
                let mustQuote = text.contains(",") || text.contains("\"") || text.contains("\r")
                #expect(cell.hasPrefix("\"") == mustQuote, "\(text.debugDescription) → \(cell.debugDescription)")
            }
        }
        for number in ["-6.6", "+3", "12.50", "-0"] { #expect(Exports.csvField(number) == number) }
        for notNumber in ["-", "-6.6.1", "+", "-1e5", "-.5"] { #expect(Exports.csvField(notNumber) == "'" + notNumber) }
    }

    // MARK: XML: JUnit and the feed

    @Test func junitStaysWellFormedWithControlCharactersInANote() throws {
        let c = try HostileCase("junit-control")
        let analysis = try Analyzer.analyze(contentDirectory: c.content)
        let hostile = "说明\u{1}\u{B}\u{C}\u{1B}[31m\u{FFFE}\u{FFFF}结束 <&>\"'"
        let checks = analysis.checks.map { r in
            CheckResult(id: r.id + "\u{1}", kind: r.kind, status: r.kind == .indicator ? .fail : .acknowledged, location: r.location,
                        document: r.document, label: r.label + "\u{C}", stated: r.stated, computed: r.computed + 1,
                        difference: 1, tolerance: r.tolerance, note: hostile)
        }
        // The parser does refuse these characters, so a pass below means they were dropped.
        for raw in ["\u{1}", "\u{B}", "\u{C}", "\u{1B}", "\u{FFFE}"] { #expect(try xmlProblem(Data("<a>\(raw)</a>".utf8)) != nil) }
        let xml = CheckReport.junit(checks)
        #expect(try xmlProblem(Data(xml.utf8)) == nil, "\(xml)")
        #expect(xml.contains("说明[31m结束 &lt;&amp;&gt;"), "the visible text is kept: \(xml)")
    }

    @Test(arguments: ["\\x01", "\\v", "\\f", "\\uFFFE", "\\e", "\\x7F", "\\x85", "\\r"])
    func controlCharacterInAFrontMatterStringIsRefusedSoTheFeedStaysXML(_ escape: String) throws {
        let c = try HostileCase("control-title")
        try c.edit(F.energyPath, "title: 新能源报告", "title: \"新能源\(escape)报告\"")
        try expectRejected(c.run(), line: c.line(of: "title: "), key: "title", mentions: ["控制字符"])
    }

    @Test func controlCharactersAreRefusedInEverySettingsAndFrontMatterString() throws {
        let c = try HostileCase("control-note")
        try c.insert("    note: \"原文\\x01如此\"\n", after: F.statedLine)
        try expectRejected(c.run(), line: c.line(of: "    note: "), key: "indicators.ordos.capacity.total.note", mentions: ["控制字符"])
        let d = try HostileCase("control-topic")
        try d.edit(F.energyPath, "topics: [新能源]", "topics: [\"新\\f能源\"]")
        try expectRejected(d.run(), line: d.line(of: "topics: "), key: "topics[0]", mentions: ["控制字符"])
        let e = try HostileCase("control-site")
        try e.edit("site.yaml", "publisher: 测试党校", "publisher: \"测试\\v党校\"")
        try expectRejected(e.run(), file: "site.yaml", line: e.line(of: "publisher:", in: "site.yaml"), key: "publisher",
                           mentions: ["控制字符"])
        let g = try HostileCase("control-region")
        try g.edit("regions.yaml", "name: 鄂尔多斯市", "name: \"鄂尔多斯\\x1B[2J市\"")
        try expectRejected(g.run(), file: "regions.yaml", line: g.line(of: "name: \"", in: "regions.yaml"), key: "[1].name",
                           mentions: ["控制字符"])
    }

    @Test func feedAndSitemapOfNormalContentAreWellFormedXML() throws {
        let site = try HostileFixture.base.get().appendingPathComponent("site")
        for name in ["feed.xml", "sitemap.xml"] {
            let data = try Data(contentsOf: site.appendingPathComponent(name))
            #expect(try xmlProblem(data) == nil, "\(name)")
        }
        let feed = String(decoding: try Data(contentsOf: site.appendingPathComponent("feed.xml")), as: UTF8.self)
        #expect(feed.contains("<title>新能源报告</title>") && feed.contains("<title>电网案例</title>"))
    }

    /// Characters XML allows but a writer must escape (or keep as they are): markup, a CDATA
    /// end, a tab, a line separator and an emoji, in a title, a summary and the site's title.
    @Test func feedStaysWellFormedAndKeepsMarkupCharactersInItsText() throws {
        let c = try HostileCase("feed-markup")
        let yaml = { (s: String) in "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
        let (siteTitle, title, summary) = ("简报 <&> ]]>", "新能源<&>\"'报告]]>\t第\u{2028}二版😀", "摘要 &amp; <b>加粗</b> ]]> 结束")
        try c.edit(F.energyPath, "title: 新能源报告", "title: " + yaml(title))
        try c.edit(F.energyPath, "summary: 摘要。", "summary: " + yaml(summary))
        try c.edit("site.yaml", "title: 测试简报", "title: " + yaml(siteTitle))
        let o = try c.run()
        expectAccepted(o)
        let feed = try Data(contentsOf: c.site.appendingPathComponent("feed.xml"))
        #expect(try xmlProblem(feed) == nil, "\(String(decoding: feed, as: UTF8.self))")
        #expect(try xmlProblem(Data(contentsOf: c.site.appendingPathComponent("sitemap.xml"))) == nil)
        // The site's title, then the entries newest first: the case (July), the report (June).
        #expect(try xmlTexts(feed, "title") == [siteTitle, "电网案例", title])
        #expect(try xmlTexts(feed, "summary").last == summary)
    }

    // MARK: check output cannot be forged or escape the terminal

    /// A note that tries to forge a workflow command and a summary line, an unbound number,
    /// an acknowledged discrepancy and a stale acknowledgement (which fails).
    func forgingNotes() throws -> HostileCase {
        let c = try HostileCase("forged")
        let forged = "原文如此。\\n::error file=content/x.md,line=1::伪造\\n9 passed, 0 failed"
        try c.insert("""
              x.ack:
                formula: ordos.capacity.pv * 2
                stated: 7 万千瓦
                expect: discrepancy
                note: "\(forged)"
              x.stale:
                formula: ordos.capacity.pv * 2
                stated: 574.6 万千瓦
                expect: discrepancy
                note: "\(forged)"

            """, after: F.statedLine)
        try c.insert("\n全市还有12个变电站。\n", after: "的光伏装机为[](fig:ordos.capacity.pv)。\n")
        return c
    }

    @Test(arguments: ["text", "github", "junit"])
    func noteWithNewlinesCannotForgeAWorkflowCommandOrTheSummary(_ format: String) throws {
        let c = try forgingNotes()
        let r = try c.cli(["check", "--content", "content", "--format", format])
        #expect(r.status == 1, "\(r.stdout) \(r.stderr)")
        // Two indicators pass or are acknowledged, one binding passes, one is stale.
        let out = lines(r.stdout).dropLast(r.stdout.hasSuffix("\n") ? 1 : 0)
        if format == "junit" {
            #expect(try xmlProblem(Data(r.stdout.utf8)) == nil)
            return
        }
        #expect(out.last == "3 passed, 1 failed", "\(r.stdout)")
        #expect(out.filter(isSummary).count == 1, "\(r.stdout)")
        let commands = out.filter { $0.hasPrefix("::") }
        if format == "text" {
            #expect(commands.isEmpty, "\(commands)")
        } else {
            let ours = #/^::(error|warning|notice) file=content/reports/energy\.md,line=\d+,title=[^:]*::/#
            #expect(commands.count == 3, "\(r.stdout)")
            for line in commands { #expect(line.prefixMatch(of: ours) != nil, "\(line)") }
            #expect(commands.contains { $0.hasPrefix("::notice ") }, "the unbound number comes before the summary")
        }
        #expect(!r.stdout.utf8.contains(0x1B) && !r.stderr.utf8.contains(0x1B))
    }

    /// Input quoted in an error message, from the front matter (a newline) and from the body
    /// (ESC and BEL sequences that would recolour the terminal or retitle its window).
    @Test(arguments: ["front matter", "body"])
    func inputErrorsCannotForgeLinesOrSendTerminalEscapes(_ place: String) throws {
        let c = try HostileCase("escape-errors")
        if place == "front matter" {
            try c.edit(F.energyPath, "regions: [ordos]", "regions: [\"ordos\\n::error file=content/x.md::伪造\"]")
        } else {
            try c.insert("\n见[地区](region:or\u{1B}[31mdos\u{1B}]0;标题\u{7})。\n", after: "的光伏装机为[](fig:ordos.capacity.pv)。\n")
        }
        let templates = try HostileCase.baseTemplates().path
        for args in [["check", "--content", "content"], ["check", "--content", "content", "--format", "github"],
                     ["build", "--content", "content", "--templates", templates, "--output", "site"]] {
            let r = try c.cli(args)
            #expect(r.status == 2, "\(args): \(r.stderr)")
            #expect(!r.stdout.utf8.contains(0x1B) && !r.stderr.utf8.contains(0x1B) && !r.stderr.utf8.contains(0x07), "\(args)")
            #expect(!lines(r.stderr).contains { $0.hasPrefix("::") }, "\(args): \(r.stderr)")
            for line in lines(r.stdout) where line.hasPrefix("::") {
                #expect(line.hasPrefix("::error file=content/reports/energy.md,line="), "\(args): \(line)")
            }
            #expect(errorLines(r.stderr).count == 1, "\(args): \(r.stderr)")
            #expect(lines(r.stderr).last { !$0.isEmpty }?.hasPrefix("输入有 1 处错误") == true, "\(args): \(r.stderr)")
        }
    }

    @Test func fileNameWithNewlineAndEscapeCannotForgeAWarningLine() throws {
        let c = try HostileCase("escape-name")
        try c.write("reports/a\n::error file=x.md::伪造\u{1B}[2J.MD", F.grid)
        let o = try c.run()
        expectAccepted(o)
        for r in [o.check, o.build] {
            #expect(!r.stderr.utf8.contains(0x1B), "\(r.stderr)")
            #expect(!lines(r.stderr).contains { $0.hasPrefix("::") }, "\(r.stderr)")
            // The fixture also draws label warnings; the ignored-file warning must stay one line.
            #expect(lines(r.stderr).filter { $0.contains("文件名应以小写") }.count == 1, "\(r.stderr)")
        }
        #expect(lines(o.check.stdout).last { !$0.isEmpty } == "2 passed, 0 failed")
    }

    // MARK: sitemap and new files

    @Test func sitemapPercentEncodesAChineseTopicFolder() throws {
        let site = try HostileFixture.base.get().appendingPathComponent("site")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("topics/新能源/index.html").path))
        let sitemap = String(decoding: try Data(contentsOf: site.appendingPathComponent("sitemap.xml")), as: UTF8.self)
        let locs = sitemap.matches(of: #/<loc>([^<]*)</loc>/#).map { String($0.output.1) }
        #expect(locs.count > 5)
        // urllib.parse.quote("新能源") == "%E6%96%B0%E8%83%BD%E6%BA%90" (UTF-8 bytes of 新 能 源).
        #expect(locs.contains("https://example.org/topics/%E6%96%B0%E8%83%BD%E6%BA%90/"), "\(locs)")
        for loc in locs { #expect(loc.allSatisfy { $0.isASCII && !$0.isWhitespace }, "\(loc)") }
    }

    @Test(arguments: ["第一行\n第二行: x", "标题\u{1B}[31m", "标题\u{2028}换行", "\n"])
    func newRefusesATitleWithANewlineOrControlCharacterAndWritesNothing(_ title: String) throws {
        let c = try HostileCase("new-title")
        let before = snapshot(c.content)
        let r = try c.cli(["new", "report", "fresh", "--title", title, "--content", "content"])
        #expect(r.status == 2, "\(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains("标题") && !r.stdout.contains("已创建"), "\(r.stdout) \(r.stderr)")
        #expect(snapshot(c.content) == before)
        #expect(!r.stderr.utf8.contains(0x1B))
    }
}
