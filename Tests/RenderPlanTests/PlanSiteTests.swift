import Analysis
import BriefingCore
import Foundation
@testable import Render
import Testing

/// Every file of the real site, made by both engines, byte for byte.
@Suite struct PlanSiteTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyRouteRendersTheSameBytes() throws {
        let analysis = try Analyzer.analyze(contentDirectory: Self.root.appendingPathComponent("content"))
        var templates = try Templates(directory: Self.root.appendingPathComponent("templates"))
        // The real templates must all be planned, or this compares swift-mustache with itself.
        #expect(Set(templates.plans.templates.keys) == Set(Templates.required).union(["check-head", "check-row", "counts", "data-body",
                                                                                        "doc-item", "doc-item-open", "key-number", "pager",
                                                                                        "print"]))
        templates.engine = .plan
        let plan = Renderer(analysis: analysis, templates: templates)
        templates.engine = .mustache
        let mustache = Renderer(analysis: analysis, templates: templates)
        // The site's files and the print HTML `briefing pdf` converts.
        let routes = plan.routes() + analysis.project.documents.map { Route.pdf($0.kind, slug: $0.slug) }
        #expect(routes.count > 40)
        for route in routes {
            let a = try plan.render(route), b = try mustache.render(route)
            #expect(a.path == b.path)
            if a.data != b.data {
                let offset = zip(a.data, b.data).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.data.count, b.data.count)
                Issue.record("\(route.path) differs at byte \(offset) (plan \(a.data.count) bytes, swift-mustache \(b.data.count))")
                return
            }
        }
    }
}
