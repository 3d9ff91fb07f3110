import Foundation
import Testing

// Hostile encodings, sizes, file names and markup (fixture and helpers: HostileFixture.swift).

// Part of HostileInputTests, so all hostile cases stay one serialized suite.
extension HostileInputTests {

    // MARK: encodings and line endings

    @Test func invalidUTF8() throws {
        let c = try HostileCase("invalid-utf8")
        let line = try c.line(of: "label: 光伏")
        var data = try c.bytes(F.energyPath)
        data.replaceSubrange(data.range(of: Data("光伏".utf8))!, with: [0xE5, 0x85, 0xFF, 0xFE])
        try c.write(F.energyPath, data)
        try expectRejected(c.run(), line: line, mentions: ["UTF-8"])
    }

    @Test func byteOrderMarkWorks() throws {
        let c = try HostileCase("bom")
        for path in [F.energyPath, F.gridPath, "site.yaml", "regions.yaml"] {
            try c.write(path, Data([0xEF, 0xBB, 0xBF]) + c.bytes(path))
        }
        let o = try c.run()
        expectAccepted(o)
        expectSiteUnchanged(o)
    }

    @Test func crlfLineEndingsWork() throws {
        let c = try HostileCase("crlf")
        for path in [F.energyPath, F.gridPath, "site.yaml", "regions.yaml"] {
            try c.write(path, String(decoding: c.bytes(path), as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n"))
        }
        let o = try c.run()
        expectAccepted(o)
        expectSiteUnchanged(o)
    }

    @Test func crlfKeepsLineNumbersExact() throws {
        let c = try HostileCase("crlf-lines")
        try c.write(F.energyPath, String(decoding: c.bytes(F.energyPath), as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n"))
        try c.edit(F.energyPath, "(region:ordos)", "(region:ordoss)")
        try expectRejected(c.run(), line: c.line(of: "(region:ordoss)"), mentions: ["`ordoss`"])
    }

    @Test func controlCharacterInFrontMatter() throws {
        let c = try HostileCase("nul")
        try c.edit(F.energyPath, "group: 第一小组", "group: 第一\u{0}小组")
        try expectRejected(c.run(), line: c.line(of: "group: "), mentions: ["控制字符"])
    }

    @Test func emptyFile() throws {
        let c = try HostileCase("empty")
        try c.write("reports/empty.md", Data())
        try expectRejected(c.run(), file: "reports/empty.md", line: 1, mentions: ["空"])
    }

    // MARK: size and shape

    @Test func tenMegabyteBodyWorks() throws {
        let c = try HostileCase("10mb-body")
        defer { try? FileManager.default.removeItem(at: c.dir) }
        let paragraph = String(repeating: "这是一段很长的正文，用来测试十兆字节的文件。", count: 40) + "\n\n"
        var body = ""
        while body.utf8.count < 10 * 1024 * 1024 { body += paragraph }
        try c.write(F.energyPath, c.bytes(F.energyPath) + Data(body.utf8))
        let o = try c.run()
        expectAccepted(o)
        #expect(o.changedFiles.contains("reports/energy/index.html"))
    }

    @Test func tenMegabyteFrontMatterFailsCleanly() throws {
        let c = try HostileCase("10mb-front-matter")
        defer { try? FileManager.default.removeItem(at: c.dir) }
        var figures = ""
        var i = 0
        while figures.utf8.count < 10 * 1024 * 1024 {
            figures += "  big.f\(i): \(i).5 万千瓦\n"
            i += 1
        }
        try c.insert(figures, after: "  ordos.capacity.biomass: 6 万千瓦\n")
        try expectRejected(c.run(), line: c.line(of: "title:"), mentions: ["过大"])
    }

    @Test func deeplyNestedYAML() throws {
        let c = try HostileCase("nested")
        try c.edit(F.energyPath, "group: 第一小组", "group: " + String(repeating: "[", count: 100_000))
        try expectRejected(c.run(), line: c.line(of: "group: ["), mentions: ["嵌套过深"])
        let d = try HostileCase("nested-indent")
        var lines = "group:\n"
        for level in 1...400 { lines += String(repeating: " ", count: 2 * level) + "k\(level):\n" }
        try d.edit(F.energyPath, "group: 第一小组\n", lines)
        let deep = try d.line(of: String(repeating: " ", count: 2 * 129) + "k129:")
        try expectRejected(d.run(), line: deep, mentions: ["缩进过深"])
    }

    @Test func yamlAliasBomb() throws {
        // Billion laughs: 9^12 copies if anything expanded the aliases.
        var bomb = "{l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"
        for level in 1...11 {
            bomb += ", l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ") + "]"
        }
        bomb += "}"
        let c = try HostileCase("alias-bomb")
        try c.insert("source: \(bomb)\n", after: "group: 第一小组\n")
        try expectRejected(c.run(), line: c.line(of: "source:"), key: "source")
        let d = try HostileCase("alias-bomb-list")
        try d.edit(F.energyPath, "topics: [新能源]", "topics: " + bomb.replacingOccurrences(of: "{", with: "[")
            .replacingOccurrences(of: "}", with: "]").replacingOccurrences(of: #"l\d+: "#, with: "", options: .regularExpression))
        try expectRejected(d.run(), line: d.line(of: "topics:"), key: "topics[0]")
        let e = try HostileCase("alias-bomb-regions")
        try e.write("regions.yaml", HostileFixture.regions + "- slug: bomb\n  name: \(bomb)\n  kind: 盟市\n")
        try expectRejected(e.run(), file: "regions.yaml", line: e.line(of: "name: {", in: "regions.yaml"), key: "[2].name")
    }

    // MARK: file names

    @Test func fileNameThatWouldEscapeTheOutputFolderIsIgnored() throws {
        // `..md` would be the slug `.`; like every hidden file it is not content at all.
        let c = try HostileCase("dotdot")
        try c.write("reports/..md", F.energy.replacingOccurrences(of: "ordos.capacity", with: "x.y"))
        try c.write("reports/...md", F.grid.replacingOccurrences(of: "ordos.grid", with: "x.z"))
        let outside = try FileManager.default.contentsOfDirectory(atPath: c.dir.path).sorted()
        let o = try c.run()
        expectAccepted(o)
        expectSiteUnchanged(o)
        #expect(try FileManager.default.contentsOfDirectory(atPath: c.dir.path).sorted() == outside)
    }

    @Test func fileNamesThatCannotBeURLs() throws {
        for name in ["My Report.md", "New-Energy.md", "a..md", "%2e%2e.md", "报告.md"] {
            let c = try HostileCase("bad-name")
            try c.write("reports/\(name)", F.grid.replacingOccurrences(of: "ordos.grid", with: "x.z"))
            try expectRejected(c.run(), file: "reports/\(name)", line: nil, mentions: ["`\(name)`"])
        }
    }

    @Test func sameFileNameAsReportAndCase() throws {
        let c = try HostileCase("same-slug")
        try c.write("reports/grid.md", "---\ntitle: 同名\ndate: 2022-01-01\n---\n")
        try expectRejected(c.run(), file: "reports/grid.md", line: 1, mentions: ["content/cases/grid.md"])
    }

    // MARK: markup and links in every field

    @Test func htmlAndScriptInEveryStringFieldAreEscaped() throws {
        let c = try HostileCase("script")
        func s(_ what: String) -> String { "\"<script>alert('\(what)')</script><img src=x onerror=alert('\(what)')>\"" }
        try c.write("site.yaml", """
            title: \(s("site"))
            subtitle: \(s("subtitle"))
            base_url: https://example.org/
            language: zh-CN
            publisher: \(s("publisher"))
            topics:
              - name: \(s("topic-name"))
                slug: t1
            headlines:
              - title: \(s("headline"))
                indicators: [x.c]

            """)
        try c.write("regions.yaml", """
            - slug: r
              name: \(s("region"))
              kind: \(s("kind"))

            """)
        try c.write(F.gridPath, F.grid.replacingOccurrences(of: "regions: [ordos]", with: "regions: [r]"))
        try c.write(F.energyPath, """
            ---
            title: \(s("title"))
            date: 2022-01-01
            group: \(s("group"))
            writer: \(s("writer"))
            advisors: [\(s("advisor"))]
            source: \(s("source"))
            summary: \(s("summary"))
            topics: [\(s("topic-name")), \(s("topic"))]
            regions: [r]
            figures:
              x.b:
                value: 3
                unit: 个
                label: \(s("label"))
                region: r
                where: \(s("where"))
                note: \(s("figure-note"))
            indicators:
              x.c:
                label: \(s("indicator"))
                formula: x.b + 1 个
                stated: 4 个
                note: \(s("indicator-note"))
                where: \(s("indicator-where"))
              x.d:
                label: \(s("acknowledged"))
                formula: x.b * 2
                stated: 7 个
                expect: discrepancy
                note: \(s("acknowledged-note"))
            ---

            ## 一、发展现状

            # <script>alert('heading')</script> 标题

            <script>alert('body')</script> <SCRIPT>alert('upper')</SCRIPT> <img src=x onerror=alert('img')>

            <div onclick="alert('div')">块</div>

            [<b onmouseover="alert('b')">4</b>个](fig:x.c) [](fig:x.c) [](fig:x.d) [一](report:grid#概况)

            """)
        let o = try c.run()
        expectAccepted(o)
        #expect(o.siteAfter.count > 10)
        let tag = try Regex(#"<[a-z][^<>]*>"#), quoted = try Regex(#""[^"]*"|'[^']*'"#), handler = try Regex(#"\son[a-z]+\s*="#)
        func scripts(_ data: Data?) -> Int {
            String(decoding: data ?? Data(), as: UTF8.self).lowercased().components(separatedBy: "<script").count - 1
        }
        for (path, data) in o.siteAfter {
            let text = String(decoding: data, as: UTF8.self).lowercased()
            // A CSV is data, not markup: its cells keep what the author wrote (quoted as CSV).
            if path.hasSuffix(".csv") { continue }
            // The only <script> elements are the templates' own (the search page's), as in the base site.
            #expect(scripts(data) <= scripts(o.siteBefore[path]), "\(path)")
            #expect(!text.contains("<script>alert"), "\(path)")
            #expect(!text.contains("<img src=x"), "\(path)")
            // No event handler in a real tag (escaped text such as `&lt;img … onerror=` is harmless).
            let handlers = text.matches(of: tag).map { String(text[$0.range]).replacing(quoted, with: "\"\"") }
                .filter { $0.firstMatch(of: handler) != nil }
            #expect(handlers.isEmpty, "\(path): \(handlers.prefix(3))")
        }
        let page = String(decoding: o.siteAfter["reports/energy/index.html"] ?? Data(), as: UTF8.self)
        #expect(page.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"), "title not shown escaped")
    }

    @Test func quoteWithCombiningMarkCannotLeaveAnAttribute() throws {
        // `"` + U+0301 is one Character; an escaper that looks Characters up in a table misses it.
        let c = try HostileCase("combining-quote")
        try c.edit(F.energyPath, "summary: 摘要。", "summary: '摘要\"\u{0301} onmouseover=alert(1) x=\"\u{0301}'")
        let o = try c.run()
        expectAccepted(o)
        let page = String(decoding: o.siteAfter["reports/energy/index.html"] ?? Data(), as: UTF8.self)
        // Built outside #expect: the macro re-lexes its source, and a quote with a mark defeats that.
        let mark = "\u{0301}"
        let escaped = "content=\"摘要&quot;" + mark + " onmouseover=alert(1) x=&quot;" + mark + "\""
        let raw = "\"" + mark + " onmouseover"
        let hasEscaped = page.contains(escaped), hasRaw = page.contains(raw)
        #expect(hasEscaped, "summary not escaped in the description")
        #expect(!hasRaw)
    }

    @Test func javascriptAndDataLinksAreDropped() throws {
        let c = try HostileCase("links")
        try c.insert("""

            [点我](javascript:alert(1)) [大写](JAVASCRIPT:alert(2)) [空格](<  javascript:alert(3)>) [实体](jav&#x61;script:alert(4))
            [数据](data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==) [svg](data:image/svg+xml,<svg/onload=alert(6)>)
            [vb](vbscript:msgbox(7)) <javascript:alert(8)> ![图](javascript:alert(9)) ![图](data:text/html,x) [引用][坏]

            [坏]: javascript:alert(10)

            """, after: "的光伏装机为[](fig:ordos.capacity.pv)。\n")
        let o = try c.run()
        expectAccepted(o)
        let dangerous = try Regex(#"(?i)(href|src|action|formaction|xlink:href|poster|srcset)\s*=\s*["']?\s*(javascript|vbscript|data)\s*:"#)
        for (path, data) in o.siteAfter {
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.firstMatch(of: dangerous) == nil, "\(path)")
            #expect(!text.lowercased().contains("data:text/html"), "\(path)")
            #expect(!text.lowercased().contains("data:image/svg"), "\(path)")
        }
        #expect(o.changedFiles.contains("reports/energy/index.html"))
    }

    @Test func javascriptBaseURLIsRefused() throws {
        let c = try HostileCase("base-url")
        try c.edit("site.yaml", "base_url: https://example.org/", "base_url: javascript:alert(1)//")
        try expectRejected(c.run(), file: "site.yaml", line: c.line(of: "base_url:", in: "site.yaml"), key: "base_url",
                           mentions: ["https://"])
    }
}
