using System;
using System.Collections.Generic;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// The physical lines of a text. LF, CRLF and a lone CR each end a line, as Roslyn's SourceText
/// counts them, so that positions reported here and in the IDE agree.
/// </summary>
public sealed class LineMap
{
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
        var starts = new List<int>(text.Length / 32 + 1) { 0 };
        var contentEnds = new List<int>(text.Length / 32 + 1);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\n' && c != '\r')
            {
                continue;
            }

            contentEnds.Add(i);
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            starts.Add(i + 1);
        }

        // A final line break does not start another line unless text follows it.
        if (starts.Count > 1 && starts[starts.Count - 1] == text.Length)
        {
            starts.RemoveAt(starts.Count - 1);
        }
        else
        {
            contentEnds.Add(text.Length);
        }

        return new LineMap(text, starts.ToArray(), contentEnds.ToArray());
    }

    /// <summary>Offset of the first character of the line.</summary>
    public int Start(int line) => _starts[line];

    /// <summary>Offset just past the line's last character, before its line break.</summary>
    public int ContentEnd(int line) => _contentEnds[line];

    /// <summary>Offset just past the line break (the next line's start, or the end of the text).</summary>
    public int End(int line) => line + 1 < _starts.Length ? _starts[line + 1] : Text.Length;

    /// <summary>The line break that ends the line: "\n", "\r\n", "\r" or "" at the end of the text.</summary>
    public string LineBreak(int line) => Text.Substring(ContentEnd(line), End(line) - ContentEnd(line));

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
