import Analysis
import BriefingCore
import Calc

/// The text output of `briefing check`, for people: the problems first, in Chinese; checks
/// that fail through one shared input grouped under it; passes counted per document (listed
/// with `--verbose`); Chinese closing lines saying how many failed and where; then the one
/// machine line `N passed, N failed`.
enum CheckText {
    static func render(_ a: Analysis, checks: [CheckResult], verbose: Bool) -> String {
        var out: [String] = []
        let failed = checks.filter { $0.status.failsCI }
        let acknowledged = checks.filter { $0.status == .acknowledged }
        if !failed.isEmpty {
            out.append("未通过 \(failed.count) 项（共核验 \(checks.count) 项）：")
            for group in groups(failed, a) {
                out.append("")
                if let input = group.input {
                    out.append("● 这 \(group.checks.count) 项都用到 \(name(input, a))——先核对它：")
                    for c in group.checks { out.append("    " + describe(c)) }
                } else {
                    out.append("● " + describe(group.checks[0]))
                }
                for c in group.checks where c.status == .stale { if let note = c.note { out.append("    说明：" + safe(note)) } }
                out.append("    提示：" + hint(group))
            }
            out.append("")
        }
        if !acknowledged.isEmpty && !failed.isEmpty && !verbose {
            // The failures come first; the explained discrepancies would bury them.
            out.append("原文不一致（已说明）\(acknowledged.count) 项，不影响通过（加 --verbose 逐项列出）。")
            out.append("")
        } else if !acknowledged.isEmpty {
            out.append("原文不一致（已说明）\(acknowledged.count) 项，不影响通过：")
            for c in acknowledged {
                out.append("  \(c.location)  \(safe(c.label))：原文 \(c.statedText)，计算得 \(c.computedText)")
                if let note = c.note { out.append("    说明：" + safe(note)) }
            }
            out.append("")
        }
        let unbound = a.unboundNumbers
        if !unbound.isEmpty {
            out.append("正文中还有 \(unbound.count) 个数字没有绑定数据（用 [数字单位](fig:编号) 绑定后才会核验；--strict 时视为未通过）：")
            for (file, items) in Dictionary(grouping: unbound, by: \.location.file).sorted(by: { $0.key < $1.key }) {
                out.append("  \(file)：" + items.map { "第\($0.location.line)行“\(safe($0.text))”" }.joined(separator: "、"))
            }
            out.append("")
        }
        out.append("各篇核验：")
        for d in a.project.documents {
            let cs = a.index.results[d.slug]?.checks ?? []
            guard !cs.isEmpty else { continue }
            let bad = cs.filter { $0.status.failsCI }.count, ack = cs.filter { $0.status == .acknowledged }.count
            var line = "  \(d.file)  \(cs.count) 项：一致 \(cs.count - bad - ack)"
            if ack > 0 { line += "，原文不一致（已说明）\(ack)" }
            if bad > 0 { line += "，未通过 \(bad)" }
            out.append(line)
            if verbose {
                for c in cs where c.status == .pass { out.append("    \(c.location)  \(safe(c.label))：\(c.statedText) ✓") }
            }
        }
        out.append("")
        if failed.isEmpty {
            out.append("结论：全部 \(checks.count) 项一致或已说明。")
        } else {
            let files = Dictionary(grouping: failed, by: \.location.file)
            let places = files.keys.sorted().map { f in "\(f)（第 " + Set(files[f]!.map(\.location.line)).sorted().map(String.init).joined(separator: "、") + " 行）" }
            out.append("结论：\(failed.count) 项未通过，在 " + places.joined(separator: "；") + "。")
        }
        let s = CheckReport.Summary(checks)
        out.append("\(s.passed) passed, \(s.failed) failed")
        return out.joined(separator: "\n") + "\n"
    }

    static func safe(_ s: String) -> String { TerminalText.line(s) }

