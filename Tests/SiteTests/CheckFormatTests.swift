import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `briefing check --format junit|github|json` on content with one deliberately wrong value:
/// what CI servers read must parse and point at the exact line.
@Suite(.serialized) struct CheckFormatTests {
    /// The hostile-input fixture with `stated: 413.9` where 413.8 is computed, plus an
    /// acknowledged discrepancy (which must not count as a failure).
    func wrongValue() throws -> (HostileCase, line: Int) {
        let c = try HostileCase("formats")
        try c.edit(HostileFixture.energyPath, "stated: 413.8 万千瓦", "stated: 413.9 万千瓦")
        try c.insert("  x.ack:\n    formula: ordos.capacity.pv + ordos.capacity.wind\n    stated: 331.7 万千瓦\n"
                     + "    expect: discrepancy\n    note: 原文如此。\n",
                     after: "    stated: 413.9 万千瓦\n")
        return (c, try c.line(of: "stated: 413.9"))
    }

    func check(_ c: HostileCase, _ format: String) throws -> RunResult {
        try HostileFixture.runCLI(["check", "--content", "content", "--format", format], cwd: c.dir)
    }

    /// Elements and attributes of a JUnit document, via Foundation's XMLParser.
    final class JUnitReader: NSObject, XMLParserDelegate {
        struct TestCase { var name: String; var classname: String; var failure: [String: String]?; var failureText = "" }
        var cases: [TestCase] = []
        var suites: [[String: String]] = []
        var root: [String: String]?
        var inFailure = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "testsuites": root = attributes
            case "testsuite": suites.append(attributes)
            case "testcase": cases.append(TestCase(name: attributes["name"] ?? "", classname: attributes["classname"] ?? "", failure: nil))
            case "failure":
                cases[cases.count - 1].failure = attributes
                inFailure = true
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "failure" { inFailure = false }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inFailure { cases[cases.count - 1].failureText += string }
        }
    }

    @Test func junitParsesWithOneFailingTestcaseNamingFileAndLine() throws {
        let (c, line) = try wrongValue()
        let r = try check(c, "junit")
        #expect(r.status == 1, "\(r.stderr)")
        let parser = XMLParser(data: Data(r.stdout.utf8))
        let reader = JUnitReader()
        parser.delegate = reader
        #expect(parser.parse(), "XML does not parse: \(String(describing: parser.parserError))\n\(r.stdout)")
        #expect(reader.root != nil)
        #expect(reader.cases.count == 3, "\(reader.cases.map(\.name))")
        let failing = reader.cases.filter { $0.failure != nil }
        #expect(failing.count == 1)
        let f = try #require(failing.first)
        let location = "content/\(HostileFixture.energyPath):\(line)"
        #expect(f.name.contains("ordos.capacity.total"))
        #expect(f.name.contains(location), "\(f.name)")
        #expect(f.classname == "content/\(HostileFixture.energyPath)")
        #expect(f.failure?["message"]?.contains(location) == true)
        #expect(f.failureText.contains("stated 413.9万千瓦, computed 413.8万千瓦"), "\(f.failureText)")
        // One testsuite per content file, with consistent counts.
        #expect(reader.suites.map { $0["name"] } == ["content/\(HostileFixture.energyPath)"])
        #expect(reader.suites.first?["tests"] == "3")
        #expect(reader.suites.first?["failures"] == "1")
        #expect(reader.root?["failures"] == "1")
    }

    @Test func githubPrintsAnErrorAnnotationOnTheLine() throws {
        let (c, line) = try wrongValue()
        let r = try check(c, "github")
        #expect(r.status == 1)
        let errors = r.stdout.split(separator: "\n").filter { $0.hasPrefix("::error ") }
        #expect(errors.count == 1, "\(r.stdout)")
        #expect(errors.first?.hasPrefix("::error file=content/\(HostileFixture.energyPath),line=\(line),") == true, "\(r.stdout)")
        #expect(errors.first?.contains("ordos.capacity.total") == true)
        let ackLine = try c.line(of: "stated: 331.7")
        #expect(r.stdout.contains("::warning file=content/\(HostileFixture.energyPath),line=\(ackLine),"), "\(r.stdout)")
    }

    @Test func githubAnnotatesInputErrorsToo() throws {
        let c = try HostileCase("formats-input")
        try c.edit(HostileFixture.energyPath, "44.5 万千瓦", "44.5 万千哇")
        let r = try check(c, "github")
        #expect(r.status == 2)
        let line = try c.line(of: "万千哇")
        #expect(r.stdout.contains("::error file=content/\(HostileFixture.energyPath),line=\(line),"), "\(r.stdout)")
    }

    @Test func jsonHasTheDesignKeysWithDecimalsAsStrings() throws {
        let (c, line) = try wrongValue()
        let r = try check(c, "json")
        #expect(r.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let root = try #require(object, "\(r.stdout)")
        let summary = try #require(root["summary"] as? [String: Any])
        #expect(summary["failed"] as? Int == 1)
        #expect(summary["total"] as? Int == 3)
        let checks = try #require(root["checks"] as? [[String: Any]])
        #expect(checks.count == 3)
        let keys = ["id", "kind", "status", "file", "line", "stated", "computed", "difference", "tolerance", "note"]
        for check in checks {
            let missing = keys.filter { check[$0] == nil }
            #expect(missing.isEmpty, "check \(check["id"] ?? "?") lacks \(missing) (DESIGN §4: null when there is none)")
            for k in ["stated", "computed", "difference"] {
                #expect(check[k] is String, "\(k) of \(check["id"] ?? "?") is not a string")
            }
            #expect(check["tolerance"] is String || check["tolerance"] is NSNull)
            #expect(check["line"] is Int)
        }
        let fail = try #require(checks.first { $0["status"] as? String == "fail" })
        #expect(fail["id"] as? String == "ordos.capacity.total")
        #expect(fail["kind"] as? String == "indicator")
        #expect(fail["file"] as? String == "content/\(HostileFixture.energyPath)")
        #expect(fail["line"] as? Int == line)
        #expect(fail["stated"] as? String == "413.9")
        #expect(fail["computed"] as? String == "413.8")
        #expect(fail["difference"] as? String == "-0.1")
        #expect(fail["tolerance"] as? String == "0.05")
        let ack = try #require(checks.first { $0["status"] as? String == "acknowledged" })
        #expect(ack["note"] as? String == "原文如此。")
    }
}
