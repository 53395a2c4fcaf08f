namespace DockerGoBuild.Cli.Lint;

/// <summary>One JSON document: <c>{"diagnostics":[...],"files":N}</c> with 1-based lines and columns.</summary>
internal sealed class JsonReportWriter : IReportWriter
{
    public void Write(IReadOnlyList<LintedFile> files, TextWriter output) => JsonText.Write(output, json =>
    {
        json.WriteStartObject();
        json.WriteStartArray("diagnostics");
        foreach (var file in files)
        {
            foreach (var finding in file.Findings)
            {
                var location = ReportedLocation.Of(finding, file.Lines);
                json.WriteStartObject();
                json.WriteString("file", file.DisplayPath);
                json.WriteNumber("line", location.StartLine);
                json.WriteNumber("column", location.StartColumn);
                json.WriteNumber("endLine", location.EndLine);
                json.WriteNumber("endColumn", location.EndColumn);
                json.WriteNumber("instructionLine", location.InstructionLine);
                json.WriteString("id", finding.Id);
                json.WriteString("severity", SeverityNames.Text(finding.Rule.DefaultSeverity));
                json.WriteString("message", finding.Message);
                json.WriteBoolean("fixable", finding.IsFixable);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
        json.WriteNumber("files", files.Count);
        json.WriteEndObject();
    });
}
