namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// An instruction's words as the parser keeps them: one table of ints, <see cref="Stride"/> a word, with no object
/// per word. The analysis reads the words through this view; <see cref="Instruction.Words"/> makes the public
/// <see cref="Word"/>s from the same table when they are first asked for.
/// </summary>
internal readonly struct ArgumentWords
{
    /// <summary>
    /// A word's ints: its start and length in the logical line, and its value as <see cref="ValueOf"/> packs it.
    /// </summary>
    public const int Stride = 3;

    private readonly LogicalLine _line;
    private readonly int[] _table;

    public ArgumentWords(LogicalLine line, int[] table)
    {
        _line = line;
        _table = table;
    }

    public int Count => _table.Length / Stride;

    /// <summary>
    /// A word's value in one int: its length, shifted, and whether it starts one past the word (a JSON string's quote)
    /// rather than at it, in the low bit. The length is -1 for a JSON string with escapes, decoded when it is read.
    /// </summary>
    public static int ValueOf(int start, int valueStart, int valueLength) => (valueLength << 1) | (valueStart - start);


    public ArgumentWord this[int index] => new(_line, _table, index * Stride);
}

/// <summary>One word of <see cref="ArgumentWords"/>: what <see cref="Word"/> says of it, read from the table.</summary>
internal readonly struct ArgumentWord
{
    private readonly LogicalLine _line;
    private readonly int[] _table;
    private readonly int _at;

    public ArgumentWord(LogicalLine line, int[] table, int at)
    {
        _line = line;
        _table = table;
        _at = at;
    }

    /// <summary>Offset in the logical line.</summary>
    public int Start => _table[_at];

    public int Length => _table[_at + 1];

    public int End => Start + Length;

    /// <summary>The value as <see cref="Word.Value"/> gives it; a new string on every call.</summary>
    public string Value => TryGetLineValue(out var line, out var start, out var length) ? line.Substring(start, length) : DecodeJsonString();

    /// <summary>True when the value is the line's characters [start, start + length) (not a JSON string with escapes).</summary>
    public bool TryGetLineValue(out LogicalLine line, out int start, out int length)
    {
        var value = _table[_at + 2];
        line = _line;
        start = Start + (value & 1);
        length = value >> 1;
        return length >= 0;
    }

    /// <summary>The public word: its value made from the line when it is asked for, or decoded now.</summary>
    public Word ToWord() => TryGetLineValue(out var line, out var start, out var length)
        ? new Word(line, Start, Length, start, length)
        : new Word(DecodeJsonString(), Start, Length);

    // The JSON string token, quotes included, is the word's raw text; only exec-form words with escapes come here.
    private string DecodeJsonString()
    {
        var token = new char[Length];
        _line.CopyTo(Start, token, 0, Length);
        return JsonArrayReader.Decode(token, 1, Length - 1);
    }
}
