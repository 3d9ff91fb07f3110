import BriefingCore
import Content
import Foundation
import Testing

/// Inputs kept in fuzz/regressions/front-matter/ (once found by `make fuzz`), replayed
/// through the normal decoding path: each must end in a document or a located Diagnostic.
@Suite struct FrontMatterFuzzRegressionTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fuzz/regressions/front-matter")

    static var inputs: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? [])
            .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
    }

    @Test func replayKeptInputs() throws {
        for url in Self.inputs {
            let data = try Data(contentsOf: url)
            let file = "content/reports/fuzz.md"
            let lines = 1 + data.reduce(0) { $1 == 0x0A || $1 == 0x0D ? $0 + 1 : $0 }
            let start = ContinuousClock.now
            do throws(Diagnostic) {
                let text = try SourceText.decode(data, file: file)
                let d = try DocumentDecoder.decode(text: text, file: file, slug: "fuzz", kind: .report, units: UnitRegistry())
                for f in d.figures { #expect((0...lines).contains(f.location.line), "\(url.lastPathComponent)") }
            } catch {
                #expect((0...lines).contains(error.location.line), "\(url.lastPathComponent): \(error)")
                #expect(!error.message.isEmpty)
            }
            #expect(ContinuousClock.now - start < .seconds(5), "\(url.lastPathComponent)")
        }
    }
}
