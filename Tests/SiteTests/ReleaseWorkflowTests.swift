import Foundation
import Testing

// The release workflow (.github/workflows/release.yml): on a `v*` tag it builds the programs
// staff download, runs the Linux ones with the toolchain hidden, and only then publishes.

@Suite struct ReleaseWorkflowTests {
    let workflow = Workflow.release

    @Test func runsOnVersionTagsOnly() throws {
        let lines = try workflow.lines()
        let on = try #require(lines.firstIndex(of: "on:"))
        let trigger = lines[(on + 1)...].prefix { $0.hasPrefix(" ") || $0.isEmpty }.filter { !Workflow.blank($0) }
        #expect(trigger.map { $0.trimmingCharacters(in: .whitespaces) } == ["push:", "tags: ['v*']"], "\(trigger)")
    }

    /// No permission by default; each job states its own; write access only where the release is made.
    @Test func onlyThePublishingJobMayWrite() throws {
        #expect(try workflow.lines().contains("permissions: {}"))
        let jobs = try workflow.jobs()
        #expect(jobs.count >= 4, "\(jobs.map(\.name))")
        for job in jobs {
            let permissions = try #require(Workflow.permissions(job.lines), "job \(job.name) states no permissions")
            let publishes = Workflow.steps(of: job.lines).compactMap(Workflow.script).contains { $0.contains("gh release") }
            #expect(permissions == [publishes ? "contents: write" : "contents: read"], "job \(job.name): \(permissions)")
        }
        #expect(jobs.filter { Workflow.permissions($0.lines) == ["contents: write"] }.map(\.name) == ["publish"])
    }

    /// A release is made only after every build and the run without the toolchain succeeded.
    @Test func publishingWaitsForEveryOtherJob() throws {
        let jobs = try workflow.jobs()
        let publish = try #require(jobs.first { $0.name == "publish" })
        let needs = try #require(publish.lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("needs:") })
        let listed = needs.split(separator: "[").last?.split(separator: "]").first?.split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        #expect(Set(listed) == Set(jobs.map(\.name).filter { $0 != "publish" }), "\(needs)")
        // Both Linux architectures are built and run without the toolchain.
        for name in ["linux", "linux-test"] {
            let job = try #require(jobs.first { $0.name == name }).lines.map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(job.contains("runner: ubuntu-24.04") && job.contains("runner: ubuntu-24.04-arm"), "\(name)")
        }
        let test = try #require(jobs.first { $0.name == "linux-test" })
        #expect(Workflow.steps(of: test.lines).compactMap(Workflow.script).contains { $0.contains("tests/dist/run-without-toolchain.sh") })
    }

    /// The publishing script, run as GitHub runs a bash step, with a stand-in `gh` that records
    /// each call: it lists every program in SHA256SUMS and creates the release, or adds to it
    /// when the release exists already (made by hand before the tag's workflow finished).
    @Test(arguments: [false, true])
    func publishWritesSumsAndCreatesOrUpdatesTheRelease(releaseExists: Bool) throws {
        let script = try #require(Workflow.script(try workflow.step(id: "publish")))
        let dir = tempDir("release")
        defer { try? FileManager.default.removeItem(at: dir) }
        let dist = dir.appendingPathComponent("dist"), bin = dir.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: dist, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        // SHA-256 of "abc" (FIPS 180-2's example) and of the empty file.
        try Data("abc".utf8).write(to: dist.appendingPathComponent("briefing-linux-x86_64"))
        try Data().write(to: dist.appendingPathComponent("briefing-linux-x86_64.tar.gz"))
        try Data("abc".utf8).write(to: dist.appendingPathComponent("briefing-macos-arm64"))
        let calls = dir.appendingPathComponent("calls")
        let gh = bin.appendingPathComponent("gh")
        try Data("""
            #!/bin/sh
            printf '%s\\n' "$@" >> "$CALLS"; echo --- >> "$CALLS"
            [ "$2" = view ] && exit "$VIEW_STATUS"
            exit 0

            """.utf8).write(to: gh)
        chmod(gh.path, 0o755)
        let env = ["PATH": "\(bin.path):/usr/bin:/bin", "GH_TOKEN": "t", "TAG": "v1.2.3", "REPO": "org/briefing",
                   "CALLS": calls.path, "VIEW_STATUS": releaseExists ? "0" : "1"]
        let r = try runProcess(try #require(onPath("bash")), ["--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                               environment: env, cwd: dir)
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")

        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        let sums = try String(contentsOf: dist.appendingPathComponent("SHA256SUMS"), encoding: .utf8)
        #expect(sums == "\(abc)  briefing-linux-x86_64\n\(empty)  briefing-linux-x86_64.tar.gz\n\(abc)  briefing-macos-arm64\n")

        let files = ["briefing-linux-x86_64", "briefing-linux-x86_64.tar.gz", "briefing-macos-arm64", "SHA256SUMS"]
        let made = releaseExists
            ? ["release", "upload", "v1.2.3"] + files + ["--repo", "org/briefing", "--clobber"]
            : ["release", "create", "v1.2.3"] + files + ["--repo", "org/briefing", "--verify-tag", "--title", "简报 v1.2.3", "--generate-notes"]
        let expected = [["release", "view", "v1.2.3", "--repo", "org/briefing"], made]
            .map { $0.joined(separator: "\n") + "\n---\n" }.joined()
        #expect(try String(contentsOf: calls, encoding: .utf8) == expected)
    }
}
