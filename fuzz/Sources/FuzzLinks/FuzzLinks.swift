import BriefingCore
import Foundation
import Markup

// libFuzzer entry point. The input is a Markdown body with fig:, report:, region: and chart:
// links resolved against a small fixed site. Rendering must not crash, every problem must
// point at a line of the body, and the HTML must never carry markup or script from the input
// (cmark's safe mode plus the rewriter's own escaping).
let units = UnitRegistry()
let context: LinkContext = {
    var values: [String: LinkContext.Value] = [:]
    for (id, text) in [("ordos.capacity.total", "413.8 万千瓦"), ("ordos.share", "7.6%"), ("ordos.count", "12 个"),
                       ("ordos.money", "1.6 亿元"), ("x.none", "3")] {
        let w = try! QuantityParser.parseWritten(text, units: units)
        values[id] = .init(quantity: w.quantity, display: NumberFormat.format(w.quantity, decimals: w.number.decimals),
                           label: "标签<b>&\"'")
    }
    var c = LinkContext(values: values, documents: ["new-energy": (.report, ["一发展现状", "概况"]), "grid": (.case, [])],
                        regions: ["dalad": "达拉特旗", "ordos": "鄂尔多斯市"], units: units) { b in
        ("title \(b.id) <i>\"", "pass")
    }
    c.charts = ["c1": "<figure class=\"chart\">c1</figure>"]
    return c
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLinks(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let body = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let bodyStart = 20
    let doc = Document(kind: .report, slug: "fuzz", file: "content/reports/fuzz.md", title: "t", date: "2022-01-01",
                       body: body, bodyStartLine: bodyStart)
    _ = BodyRenderer.anchors(of: body)
    let r = BodyRenderer.render(doc, context: context, root: "../../")
    // cmark counts lines after LF, CR or CRLF.
    let lines = 1 + body.utf8.reduce(0) { $1 == 0x0A || $1 == 0x0D ? $0 + 1 : $0 }
    for p in r.problems {
        precondition(p.location.line >= bodyStart && p.location.line < bodyStart + lines, "problem at \(p.location)")
    }
    for b in r.bindings {
        precondition(b.location.line >= bodyStart && b.location.line < bodyStart + lines, "binding at \(b.location)")
    }
    let html = r.html.lowercased()
    precondition(!html.contains("<script"), "script in html")
    precondition(!html.contains("<b>&"), "unescaped label in html")
    precondition(!html.contains("href=\"javascript:") && !html.contains("src=\"javascript:"), "javascript: link")
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
