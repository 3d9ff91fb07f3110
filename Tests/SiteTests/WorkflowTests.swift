import Foundation
import Testing

// The GitHub workflows: briefing.yml, which a party school copies into its repository (the site
// is built and uploaded for preview only when the build succeeded or stopped at failed checks it
// was told to allow, exit 1; input errors, 2, and file errors, 3, fail the step), and release.yml,
// which builds the downloadable programs on a `v*` tag and publishes them. In both, actions are
// pinned by commit, checkouts keep no credentials, values reach scripts only through env, and
// zizmor finds nothing; only the job that publishes may write.

struct Workflow: CustomStringConvertible {
    let file: URL
    static let briefing = Workflow(file: Repo.root.appendingPathComponent(".github/workflows/briefing.yml"))
    static let release = Workflow(file: Repo.root.appendingPathComponent(".github/workflows/release.yml"))
    static let all = [briefing, release]
    var description: String { file.lastPathComponent }

    func lines() throws -> [String] {
        try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func indent(_ line: String) -> Int { line.prefix { $0 == " " }.count }
    static func blank(_ line: String) -> Bool { line.trimmingCharacters(in: .whitespaces).isEmpty || line.trimmingCharacters(in: .whitespaces).hasPrefix("#") }

    /// The jobs, each as its name and lines (from its `name:` key under `jobs:` to the next job's).
    func jobs() throws -> [(name: String, lines: [String])] {
        var out: [(name: String, lines: [String])] = []
        var inJobs = false
        for line in try lines() {
            if line == "jobs:" { inJobs = true; continue }
            guard inJobs, !Self.blank(line) else { continue }
            if Self.indent(line) == 0 { break }
            if Self.indent(line) == 2, line.hasSuffix(":") {
                out.append((String(line.dropFirst(2).dropLast()), [line]))
            } else if !out.isEmpty {
                out[out.count - 1].lines.append(line)
            }
        }
        return out
    }

    /// The steps of every job, each as its lines (from its `- ` line to the next step's).
    func steps() throws -> [[String]] {
        try jobs().flatMap { Self.steps(of: $0.lines) }
    }

    static func steps(of lines: [String]) -> [[String]] {
        var out: [[String]] = []
        var inSteps = false, stepIndent = -1
        for line in lines {
            if line.trimmingCharacters(in: .whitespaces) == "steps:" {
                inSteps = true
                continue
            }
            guard inSteps else { continue }
            if !blank(line) && stepIndent >= 0 && indent(line) < stepIndent { break }
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("- ") && (stepIndent < 0 || indent(line) == stepIndent) {
                stepIndent = indent(line)
                out.append([line])
            } else if !out.isEmpty {
                out[out.count - 1].append(line)
            }
        }
        return out
    }

    /// A step's `run:` script: a one-line value, or a `run: |` block without its indentation.
    static func script(_ step: [String]) -> String? {
        guard let at = step.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("run:") }) else { return nil }
        let value = step[at].trimmingCharacters(in: .whitespaces).dropFirst("run:".count).trimmingCharacters(in: .whitespaces)
        guard value == "|" else { return value }
        let keyIndent = indent(step[at])
        let body = step[(at + 1)...].prefix { $0.trimmingCharacters(in: .whitespaces).isEmpty || indent($0) > keyIndent }
        let bodyIndent = body.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(indent).min() ?? 0
        return body.map { String($0.dropFirst(min(indent($0), bodyIndent))) }.joined(separator: "\n")
    }

    func step(id: String) throws -> [String] {
        try #require(try steps().first { $0.contains { $0.trimmingCharacters(in: .whitespaces) == "id: \(id)" } }, "no step `id: \(id)` in \(self)")
    }

    /// A job's `permissions:` entries (`contents: read` …), comments removed; nil when it has none.
    static func permissions(_ job: [String]) -> [String]? {
        guard let at = job.firstIndex(where: { indent($0) == 4 && $0.trimmingCharacters(in: .whitespaces).hasPrefix("permissions:") }) else { return nil }
        return job[(at + 1)...].prefix { indent($0) > 4 }.map { line in
            String(line.split(separator: "#", maxSplits: 1)[0]).trimmingCharacters(in: .whitespaces)
        }
    }
}

