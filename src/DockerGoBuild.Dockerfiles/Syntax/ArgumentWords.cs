using System;
using System.Runtime.CompilerServices;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// An instruction's words as the parser keeps them: <see cref="Stride"/> ints a word in a table (its file's
/// <see cref="SyntaxTables.Words"/>, or one of their own for words made after the parse), with no object per word,
/// or for an instruction whose one word is its whole arguments text, nothing but where that lies. The analysis reads
/// the words through this view; <see cref="Instruction.Words"/> makes the public <see cref="Word"/>s from the same
/// table when they are first asked for.
/// </summary>
internal readonly struct ArgumentWords
{
    /// <summary>
    /// A word's ints: its start and length in the logical line, and its value as <see cref="ValueOf"/> packs it.
    /// </summary>
    public const int Stride = 3;

    private readonly LogicalLine _line;

    // Null for the whole arguments' one word, [_start, + _length); else the words are _length words from _start.
    private readonly int[]? _table;
    private readonly int _start;
    private readonly int _length;

    /// <summary>The <paramref name="count"/> words of <paramref name="table"/> from <paramref name="at"/>.</summary>
    public ArgumentWords(LogicalLine line, int[] table, int at, int count)
    {
        _line = line;
        _table = table;
        _start = at;
        _length = count;
    }

    /// <summary>The one word that is the line's characters [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public ArgumentWords(LogicalLine line, int start, int end)
    {
        _line = line;
        _table = null;
        _start = start;
        _length = end - start;
    }

    public int Count => _table == null ? 1 : _length;

    // Inlined where the analysis reads a word (for every word it reads), the throws kept out of line.
    public ArgumentWord this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (_table == null)
            {
                if (index != 0)
                {
                    ThrowIndexOutOfRange();
                }

                return new(_line, _start, _length, ValueOf(_start, _start, _length));
            }

            if ((uint)index >= (uint)_length)
            {
                ThrowIndexOutOfRange();
            }

            var at = _start + (index * Stride);
            return new(_line, _table[at], _table[at + 1], _table[at + 2]);
        }
    }

    internal static void ThrowIndexOutOfRange() => throw new ArgumentOutOfRangeException("index");

    /// <summary>
    /// A word's value in one int: its length, shifted, and whether it starts one past the word (a JSON string's quote)
    /// rather than at it, in the low bit. The length is -1 for a JSON string with escapes, decoded when it is read.
    /// </summary>
    public static int ValueOf(int start, int valueStart, int valueLength) => (valueLength << 1) | (valueStart - start);
}

/// <summary>
/// The pairs of an ENV, LABEL or ARG as the parser keeps them: <see cref="Stride"/> ints a pair in a table (see
/// <see cref="ArgumentWords"/>), its key's and its value's words as <see cref="ArgumentWords"/> keeps a word, and how
/// they were written (<see cref="NoValue"/>, <see cref="EqualsSign"/>, <see cref="Legacy"/>).
/// <see cref="Instruction.KeyValues"/> makes the public <see cref="KeyValue"/>s from the same table.
/// </summary>
internal readonly struct ArgumentPairs : IIndexedList<ArgumentPair>
{
    public const int Stride = (2 * ArgumentWords.Stride) + 1;

    /// <summary>An ARG's name without a default.</summary>
    public const int NoValue = 0;

    /// <summary><c>name=value</c>.</summary>
    public const int EqualsSign = 1;

    /// <summary>The legacy <c>name value</c> of ENV and LABEL.</summary>
    public const int Legacy = 2;

    private readonly LogicalLine _line;
    private readonly int[] _table;
    private readonly int _at;

    /// <summary>The <paramref name="count"/> pairs of <paramref name="table"/> from <paramref name="at"/>.</summary>
    public ArgumentPairs(LogicalLine line, int[] table, int at, int count)
    {
        _line = line;
        _table = table;
        _at = at;
        Count = count;
    }

    public int Count { get; }

    public ArgumentPair this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)index >= (uint)Count)
            {
                ArgumentWords.ThrowIndexOutOfRange();
            }

            var at = _at + (index * Stride);
            var table = _table;
            var key = new ArgumentWord(_line, table[at], table[at + 1], table[at + 2]);
            var value = new ArgumentWord(_line, table[at + 3], table[at + 4], table[at + 5]);
            return new ArgumentPair(key, value, table[at + 6]);
        }
    }

    public IndexEnumerator<ArgumentPairs, ArgumentPair> GetEnumerator() => new(this);
}

/// <summary>One pair of <see cref="ArgumentPairs"/>: what <see cref="KeyValue"/> says of it, read from the table.</summary>
internal readonly struct ArgumentPair
{
    private readonly ArgumentWord _value;
    private readonly int _form;

    public ArgumentPair(ArgumentWord key, ArgumentWord value, int form)
    {
        Key = key;
        _value = value;
        _form = form;
    }

    public ArgumentWord Key { get; }

    /// <summary>False for <c>ARG NAME</c> without a default.</summary>
    public bool HasValue => _form != ArgumentPairs.NoValue;

    /// <summary>The raw value (see <see cref="HasValue"/>).</summary>
    public ArgumentWord Value => _form != ArgumentPairs.NoValue ? _value : throw new InvalidOperationException("The pair has no value.");

    /// <summary>Where the pair ends in the line: its value's end, or its key's.</summary>
    public int End => HasValue ? _value.End : Key.End;

    /// <summary>The public pair.</summary>
    public KeyValue ToKeyValue() => new(Key.ToWord(), HasValue ? _value.ToWord() : null, _form == ArgumentPairs.EqualsSign ? "=" : string.Empty);
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
