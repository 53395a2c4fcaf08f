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

    [Fact]
    public void States_made_in_entries_an_earlier_model_filled_hold_only_their_own_values()
    {
        // The state table's entries are left as they are when the tables are given back: the first model fills them
        // with every kind of value, the second starts a stage in each, then sets as many values as the first did.
        const string Set = "FROM golang\nENV GOPATH=/go\nARG A=1\nUSER app\nWORKDIR /src\nSHELL [\"pwsh\"]\nRUN go env -w GOFLAGS=-mod=mod\nRUN true\n";
        var stages = string.Concat(Enumerable.Repeat("FROM alpine\n", 7)) + "ENV B1=1 B2=2 B3=3 B4=4 B5=5 B6=6 B7=7\nRUN true\n";
        var states = OnNewThread(() =>
        {
            BuildModel.Create(DockerfileParser.Parse(Set), default).Release();
            var model = BuildModel.Create(DockerfileParser.Parse(stages), default);
            var described = Enumerable.Range(0, model.Instructions.Count).Select(i => Describe(model.Instructions[i].State)).ToArray();
            model.Release();
            return described;
        });

        Assert.Equal(Enumerable.Repeat("user= workdir=/ shell= env= args= go=", 7), states.Take(7));
        Assert.Equal("user= workdir=/ shell= env=B1,B2,B3,B4,B5,B6,B7 args= go=", states[^1]);
    }

    private static string Describe(in StageState state) =>
        $"user={state.User} workdir={state.Workdir} shell={state.Shell} env={string.Join(",", state.Env.Keys)} args={string.Join(",", state.Args.Keys)} go={string.Join(",", state.GoEnvFile.Keys)}";

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