/// The first executable called `name` on PATH.
func onPath(_ name: String) -> URL? {
    (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
}

func runProcess(_ executable: URL, _ args: [String], environment: [String: String]? = nil, cwd: URL? = nil) throws -> RunResult {
    let p = Process()
    p.executableURL = executable
    p.arguments = args
    if let environment { p.environment = environment }
    if let cwd { p.currentDirectoryURL = cwd }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return RunResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

@Suite struct WorkflowTests {
    /// The build step's script, run as GitHub runs a bash step, with a stand-in `briefing`
    /// that records its arguments and exits with each code the real one can give.
    @Test func buildStepPassesOnlyExitOneOfAPreviewWithFailedChecks() throws {
        let script = try #require(Workflow.script(try Workflow.briefing.step(id: "build")))
        let dir = tempDir("workflow")
        defer { try? FileManager.default.removeItem(at: dir) }
        let stepFile = dir.appendingPathComponent("step.sh"), fake = dir.appendingPathComponent("fake briefing")
        try Data(script.utf8).write(to: stepFile)
        try Data("#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$ARGS_FILE\"\nexit \"$FAKE_STATUS\"\n".utf8).write(to: fake)
        chmod(fake.path, 0o755)
        let bash = try #require(onPath("bash"))
        for outcome in ["success", "failure"] {
            for status in 0...3 {
                let argsFile = dir.appendingPathComponent("args-\(outcome)-\(status)")
                let env = ["PATH": "/usr/bin:/bin", "BIN": fake.path, "TEMPLATES": "my templates", "CHECK_OUTCOME": outcome,
                           "FAKE_STATUS": "\(status)", "ARGS_FILE": argsFile.path]
                let r = try runProcess(bash, ["--noprofile", "--norc", "-eo", "pipefail", stepFile.path], environment: env, cwd: dir)
                let passes = status == 0 || (status == 1 && outcome == "failure")
                #expect((r.status == 0) == passes, "check \(outcome), build exit \(status): step exit \(r.status) \(r.stderr)")
                let args = String(decoding: (try? Data(contentsOf: argsFile)) ?? Data(), as: UTF8.self)
                let expected = ["build", "--content", "content", "--templates", "my templates", "--output", "site"]
                    + (outcome == "failure" ? ["--allow-failures"] : [])
                #expect(args == expected.joined(separator: "\n") + "\n", "check \(outcome): \(args.debugDescription)")
            }
        }
    }

    @Test(arguments: Workflow.all)
    func actionsArePinnedByCommitAndCheckoutsKeepNoCredentials(_ workflow: Workflow) throws {
        let steps = try workflow.steps()
        let uses = steps.compactMap { $0.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("uses:") || $0.contains("- uses:") } }
        #expect(uses.count >= 4, "\(uses)")
        for line in uses {
            // A full commit hash, its version in the comment: a moved tag cannot swap the code.
            #expect(line.contains(#/uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/#), "\(line)")
        }
        let checkouts = steps.filter { $0.contains { $0.contains("uses: actions/checkout@") } }
        #expect(checkouts.count >= 2)
        for step in checkouts {
            #expect(step.contains { $0.trimmingCharacters(in: .whitespaces) == "persist-credentials: false" }, "\(step.first ?? "")")
        }
        // Values reach scripts through env, never pasted into the script text by `${{ }}`.
        let scripts = steps.compactMap(Workflow.script)
        #expect(scripts.count >= 3)
        for script in scripts { #expect(!script.contains("${{"), "\(workflow): \(script)") }
    }

    @Test(.enabled(if: onPath("zizmor") != nil, "zizmor is not installed (pip install zizmor)"))
    func zizmorFindsNothing() throws {
        let r = try runProcess(try #require(onPath("zizmor")), ["--offline", Workflow.briefing.file.deletingLastPathComponent().path])
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stdout.contains("No findings"), "\(r.stdout)")
    }
}
