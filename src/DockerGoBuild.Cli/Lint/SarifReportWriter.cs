using System.Text.Json;
using DockerGoBuild.Dockerfiles.Rules;

namespace DockerGoBuild.Cli.Lint;

/// <summary>A SARIF 2.1.0 log with one run, for code-scanning services and SARIF viewers.</summary>
internal sealed class SarifReportWriter : IReportWriter
{
    private const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    private const string ToolInformationUri = "https://github.com/dockergobuild/DockerGoBuild.Analyzers";

    public void Write(IReadOnlyList<LintedFile> files, TextWriter output)
    {
        // Every known rule is listed, so that viewers can show rules that found nothing; a finding from a rule
        // missing in Descriptors.All still gets an entry, since results point at rules by index.
        var rules = Descriptors.All.Concat(files.SelectMany(file => file.Findings).Select(finding => finding.Rule)).Distinct().ToList();
        var ruleIndexes = rules.Select((rule, index) => (rule, index)).ToDictionary(pair => pair.rule, pair => pair.index);

        JsonText.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, rules);
            json.WriteStartArray("results");
            foreach (var file in files)
            {
                foreach (var finding in file.Findings)
                {
                    WriteResult(json, file, finding, ruleIndexes[finding.Rule]);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void WriteTool(Utf8JsonWriter json, IReadOnlyList<RuleDescriptor> rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "dockergobuild");
        json.WriteString("informationUri", ToolInformationUri);
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Name);
            WriteMessage(json, "shortDescription", rule.Title);
            WriteMessage(json, "fullDescription", rule.Description);
            json.WriteString("helpUri", rule.HelpUri);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", SeverityNames.SarifLevel(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, LintedFile file, Finding finding, int ruleIndex)
    {
        var location = ReportedLocation.Of(finding, file.Lines);
        json.WriteStartObject();
        json.WriteString("ruleId", finding.Id);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", SeverityNames.SarifLevel(finding.Rule.DefaultSeverity));
        WriteMessage(json, "message", finding.Message);
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", ArtifactUri(file.DisplayPath));
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", location.StartLine);
        json.WriteNumber("startColumn", location.StartColumn);
        json.WriteNumber("endLine", location.EndLine);
        json.WriteNumber("endColumn", location.EndColumn);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter json, string propertyName, string text)
    {
        json.WriteStartObject(propertyName);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    /// <summary>
    /// A relative path becomes a relative URI reference with forward slashes (as code-scanning services expect);
    /// an absolute path, which has no meaning relative to a checkout, becomes a file:// URI.
    /// </summary>
    private static string ArtifactUri(string displayPath)
    {
        if (Path.IsPathFullyQualified(displayPath))
        {
            return new Uri(displayPath).AbsoluteUri;
        }

        var segments = displayPath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return string.Join('/', segments.Where(segment => segment != ".").Select(Uri.EscapeDataString));
    }
}
