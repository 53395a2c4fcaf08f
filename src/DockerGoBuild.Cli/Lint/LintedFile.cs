using DockerGoBuild.Dockerfiles.Rules;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Cli.Lint;

/// <summary>One linted file as the report writers see it: where it is, its lines, and its findings in source order.</summary>
internal sealed record LintedFile(string DisplayPath, LineMap Lines, IReadOnlyList<Finding> Findings);

/// <summary>A finding's place in 1-based lines and columns, as editors and SARIF count them.</summary>
internal readonly record struct ReportedLocation(int StartLine, int StartColumn, int EndLine, int EndColumn, int InstructionLine)
{
    private const char ByteOrderMark = '\uFEFF';

    public static ReportedLocation Of(Finding finding, LineMap lines)
    {
        var start = lines.GetPosition(finding.Span.Start);
        var end = lines.GetPosition(finding.Span.End);
        return new ReportedLocation(
            start.Line + 1,
            Column(start, lines),
            end.Line + 1,
            Column(end, lines),
            finding.InstructionLine + 1);
    }

    /// <summary>
    /// The text keeps a byte-order mark as U+FEFF so that fixes can write it back, but editors and Roslyn
    /// do not count it: on the first line, columns after it are one less.
    /// </summary>
    private static int Column(LinePosition position, LineMap lines)
    {
        var afterByteOrderMark = position.Line == 0 && position.Character > 0 && lines.Text.Length > 0 && lines.Text[0] == ByteOrderMark;
        return afterByteOrderMark ? position.Character : position.Character + 1;
    }
}

/// <summary>How severities are spelled in each output format.</summary>
internal static class SeverityNames
{
    public static string Text(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Info => "info",
        RuleSeverity.Warning => "warning",
        _ => "error",
    };

    /// <summary>SARIF's result levels: note, warning, error.</summary>
    public static string SarifLevel(RuleSeverity severity) => severity == RuleSeverity.Info ? "note" : Text(severity);
}
