using System.Linq;
using CsCheck;
using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;
using Xunit.Abstractions;

namespace DockerGoBuild.Dockerfiles.Tests.Robustness;

/// <summary>
/// The invariants are only as strong as the inputs that reach them: a generator of nothing but garbage would
/// never exercise "a fix keeps a clean parse clean". These tests hold the generator and the mutator to making
/// files that parse cleanly, files the fix engine changes, and files with heredocs and continuations.
/// </summary>
public class GeneratorCoverageTests
{
    private const int Files = 1000;

    private readonly ITestOutputHelper _output;

    public GeneratorCoverageTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Generated_files_reach_clean_parses_fixes_heredocs_and_continuations()
    {
        var texts = DockerfileGenerator.Dockerfile.Array[Files].Single();
        var syntaxes = texts.Select(text => DockerfileParser.Parse(text)).ToList();
        var clean = syntaxes.Count(syntax => !syntax.HasErrors);
        var fixedClean = texts.Where((text, index) => !syntaxes[index].HasErrors).Count(text => DockerfileFixer.Fix(text).Changed);
        var heredocs = syntaxes.Count(syntax => syntax.Instructions.Any(instruction => instruction.Heredocs.Count > 0));
        var continued = syntaxes.Count(syntax => syntax.Instructions.Any(instruction => instruction.EndLine > instruction.StartLine));
        var backtick = syntaxes.Count(syntax => syntax.EscapeCharacter == '`');
        // Which errors the rest have: a guide for making the generator reach further.
        foreach (var group in syntaxes.SelectMany(syntax => syntax.Diagnostics.Where(d => d.Severity == ParseSeverity.Error).Select(d => d.Code).Distinct()).GroupBy(code => code).OrderByDescending(g => g.Count()))
        {
            _output.WriteLine($"{group.Key}: {group.Count()}");
        }

        _output.WriteLine($"of {Files} generated files: {clean} parse cleanly, {fixedClean} of those are changed by fixing, {heredocs} have heredocs, {continued} continuations, {backtick} the backtick escape");

        Assert.InRange(clean, Files / 4, Files);
        Assert.InRange(fixedClean, Files / 6, Files);
        Assert.InRange(heredocs, Files / 10, Files);
        Assert.InRange(continued, Files / 4, Files);
        Assert.InRange(backtick, Files / 20, Files);
    }
}
