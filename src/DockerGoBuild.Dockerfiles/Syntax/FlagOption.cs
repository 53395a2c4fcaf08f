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

    internal static IReadOnlyList<FlagOption> Split(InstructionFlag flag, string line)
    {
        var options = new List<FlagOption>();
        if (flag.ValueStart < 0)
        {
            return options;
        }

        var end = flag.Start + flag.Length;
        var fieldStart = flag.ValueStart;
        var quote = '\0';
        for (var i = flag.ValueStart; i <= end; i++)
        {
            var c = i < end ? line[i] : ',';
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }

                if (i < end)
                {
                    continue;
                }
            }
            else if (c == '"' || c == '\'')
            {
                quote = c;
                continue;
            }

            if (c != ',')
            {
                continue;
            }

            if (i > fieldStart)
            {
                options.Add(Create(line, fieldStart, i));
            }

            fieldStart = i + 1;
        }

        return options;
    }

    private static FlagOption Create(string line, int start, int end)
    {
        var equals = line.IndexOf('=', start, end - start);
        if (equals < 0)
        {
            return new FlagOption(Unquote(line, start, end).Trim().ToLowerInvariant(), null, start, end - start, -1);
        }

        var key = Unquote(line, start, equals).Trim().ToLowerInvariant();
        return new FlagOption(key, Unquote(line, equals + 1, end), start, end - start, equals + 1);
    }

    private static string Unquote(string line, int start, int end)
    {
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
}
