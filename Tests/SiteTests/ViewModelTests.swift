@testable import Analysis
import BriefingCore
import Foundation
@testable import Render
import Testing

/// The hand-written `value(_:)` tables must answer every stored field of their view model,
/// and every name a template uses must be a field some view model answers (Mustache shows a
/// misspelt name as a silent blank). Fields no template uses are dead and must go.
@Suite struct ViewModelTests {
    /// Every view model reachable from the pages of the real site, by type name.
    static let models: [String: [any ViewModel]] = {
        let r = Renderer(analysis: realAnalysis, templates: try! Templates(directory: Repo.templates))
        var found: [String: [any ViewModel]] = [:]
        func visit(_ value: Any) {
            if let vm = value as? any ViewModel {
                let name = String(describing: type(of: vm))
                if (found[name]?.count ?? 0) < 5 { found[name, default: []].append(vm) }
            }
            for child in Mirror(reflecting: value).children { visit(child.value) }
        }
        var pages: [Any] = [r.homePage(), r.regionsPage(), r.topicsPage(), r.feed(), r.sitemap(), r.notFoundPage()]
        for kind in DocumentKind.allKinds { pages.append(r.listPage(kind, page: 1)) }
        for d in realAnalysis.project.documents {
            pages.append(try! r.documentPage(d.slug))
            pages.append(r.dataPage(d.slug))
            pages.append(try! r.printPage(d.slug))
        }
        pages += [r.indicatorsPage(1), r.checksPage(1), r.regionPage("ordos", page: 1), r.topicPage("new-energy", page: 1)]
        for p in pages { visit(p) }
        // Charts are made inside bodies; lay one of each kind out here.
        for spec in realAnalysis.project.documents.flatMap(\.charts) {
            if let data = try? ChartData.resolve(spec, ids: realAnalysis.evaluation.index, value: { realAnalysis.value(of: $0) }) {
                visit(ChartBuilder(analysis: realAnalysis).build(data))
            }
        }
        return found
    }()

    @Test func everyStoredFieldIsAnswered() {
        #expect(Self.models.count >= 25, "\(Self.models.keys.sorted())")
        for (name, samples) in Self.models {
            for vm in samples {
                for label in Mirror(reflecting: vm).children.compactMap(\.label) {
                    #expect(vm.value(label) != nil, "\(name).\(label) is not in its value(_:) table")
                }
            }
        }
    }

    /// Names the tables answer: every `case "name":` in a `value(_:)` of Sources/Render.
    static let answered: Set<String> = {
        var out: Set<String> = []
        let dir = Repo.root.appendingPathComponent("Sources/Render")
        for case let file as String in FileManager.default.enumerator(atPath: dir.path)! where file.hasSuffix(".swift") && !file.hasPrefix("Plan/") {
            let text = try! String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.contains("case \"") && line.contains(": return") {
                out.insert(String(line.split(separator: "\"")[1]))
            }
        }
        return out
    }()

    /// Variable and section names used in the templates (first segment of dotted names,
    /// the argument of transforms such as `empty(x)`).
    static let used: Set<String> = {
        var out: Set<String> = []
        for file in try! FileManager.default.contentsOfDirectory(atPath: Repo.templates.path) where file.hasSuffix(".mustache") {
            let text = try! String(contentsOf: Repo.templates.appendingPathComponent(file), encoding: .utf8)
            var rest = Substring(text)
            while let open = rest.range(of: "{{") {
                rest = rest[open.upperBound...]
                guard let close = rest.range(of: "}}") else { break }
                var tag = rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                rest = rest[close.upperBound...]
                guard let first = tag.first, !">< $/!%=".contains(first) else { continue }
                if "#^{&".contains(first) { tag.removeFirst() }
                tag = tag.trimmingCharacters(in: CharacterSet(charactersIn: "{} "))
                if let paren = tag.firstIndex(of: "(") { tag = String(tag[tag.index(after: paren)...].prefix { $0 != ")" }) }
                for segment in tag.split(separator: ".") where !segment.isEmpty { out.insert(String(segment)) }
            }
        }
        return out
    }()

    @Test func everyTemplateNameResolves() {
        #expect(Self.used.count > 40)
        for name in Self.used.sorted() { #expect(Self.answered.contains(name), "templates use `\(name)`, which no view model answers") }
    }

    @Test func noFieldIsDead() {
        for name in Self.answered.sorted() { #expect(Self.used.contains(name), "`\(name)` is answered by a view model but no template uses it") }
    }

    @Test func languageReachesTheHTMLElement() throws {
        var a = realAnalysis
        a.project.config.language = "zh-Hans"
        let r = Renderer(analysis: a, templates: try Templates(directory: Repo.templates))
        let html = String(decoding: try r.render(.home).data, as: UTF8.self)
        #expect(html.contains("<html lang=\"zh-Hans\">"))
    }
}
