using System;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>
/// A text joined from parts in a thread's buffer and made a string once: <c>string.Concat</c> of more than four
/// strings first makes an array of them, for a text made once a finding.
/// </summary>
internal struct JoinedText
{
    [ThreadStatic]
    private static char[]? keptChars;

    private readonly char[] _chars;
    private int _length;

    private JoinedText(char[] chars)
    {
        _chars = chars;
        _length = 0;
    }

    /// <summary>A text of at most <paramref name="capacity"/> characters, in the thread's buffer (one text at a time).</summary>
    public static JoinedText WithCapacity(int capacity) =>
        new(keptChars is { } kept && kept.Length >= capacity ? kept : keptChars = new char[Math.Max(capacity, 512)]);

    public void Append(string part)
    {
        part.CopyTo(0, _chars, _length, part.Length);
        _length += part.Length;
    }

    public override string ToString() => new(_chars, 0, _length);
}
