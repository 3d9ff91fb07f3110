import BriefingCore
import Calc
import Analysis
import Foundation
import Markup

/// `briefing check` output in its formats: text, json, junit, github.
public enum CheckReport {
    public enum Format: String, CaseIterable, Sendable {
        case text, json, junit, github
    }

    public struct Summary: Codable, Sendable, Equatable {
        public var total: Int
        public var passed: Int
        public var failed: Int
        public var acknowledged: Int
        public var stale: Int

        public init(_ checks: [CheckResult]) {
            total = checks.count
            acknowledged = checks.filter { $0.status == .acknowledged }.count
            stale = checks.filter { $0.status == .stale }.count
            failed = checks.filter { $0.status.failsCI }.count
            passed = total - failed
        }
    }

    public static func render(_ analysis: Analysis, format: Format, verbose: Bool = false) -> String {
        let checks = analysis.checks
        switch format {
        case .text: return CheckText.render(analysis, checks: checks, verbose: verbose)
        case .json: return json(checks)
        case .junit: return junit(checks)
        case .github: return github(checks, notices: analysis.unboundNumbers.map(githubUnbound))
        }
    }

    /// One check on one line, in English (the machine formats' message).
    public static func line(_ c: CheckResult) -> String {
        var s = "\(c.location): \(c.status.rawValue) \(c.id) — stated \(c.statedText), computed \(c.computedText), difference \(c.differenceText) (tolerance \(c.toleranceText))"
        if c.kind == .binding { s += " [正文]" }
        return TerminalText.line(s)
    }

    /// What to do about a failed check, in Chinese.
    public static func advice(_ c: CheckResult) -> String {
        let what = c.kind == .binding ? "正文写的是 \(c.statedText)" : "stated 写的是 \(c.statedText)"
        var s = "\(what)，按公式计算为 \(c.computedText)，相差 \(c.differenceText)"
        if c.tolerance != nil { s += "，超出容差 \(c.toleranceText)" }
        s += "。请先核对原文数字是否抄错，再核对公式和各项数据；若原文本身前后不一致，保留原文数字，加 expect: discrepancy 和 note 说明"
        return s
    }

    struct JSONCheck: Codable {
        var id: String
        var kind: String
        var status: String
        var file: String
        var line: Int
        var stated: String
        var computed: String
        var difference: String
        var tolerance: String?
        var unit: String
        var comparator: String
        var label: String
        var note: String?

        enum CodingKeys: String, CodingKey {
            case id, kind, status, file, line, stated, computed, difference, tolerance, unit, comparator, label, note
        }

        /// Every key is present; absent values are `null` (DESIGN §4's schema).
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(kind, forKey: .kind)
            try c.encode(status, forKey: .status)
            try c.encode(file, forKey: .file)
            try c.encode(line, forKey: .line)
            try c.encode(stated, forKey: .stated)
            try c.encode(computed, forKey: .computed)
            try c.encode(difference, forKey: .difference)
            try c.encode(tolerance, forKey: .tolerance)
            try c.encode(unit, forKey: .unit)
            try c.encode(comparator, forKey: .comparator)
            try c.encode(label, forKey: .label)
            try c.encode(note, forKey: .note)
        }
    }

    struct JSONReport: Codable {
        var summary: Summary
        var checks: [JSONCheck]
    }

    public static func json(_ checks: [CheckResult]) -> String {
        let report = JSONReport(summary: Summary(checks), checks: checks.map { c in
            JSONCheck(id: c.id, kind: c.kind.rawValue, status: c.status.rawValue, file: c.location.file, line: c.location.line,
                      stated: NumberFormat.plain(c.stated.number.value), computed: NumberFormat.plain(c.computed),
                      difference: NumberFormat.plain(c.difference), tolerance: c.tolerance.map(NumberFormat.plain),
                      unit: c.unitSymbol, comparator: c.stated.comparator.rawValue, label: c.label, note: c.note)
        })
        return encodeJSON(report) + "\n"
    }

    public static func encodeJSON<T: Encodable>(_ value: T) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? enc.encode(value)) ?? Data(), as: UTF8.self)
    }

    static func xml(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // XML 1.0 forbids most control characters and U+FFFE, U+FFFF.
                if u.value < 0x20 && u != "\n" && u != "\t" && u != "\r" || u.value == 0xFFFE || u.value == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// JUnit XML: one testsuite per content file, one testcase per check.
    public static func junit(_ checks: [CheckResult]) -> String {
        let byFile = Dictionary(grouping: checks, by: { $0.location.file })
        let s = Summary(checks)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"briefing check\" tests=\"\(s.total)\" failures=\"\(s.failed)\" errors=\"0\">\n"
        for file in byFile.keys.sorted() {
            let cs = byFile[file]!
            let fails = cs.filter { $0.status.failsCI }.count
            out += "  <testsuite name=\"\(xml(file))\" tests=\"\(cs.count)\" failures=\"\(fails)\" errors=\"0\" skipped=\"0\">\n"
            for c in cs {
                let name = "\(c.id) (\(c.location))"
                out += "    <testcase classname=\"\(xml(file))\" name=\"\(xml(name))\">\n"
                if c.status.failsCI {
                    out += "      <failure message=\"\(xml(line(c)))\" type=\"\(c.status.rawValue)\">\(xml(line(c) + (c.note.map { "\n说明: " + $0 } ?? "")))</failure>\n"
                } else if c.status == .acknowledged {
                    out += "      <system-out>\(xml("acknowledged: " + (c.note ?? "")))</system-out>\n"
                }
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    /// GitHub Actions workflow commands: errors for failures, warnings for acknowledged, then
    /// `notices`; the summary line comes last.
    public static func github(_ checks: [CheckResult], notices: [String] = []) -> String {
        var out = ""
        for c in checks where c.status != .pass {
            let level = c.status.failsCI ? "error" : "warning"
            let title = "\(c.status.rawValue) \(c.id)"
            var msg = line(c)
            if let n = c.note { msg += " 说明: " + n }
            out += "::\(level) file=\(ghProperty(c.location.file)),line=\(c.location.line),title=\(ghProperty(title))::\(ghData(msg))\n"
        }
        out += notices.joined()
        let s = Summary(checks)
        out += "\(s.passed) passed, \(s.failed) failed\n"
        return out
    }

    static func githubUnbound(_ u: UnboundNumber) -> String {
        "::notice file=\(ghProperty(u.location.file)),line=\(u.location.line),title=\(ghProperty("未绑定的数字"))::\(ghData("“\(u.text)”没有绑定数据，未核验"))\n"
    }

    public static func githubDiagnostic(_ d: Diagnostic) -> String {
        "::error file=\(ghProperty(d.location.file)),line=\(d.location.line),title=\(ghProperty(d.location.key ?? "briefing"))::\(ghData(d.description))"
    }

    /// Control characters other than newlines (ESC sequences would colour or rewrite the
    /// log) are shown as escapes; newlines become %0A, which GitHub shows inside the message.
    static func ghData(_ s: String) -> String {
        TerminalText.safe(s).replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    static func ghProperty(_ s: String) -> String {
        ghData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
