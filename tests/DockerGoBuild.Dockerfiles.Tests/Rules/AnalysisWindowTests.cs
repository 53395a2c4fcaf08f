using System.Collections.Generic;
using System.Linq;
using System.Text;
using DockerGoBuild.Dockerfiles.Rules;
using DockerGoBuild.Dockerfiles.Syntax;
using DockerGoBuild.Dockerfiles.Tests.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Rules;

/// <summary>
/// The rules of the instructions run over one window of whole stages after another, which a parse in place reads
/// just before: the windows change no finding, its span, message or fix, whatever their size.
/// </summary>
public class AnalysisWindowTests
{
    // Window sizes, in instructions: a stage each (a window ends at the first FROM after its first instruction), a few
    // stages, and many.
    public static TheoryData<int> WindowSizes => new() { 1, 7, 64 };

    [Theory]
    [MemberData(nameof(WindowSizes))]
    public void Every_corpus_file_has_the_same_findings_in_windows_as_in_one(int windowInstructions)
    {
        var compared = 0;
        foreach (var path in Corpus.RealDockerfiles())
        {
            var text = Corpus.Read(path, out _);
            var syntax = DockerfileParser.Parse(text);
            var whole = Describe(DockerfileAnalysis.FindingsOf(syntax, int.MaxValue, default));
            Assert.Equal(whole, Describe(DockerfileAnalysis.FindingsOf(syntax, windowInstructions, default)));
            Assert.Equal(whole, Describe(DockerfileAnalysis.FindingsOf(text, windowInstructions, default)));
            compared += whole.Length;
        }

        Assert.True(compared > 500, $"only {compared} findings compared");
    }

    [Theory]
    [MemberData(nameof(WindowSizes))]
    public void A_file_of_many_stages_has_the_same_findings_in_windows_as_in_one(int windowInstructions)
    {
        var text = ManyStages(40);
        var syntax = DockerfileParser.Parse(text);
        var whole = Describe(DockerfileAnalysis.FindingsOf(syntax, int.MaxValue, default));

        var windowed = Describe(DockerfileAnalysis.FindingsOf(syntax, windowInstructions, default));

        Assert.Equal(whole, windowed);
        Assert.Equal(whole, Describe(DockerfileAnalysis.FindingsOf(text, windowInstructions, default)));
        Assert.Equal(whole, Describe(DockerfileAnalysis.Analyze(text).Findings));

        // Every rule of the instructions finds something in each stage, so the windows' findings are merged.
        foreach (var id in new[] { "DGB010", "DGB011", "DGB012", "DGB020", "DGB030", "DGB031", "DGB032" })
        {
            Assert.True(windowed.Count(finding => finding.StartsWith(id)) >= 40, id);
        }
    }

    [Fact]
    public void A_file_analysed_as_it_is_parsed_keeps_the_syntax_a_parse_makes()
    {
        // 2,000 instructions: four windows of the default size, parsed into the thread's tables, then the syntax's own.
        var text = ManyStages(200) + "# a comment at the end\nFORM alpine\n";
        var parsed = DockerfileParser.Parse(text);
        var whole = Describe(DockerfileAnalysis.FindingsOf(parsed, int.MaxValue, default));

        var analysed = DockerfileAnalysis.Analyze(text);
        DockerfileAnalysis.Analyze(ManyStages(3));

        Assert.Equal(whole, Describe(analysed.Findings));
        Assert.Equal(IncrementalParseTests.Describe(parsed), IncrementalParseTests.Describe(analysed.Syntax));
        Assert.Contains(analysed.Findings, finding => finding.Id == "DGB000");
    }

    [Fact]
    public void Large_files_in_a_batch_are_parsed_window_by_window_each_in_its_own_tables()
    {
        // Each file of a batch is parsed as far as its first window before any is analysed: the large ones go on
        // being parsed, window by window, while each is analysed in its turn.
        var large = ManyStages(120);
        var other = ManyStages(90).Replace("GITHUB_TOKEN", "NPM_TOKEN");
        var texts = new[] { large, "FROM alpine\nRUN go build ./...\n", other, large, other };
        var expected = texts.Select(text => Describe(DockerfileAnalysis.Analyze(text).Findings)).ToArray();

        var batched = DockerfileAnalysis.FindingsOf(texts).Select(Describe).ToArray();
        var onThreads = new string[4][][];
        System.Threading.Tasks.Parallel.For(0, onThreads.Length, i => onThreads[i] = DockerfileAnalysis.FindingsOf(texts).Select(Describe).ToArray());

        Assert.True(large.Split('\n').Length > 1024 && other.Split('\n').Length > 512);
        Assert.Equal(expected, batched);
        Assert.All(onThreads, result => Assert.Equal(expected, result));
    }

