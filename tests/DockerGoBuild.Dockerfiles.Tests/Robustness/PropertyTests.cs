using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CsCheck;
using Xunit;
using Xunit.Abstractions;

namespace DockerGoBuild.Dockerfiles.Tests.Robustness;

/// <summary>
/// Generated and mutated inputs through the parser, every rule and the fix engine, checked against
/// <see cref="Invariants"/>. The CI budget is small; DOCKERGOBUILD_FUZZ_ITERATIONS scales it for a long run.
/// </summary>
public class PropertyTests
{
    private readonly ITestOutputHelper _output;

    public PropertyTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Generated_dockerfiles_keep_every_invariant() =>
        Sample("generated", DockerfileGenerator.Dockerfile, Invariants.Hold, ciIterations: 3000, RobustnessReport.Printable);

    [Fact]
    public void Mutated_corpus_files_keep_every_invariant() =>
        Sample("mutated", CorpusMutator.Mutated, Invariants.Hold, ciIterations: 2000, bytes => RobustnessReport.Printable(Encoding.Latin1.GetString(bytes)));

    /// <summary>
    /// A file cut short is what a truncated download or an editor's half-saved buffer looks like, and every cut
    /// point is a different broken state (inside a quote, a heredoc, a continuation, a JSON array, a CRLF pair).
    /// CI cuts every file at evenly spaced points and a few files at every position; a long run cuts every file
    /// at every position.
    /// </summary>
    [Fact]
    public void Corpus_files_cut_at_every_position_keep_every_invariant()
    {
        var files = CorpusMutator.CorpusFiles;
        var stopwatch = Stopwatch.StartNew();
        long cuts = 0;
        Parallel.For(0, files.Count, index =>
        {
            var bytes = files[index];
            var step = FuzzBudget.IsLong || index % 50 == 0 ? 1 : Math.Max(1, bytes.Length / 16);
            for (var length = 0; length <= bytes.Length; length += step)
            {
                var cut = bytes.AsSpan(0, length).ToArray();
                try
                {
                    Invariants.Hold(cut);
                }
                catch (Exception exception)
                {
                    throw new InvalidOperationException($"corpus file {index} cut at {length} of {bytes.Length} bytes: {RobustnessReport.Printable(Encoding.Latin1.GetString(cut))}", exception);
                }

                Interlocked.Increment(ref cuts);
            }
        });

        Assert.True(cuts > files.Count * 16L, $"only {cuts} cuts over {files.Count} files");
        Report("cut", cuts, stopwatch.Elapsed);
    }

    private void Sample<T>(string name, Gen<T> gen, Action<T> check, long ciIterations, Func<T, string> print)
    {
        var iterations = FuzzBudget.Iterations(ciIterations);
        var stopwatch = Stopwatch.StartNew();
        gen.Sample(check, iter: iterations, print: print);
        Report(name, iterations, stopwatch.Elapsed);
    }

    private void Report(string name, long inputs, TimeSpan elapsed) =>
        RobustnessReport.Write(_output, $"robustness {name}: {inputs} inputs, 0 exceptions, 0 invariant violations, {elapsed.TotalSeconds:F1} s ({inputs / Math.Max(elapsed.TotalSeconds, 0.001):F0} inputs/s)");
}
