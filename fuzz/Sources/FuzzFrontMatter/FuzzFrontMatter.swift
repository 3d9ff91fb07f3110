import BriefingCore
import Content
import Foundation

// libFuzzer entry point (built with -sanitize=fuzzer -parse-as-library; see mk/fuzz.mk).
// Any bytes as a report file, through SourceText.decode and DocumentDecoder.decode: decoding
// must end in a document or a located Diagnostic, never a crash, and every line it names (the
// Diagnostic's, each figure's, indicator's, relation's, chart's and key's) must exist in the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    let file = "content/reports/fuzz.md"
    // Lines of the file as an editor counts them (LF, CRLF or CR), plus one for "after the end".
    let lines = 1 + data.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } + data.reduce(0) { $1 == 0x0D ? $0 + 1 : $0 }
    do throws(Diagnostic) {
        let text = try SourceText.decode(data, file: file)
        let decoded = try DocumentDecoder.decode(text: text, file: file, slug: "fuzz", kind: .report, units: UnitRegistry())
        for f in decoded.figures {
            check(f.location, lines)
            for r in f.relations { check(r.location, lines) }
        }
        for i in decoded.indicators {
            check(i.location, lines)
            check(i.formulaLocation, lines)
            if let s = i.stated { check(s.location, lines) }
            for r in i.relations { check(r.location, lines) }
        }
        for c in decoded.document.charts { check(c.location, lines) }
        for (key, line) in decoded.keyLines { check(SourceLocation(file: file, line: line, key: key), lines) }
        check(SourceLocation(file: file, line: decoded.document.bodyStartLine), lines + 1)
    } catch {
        check(error.location, lines)
        precondition(!error.message.isEmpty, "empty message")
    }
    return 0
}

func check(_ l: SourceLocation, _ lines: Int) {
    precondition(l.line >= 0 && l.line <= lines, "line \(l.line) outside 0...\(lines) (\(l))")
}

// SwiftPM links an executable's entry point as `main`, so libFuzzer's own main is not used;
// this one hands the arguments to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@main enum FuzzFrontMatter {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzFrontMatter))
    }
}
