using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using DockerGoBuild.Dockerfiles.Rules;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;
using Xunit.Abstractions;

namespace DockerGoBuild.Dockerfiles.Tests.Robustness;

/// <summary>
/// An IDE abandons a stale analysis as soon as the file changes again: cancelling an analysis of a large file
/// must make it return within 100 ms wherever it is (parsing, reading shell commands, running the rules).
/// </summary>
public class CancellationTests
{
    /// <summary>Large enough that an analysis takes seconds; larger files only make the test slower.</summary>
    public const int Size = 4 * PathologicalInputs.Megabyte;

    private readonly ITestOutputHelper _output;

    public CancellationTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static IEnumerable<object[]> Files() => new[]
    {
        new object[] { "many instructions" },
        new object[] { "10 MB single line" },
        new object[] { "200,000 continuation lines in one RUN" },
        new object[] { "unterminated heredoc at the top of a large file" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Analysis_returns_within_100_ms_of_cancellation(string name)
    {
        var text = LargeFile(name);
        var bound = TimeSpan.FromMilliseconds(100);
        var latencies = CancellationLatency.Measure(token => DockerfileAnalysis.Analyze(text, token), bound);

        RobustnessReport.Write(_output, $"cancellation {name} ({text.Length / (double)PathologicalInputs.Megabyte:F1} MB, core analysis): {CancellationLatency.Describe(latencies)}");
        CancellationLatency.AssertWithin(latencies, bound);
    }

    [Fact]
    public void A_token_cancelled_before_the_start_stops_the_parse_at_once()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => DockerfileParser.Parse(LargeFile("many instructions"), cancellation.Token));
    }

    /// <summary>A large file of the named shape: the busy many-instruction file, or one of the pathological shapes.</summary>
    public static string LargeFile(string name) =>
        name == "many instructions"
            ? PathologicalInputs.LargeDockerfile(Size)
            : Encoding.UTF8.GetString(PathologicalInputs.All.Single(shape => shape.Name == name).OfSize(Size));
}
