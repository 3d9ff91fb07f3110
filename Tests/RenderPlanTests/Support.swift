import Foundation
@testable import Render
import Testing

/// A view model answering a fixed table.
struct VM: ViewModel {
    var fields: [String: TemplateValue]
    init(_ fields: [String: TemplateValue] = [:]) { self.fields = fields }
    func value(_ key: String) -> TemplateValue? { fields[key] }
}

/// A view model with one stored field, so `String(describing:)` of it is short and stable.
struct Named: ViewModel {
    var name: String
    func value(_ key: String) -> TemplateValue? { key == "name" ? .text(name) : nil }
}

/// `main` rendered by the plan, after checking that the plan takes it (else the comparison
/// would be swift-mustache against itself) and that swift-mustache gives the same bytes.
func rendered(_ main: String, partials: [String: String] = [:], _ model: any ViewModel,
              sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
    var sources = partials
    sources["main"] = main
    let plan = try Templates(sources: sources, engine: .plan)
    let mustache = try Templates(sources: sources, engine: .mustache)
    #expect(plan.plans.templates["main"] != nil, "the plan does not take \(main.debugDescription)", sourceLocation: sourceLocation)
    let a = plan.render("main", model), b = mustache.render("main", model)
    #expect(Array(a.utf8) == Array(b.utf8), "plan \(a.debugDescription) ≠ swift-mustache \(b.debugDescription)",
            sourceLocation: sourceLocation)
    return a
}

/// The model most tests read.
let model = VM([
    "name": .text("N"),
    "html": .text("<a href=\"x\">Tom & 'Jerry'</a>"),
    "n": .number(42), "neg": .number(-7), "zero": .number(0),
    "yes": .flag(true), "no": .flag(false),
    "gone": .missing, "blank": .text(""),
    "outer": .text("O"), "x": .text("RX"),
    "obj": .object(Named(name: "x")),
    "list": .list([Named(name: "a"), Named(name: "b")]),
    "none": .list([]),
    "tags": .texts(["x", "y"]), "notags": .texts([]),
    "a": .object(VM(["b": .text("root-b"), "deep": .object(VM(["c": .text("deep")]))])),
    "inner": .object(VM(["x": .missing, "a": .object(VM())])),
])
