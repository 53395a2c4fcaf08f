using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DockerGoBuild.Dockerfiles.Rules;
using DockerGoBuild.Dockerfiles.Semantics;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Semantics;

/// <summary>A thread reuses the tables of its last released model: models must not see each other's commands.</summary>
public class ModelTablesTests
{
    private const string GoBuild = "FROM golang:1.23\nRUN go mod download && go build -o \"/out/app\" ./cmd/app\nRUN <<EOF\ngo test ./...\nEOF\n";
    private const string DotnetBuild = "FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN [\"dotnet\", \"restore\", \"App.csproj\"]\nRUN dotnet publish -c Release 'App.csproj' \\\n  -o /app\n";

    [Fact]
    public void A_model_in_use_keeps_its_commands_while_the_thread_builds_another()
    {
        var first = BuildModel.Create(DockerfileParser.Parse(GoBuild), default);
        var second = BuildModel.Create(DockerfileParser.Parse(DotnetBuild), default);

        Assert.Equal(new[] { "go mod download", "go build -o /out/app ./cmd/app", "go test ./..." }, Commands(first));
        Assert.Equal(new[] { "dotnet restore App.csproj", "dotnet publish -c Release App.csproj -o /app" }, Commands(second));
        first.Release();
        second.Release();
    }

    [Fact]
    public void A_model_built_on_released_tables_holds_only_its_own_commands()
    {
        var expected = Commands(BuildModel.Create(DockerfileParser.Parse(GoBuild), default));

        var other = BuildModel.Create(DockerfileParser.Parse(DotnetBuild + DotnetBuild), default);
        _ = Commands(other);
        other.Release();
        var reused = BuildModel.Create(DockerfileParser.Parse(GoBuild), default);

        Assert.Equal(expected, Commands(reused));
        reused.Release();
    }

    [Fact]
    public void Analyses_on_a_thread_that_analysed_other_files_find_what_a_fresh_thread_finds()
    {
        var texts = new[] { GoBuild, DotnetBuild, GoBuild + DotnetBuild, "FROM alpine\nRUN echo hi\n" };
        var fresh = texts.Select(text => OnNewThread(() => Describe(DockerfileAnalysis.Analyze(text)))).ToArray();

        var reused = OnNewThread(() => texts.Concat(texts.Reverse()).Select(text => Describe(DockerfileAnalysis.Analyze(text))).ToArray());

        Assert.Equal(fresh.Concat(fresh.Reverse()), reused);
    }

    [Fact]
    public void Analyses_after_a_file_too_large_for_the_kept_tables_find_what_a_fresh_thread_finds()
    {
        // More instructions than the tables a thread keeps for good: such tables are kept only until a collection.
        var large = "FROM golang:1.23 AS build\n" + string.Concat(Enumerable.Repeat("ENV GOFLAGS=-mod=mod\nRUN go build ./...\n", 2500));
        var texts = new[] { large, GoBuild, large + DotnetBuild, DotnetBuild, large };
        var fresh = texts.Select(text => OnNewThread(() => Describe(DockerfileAnalysis.Analyze(text)))).ToArray();

        var reused = OnNewThread(() => texts.Select(text => Describe(DockerfileAnalysis.Analyze(text))).ToArray());

        Assert.Equal(fresh, reused);
    }

    private static string[] Commands(BuildModel model)
    {
        var commands = new List<string>();
        foreach (var fact in model.Instructions)
        {
            for (var i = 0; i < fact.Commands.Length; i++)
            {
                var command = fact.Commands[i];
                commands.Add(string.Join(" ", new[] { command.Name }.Concat(command.Arguments)));
            }
        }

        return commands.ToArray();
    }

    private static string Describe(AnalysisResult result) => string.Join("\n", result.Findings.Select(finding => $"{finding} | {finding.FixTitle} | {string.Join(";", finding.Fix)}"));

    private static T OnNewThread<T>(System.Func<T> work)
    {
        T result = default!;
        var thread = new Thread(() => result = work());
        thread.Start();
        thread.Join();
        return result;
    }
}
