namespace DockerGoBuild.Cli.Lint;

/// <summary>Writes the lint report in one output format.</summary>
internal interface IReportWriter
{
    void Write(IReadOnlyList<LintedFile> files, TextWriter output);
}
