using System.Collections.Concurrent;

namespace DockerGoBuild.Benchmarks;

/// <summary>The named inputs of <see cref="CoreBenchmarks"/>, and their sizes for the per-byte columns.</summary>
public static class InputSet
{
    public const string Corpus = "corpus";
    public const string Typical = "typical-40-lines";
    public const string OneMegabyte = "generated-1MB";
    public const string TenMegabytes = "generated-10MB";

    private static readonly ConcurrentDictionary<string, string[]> Cache = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> Names { get; } = new[] { Corpus, Typical, OneMegabyte, TenMegabytes };

    public static string[] Texts(string name) => Cache.GetOrAdd(name, static name => name switch
    {
        Corpus => Inputs.CorpusTexts(),
        Typical => new[] { Inputs.TypicalDockerfile },
        OneMegabyte => new[] { Inputs.Generate(1 << 20) },
        TenMegabytes => new[] { Inputs.Generate(10 << 20) },
        _ => throw new ArgumentException($"unknown input {name}", nameof(name)),
    });

    public static long Bytes(string name) => Inputs.Utf8Bytes(Texts(name));
}
