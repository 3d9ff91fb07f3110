import BriefingCore
import Foundation

/// Decodes one report or case file into a Document with its figures and indicators.
public struct DecodedDocument: Sendable {
    public var document: Document
    public var figures: [Figure]
    public var indicators: [Indicator]
    /// File line of front-matter values that cross-file rules report on, by key path
    /// (`regions[0]`, `figures.ID.region`), so those errors point at the exact line.
    public var keyLines: [String: Int] = [:]
    /// The Markdown body, kept only until its facts are collected.
    public var body: String = ""
}

public enum DocumentDecoder {
    public static let keys = ["title", "date", "order", "group", "writer", "advisors", "source", "summary",
                              "topics", "regions", "figures", "indicators", "charts", "key"]
    static let figureKeys = ["value", "unit", "label", "region", "year", "where", "note", "check"]
    static let indicatorKeys = ["label", "formula", "unit", "stated", "tolerance", "decimals", "expect", "note", "where", "check"]

    public static func decode(text: String, file: String, slug: String, kind: DocumentKind,
                              units: UnitRegistry) throws(Diagnostic) -> DecodedDocument {
        let fm = try FrontMatter.split(text, file: file)
        guard let root = try YAMLReader.read(fm.yaml, file: file, firstLine: fm.yamlStartLine) else {
            throw Diagnostic(SourceLocation(file: file, line: fm.yamlStartLine), "前置信息是空的",
                             hint: "至少要写 title: 和 date:")
        }
        try root.checkKeys(keys, what: "前置信息")
        var doc = Document(kind: kind, slug: slug, file: file, title: "", date: "", bodyStartLine: fm.bodyStartLine,
                           bodyHash: TextHash.of(fm.body))
        var figures: [Figure] = []
        var indicators: [Indicator] = []
        var seen: Set<String> = []
        var keyLines: [String: Int] = [:]
        for (key, _, value) in try root.entries() {
            seen.insert(key)
            switch key {
            case "title":
                doc.title = try value.nonEmptyString()
                keyLines["title"] = value.line
            case "date": doc.date = try date(value)
            case "order": doc.order = try value.int()
            case "group": doc.group = try value.string()
            case "writer": doc.writer = try value.string()
            case "advisors": doc.advisors = try value.stringList()
            case "source": doc.source = try value.string()
            case "summary":
                doc.summary = try value.string()
                keyLines["summary"] = value.line
            case "topics":
                doc.topics = try value.stringList()
                for (i, line) in value.itemLines().enumerated() { keyLines["topics[\(i)]"] = line }
            case "key":
                doc.key = try value.stringList()
                for (i, line) in value.itemLines().enumerated() { keyLines["key[\(i)]"] = line }
            case "regions":
                doc.regions = try value.stringList()
                for (i, line) in value.itemLines().enumerated() { keyLines["regions[\(i)]"] = line }
            case "figures":
                if case .scalar(let s) = value.node, s.string.isEmpty { break }
                for (id, keyLine, node) in try value.entries() {
                    let f = try figure(id: id, keyLine: keyLine, node: node, doc: doc, units: units)
                    if let line = node.lineOfValue(forKey: "region") { keyLines["figures.\(id).region"] = line }
                    figures.append(f)
                }
            case "charts":
                if case .scalar(let s) = value.node, s.string.isEmpty { break }
                for (id, keyLine, node) in try value.entries() {
                    doc.charts.append(try chart(id: id, keyLine: keyLine, node: node, doc: doc, units: units))
                }
            case "indicators":
                if case .scalar(let s) = value.node, s.string.isEmpty { break }
                for (id, keyLine, node) in try value.entries() {
                    indicators.append(try indicator(id: id, keyLine: keyLine, node: node, doc: doc, units: units))
                }
            default: break
            }
        }
        for required in ["title", "date"] where !seen.contains(required) {
            throw Diagnostic(SourceLocation(file: file, line: 1, key: required), "缺少必填的键 `\(required)`",
                             hint: required == "date" ? "例如 date: 2022-06-01" : "例如 title: 报告标题")
        }
        doc.figureIDs = figures.map(\.id)
        doc.indicatorIDs = indicators.map(\.id)
        return DecodedDocument(document: doc, figures: figures, indicators: indicators, keyLines: keyLines, body: fm.body)
    }

