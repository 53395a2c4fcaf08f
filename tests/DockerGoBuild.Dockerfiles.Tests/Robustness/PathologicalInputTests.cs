using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Rules;
using DockerGoBuild.Dockerfiles.Syntax;
using DockerGoBuild.Dockerfiles.Tests.Syntax;
using Xunit;
using Xunit.Abstractions;

namespace DockerGoBuild.Dockerfiles.Tests.Robustness;

/// <summary>
/// Each pathological input of issue #7 is analysed at full size within a generous bound, and reports what it
/// should instead of throwing; the 1 MB input of the same shape is fixed too, twice, to the same text. The
/// bound only catches hangs and super-linear blow-ups (a quadratic pass over these sizes takes minutes); the
/// real times, and their ratio to a 1 MB input of the same shape, go to the test output for a person to read
/// rather than into a flaky assertion.
/// </summary>
public class PathologicalInputTests
{
    /// <summary>Far above the few seconds the largest input takes on a slow, shared CI machine.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly ITestOutputHelper _output;

    public PathologicalInputTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static IEnumerable<object[]> Shapes() => PathologicalInputs.All.Select(shape => new object[] { shape.Name });

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Is_analysed_and_fixed_in_bounded_time_with_diagnostics_not_exceptions(string name)
    {
        var shape = PathologicalInputs.All.Single(candidate => candidate.Name == name);
        Measure(shape.Make(10), fix: true); // warm-up, so JIT time is not measured

        var full = shape.Make(shape.FullUnits);
        var (fullTime, fullResult) = Measure(full, fix: false);
        var oneMegabyte = shape.OfSize(PathologicalInputs.Megabyte);
        var (oneMegabyteTime, _) = Measure(oneMegabyte, fix: true);

        Assert.Contains(shape.Expected, fullResult.Syntax.Diagnostics.Select(d => d.Code).Concat(fullResult.Findings.Select(f => f.Id)));
        var sizeRatio = (double)full.Length / oneMegabyte.Length;
        var timeRatio = fullTime.TotalMilliseconds / Math.Max(oneMegabyteTime.TotalMilliseconds, 0.001);
        RobustnessReport.Write(_output, FormattableString.Invariant(
            $"pathological {shape.Name}: {full.Length / (double)PathologicalInputs.Megabyte:F2} MB in {fullTime.TotalMilliseconds:F0} ms; 1 MB of the same shape in {oneMegabyteTime.TotalMilliseconds:F0} ms; size ratio {sizeRatio:F2}, time ratio {timeRatio:F2}; {fullResult.Findings.Count} findings, {fullResult.Syntax.Diagnostics.Count} parse diagnostics"));
    }

    /// <summary>Decodes, analyses (and fixes) the bytes within <see cref="Bound"/>; the time is that of decoding and analysing.</summary>
    private static (TimeSpan Time, AnalysisResult Result) Measure(byte[] bytes, bool fix)
    {
        using var cancellation = new CancellationTokenSource();
        var work = Task.Run(() =>
        {
            var stopwatch = Stopwatch.StartNew();
            var text = DockerfileEncoding.Decode(bytes, out var encoding);
            var result = DockerfileAnalysis.Analyze(text, cancellation.Token);
            var elapsed = stopwatch.Elapsed;

            Assert.Equal(bytes, DockerfileEncoding.Encode(ModelText.Rebuild(result.Syntax), encoding));
            if (!fix)
            {
                return (elapsed, result);
            }

            var fixedText = DockerfileFixer.Fix(text, cancellationToken: cancellation.Token);
            Assert.Equal(fixedText.Text, DockerfileFixer.Fix(fixedText.Text, cancellationToken: cancellation.Token).Text);
            return (elapsed, result);
        });

        if (!work.Wait(Bound))
        {
            // Stop the work (the analysis honours the token) so a hang fails this test instead of the whole run.
            cancellation.Cancel();
            Assert.Fail($"not finished within {Bound.TotalSeconds} s ({bytes.Length} bytes)");
        }

        return work.Result;
    }
}
