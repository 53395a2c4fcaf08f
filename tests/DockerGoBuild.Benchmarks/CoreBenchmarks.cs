using BenchmarkDotNet.Attributes;
using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Rules;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Benchmarks;

/// <summary>
/// The core on each input: the tokenizer alone (the Dockerfile parser), the tokenizer with every rule (keeping the
/// syntax, as the fix engine and the code fixes do; and the findings only, as the CLI's lint and the analyzer do), and
/// the fix engine (every fix composed and applied, the text re-analysed
/// until nothing is left to fix). The Alloc/byte and ns/byte columns divide by the input's UTF-8 size, so equal
/// ns/byte on the 1 MB and 10 MB files means the cost grows linearly.
/// </summary>
[MemoryDiagnoser]
public class CoreBenchmarks
{
    private string[] _texts = Array.Empty<string>();

    [ParamsSource(nameof(InputNames))]
    public string Input { get; set; } = InputSet.Corpus;

    public static IEnumerable<string> InputNames => InputSet.Names;

    [GlobalSetup]
    public void Setup() => _texts = InputSet.Texts(Input);

    [Benchmark(Description = "Tokenizer")]
    public int Parse()
    {
        var instructions = 0;
        foreach (var text in _texts)
        {
            instructions += DockerfileParser.Parse(text).Instructions.Count;
        }

        return instructions;
    }

    [Benchmark(Description = "Tokenizer+rules")]
    public int Analyze()
    {
        var findings = 0;
        foreach (var text in _texts)
        {
            findings += DockerfileAnalysis.Analyze(text).Findings.Count;
        }

        return findings;
    }

    // What the IDE's analyzer and the CLI's lint run: the findings only, the syntax parsed into the thread's tables.
    [Benchmark(Description = "Tokenizer+rules, findings only")]
    public int FindingsOnly() => DockerfileAnalysis.FindingsOf(_texts).Sum(findings => findings.Count);

    [Benchmark(Description = "Fix engine")]
    public int Fix()
    {
        var applied = 0;
        foreach (var text in _texts)
        {
            applied += DockerfileFixer.Fix(text).Applied.Count;
        }

        return applied;
    }
}
