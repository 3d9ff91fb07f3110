import Analysis
import BriefingCore
import Calc
import Foundation

/// Lays a resolved chart out as horizontal bars: values, labels and decimals come from the
/// analysis at the moment the page is made.
public struct ChartBuilder {
    let analysis: Analysis
    let regionNames: [String: String]

    init(analysis: Analysis) {
        self.analysis = analysis
        regionNames = Dictionary(analysis.project.regions.map { ($0.slug, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    func value(_ id: String) -> Quantity { analysis.value(of: id)! }
    func decimals(_ id: String) -> Int? { analysis.decimals(of: id) }

    func expand(_ pattern: String) -> [String] {
        pattern.contains("*") ? analysis.evaluation.index.matching(pattern) : [pattern]
    }

    func label(_ key: String, spec: ChartSpec) -> String {
        if let l = spec.labels[key] { return l }
        if let r = regionNames[key.replacingOccurrences(of: "_", with: "-")] { return r }
        return analysis.label(of: key) ?? key
    }

    static let palette = ["#1f5fa8", "#d9822b", "#2e8540", "#8e44ad", "#c0392b", "#16a085", "#7f6a00", "#5d6d7e"]
    static let width = 420, labelWidth = 112, barWidth = 200, rowHeight = 30, barHeight = 18, legendRow = 24

    public func build(_ data: ChartData) -> ChartVM {
        let spec = data.spec, ids = data.ids, unit = data.unit
        // Each number keeps the precision it was written with; a total takes its parts' finest.
        let finest = ids.compactMap { decimals($0) }.max() ?? 2
        func fmt(_ v: Decimal, _ d: Int? = nil) -> String {
            NumberFormat.fixed(v, decimals: min(d ?? finest, finest)) + unit.symbol
        }
        switch spec.kind {
        case .bar:
            var rows: [(String, [(String?, Decimal?, Int?)])] = []
            for d in spec.data {
                let star = d.split(separator: ".").firstIndex(of: "*")
                var found = expand(d).map { id -> (String, [(String?, Decimal?, Int?)]) in
                    let key = star.map { String(id.split(separator: ".")[$0]) } ?? id
                    return (label(key, spec: spec), [(nil, value(id).value(in: unit), decimals(id))])
                }
                if star != nil { found.sort { ($0.1[0].1 ?? 0, $1.0) > ($1.1[0].1 ?? 0, $0.0) } }
                rows += found
            }
            return layout(spec, unit: unit, rows: rows, series: [], fmt: fmt)
        case .stacked:
            let segs = spec.data[0].split(separator: ".").map(String.init)
            let catIndex = segs.firstIndex(of: "*")!, serIndex = segs.lastIndex(of: "*")!
            var categories: [String] = [], series: [String] = spec.series
            var cell: [String: [String: (Decimal, Int?)]] = [:]
            for id in ids {
                let parts = id.split(separator: ".").map(String.init)
                let c = parts[catIndex], s = parts[serIndex]
                if !spec.series.isEmpty, !spec.series.contains(s) { continue }
                if !categories.contains(c) { categories.append(c) }
                if !series.contains(s) { series.append(s) }
                cell[c, default: [:]][s] = (value(id).value(in: unit), decimals(id))
            }
            func sum(_ c: String) -> Decimal { cell[c]!.values.map(\.0).reduce(0, +) }
            categories.sort { (sum($0), $1) > (sum($1), $0) }
            // A cell the source does not report stays empty: it is not drawn as 0.
            let rows = categories.map { c in
                (label(c, spec: spec), series.map { s in (Optional(s), cell[c]![s]?.0, cell[c]![s]?.1) })
            }
            return layout(spec, unit: unit, rows: rows, series: series, fmt: fmt)
        case .composition:
            let parts = ids.map { (label($0, spec: spec), value($0).value(in: unit), decimals($0)) }
            return composition(spec, unit: unit, parts: parts, fmt: fmt)
        }
    }

    static func short(_ s: String) -> String { s.count > 7 ? String(s.prefix(6)) + "…" : s }
    static func coord(_ d: Decimal) -> String { NumberFormat.plain(NumberFormat.rounded(d, 1)) }

    func legend(_ series: [String], spec: ChartSpec, top: Int) -> [LegendVM] {
        var out: [LegendVM] = []
        var x = 0, y = top
        for (i, s) in series.enumerated() {
            let l = label(s, spec: spec)
            let w = 30 + l.count * 14
            if x > 0, x + w > Self.width { x = 0; y += Self.legendRow }
            out.append(LegendVM(label: l, color: Self.palette[i % Self.palette.count], x: x, y: y, textX: x + 18, textY: y + 11))
            x += w
        }
        return out
    }

    /// Rows of (label, cells); a nil cell is not reported by the source: not drawn, and shown as 未报告.
    func layout(_ spec: ChartSpec, unit: BriefingCore.Unit, rows: [(String, [(String?, Decimal?, Int?)])], series: [String],
                fmt: (Decimal, Int?) -> String) -> ChartVM {
        let legendItems = legend(series, spec: spec, top: 0)
        let top = legendItems.isEmpty ? 4 : (legendItems.map(\.y).max()! + Self.legendRow + 6)
        func total(_ cells: [(String?, Decimal?, Int?)]) -> Decimal { cells.compactMap(\.1).reduce(0, +) }
        func totalDecimals(_ cells: [(String?, Decimal?, Int?)]) -> Int? { cells.filter { ($0.1 ?? 0) != 0 }.compactMap(\.2).max() }
        let maxTotal = rows.map { $0.1.compactMap(\.1).map { max($0, 0) }.reduce(0, +) }.max() ?? 0
        let scale = maxTotal > 0 ? Decimal(Self.barWidth) / maxTotal : 0
        var out: [ChartRowVM] = []
        for (i, row) in rows.enumerated() {
            let y = top + i * Self.rowHeight
            var x = Decimal(Self.labelWidth)
            var segs: [SegmentVM] = []
            for (j, (s, cell, d)) in row.1.enumerated() {
                guard let v = cell, v > 0 else { continue }
                let w = v * scale
                let color = s == nil ? Self.palette[0] : Self.palette[j % Self.palette.count]
                let name = s.map { label($0, spec: spec) + "：" } ?? ""
                segs.append(SegmentVM(x: Self.coord(x), width: Self.coord(w), color: color, title: "\(row.0) \(name)\(fmt(v, d))"))
                x += w
            }
            out.append(ChartRowVM(label: Self.short(row.0), fullLabel: row.0, textY: y + 18, barY: y + 5, labelX: Self.labelWidth - 6,
                                  valueX: Int(truncating: NSDecimalNumber(decimal: NumberFormat.rounded(x, 0))) + 6,
                                  valueText: fmt(total(row.1), totalDecimals(row.1)), segments: segs))
        }
        let head = series.isEmpty ? ["项目", "数值（\(unit.symbol)）"] : ["类别"] + series.map { label($0, spec: spec) } + ["合计"]
        let table = rows.map { r in
            ChartTableRowVM(label: r.0, cells: (series.isEmpty ? [] : r.1.map { c in c.1.map { fmt($0, c.2) } ?? "未报告" })
                            + [fmt(total(r.1), totalDecimals(r.1))])
        }
        return ChartVM(id: spec.id, title: spec.title, desc: spec.description ?? defaultDesc(spec, rows.count, unit),
                       width: Self.width, height: top + rows.count * Self.rowHeight + 6, rows: out, legend: legendItems,
                       tableHead: head, tableRows: table)
    }

    func composition(_ spec: ChartSpec, unit: BriefingCore.Unit, parts: [(String, Decimal, Int?)], fmt: (Decimal, Int?) -> String) -> ChartVM {
        let total = parts.map { max($0.1, 0) }.reduce(0, +)
        let full = Decimal(Self.width)
        var x = Decimal(0)
        var segs: [SegmentVM] = []
        var table: [ChartTableRowVM] = []
        for (i, p) in parts.enumerated() {
            let share = total > 0 ? max(p.1, 0) / total : 0
            let w = share * full
            let pct = NumberFormat.fixed(share * 100, decimals: 1) + "%"
            segs.append(SegmentVM(x: Self.coord(x), width: Self.coord(w), color: Self.palette[i % Self.palette.count],
                                  title: "\(p.0)：\(fmt(p.1, p.2))（\(pct)）"))
            table.append(ChartTableRowVM(label: p.0, cells: [fmt(p.1, p.2), pct]))
            x += w
        }
        let legendItems = legend(parts.map(\.0), spec: ChartSpec(id: spec.id, title: "", kind: .bar, data: [], document: "", location: spec.location), top: 40)
        let row = ChartRowVM(label: "", fullLabel: spec.title, textY: 0, barY: 4, labelX: 0, valueX: 0, valueText: "", segments: segs)
        return ChartVM(id: spec.id, title: spec.title, desc: spec.description ?? "构成图：\(parts.map(\.0).joined(separator: "、"))各占合计\(fmt(total, nil))的比重",
                       width: Self.width, height: (legendItems.map(\.y).max() ?? 40) + Self.legendRow, rows: [row], legend: legendItems,
                       tableHead: ["部分", "数值", "占比"], tableRows: table)
    }

    func defaultDesc(_ spec: ChartSpec, _ n: Int, _ unit: BriefingCore.Unit) -> String {
        "横向条形图，共\(n)项，单位：\(unit.symbol.isEmpty ? "无" : unit.symbol)。数据见下表。"
    }
}

extension Renderer {
    /// A declared chart as HTML, laid out from the current values; nil when it does not resolve.
    func chartHTML(_ id: String) -> String? {
        guard let owner = analysis.index.chartOwner[id], let spec = analysis.document(owner)?.charts.first(where: { $0.id == id }),
              let data = try? ChartData.resolve(spec, ids: analysis.evaluation.index, value: { analysis.value(of: $0) }) else { return nil }
        return templates.render("chart", ChartBuilder(analysis: analysis).build(data))
    }
}
