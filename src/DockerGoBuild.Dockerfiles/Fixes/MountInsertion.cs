using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Fixes;

/// <summary>
/// Adds a <c>--mount=...</c> flag to a RUN right after the keyword, before its other flags and its
/// command. When the RUN's first flag or command starts a continuation line, the mount gets its own
/// continuation line with the same indentation, so the instruction keeps its layout.
/// </summary>
internal static class MountInsertion
{
    public static TextEdit Create(DockerfileSyntax syntax, Instruction run, string mount)
    {
        var logicalPosition = run.Flags.Count > 0 ? run.Flags[0].Start : run.ArgumentsStart;
        var position = run.Line.ToSource(logicalPosition);
        var line = syntax.Lines.GetLineIndex(position);
        var keywordLine = syntax.Lines.GetLineIndex(run.KeywordSpan.Start);
        if (line == keywordLine)
        {
            return TextEdit.Insert(position, mount + " ");
        }

        var lineStart = syntax.Lines.Start(line);
        var indentation = syntax.Text.Substring(lineStart, position - lineStart);
        return TextEdit.Insert(position, mount + " " + syntax.EscapeCharacter + syntax.Lines.LineBreak(line) + indentation);
    }
}
