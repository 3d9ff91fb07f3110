import Analysis
import BriefingCore
import Calc
import Mustache

/// One check in a table: what the text states, what the site computes, and where.
public struct CheckVM: ViewModel {
    /// The row's `id`, so badges elsewhere can link to it (an indicator's check has its
    /// section's id instead).
    public var anchor: String?
    public var label: String
    /// The value's row or section on its data page.
    public var href: String
    public var kindName: String
    public var status: StatusVM
    public var stated: String
    public var computed: String
    public var difference: String
    public var tolerance: String
    public var note: String?
    public var file: String
    public var line: Int

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "anchor": return tv(anchor)
        case "label": return tv(label)
        case "href": return tv(href)
        case "kindName": return tv(kindName)
        case "status": return tv(status)
        case "stated": return tv(stated)
        case "computed": return tv(computed)
        case "difference": return tv(difference)
        case "tolerance": return tv(tolerance)
        case "note": return tv(note)
        case "file": return tv(file)
        case "line": return tv(line)
        default: return nil
        }
    }
}

extension Renderer {
    /// The `id` of each check's row on its document's data page: an indicator's check is its
    /// section (`#ID`); a number in prose is `L` and its line (`-2`, `-3` for more on one line).
    func checkAnchors(_ slug: String) -> [ObjectIdentifier: String] {
        var out: [ObjectIdentifier: String] = [:]
        var perLine: [Int: Int] = [:]
        for c in analysis.index.results[slug]?.checks ?? [] {
            if c.kind == .indicator {
                out[ObjectIdentifier(c)] = c.id
                continue
            }
            let n = perLine[c.location.line, default: 0] + 1
            perLine[c.location.line] = n
            out[ObjectIdentifier(c)] = "L\(c.location.line)" + (n > 1 ? "-\(n)" : "")
        }
        return out
    }

    /// A badge for a check, linking to the check on its document's data page.
    func statusVM(_ c: CheckResult, from: Route, anchors: [ObjectIdentifier: String]? = nil) -> StatusVM {
        // An indicator's check is its section, whose id is the indicator's: no table needed.
        let anchor = c.kind == .indicator ? c.id : (anchors ?? checkAnchors(c.document))[ObjectIdentifier(c)]
        let href = analysis.document(c.document).map { Route.data($0.kind, slug: $0.slug).href(from: from, anchor: anchor) } ?? ""
        return StatusVM(status: c.status.rawValue, name: c.status.chineseName, href: href)
    }

    func checkVM(_ c: CheckResult, from: Route, anchors: [ObjectIdentifier: String]) -> CheckVM {
        CheckVM(anchor: c.kind == .indicator ? nil : anchors[ObjectIdentifier(c)], label: c.label, href: valueHref(c.id, from: from),
                kindName: c.kind == .indicator ? "指标所述值" : c.kind == .binding ? "正文数字" : "数据关系", status: statusVM(c, from: from, anchors: anchors),
                stated: c.statedText, computed: c.computedText, difference: c.differenceText, tolerance: c.toleranceText,
                note: c.note, file: c.location.file, line: c.location.line)
    }

    /// Counts of a set of documents' checks, by kind and status, and of their unbound numbers.
    static func counts(_ results: [DocumentResult], unbound: Int) -> CountsVM {
        var c = CountsVM(indicators: 0, indicatorsAgree: 0, prose: 0, proseAgree: 0, relations: 0, relationsAgree: 0,
                         unbound: unbound, acknowledged: 0, failed: 0)
        for r in results {
            for check in r.indicatorChecks {
                c.indicators += 1
                if check.status == .pass { c.indicatorsAgree += 1 }
                tally(check.status, &c)
            }
            for check in r.relationChecks {
                c.relations += 1
                if check.status == .pass { c.relationsAgree += 1 }
                tally(check.status, &c)
            }
            for check in (r.linkChecks + r.inlineChecks).compactMap({ $0 }) {
                c.prose += 1
                if check.status == .pass { c.proseAgree += 1 }
                tally(check.status, &c)
            }
        }
        return c
    }

    private static func tally(_ s: CheckStatus, _ c: inout CountsVM) {
        if s == .acknowledged { c.acknowledged += 1 }
        if s.failsCI { c.failed += 1 }
    }
}