    [Fact]
    public void A_fix_reaches_the_last_run_of_a_stage_longer_than_a_window()
    {
        var text = new StringBuilder("FROM alpine\nARG NPM_TOKEN\n");
        for (var i = 0; i < 30; i++)
        {
            text.Append("RUN echo ").Append(i).Append('\n');
        }

        text.Append("RUN npm ci --token $NPM_TOKEN\nFROM alpine\nRUN echo next\n");
        var syntax = DockerfileParser.Parse(text.ToString());

        var finding = Assert.Single(DockerfileAnalysis.FindingsOf(syntax, 4, default), f => f.Id == "DGB031");

        Assert.Contains(finding.Fix, edit => edit.NewText.StartsWith("--mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN"));
    }

    [Theory]
    [MemberData(nameof(WindowSizes))]
    public void A_directive_misplaced_after_the_first_window_is_known_to_the_fixes_in_it(int windowInstructions)
    {
        // No effective syntax directive: the ARG's fix would insert one (for env= on secret mounts), but not while a
        // syntax directive BuildKit ignores is there, which the parse reaches only in the last window.
        var text = new StringBuilder(ManyStages(20).Replace("# syntax=docker/dockerfile:1\n", ""));
        text.Append("# syntax=docker/dockerfile:1.10\n");
        var whole = Describe(DockerfileAnalysis.FindingsOf(DockerfileParser.Parse(text.ToString()), int.MaxValue, default));

        var windowed = Describe(DockerfileAnalysis.FindingsOf(text.ToString(), windowInstructions, default));

        Assert.Equal(whole, windowed);
        Assert.Contains(windowed, finding => finding.StartsWith("DGB002"));
        Assert.DoesNotContain(windowed, finding => finding.StartsWith("DGB031") && finding.Contains("docker/dockerfile:1"));
    }

    [Theory]
    [MemberData(nameof(WindowSizes))]
    public void A_template_found_only_at_its_end_has_no_findings(int windowInstructions)
    {
        var text = ManyStages(20) + "{{ range .Extra }}\nRUN echo {{ . }}\n{{ end }}\n";

        Assert.Empty(DockerfileAnalysis.FindingsOf(text, windowInstructions, default));
        Assert.Empty(DockerfileAnalysis.Analyze(text).Findings);
    }

    // Stages that each give every rule of the instructions a finding: a global ARG read in every stage, a stage
    // built FROM the one before, a secret ARG with a fix in the RUNs after it, a copied key, mounts.
    private static string ManyStages(int stages)
    {
        var text = new StringBuilder("# syntax=docker/dockerfile:1\nARG GO_VERSION=1.23\n");
        for (var i = 0; i < stages; i++)
        {
            text.Append("FROM ").Append(i == 0 ? "golang:${GO_VERSION}" : "build" + (i - 1)).Append(" AS build").Append(i).Append('\n')
                .Append("ARG GITHUB_TOKEN\n")
                .Append("ENV DB_PASSWORD=").Append(i).Append('\n')
                .Append("COPY id_rsa /root/.ssh/id_rsa\n")
                .Append("RUN go mod download && go vet ./...\n")
                .Append("RUN --mount=type=cache,target=/tmp/gocache go build -o /out/app").Append(i).Append(" ./...\n")
                .Append("RUN --mount=type=secret,id=ssh_key,target=/root/.ssh/id_rsa git clone git@github.com:org/repo").Append(i).Append(".git\n")
                .Append("RUN dotnet restore App").Append(i).Append(".csproj\n")
                .Append("RUN curl -H \"Authorization: $GITHUB_TOKEN\" https://example.com/").Append(i).Append('\n');
        }

        return text.ToString();
    }

    private static string[] Describe(IReadOnlyList<Finding> findings) => FindingsOnlyTests.Describe(findings);
}
