using System;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// The physical lines of a text. LF, CRLF and a lone CR each end a line, as Roslyn's SourceText
/// counts them, so that positions reported here and in the IDE agree.
/// </summary>
public sealed class LineMap
{
    private static readonly char[] LineBreakChars = { '\n', '\r' };

    private readonly int[] _starts;
    private readonly int[] _contentEnds;

    private LineMap(string text, int[] starts, int[] contentEnds)
    {
        Text = text;
        _starts = starts;
        _contentEnds = contentEnds;
    }

    public string Text { get; }

    public int Count => _starts.Length;

    public static LineMap Create(string text)
    {
        // Two passes: counting the line breaks first lets both tables be allocated once, at their final size.
        var breaks = 0;
        for (var i = text.IndexOfAny(LineBreakChars); i >= 0; i = text.IndexOfAny(LineBreakChars, i + 1))
        {
            breaks++;
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }
        }

        // A final line break does not start another line unless text follows it.
        var endsWithBreak = text.Length > 0 && (text[text.Length - 1] == '\n' || text[text.Length - 1] == '\r');
        var count = breaks > 0 && endsWithBreak ? breaks : breaks + 1;
        var starts = new int[count];
        var contentEnds = new int[count];
        var line = 0;
        for (var i = text.IndexOfAny(LineBreakChars); i >= 0; i = text.IndexOfAny(LineBreakChars, i + 1))
        {
            contentEnds[line] = i;
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            line++;
            if (line < count)
            {
                starts[line] = i + 1;
            }
        }

        if (line < count)
        {
            contentEnds[line] = text.Length;
        }

        return new LineMap(text, starts, contentEnds);
    }

    /// <summary>Offset of the first character of the line.</summary>
    public int Start(int line) => _starts[line];

    /// <summary>Offset just past the line's last character, before its line break.</summary>
    public int ContentEnd(int line) => _contentEnds[line];

    /// <summary>Offset just past the line break (the next line's start, or the end of the text).</summary>
    public int End(int line) => line + 1 < _starts.Length ? _starts[line + 1] : Text.Length;

    /// <summary>The line break that ends the line: "\n", "\r\n", "\r" or "" at the end of the text.</summary>
    public string LineBreak(int line)
    {
        var contentEnd = ContentEnd(line);
        switch (End(line) - contentEnd)
        {
            case 0:
                return string.Empty;
            case 2:
                return "\r\n";
            default:
                return Text[contentEnd] == '\n' ? "\n" : "\r";
        }
    }

    public int GetLineIndex(int position)
    {
        if (position <= 0)
        {
            return 0;
        }

        var index = Array.BinarySearch(_starts, position);
        return index >= 0 ? index : ~index - 1;
    }

    public LinePosition GetPosition(int position)
    {
        var line = GetLineIndex(position);
        return new LinePosition(line, position - _starts[line]);
    }
}
