import BriefingCore
import Foundation
import Markup

// libFuzzer entry point. The input is a Markdown body, taken the two ways a page takes it:
// BodyFacts.collect (the analysis's facts: links, headings, unbound numbers, problems) and
// BodyHTML.render with fig:, report:, region: and chart: links resolved against a small fixed
// site. Neither may crash; every located thing must be on a line of the body; both passes
// must number the fig: links alike; and the HTML must never carry markup or script from the
// input or from the link targets' texts (cmark's safe mode plus BodyHTML's own escaping).
let units = UnitRegistry()
let file = "content/reports/fuzz.md"
let bodyStart = 20
let values = ["ordos.capacity.total": "413.8万千瓦", "ordos.share": "7.6%", "ordos.count": "12个", "ordos.money": "1.6亿元"]

/// Targets as the page job gives them, with hostile texts so escaping is tested too.
func targets(record: @escaping (Int, String) -> Void) -> LinkTargets {
    LinkTargets(
        figure: { i, id in
            record(i, id)
            guard let shown = values[id] else { return nil }
            return .init(href: "../../reports/t/data/index.html#\(id)\"<x>", classes: i % 2 == 0 ? "pass derived" : "fail\"<b>",
                         title: "标签<b>&\"' \(i)", text: shown, mark: i % 3 == 0 ? "推算<b>" : nil)
        },
        report: { slug, anchor in
            ["new-energy": "reports", "grid": "cases"][slug].map { "../../\($0)/\(slug)/index.html" + (anchor.map { "#" + $0 } ?? "") }
        },
        region: { ["dalad", "ordos"].contains($0) ? "../../regions/\($0)/index.html" : nil },
        chart: { $0 == "c1" ? "<figure class=\"chart\">c1</figure>" : nil })
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLinks(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let body = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    // cmark counts lines after LF, CR or CRLF.
    let lines = 1 + body.utf8.reduce(0) { $1 == 0x0A || $1 == 0x0D ? $0 + 1 : $0 }
    let inBody = bodyStart..<(bodyStart + lines)
    func located(_ line: Int, _ what: String) {
        precondition(inBody.contains(line), "\(what) at line \(line), body is \(inBody)")
    }

    let f = BodyFacts.collect(body, file: file, firstLine: bodyStart, units: units)
    for p in f.problems { located(p.location.line, "problem"); precondition(!p.message.isEmpty, "empty message") }
    for l in f.figureLinks { located(l.line, "fig: link") }
    for r in f.references { located(r.line, "report: link") }
    for r in f.regions + f.charts { located(r.line, "region:/chart: link") }
    for u in f.unbound { located(u.location.line, "unbound number") }
    let anchors = f.headings.map(\.anchor)
    precondition(Set(anchors).count == anchors.count, "repeated heading anchor")

    var asked: [(Int, String)] = []
    let html = BodyHTML.render(body, targets: targets { asked.append(($0, $1)) })
    precondition(asked.map(\.0) == Array(0..<asked.count), "fig: links asked out of order")
    precondition(asked.map(\.1) == f.figureLinks.map(\.id), "the HTML pass numbers fig: links unlike the facts")
    let lower = html.lowercased()
    precondition(!lower.contains("<script"), "script in html")
    precondition(!lower.contains("<b>") && !lower.contains("<x>"), "unescaped target text in html")
    precondition(!lower.contains("href=\"javascript:") && !lower.contains("src=\"javascript:"), "javascript: link")

    // The same text as a front-matter summary: every link and problem at the key's line.
    let s = InlineText.collect(body, field: "summary", file: file, line: 7, units: units)
    precondition(s.links.allSatisfy { $0.link.line == 7 } && s.problems.allSatisfy { $0.location.line == 7 }
                 && s.unbound.allSatisfy { $0.location.line == 7 }, "summary link, problem or unbound number off its line")
    return 0
}

// SwiftPM links an executable's entry point as `main`, so libFuzzer's own main is not used;
// this one hands the arguments to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@main enum FuzzLinks {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzLinks))
    }
}
