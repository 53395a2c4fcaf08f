using System.Collections.Generic;
using System.Text;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>A word as the lexer saw it, in the coordinates of the text being lexed.</summary>
internal sealed class WordToken
{
    public WordToken(string value, int start, int end, bool isLiteral, bool isPlain, int[] valueStarts, int[] rawStarts, List<int>? substitutions)
    {
        Value = value;
        Start = start;
        End = end;
        IsLiteral = isLiteral;
        IsPlain = isPlain;
        ValueStarts = valueStarts;
        RawStarts = rawStarts;
        Substitutions = substitutions;
    }

    public string Value { get; }

    public int Start { get; }

    public int End { get; }

    public bool IsLiteral { get; }

    /// <summary>True when the word has no quotes or escapes, so reserved words and assignments can be recognised.</summary>
    public bool IsPlain { get; }

    /// <summary>Segment table mapping value indexes to raw offsets: ValueStarts[i] maps to RawStarts[i], then contiguously.</summary>
    public int[] ValueStarts { get; }

    public int[] RawStarts { get; }

    /// <summary>Value indexes where a command substitution starts that the enclosing shell already ran.</summary>
    public List<int>? Substitutions { get; }

    public bool IsUnquoted(string keyword) => IsPlain && Value == keyword;

    /// <summary>A copy with the first <paramref name="count"/> value characters removed (e.g. cmd's <c>@</c>).</summary>
    public WordToken DropPrefix(int count)
    {
        return new WordToken(Value.Substring(count), Start + count, End, IsLiteral, IsPlain, new[] { 0 }, new[] { Start + count }, null);
    }
}

/// <summary>Accumulates a word's value together with the raw offset of every character.</summary>
internal sealed class WordBuilder
{
    private readonly StringBuilder value = new StringBuilder();
    private readonly List<int> valueStarts = new List<int>();
    private readonly List<int> rawStarts = new List<int>();
    private List<int>? substitutions;
    private int lastRaw = -2;

    public bool IsLiteral { get; set; } = true;

    public bool IsPlain { get; set; } = true;

    public int Length => value.Length;

    public void Append(char c, int raw)
    {
        if (raw != lastRaw + 1 || value.Length == 0)
        {
            valueStarts.Add(value.Length);
            rawStarts.Add(raw);
        }

        value.Append(c);
        lastRaw = raw;
    }

    public void AppendRaw(string text, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            Append(text[i], i);
        }
    }

    /// <summary>Records that a substitution this shell runs starts at <paramref name="valueIndex"/>.</summary>
    public void MarkSubstitution(int valueIndex)
    {
        IsLiteral = false;
        substitutions ??= new List<int>();
        substitutions.Add(valueIndex);
    }

    public WordToken Build(int start, int end)
    {
        if (valueStarts.Count == 0)
        {
            valueStarts.Add(0);
            rawStarts.Add(start);
        }

        return new WordToken(value.ToString(), start, end, IsLiteral, IsPlain, valueStarts.ToArray(), rawStarts.ToArray(), substitutions);
    }
}