    /// `label（file:line）` of a figure or indicator.
    static func name(_ id: String, _ a: Analysis) -> String {
        let loc = a.project.figures[id]?.location ?? a.project.indicators[id]?.location
        let kind = a.project.figures[id] != nil ? "数据" : "指标"
        return "\(kind)“\(safe(a.label(of: id) ?? id))”（\(loc.map { "\($0)" } ?? id)，编号 \(id)）"
    }

    static func describe(_ c: CheckResult) -> String {
        let what: String
        switch c.kind {
        case .indicator: what = "指标“\(safe(c.label))”stated"
        case .binding: what = "正文数字“\(safe(c.label))”"
        case .relation: what = "关系“\(safe(c.label))”"
        }
        var s = "\(c.location)  \(what)：原文 \(c.statedText)，计算得 \(c.computedText)，相差 \(c.differenceText)"
        if c.tolerance != nil { s += "（容差 \(c.toleranceText)）" }
        if c.status == .stale { s += "——标了 expect: discrepancy，但现在一致了" }
        return s + "  [\(c.id)]"
    }

    static func hint(_ g: Group) -> String {
        if g.checks.contains(where: { $0.status == .stale }) {
            return "这项已标注 expect: discrepancy，但计算值与所述值现在一致；请删去 expect 和 note。"
        }
        let first = g.input == nil ? "先核对原文数字是否抄错，再核对公式和各项数据" : "先核对这个数据是否抄错"
        return first + "；若原文本身前后不一致，保留原文数字，在指标中加 expect: discrepancy 和 note 说明。"
    }

    struct Group {
        var input: String?
        var checks: [CheckResult]
    }

    /// Failed checks grouped by the input most of them share: an id that two or more of them
    /// use (directly or through other indicators), the one covering most checks first, a
    /// figure before an indicator on ties (it is further upstream).
    static func groups(_ failed: [CheckResult], _ a: Analysis) -> [Group] {
        var memo: [String: Set<String>] = [:]
        func upstream(_ id: String, depth: Int = 0) -> Set<String> {
            if let m = memo[id] { return m }
            var s: Set<String> = [id]
            if depth < 64 { for i in a.evaluation.inputs[id] ?? [] { s.formUnion(upstream(i, depth: depth + 1)) } }
            memo[id] = s
            return s
        }
        var remaining = failed
        var out: [Group] = []
        while !remaining.isEmpty {
            var cover: [String: Int] = [:]
            for c in remaining { for id in upstream(c.id) { cover[id, default: 0] += 1 } }
            let best = cover.filter { $0.value >= 2 }.max { x, y in
                (x.value, a.project.figures[x.key] != nil ? 1 : 0, y.key) < (y.value, a.project.figures[y.key] != nil ? 1 : 0, x.key)
            }
            guard let input = best?.key else {
                out += remaining.map { Group(input: nil, checks: [$0]) }
                break
            }
            out.append(Group(input: input, checks: remaining.filter { upstream($0.id).contains(input) }))
            remaining.removeAll { upstream($0.id).contains(input) }
        }
        return out
    }
}

extension CheckReport {
    /// Warnings (files that are not read …), one per line, for the terminal.
    public static func warnings(_ items: [Diagnostic]) -> String {
        // The location too: a file name may hold a newline or an ESC sequence.
        items.map { TerminalText.line("\($0.location): 警告: " + $0.message + ($0.hint.isEmpty ? "" : "（\($0.hint)）")) }
            .joined(separator: "\n")
    }

    /// The problems part of the text output (for `build`, which stops on them).
    public static func problemsText(_ a: Analysis) -> String {
        let text = CheckText.render(a, checks: a.checks, verbose: false)
        return String(text.split(separator: "\n", omittingEmptySubsequences: false).prefix { !$0.hasPrefix("原文不一致（已说明）") && !$0.hasPrefix("各篇核验") }
            .joined(separator: "\n"))
    }
}
