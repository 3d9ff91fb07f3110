import BriefingCore
import Foundation
import Markup
import Testing

/// Inputs kept in fuzz/regressions/links/ (once found by `make fuzz`), rendered as bodies
/// the normal way: no crash, problems and links on lines of the body, no markup from the input.
@Suite struct LinkFuzzRegressionTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fuzz/regressions/links")

    static var inputs: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? [])
            .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
    }

    @Test func replayKeptInputs() throws {
        for url in Self.inputs {
            let body = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            let start = ContinuousClock.now
            let f = facts(body, firstLine: 20)
            let h = html(body)
            let lines = 1 + body.utf8.reduce(0) { $1 == 0x0A || $1 == 0x0D ? $0 + 1 : $0 }
            let inBody = 20..<(20 + lines)
            #expect(f.problems.allSatisfy { inBody.contains($0.location.line) }, "\(url.lastPathComponent)")
            #expect(f.figureLinks.allSatisfy { inBody.contains($0.line) }, "\(url.lastPathComponent): fig: link off the body")
            #expect(f.references.allSatisfy { inBody.contains($0.line) }, "\(url.lastPathComponent): report: link off the body")
            #expect((f.regions + f.charts).allSatisfy { inBody.contains($0.line) }, "\(url.lastPathComponent): region:/chart: link off the body")
            #expect(f.unbound.allSatisfy { inBody.contains($0.location.line) }, "\(url.lastPathComponent): unbound number off the body")
            #expect(!h.lowercased().contains("<script"), "\(url.lastPathComponent)")
            #expect(ContinuousClock.now - start < .seconds(5), "\(url.lastPathComponent)")
        }
    }
}
