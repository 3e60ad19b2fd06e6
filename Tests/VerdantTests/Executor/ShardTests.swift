import Testing

@testable import Verdant

/// `--shard K/N` and `auto/N`: K from the array job's variables, errors that say what to do.
@Suite struct ShardTests {
    @Test func kOfNAndItsFileName() throws {
        let s = try Shard(parsing: "2/4", environment: [:])
        #expect(s.index == 2 && s.count == 4 && s.description == "2/4")
        #expect(s.name("parts/part-{shard}.vpart") == "parts/part-2.vpart")
        #expect(s.name("part.vpart") == "part.vpart")
    }

    @Test func autoReadsSlurmKubernetesAndBatch() throws {
        #expect(try Shard(parsing: "auto/4", environment: ["SLURM_ARRAY_TASK_ID": "3"]).index == 3)
        // An array given as --array=1-4: its tasks are shards 0 to 3.
        #expect(
            try Shard(parsing: "auto/4", environment: ["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "1"]).index
                == 3)
        #expect(try Shard(parsing: "auto/4", environment: ["JOB_COMPLETION_INDEX": "1"]).index == 1)
        #expect(try Shard(parsing: "AUTO/4", environment: ["AWS_BATCH_JOB_ARRAY_INDEX": "0"]).index == 0)
        // Slurm first, then Kubernetes.
        #expect(
            try Shard(parsing: "auto/4", environment: ["SLURM_ARRAY_TASK_ID": "2", "JOB_COMPLETION_INDEX": "1"]).index
                == 2)
    }

    @Test func badShardsAreClearErrors() throws {
        func problem(_ text: String, _ environment: [String: String] = [:]) -> String {
            do {
                _ = try Shard(parsing: text, environment: environment)
                return ""
            } catch { return "\(error)" }
        }
        #expect(problem("4/4").contains("from 0 to 3"))
        #expect(problem("-1/4").contains("from 0 to 3"))
        #expect(problem("0/0").contains("at least 1"))
        #expect(problem("1-4").contains("not K/N"))
        #expect(problem("a/4").contains("not K/N"))
        #expect(problem("auto/4").contains("SLURM_ARRAY_TASK_ID") && problem("auto/4").contains("JOB_COMPLETION_INDEX"))
        #expect(problem("auto/4", ["JOB_COMPLETION_INDEX": "x"]).contains("not a number"))
        #expect(problem("auto/2", ["JOB_COMPLETION_INDEX": "5"]).contains("from 0 to 1"))
    }
}
