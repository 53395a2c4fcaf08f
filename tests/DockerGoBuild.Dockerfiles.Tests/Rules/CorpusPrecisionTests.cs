using System.Collections.Generic;
using System.IO;
using System.Linq;
using DockerGoBuild.Dockerfiles.Rules;
using Xunit;
using Xunit.Abstractions;

namespace DockerGoBuild.Dockerfiles.Tests.Rules;

/// <summary>
/// The rules against the independently labelled findings of the real corpus
/// (../shared/corpus/expected-findings.tsv), matched on file, instruction line and rule id.
/// </summary>
public class CorpusPrecisionTests
{
    private const double Target = 0.95;
    private readonly ITestOutputHelper _output;

    public CorpusPrecisionTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Every_labelled_rule_reaches_the_precision_and_recall_target()
    {
        var expected = File.ReadLines(Path.Combine(Corpus.Root, "expected-findings.tsv"))
            .Skip(1)
            .Select(line => line.Split('\t'))
            .Select(columns => (Group: columns[0], File: columns[1], Line: int.Parse(columns[2]), Id: columns[3]))
            .ToHashSet();
        var actual = new HashSet<(string Group, string File, int Line, string Id)>();
        foreach (var path in Corpus.RealDockerfiles())
        {
            var group = Path.GetFileName(Path.GetDirectoryName(path)!);
            var result = DockerfileAnalysis.Analyze(Corpus.Read(path, out _));
            foreach (var finding in result.Findings.Where(f => f.Id != RuleIds.SyntaxError))
            {
                actual.Add((group, Path.GetFileName(path), finding.InstructionLine + 1, finding.Id));
            }
        }

        var failures = new List<string>();
        foreach (var id in expected.Select(e => e.Id).Distinct().OrderBy(id => id))
        {
            var labelled = expected.Where(e => e.Id == id).ToHashSet();
            var found = actual.Where(a => a.Id == id).ToHashSet();
            var truePositives = labelled.Intersect(found).Count();
            var precision = found.Count == 0 ? 0 : (double)truePositives / found.Count;
            var recall = (double)truePositives / labelled.Count;
            _output.WriteLine($"{id}: labelled {labelled.Count}, found {found.Count}, precision {precision:F3}, recall {recall:F3}");
            if (precision < Target || recall < Target)
            {
                failures.Add($"{id} precision {precision:F3} recall {recall:F3}; missed: {string.Join(", ", labelled.Except(found).Take(5))}; extra: {string.Join(", ", found.Except(labelled).Take(5))}");
            }
        }

        Assert.Empty(failures);
    }
}
