using System;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// The physical lines of a text. LF, CRLF and a lone CR each end a line, as Roslyn's SourceText
/// counts them, so that positions reported here and in the IDE agree.
/// </summary>
public sealed class LineMap
{
    // Only the first Count entries are lines. A line's content end is not stored: it is the next line's
    // start (or the end of the text) less the line break found there, which halves the table.
    private readonly int[] _starts;

    private LineMap(string text, int[] starts, int count)
    {
        Text = text;
        _starts = starts;
        Count = count;
    }

    public string Text { get; }

    public int Count { get; }

    public static LineMap Create(string text)
    {
        // The tables start at a typical line length's estimate and double when a file has shorter lines.
        var capacity = (text.Length / 24) + 2;
        var starts = new int[capacity];
        var count = 0;
        var lineStart = 0;

        // One search per line for '\n', and for '\r' only while there is one ahead (most files have none):
        // a single-character search is the fastest there is, and lines are too short for anything else to pay.
        var nextLf = text.IndexOf('\n');
        var nextCr = text.IndexOf('\r');
        while (nextLf >= 0 || nextCr >= 0)
        {
            var lineBreak = nextCr < 0 || (nextLf >= 0 && nextLf < nextCr) ? nextLf : nextCr;
            var next = lineBreak + 1;
            if (lineBreak == nextCr && next < text.Length && text[next] == '\n')
            {
                next++;
            }

            if (count == starts.Length)
            {
                Array.Resize(ref starts, count * 2);
            }

            starts[count] = lineStart;
            count++;
            lineStart = next;
            if (nextLf >= 0 && nextLf < next)
            {
                nextLf = next < text.Length ? text.IndexOf('\n', next) : -1;
            }

            if (nextCr >= 0 && nextCr < next)
            {
                nextCr = next < text.Length ? text.IndexOf('\r', next) : -1;
            }
        }

        // A final line break does not start another line unless text follows it.
        if (count == 0 || lineStart < text.Length)
        {
            if (count == starts.Length)
            {
                Array.Resize(ref starts, count + 1);
            }

            starts[count] = lineStart;
            count++;
        }

        return new LineMap(text, starts, count);
    }

    /// <summary>Offset of the first character of the line.</summary>
    public int Start(int line) => _starts[Checked(line)];

    /// <summary>Offset just past the line's last character, before its line break.</summary>
    public int ContentEnd(int line)
    {
        var end = End(Checked(line));
        var start = _starts[line];
        if (end == start)
        {
            return end;
        }

        // Only the last line can end without a line break; a '\r' before a final '\n' is part of a CRLF,
        // since a lone CR would have ended the line itself.
        var last = Text[end - 1];
        if (last == '\n')
        {
            return end - 1 > start && Text[end - 2] == '\r' ? end - 2 : end - 1;
        }

        return last == '\r' ? end - 1 : end;
    }

    /// <summary>Offset just past the line break (the next line's start, or the end of the text).</summary>
    public int End(int line) => line + 1 < Count ? _starts[line + 1] : Text.Length;

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

    // The tables are longer than the text's lines: indexes past the last line are errors all the same.
    private int Checked(int line) => (uint)line < (uint)Count ? line : throw new ArgumentOutOfRangeException(nameof(line));

    public int GetLineIndex(int position)
    {
        if (position <= 0)
        {
            return 0;
        }

        var index = Array.BinarySearch(_starts, 0, Count, position);
        return index >= 0 ? index : ~index - 1;
    }

    public LinePosition GetPosition(int position)
    {
        var line = GetLineIndex(position);
        return new LinePosition(line, position - _starts[line]);
    }
}
