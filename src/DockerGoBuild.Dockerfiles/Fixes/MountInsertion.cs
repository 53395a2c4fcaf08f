using System;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Fixes;

/// <summary>
/// Adds a <c>--mount=...</c> flag to a RUN right after the keyword, before its other flags and its
/// command. When the RUN's first flag or command starts a continuation line, the mount gets its own
/// continuation line with the same indentation, so the instruction keeps its layout.
/// </summary>
internal static class MountInsertion
{
    /// <summary>
    /// The edit that inserts <paramref name="mountAndBlank"/>, the flag and the blank that parts it from the next
    /// word (e.g. <c>"--mount=type=ssh "</c>), into <paramref name="run"/>.
    /// </summary>
    public static TextEdit Create(DockerfileSyntax syntax, Instruction run, string mountAndBlank) =>
        TextEdit.Insert(Position(syntax, run, mountAndBlank, out var newText), newText);

    /// <summary>
    /// Where <see cref="Create"/>'s edit inserts, and its text, without the edit: for a finding that makes its fix's
    /// edit only when the fix is read (see <see cref="Rules.Finding"/>).
    /// </summary>
    public static int Position(DockerfileSyntax syntax, Instruction run, string mountAndBlank, out string newText)
    {
        // The first word after the keyword: the first flag, the command, or a bare "--" that ends the flags
        // (a mount inserted after that would be a word of the command, and the finding would never go away).
        var keywordStart = run.KeywordStart;
        var logicalKeywordEnd = keywordStart + run.Keyword.Length;
        var logicalPosition = logicalKeywordEnd;
        while (logicalPosition < run.ArgumentsStart && char.IsWhiteSpace(run.Line.CharAt(logicalPosition)))
        {
            logicalPosition++;
        }

        var position = run.Line.ToSource(logicalPosition);
        // On the line where the keyword ends (a keyword split by a continuation, "R\<newline>UN", ends on a later
        // line) unless a line break ('\n', or '\r' alone or before it) lies between them: told so, most RUNs need no
        // search for their lines.
        var keywordEnd = run.Line.ToSource(keywordStart, logicalKeywordEnd).End;
        var text = syntax.Text;
        if (text.AsSpan(Math.Min(keywordEnd, position), Math.Abs(position - keywordEnd)).IndexOfAny('\n', '\r') < 0)
        {
            newText = mountAndBlank;
            return position;
        }

        var line = syntax.Lines.GetLineIndex(position);
        var lineStart = syntax.Lines.Start(line);
        var indentation = text.Substring(lineStart, position - lineStart);
        newText = mountAndBlank + syntax.EscapeCharacter + syntax.Lines.LineBreak(line) + indentation;
        return position;
    }

    /// <summary>
    /// Whether <paramref name="value"/> can stand unquoted as a mount option's value in a fix: BuildKit splits the
    /// options at commas, strips quotes and expands variables, and a blank or a control character ends or breaks
    /// the flag. A value that cannot is left to a person rather than written in a way that means something else.
    /// </summary>
    public static bool IsPlainValue(string value)
    {
        foreach (var c in value)
        {
            // Printable ASCII, nearly every character, is told without the general tests.
            var isPrintableAscii = c > ' ' && c < 0x7F;
            if (c is ',' or '"' or '\'' or '$' or '\\' or '`' || (!isPrintableAscii && (char.IsWhiteSpace(c) || char.IsControl(c))))
            {
                return false;
            }
        }

        return value.Length > 0;
    }
}
