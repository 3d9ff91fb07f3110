import Foundation
@testable import Render
import Testing

/// The templates built into the program are the files of templates/: the generated
/// Sources/Render/BuiltInTemplates.swift is fresh, and loading falls back to it.
@Suite struct BuiltInTemplatesTests {
    /// Every non-hidden file under templates/, by path inside it.
    static func onDisk() -> [String: Data] {
        snapshot(Repo.templates).filter { !$0.key.split(separator: "/").contains { $0.hasPrefix(".") } }
    }

    @Test func generatedSourceMatchesTemplatesOnDisk() {
        let builtIn = BuiltInTemplates.files
        let disk = Self.onDisk()
        let stale = "Sources/Render/BuiltInTemplates.swift is stale: run `python3 scripts/embed-templates.py` (make debug does) and commit it"
        #expect(builtIn.map(\.path).sorted() == disk.keys.sorted(), "\(stale)")
        for f in builtIn {
            #expect(f.data == disk[f.path], "\(f.path): \(stale)")
        }
        // Deterministic order, so regenerating gives the same file.
        #expect(builtIn.map(\.path) == builtIn.map(\.path).sorted())
        #expect(Set(builtIn.map(\.path)).count == builtIn.count)
    }

    @Test func everyRequiredTemplateIsBuiltIn() {
        let names = Set(BuiltInTemplates.files.map(\.path))
        for r in Templates.required { #expect(names.contains("\(r).mustache"), "\(r)") }
    }

    @Test func aMissingFolderGivesTheBuiltIns() throws {
        let missing = tempDir("no-templates").appendingPathComponent("templates")
        let t = try Templates(directory: missing)
        let disk = Self.onDisk()
        let assets = disk.filter { $0.key.hasPrefix("assets/") }
        #expect(t.assets.map(\.path) == assets.keys.map { String($0.dropFirst("assets/".count)) }.sorted())
        for a in t.assets { #expect(a.data == disk["assets/" + a.path]) }
    }

    @Test func aFolderAddsAndReplacesFilesOneByOne() throws {
        let dir = tempDir("some-templates")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("assets"), withIntermediateDirectories: true)
        try Data("<p>{{page.title}}</p>".utf8).write(to: dir.appendingPathComponent("topics.mustache"))
        try Data("extra".utf8).write(to: dir.appendingPathComponent("assets/extra.txt"))
        try Data("hidden".utf8).write(to: dir.appendingPathComponent("assets/.DS_Store"))
        let t = try Templates(directory: dir)
        let paths = t.assets.map(\.path)
        #expect(paths.contains("extra.txt"))
        #expect(paths.contains("style.css"))
        #expect(!paths.contains(".DS_Store"))
        #expect(paths == paths.sorted())
    }
}
