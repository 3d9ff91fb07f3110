/// The templates that render through a plan: each one whose every tag the plan supports and
/// whose partials (all it reaches) are planned as well. The others stay with swift-mustache.
struct PlanLibrary: Sendable {
    let templates: [String: [PlanNode]]

    /// `sources` are the texts registered with swift-mustache, under the same names.
    init(_ sources: [String: String]) {
        var planned: [String: [PlanNode]] = [:]
        for (name, text) in sources {
            if let nodes = try? PlanParser.parse(text) { planned[name] = nodes }
        }
        // A template including one that swift-mustache renders must be rendered by it whole.
        // Partials that do not exist render as nothing in both.
        var changed = true
        while changed {
            changed = false
            for (name, nodes) in planned where Self.partials(nodes).contains(where: { sources[$0] != nil && planned[$0] == nil }) {
                planned[name] = nil
                changed = true
            }
        }
        templates = planned
    }

    /// The page `name` makes of `model`, or nil when it is not planned.
    func render(_ name: String, _ model: any ViewModel) -> [UInt8]? {
        guard let nodes = templates[name] else { return nil }
        var renderer = PlanRenderer(templates: templates, root: model)
        renderer.render(nodes, PlanRenderer.Context())
        return renderer.out
    }

    /// Every partial name the nodes name, overrides and block defaults included.
    static func partials(_ nodes: [PlanNode]) -> Set<String> {
        var names: Set<String> = []
        func walk(_ nodes: [PlanNode]) {
            for node in nodes {
                switch node {
                case .section(_, let body), .inverted(_, let body), .definition(_, let body): walk(body)
                case .block(_, let defaults, _): walk(defaults)
                case .partial(let name, _, let overrides):
                    names.insert(name)
                    overrides?.values.forEach(walk)
                case .text, .variable, .contentType: break
                }
            }
        }
        walk(nodes)
        return names
    }
}
