namespace DockerGoBuild.Cli.Lint;

/// <summary>One line per finding: <c>path(line,col): warning DGB010: message</c>, as compilers print them.</summary>
internal sealed class TextReportWriter : IReportWriter
{
    public void Write(IReadOnlyList<LintedFile> files, TextWriter output)
    {
        foreach (var file in files)
        {
            foreach (var finding in file.Findings)
            {
                var location = ReportedLocation.Of(finding, file.Lines);
                output.WriteLine($"{file.DisplayPath}({location.StartLine},{location.StartColumn}): {SeverityNames.Text(finding.Rule.DefaultSeverity)} {finding.Id}: {finding.Message}");
            }
        }
    }
}
