using System;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// An instruction's words as the parser keeps them: one table of ints, <see cref="Stride"/> a word, with no object
/// per word, or for an instruction whose one word is its whole arguments text, <see cref="WholeArguments"/>. The
/// analysis reads the words through this view; <see cref="Instruction.Words"/> makes the public <see cref="Word"/>s
/// from the same table when they are first asked for.
/// </summary>
internal readonly struct ArgumentWords
{
    /// <summary>
    /// A word's ints: its start and length in the logical line, and its value as <see cref="ValueOf"/> packs it.
    /// </summary>
    public const int Stride = 3;

    /// <summary>
    /// The words of an instruction whose one word is its arguments text as written (WORKDIR, USER, most FROMs):
    /// the instruction knows where that lies, and needs no table.
    /// </summary>
    public static readonly object WholeArguments = new();

    private readonly LogicalLine _line;

    // Null for WholeArguments, whose word is [_wholeStart, + _wholeLength).
    private readonly int[]? _table;
    private readonly int _wholeStart;
    private readonly int _wholeLength;

    public ArgumentWords(LogicalLine line, int[] table)
    {
        _line = line;
        _table = table;
        _wholeStart = 0;
        _wholeLength = 0;
    }

    /// <summary>The one word that is the line's characters [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public ArgumentWords(LogicalLine line, int start, int end)
    {
        _line = line;
        _table = null;
        _wholeStart = start;
        _wholeLength = end - start;
    }

    public int Count => _table == null ? 1 : _table.Length / Stride;

    public ArgumentWord this[int index]
    {
        get
        {
            if (_table == null)
            {
                if (index != 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(index));
                }

                return new(_line, _wholeStart, _wholeLength, ValueOf(_wholeStart, _wholeStart, _wholeLength));
            }

            var at = index * Stride;
            return new(_line, _table[at], _table[at + 1], _table[at + 2]);
        }
    }

    /// <summary>
    /// A word's value in one int: its length, shifted, and whether it starts one past the word (a JSON string's quote)
    /// rather than at it, in the low bit. The length is -1 for a JSON string with escapes, decoded when it is read.
    /// </summary>
    public static int ValueOf(int start, int valueStart, int valueLength) => (valueLength << 1) | (valueStart - start);
}

/// <summary>One word of <see cref="ArgumentWords"/>: what <see cref="Word"/> says of it, read from the table.</summary>
internal readonly struct ArgumentWord
{
    private readonly LogicalLine _line;

    // ArgumentWords.ValueOf's packing.
    private readonly int _value;

    public ArgumentWord(LogicalLine line, int start, int length, int value)
    {
        _line = line;
        Start = start;
        Length = length;
        _value = value;
    }

    /// <summary>Offset in the logical line.</summary>
    public int Start { get; }

    public int Length { get; }

    public int End => Start + Length;

    /// <summary>The value as <see cref="Word.Value"/> gives it; a new string on every call.</summary>
    public string Value => TryGetLineValue(out var line, out var start, out var length) ? line.Substring(start, length) : DecodeJsonString();

    /// <summary>True when the value is the line's characters [start, start + length) (not a JSON string with escapes).</summary>
    public bool TryGetLineValue(out LogicalLine line, out int start, out int length)
    {
        line = _line;
        start = Start + (_value & 1);
        length = _value >> 1;
        return length >= 0;
    }

    /// <summary>The public word: its value made from the line when it is asked for, or decoded now.</summary>
    public Word ToWord() => TryGetLineValue(out var line, out var start, out var length)
        ? new Word(line, Start, Length, start, length)
        : new Word(DecodeJsonString(), Start, Length);

    // The JSON string token, quotes included, is the word's raw text; only exec-form words with escapes come here.
    private unsafe string DecodeJsonString()
    {
        var token = new char[Length];
        _line.CopyTo(Start, token, 0, Length);
        fixed (char* chars = token)
        {
            return JsonArrayReader.Decode(chars, 1, Length - 1);
        }
    }
}