    static func date(_ node: YNode) throws(Diagnostic) -> String {
        let s = try node.string().trimmedSpaces()
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        let hint = "日期应写成 YYYY-MM-DD，例如 2022-06-01"
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            throw node.error("日期 `\(s)` 格式不对", hint: hint)
        }
        let days = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(m), (1...days[m - 1]).contains(d) else {
            throw node.error("日期 `\(s)` 不存在", hint: hint)
        }
        return s
    }

    static func checkID(_ id: String, keyLine: Int, file: String, section: String) throws(Diagnostic) {
        guard FigureID.isValid(id) else {
            let lowered = id.lowercased().map { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "." ? $0 : "_" }
            throw Diagnostic(SourceLocation(file: file, line: keyLine, key: "\(section).\(id)"),
                             "编号 `\(id)` 不合法：编号只能由小写英文字母、数字、下划线组成，各段以 . 连接",
                             hint: "例如 `\(String(lowered))`")
        }
    }

    static func figure(id: String, keyLine: Int, node: YNode, doc: Document, units: UnitRegistry) throws(Diagnostic) -> Figure {
        try checkID(id, keyLine: keyLine, file: doc.file, section: "figures")
        let location = SourceLocation(file: doc.file, line: keyLine, key: "figures.\(id)")
        if case .scalar = node.node {
            let (q, decimals) = try quantity(node, unitNode: nil, units: units)
            return Figure(id: id, quantity: q, decimals: decimals, label: id, document: doc.slug, location: location)
        }
        try node.checkKeys(figureKeys, what: "数据项 `\(id)`")
        var valueNode: YNode?, unitNode: YNode?
        var fig = Figure(id: id, quantity: Quantity(0, .one), decimals: 0, label: id, document: doc.slug, location: location)
        for (key, _, v) in try node.entries() {
            switch key {
            case "value": valueNode = v
            case "unit": unitNode = v
            case "label": fig.label = try v.nonEmptyString()
            case "region": fig.region = try v.nonEmptyString()
            case "year": fig.year = try v.int()
            case "where": fig.where = try v.string()
            case "note": fig.note = try v.string()
            case "check": fig.relations = try RelationDecoder.relations(v)
            default: break
            }
        }
        guard let valueNode else {
            throw Diagnostic(location, "数据项 `\(id)` 缺少 `value`", hint: "例如 value: 287.3 并写 unit: 万千瓦")
        }
        (fig.quantity, fig.decimals) = try quantity(valueNode, unitNode: unitNode, units: units)
        return fig
    }

    /// A qualifier such as 约 or 以上 next to a figure's number, which only a stated value may carry.
    static func qualifier(around rest: Substring) -> String? {
        let head = String(rest).trimmedSpaces()
        return ["余", "多", "约", "近", "以上", "左右", "超过"].first { head.hasPrefix($0) || rest.hasSuffix($0) }
    }

    /// A value node (`287.3` or `287.3 万千瓦`) plus an optional separate unit node.
    static func quantity(_ valueNode: YNode, unitNode: YNode?, units: UnitRegistry) throws(Diagnostic) -> (Quantity, Int) {
        let text = try valueNode.nonEmptyString()
        let written: WrittenQuantity
        do {
            written = try QuantityParser.parseWritten(text, units: units, allowComparator: false)
        } catch {
            // Say so when the value carries a qualifier that only a stated value may have.
            if let (_, rest) = QuantityParser.number(prefixOf: Substring(QuantityParser.normalize(text))),
               let q = qualifier(around: rest) {
                throw valueNode.error("数据项的值不能带“\(q)”这样的限定词", hint: "数据项只写原文的数字和单位；“约”“余”“以上”等写进指标的 stated（例如 stated: 60余项），或写进 note")
            }
            if let q = ["约", "近", "超过"].first(where: { text.trimmed().hasPrefix($0) }) {
                throw valueNode.error("数据项的值不能带“\(q)”这样的限定词", hint: "数据项只写原文的数字和单位；“约”“余”“以上”等写进指标的 stated（例如 stated: 60余项），或写进 note")
            }
            throw valueNode.error(error.message, hint: error.hint)
        }
        guard let unitNode else { return (written.quantity, written.number.decimals) }
        let unitText = try unitNode.string()
        if !written.quantity.unit.symbol.isEmpty {
            throw valueNode.error("`value` 里已经带了单位 `\(written.quantity.unit.symbol)`，又另写了 `unit`",
                                  hint: "二者只保留一个")
        }
        do {
            let unit = try units.lookup(unitText)
            return (Quantity(written.number.value, unit), written.number.decimals)
        } catch {
            throw unitNode.error(error.message, hint: error.hint)
        }
    }

    static func indicator(id: String, keyLine: Int, node: YNode, doc: Document, units: UnitRegistry) throws(Diagnostic) -> Indicator {
        try checkID(id, keyLine: keyLine, file: doc.file, section: "indicators")
        let location = SourceLocation(file: doc.file, line: keyLine, key: "indicators.\(id)")
        if case .scalar = node.node {
            // Shorthand: `id: a + b` is a formula with no label.
            let f = try node.nonEmptyString()
            return Indicator(id: id, label: id, formula: f, formulaLocation: node.location, document: doc.slug, location: location)
        }
        try node.checkKeys(indicatorKeys, what: "指标 `\(id)`")
        var ind = Indicator(id: id, label: id, formula: "", formulaLocation: location, document: doc.slug, location: location)
        var expectNode: YNode?
        var statedNode: YNode?
        for (key, _, v) in try node.entries() {
            switch key {
            case "label": ind.label = try v.nonEmptyString()
            case "formula":
                ind.formula = try v.nonEmptyString()
                ind.formulaLocation = v.location
            case "unit":
                let text = try v.string()
                do { ind.unit = try units.lookup(text) } catch { throw v.error(error.message, hint: error.hint) }
            case "stated":
                statedNode = v
                let text = try v.nonEmptyString()
                do {
                    ind.stated = Stated(written: try QuantityParser.parseWritten(text, units: units), location: v.location)
                } catch { throw v.error(error.message, hint: error.hint) }
            case "tolerance": ind.tolerance = try tolerance(v, units: units)
            case "decimals":
                let d = try v.int()
                guard (0...10).contains(d) else { throw v.error("`decimals` 应在 0 到 10 之间") }
                ind.decimals = d
            case "expect": expectNode = v
            case "note": ind.note = try v.nonEmptyString()
            case "where": ind.where = try v.string()
            case "check": ind.relations = try RelationDecoder.relations(v)
            default: break
            }
        }
        if ind.formula.isEmpty {
            throw Diagnostic(location, "指标 `\(id)` 缺少 `formula`", hint: "例如 formula: a.b + a.c")
        }
        if let expectNode {
            let e = try expectNode.string()
            guard e == "discrepancy" else {
                throw expectNode.error("`expect` 只能写 discrepancy（表示原文数字不一致，已知并说明）")
            }
            guard statedNode != nil else {
                throw expectNode.error("写了 `expect: discrepancy` 却没有 `stated`", hint: "只有与原文所述数字比对时才需要 expect")
            }
            guard ind.note != nil else {
                throw expectNode.error("写了 `expect: discrepancy` 却没有 `note`",
                                       hint: "请加 note: 说明原文哪里与哪里不一致，读者会在页面上看到这段说明")
            }
            ind.expectDiscrepancy = true
        }
        if let u = ind.unit, let s = ind.stated, s.written.quantity.dimension != u.dimension {
            throw statedNode!.error("`stated` 的单位 `\(s.written.quantity.unit.symbol)` 与 `unit: \(u.symbol)` 量纲不同")
        }
        return ind
    }

    static let chartKeys = ["title", "type", "data", "unit", "labels", "series", "description"]

    static func chart(id: String, keyLine: Int, node: YNode, doc: Document, units: UnitRegistry) throws(Diagnostic) -> ChartSpec {
        let location = SourceLocation(file: doc.file, line: keyLine, key: "charts.\(id)")
        guard ProjectDecoder.isSlug(id.replacingOccurrences(of: "_", with: "-")) else {
            throw Diagnostic(location, "图表编号 `\(id)` 不合法", hint: "只能用小写英文字母、数字、- 和 _")
        }
        try node.checkKeys(chartKeys, what: "图表 `\(id)`")
        var spec = ChartSpec(id: id, title: "", kind: .bar, data: [], document: doc.slug, location: location)
        var sawType = false
        for (key, _, v) in try node.entries() {
            switch key {
            case "title": spec.title = try v.nonEmptyString()
            case "type":
                let t = try v.nonEmptyString()
                guard let k = ChartSpec.Kind(rawValue: t) else {
                    throw v.error("未知图表类型 `\(t)`", hint: "可用类型：bar（条形）、stacked（堆叠条形）、composition（构成）")
                }
                spec.kind = k
                sawType = true
            case "data":
                spec.data = try v.stringList()
                for d in spec.data where !FigureID.isValid(d.replacingOccurrences(of: "*", with: "x")) {
                    throw v.error("图表数据 `\(d)` 不是合法的编号或通配模式", hint: "例如 banner.*.capacity.pv")
                }
            case "unit":
                let text = try v.string()
                do { spec.unit = try units.lookup(text) } catch { throw v.error(error.message, hint: error.hint) }
            case "labels":
                for (k, _, l) in try v.entries() { spec.labels[k] = try l.nonEmptyString() }
            case "description": spec.description = try v.string()
            case "series": spec.series = try v.stringList()
            default: break
            }
        }
        if spec.title.isEmpty { throw Diagnostic(location, "图表 `\(id)` 缺少 `title`") }
        if !sawType { throw Diagnostic(location, "图表 `\(id)` 缺少 `type`", hint: "bar、stacked 或 composition") }
        if spec.data.isEmpty { throw Diagnostic(location, "图表 `\(id)` 缺少 `data`", hint: "写编号列表，或通配模式如 banner.*.capacity.pv") }
        if spec.kind == .stacked, spec.data.count != 1 || spec.data[0].split(separator: ".").filter({ $0 == "*" }).count != 2 {
            throw Diagnostic(location.with(key: "charts.\(id).data"), "堆叠图 `\(id)` 的 data 应是一个含两个 * 的模式",
                             hint: "例如 banner.*.capacity.*：第一个 * 是类别（各旗区），第二个 * 是系列（光伏、风电……）")
        }
        return spec
    }

    static func tolerance(_ node: YNode, units: UnitRegistry) throws(Diagnostic) -> Quantity {
        let text = try node.nonEmptyString()
        do throws(LocalError) {
            let q = try QuantityParser.parse(text, units: units)
            guard q.magnitude >= 0 else { throw LocalError("容差不能为负") }
            return q
        } catch {
            throw node.error(error.message, hint: "容差写成带单位的数，例如 0.1 万千瓦；或写百分比 1% 表示相对容差")
        }
    }
}
