using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using DockerGoBuild.Dockerfiles.Rules;

namespace DockerGoBuild.Benchmarks;

/// <summary>
/// The tokenizer with every rule on the generated 1 MB and 10 MB files under BenchmarkDotNet's default garbage
/// collector (concurrent workstation) and under the compiler's (server: csc and the VBCSCompiler server, where
/// <c>dotnet build</c> runs analyzers). A large file's syntax and model stay alive through its whole analysis, so every
/// collection during it copies or marks them, and how often the collector runs depends on its mode. (The CLI's mode,
/// workstation without concurrent collections, is measured by <c>dockergobuild lint --stats</c> itself: a job with
/// <c>WithGcConcurrent(false)</c> still ran concurrent here.)
/// </summary>
[MemoryDiagnoser]
[Config(typeof(HostGcModes))]
public class GcModeBenchmarks
{
    private string _text = string.Empty;

    [Params(InputSet.OneMegabyte, InputSet.TenMegabytes)]
    public string Input { get; set; } = InputSet.OneMegabyte;

    [GlobalSetup]
    public void Setup() => _text = InputSet.Texts(Input)[0];

    [Benchmark(Description = "Tokenizer+rules")]
    public int Analyze() => DockerfileAnalysis.Analyze(_text).Findings.Count;

    private sealed class HostGcModes : ManualConfig
    {
        public HostGcModes()
        {
            AddJob(Job.Default.WithId("concurrent-workstation"));
            AddJob(Job.Default.WithGcServer(true).WithId("server-compiler"));
        }
    }
}
