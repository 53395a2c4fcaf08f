using System;
using System.Collections.Generic;
using System.Numerics;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// Finds the heredoc words of an instruction line as BuildKit does: a whole word of the form
/// <c>[N]&lt;&lt;[-]WORD</c>, where WORD has no '&lt;' (so <c>&lt;&lt;&lt;</c> is a here-string and
/// <c>&lt;&lt; EOF</c> with a blank is not a heredoc). WORD ends at an unquoted redirection or
/// separator character, as a shell ends it: <c>&lt;&lt;EOF&gt;file</c> is the heredoc EOF.
/// </summary>
internal static unsafe class HeredocMarkers
{
    public readonly struct Marker
    {
        public Marker(string name, bool chomp, bool expand, int fileDescriptor, int start, int end)
        {
            Name = name;
            Chomp = chomp;
            Expand = expand;
            FileDescriptor = fileDescriptor;
            Start = start;
            End = end;
        }

        public string Name { get; }

        public bool Chomp { get; }

        public bool Expand { get; }

        public int FileDescriptor { get; }

        public int Start { get; }

        public int End { get; }
    }

    /// <summary>
    /// The heredoc markers of the logical line line[0, length), put in <paramref name="markers"/> (which the caller
    /// gives empty, and reuses from line to line). Only a line holding "&lt;&lt;" can have one: the caller looks for
    /// that first, where the runtime's search can see the line.
    /// </summary>
    public static void Find(char* line, int length, List<Marker> markers)
    {
        var pos = 0;
        while (pos < length)
        {
            while (pos < length && Chars.IsWhiteSpace(line[pos]))
            {
                pos++;
            }

            var wordStart = pos;
            pos = SkipWord(line, pos, length);
            if (pos > wordStart && TryRead(line, wordStart, pos, out var marker))
            {
                markers.Add(marker);
            }
        }
    }

    // A shell word: quotes group, '\' escapes the next character, unquoted blanks end it.
    private static int SkipWord(char* line, int pos, int length)
    {
        var quote = '\0';
        var plain = new PlainWordTest('\\');
        while (pos < length)
        {
            // Outside quotes, plain characters (most of a word) are stepped over a vector at a time, and the rest of
            // their run one at a time, up to a character that matters below.
            if (quote == '\0')
            {
                while (pos + Vector<short>.Count <= length && plain.AllPlain(line + pos))
                {
                    pos += Vector<short>.Count;
                }

                while (pos < length && PlainWordTest.IsPlain(line[pos], '\\'))
                {
                    pos++;
                }

                if (pos == length)
                {
                    break;
                }
            }

            var c = line[pos];
            if (quote == '\0' && Chars.IsWhiteSpace(c))
            {
                break;
            }

            if (c == '\\' && quote != '\'' && pos + 1 < length)
            {
                pos += 2;
                continue;
            }

            if (quote == '\0' && (c == '\'' || c == '"'))
            {
                quote = c;
            }
            else if (c == quote)
            {
                quote = '\0';
            }

            pos++;
        }

        return pos;
    }

    private static bool TryRead(char* line, int start, int end, out Marker marker)
    {
        marker = default;
        var i = start;
        var fileDescriptor = 0;
        while (i < end && line[i] >= '0' && line[i] <= '9')
        {
            fileDescriptor = fileDescriptor < 100000 ? (fileDescriptor * 10) + (line[i] - '0') : fileDescriptor;
            i++;
        }

        if (i + 1 >= end || line[i] != '<' || line[i + 1] != '<')
        {
            return false;
        }

        i += 2;
        var chomp = i < end && line[i] == '-';
        if (chomp)
        {
            i++;
        }

        for (var j = i; j < end; j++)
        {
            if (line[j] == '<')
            {
                return false;
            }
        }

        var nameEnd = EndOfDelimiter(line, i, end);
        var name = Unquote(line, i, nameEnd, out var hadQuotes);
        if (name.Length == 0)
        {
            return false;
        }

        marker = new Marker(name, chomp, !hadQuotes, fileDescriptor, start, nameEnd);
        return true;
    }

    private static int EndOfDelimiter(char* line, int start, int end)
    {
        var quote = '\0';
        for (var i = start; i < end; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            switch (c)
            {
                case '\'':
                case '"':
                    quote = c;
                    break;
                case '\\':
                    i++;
                    break;
                case '>':
                case '|':
                case ';':
                case '&':
                case '(':
                case ')':
                    return i;
            }
        }

        return end;
    }

    // The name without its quotes and escapes: at most as long as its source, so it is written into a buffer of that
    // length (on the stack for a name of ordinary length) and made a string once.
    private static string Unquote(char* line, int start, int end, out bool hadQuotes)
    {
        const int MaxStackLength = 256;
        var length = end - start;
        var buffer = length <= MaxStackLength ? stackalloc char[length] : new char[length];
        hadQuotes = false;
        var kept = 0;
        var quote = '\0';
        for (var i = start; i < end; i++)
        {
            var c = line[i];
            if (quote == '\0' && (c == '\'' || c == '"'))
            {
                quote = c;
                hadQuotes = true;
                continue;
            }

            if (c == quote)
            {
                quote = '\0';
                continue;
            }

            if (c == '\\' && quote != '\'' && i + 1 < end)
            {
                i++;
                c = line[i];
            }

            buffer[kept++] = c;
        }

        return Named(buffer.Slice(0, kept));
    }

    // The names nearly every file uses are the same strings each time rather than new ones (a generated file has
    // thousands of heredocs).
    private static string Named(ReadOnlySpan<char> name) =>
        name.Length == 3 && name[0] == 'E' && name[1] == 'O' && name[2] is 'F' or 'T'
            ? name[2] == 'F' ? "EOF" : "EOT"
            : name.ToString();
}
