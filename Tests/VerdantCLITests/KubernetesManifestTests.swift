import Foundation
import Testing
import TestSupport
import Yams

/// deploy/kubernetes/: the Indexed Job running one shard per pod, the merge Job and the image's Dockerfile, read and
/// checked for the structure Kubernetes and `--shard auto/N` need (no cluster runs them here).
struct KubernetesManifestTests {
    static let folder = ProjectRoot.path + "/deploy/kubernetes/"

    /// A manifest's top-level map.
    static func manifest(_ name: String) throws -> [String: Any] {
        let text = try String(contentsOfFile: folder + name, encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any], "\(name) is a YAML map")
    }

    /// The value at `path` (map keys, or list indices as numbers) in `node`.
    static func value(_ node: Any?, _ path: [Any]) -> Any? {
        var current = node
        for key in path {
            if let name = key as? String { current = (current as? [String: Any])?[name] }
            if let index = key as? Int {
                guard let list = current as? [Any], list.indices.contains(index) else { return nil }
                current = list[index]
            }
        }
        return current
    }

    /// The Job's one container.
    static func container(_ job: [String: Any]) throws -> [String: Any] {
        let containers = try #require(value(job, ["spec", "template", "spec", "containers"]) as? [Any])
        #expect(containers.count == 1)
        return try #require(containers.first as? [String: Any])
    }

    @Test func theEstimateJobIsIndexedWithOneCompletionPerShard() throws {
        let job = try Self.manifest("estimate-indexed-job.yaml")
        #expect(job["apiVersion"] as? String == "batch/v1")
        #expect(job["kind"] as? String == "Job")
        let spec = try #require(job["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        let completions = try #require(spec["completions"] as? Int)
        let parallelism = try #require(spec["parallelism"] as? Int)
        #expect(parallelism >= 1 && parallelism <= completions)
        #expect((spec["backoffLimit"] as? Int ?? -1) >= 0)
        let restart = Self.value(spec, ["template", "spec", "restartPolicy"]) as? String
        #expect(restart == "Never" || restart == "OnFailure")

        let container = try Self.container(job)
        let image = try #require(container["image"] as? String)
        #expect(!image.isEmpty)
        let args = try #require(container["args"] as? [String])
        #expect(args.first == "estimate")
        let shard = try #require(args.firstIndex(of: "--shard").map { args[$0 + 1] })
        #expect(shard == "auto/\(completions)", "--shard auto/N with N = completions (\(completions))")
        let out = try #require(args.firstIndex(of: "--out").map { args[$0 + 1] })
        #expect(out.contains("{shard}") && out.hasSuffix(".vpart"))

        // The index reaches the pod: JOB_COMPLETION_INDEX from the completion-index annotation.
        let env = try #require(container["env"] as? [[String: Any]])
        let index = try #require(env.first { $0["name"] as? String == "JOB_COMPLETION_INDEX" })
        #expect(
            Self.value(index, ["valueFrom", "fieldRef", "fieldPath"]) as? String
                == "metadata.annotations['batch.kubernetes.io/job-completion-index']")
        // Object-storage credentials come from a Secret, never written in the manifest.
        for name in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_S3_ENDPOINT", "AWS_REGION"] {
            let variable = try #require(env.first { $0["name"] as? String == name }, "\(name) is passed")
            #expect(variable["value"] == nil)
            #expect(Self.value(variable, ["valueFrom", "secretKeyRef", "key"]) as? String == name)
        }
        // The partials' folder is a volume shared by every pod (a PersistentVolumeClaim).
        try Self.expectSharedParts(job, container: container, folder: (out as NSString).deletingLastPathComponent)
    }

    @Test func theMergeJobRunsVerdantMergeOnThePartials() throws {
        let job = try Self.manifest("merge-job.yaml")
        #expect(job["apiVersion"] as? String == "batch/v1")
        #expect(job["kind"] as? String == "Job")
        #expect(Self.value(job, ["spec", "completionMode"]) == nil)
        let restart = Self.value(job, ["spec", "template", "spec", "restartPolicy"]) as? String
        #expect(restart == "Never" || restart == "OnFailure")
        let container = try Self.container(job)
        #expect(!(container["image"] as? String ?? "").isEmpty)
        let line = ((container["command"] as? [String] ?? []) + (container["args"] as? [String] ?? [])).joined(
            separator: " ")
        #expect(line.contains("verdant merge /parts/part-*.vpart --out "), "\(line)")
        let estimate = try Self.manifest("estimate-indexed-job.yaml")
        #expect(
            (container["image"] as? String) == (try Self.container(estimate)["image"] as? String),
            "both Jobs run the same image")
        try Self.expectSharedParts(job, container: container, folder: "/parts")
    }

    /// The container mounts `folder` from the claim the estimate Job writes its partials to.
    static func expectSharedParts(_ job: [String: Any], container: [String: Any], folder: String) throws {
        let mounts = try #require(container["volumeMounts"] as? [[String: Any]])
        let mount = try #require(mounts.first { $0["mountPath"] as? String == folder }, "\(folder) is mounted")
        let volumes = try #require(value(job, ["spec", "template", "spec", "volumes"]) as? [[String: Any]])
        let volume = try #require(volumes.first { $0["name"] as? String == mount["name"] as? String })
        #expect(value(volume, ["persistentVolumeClaim", "claimName"]) as? String == "verdant-parts")
    }

    @Test func theImageIsDebian12WithGDAL36AndRunsVerdant() throws {
        let text = try String(contentsOfFile: Self.folder + "Dockerfile", encoding: .utf8)
        let from = text.split(separator: "\n").filter { $0.hasPrefix("FROM ") }
        #expect(from.count == 2, "a build stage and a runtime stage")
        #expect(from.first?.contains("bookworm") == true, "the build stage is Debian 12 (bookworm)")
        #expect(from.last == "FROM debian:12-slim")
        // Debian 12's libgdal32 is GDAL 3.6.2, the newest GDAL Verdant uses.
        #expect(text.contains("apt-get install") && text.contains(" libgdal32"))
        #expect(text.contains("libgdal-dev"))
        #expect(text.contains("ENTRYPOINT [\"verdant\"]"))
    }
}
