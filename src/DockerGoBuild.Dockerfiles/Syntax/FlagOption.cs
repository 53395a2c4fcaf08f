using System.Collections.Generic;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>One comma-separated option of a flag value, e.g. <c>target=/go/pkg/mod</c> in <c>--mount=type=cache,target=/go/pkg/mod</c>.</summary>
public sealed class FlagOption
{
    public FlagOption(string key, string? value, int start, int length, int valueStart)
    {
        Key = key;
        Value = value;
        Start = start;
        Length = length;
        ValueStart = valueStart;
    }

    /// <summary>The key, lower-cased (BuildKit compares mount keys case-insensitively).</summary>
    public string Key { get; }

    /// <summary>The value with quotes removed, or null for a bare key such as <c>readonly</c>.</summary>
    public string? Value { get; }

    /// <summary>Offset of the raw option in the logical line.</summary>
    public int Start { get; }

    public int Length { get; }

    public int End => Start + Length;

    /// <summary>Offset of the raw value in the logical line, or -1.</summary>
    public int ValueStart { get; }

    /// <summary>Splits the flag's value; <paramref name="text"/> holds the logical line from offset <paramref name="textStart"/> on.</summary>
    internal static IReadOnlyList<FlagOption> Split(InstructionFlag flag, string text, int textStart)
    {
        var line = new OffsetText(text, textStart);
        var options = new List<FlagOption>();
        if (flag.ValueStart < 0)
        {
            return options;
        }

        // The options are separated by the commas outside quotes: each field is read up to the next one, or the end.
        var end = flag.Start + flag.Length;
        var fieldStart = flag.ValueStart;
        var i = fieldStart;
        while (true)
        {
            var quote = '\0';
            for (; i < end; i++)
            {
                var c = line[i];
                if (quote != '\0')
                {
                    if (c == quote)
                    {
                        quote = '\0';
                    }
                }
                else if (c == ',')
                {
                    break;
                }
                else if (c == '"' || c == '\'')
                {
                    quote = c;
                }
            }

            if (i > fieldStart)
            {
                options.Add(Create(line, fieldStart, i));
            }

            if (i >= end)
            {
                return options;
            }

            i++;
            fieldStart = i;
        }
    }

    // The keys BuildKit's mounts know, so that reading them makes no strings.
    private static readonly string[] KnownKeys =
    {
        "type", "target", "dst", "destination", "source", "src", "from", "id", "sharing", "mode", "uid", "gid",
        "readonly", "ro", "rw", "required", "env", "size",
    };

    private static FlagOption Create(OffsetText line, int start, int end)
    {
        // The '=' is a few characters in: a look at each is cheaper than the runtime's search.
        var equals = start;
        while (equals < end && line[equals] != '=')
        {
            equals++;
        }

        if (equals == end)
        {
            equals = -1;
        }

        if (equals < 0)
        {
            return new FlagOption(KeyOf(line, start, end), null, start, end - start, -1);
        }

        return new FlagOption(KeyOf(line, start, equals), Unquote(line, equals + 1, end), start, end - start, equals + 1);
    }

    // The key unquoted, trimmed and lower-cased; a known key in plain ASCII comes from the list.
    private static string KeyOf(OffsetText line, int start, int end)
    {
        var first = start;
        var last = end;
        while (first < last && line[first] == ' ')
        {
            first++;
        }

        while (last > first && line[last - 1] == ' ')
        {
            last--;
        }

        foreach (var known in KnownKeys)
        {
            if (known.Length == last - first && SameIgnoringAsciiCase(line, first, known))
            {
                return known;
            }
        }

        return Unquote(line, start, end).Trim().ToLowerInvariant();
    }

    private static bool SameIgnoringAsciiCase(OffsetText line, int start, string lower)
    {
        for (var i = 0; i < lower.Length; i++)
        {
            var c = line[start + i];
            if (c != lower[i] && !(c >= 'A' && c <= 'Z' && (char)(c + 32) == lower[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Unquote(OffsetText line, int start, int end)
    {
        // Most values have no quotes: they are a piece of the text as it is, found in one look at each character.
        var quoted = start;
        while (quoted < end && line[quoted] != '"' && line[quoted] != '\'')
        {
            quoted++;
        }

        if (quoted == end)
        {
            return line.Substring(start, end);
        }

        var chars = new char[end - start];
        var count = 0;
        for (var i = start; i < end; i++)
        {
            var c = line[i];
            if (c != '"' && c != '\'')
            {
                chars[count++] = c;
            }
        }

        return new string(chars, 0, count);
    }

    /// <summary>A part of the logical line as a string, indexed with logical offsets.</summary>
    private readonly struct OffsetText
    {
        private readonly string _text;
        private readonly int _start;

        public OffsetText(string text, int start)
        {
            _text = text;
            _start = start;
        }

        public char this[int offset] => _text[offset - _start];

        public string Substring(int start, int end) => _text.Substring(start - _start, end - start);
    }
}
