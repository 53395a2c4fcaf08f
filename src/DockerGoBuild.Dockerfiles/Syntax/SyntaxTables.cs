using System;
using System.Collections;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// What a parse keeps of a file, in a few arrays rather than objects per instruction: the pieces of its logical lines
/// of more than one piece, a record of ints an instruction, its words and pairs, and the objects of the few
/// instructions that have any (flags, heredocs). <see cref="Instruction"/> and
/// <see cref="LogicalLine"/> are views into these. A file has thousands of instructions, and a generated one hundreds
/// of thousands: arrays of ints cost the collector nothing to mark or move, where an object each cost it every
/// collection that ran while the file was analysed. The tables are also the list of the file's instructions.
/// </summary>
internal sealed class SyntaxTables : IReadOnlyList<Instruction>
{
    /// <summary>An instruction's ints: see the offsets below.</summary>
    public const int RecordStride = 8;

    /// <summary>Kind, keyword spelling, exec form, escape character and where the keyword and arguments start (see <see cref="Instruction"/>).</summary>
    public const int PackedField = 0;

    /// <summary>The logical line: its piece's source start, or ~i with the line's pieces at <see cref="Pieces"/>[i] (see <see cref="LogicalLine"/>).</summary>
    public const int LineStartField = 1;

    public const int LineLengthField = 2;

    /// <summary>The physical line where the instruction ends (after its heredoc bodies).</summary>
    public const int EndLineField = 3;

    /// <summary>ONBUILD's trigger's record, or -1.</summary>
    public const int InnerField = 4;

    /// <summary>
    /// Where the words or pairs the parser made are in <see cref="Words"/>; or <see cref="NotMade"/>, or
    /// <see cref="WholeArguments"/> for one word that is the arguments as written.
    /// </summary>
    public const int ArgumentsAtField = 5;

    /// <summary>How many words there are there, or ~ how many pairs; for <see cref="WholeArguments"/>, the arguments' length.</summary>
    public const int ArgumentsCountField = 6;

    /// <summary>
    /// Where the instruction's rarely used parts (flag objects, heredocs, ...) are in <see cref="Extras"/>; or -1 for
    /// none; or -2 - i for none but flags in the table, at <see cref="Words"/>[i] (see <see cref="CommitFlags"/>).
    /// </summary>
    public const int ExtrasField = 7;

    /// <summary>The parser left the words to be made when first asked for.</summary>
    public const int NotMade = -1;

    public const int WholeArguments = -2;

    // A table that grew past this many records (or words for as many) is kept by the thread for its next parse only
    // while it keeps using it (see KeptTable).
    private const int MaxRetainedRecords = 1 << 14;

    private const int MaxRetainedWords = MaxRetainedRecords * ArgumentWords.Stride * 2;

    // An objects' buffer that grew past this is not kept by the thread: unlike the int tables, an array of references
    // kept costs the collector at its collections.
    private const int MaxRetainedExtras = 1 << 12;

    // A large file's tables are made at first for at most this many instructions (8 MB of records).
    private const int MaxPresizedRecords = 1 << 18;

    /// <summary>
    /// Tables for a parse of the source of <paramref name="lines"/>, whose records, objects and words go in the thread's
    /// buffers <paramref name="kept"/> (the objects cleared after the last parse).
    /// </summary>
    public SyntaxTables(LineMap lines, int[] pieces, KeptTables kept)
    {
        // Start sets every table (which the compiler does not follow into it).
        Lines = null!;
        Source = null!;
        Pieces = null!;
        Records = null!;
        Extras = null!;
        Words = null!;
        Start(lines, pieces, kept);
    }

    /// <summary>
    /// Starts the tables again, as new ones would (see the constructor), for a parse in place that reuses the tables
    /// of an earlier one its caller reads no more.
    /// </summary>
    public SyntaxTables Start(LineMap lines, int[] pieces, KeptTables kept)
    {
        Lines = lines;
        Source = lines.Text;
        Pieces = pieces;
        ForgetCounts();
        Extras = kept.Extras;

        // A large file's int tables are made for as many instructions as it has lines (an instruction starts a line;
        // ONBUILD's trigger shares it, and is rare), rather than doubled many times over, or are those of the thread's
        // last parse of a large file if the collector has not freed them; up to a bound, as a text of millions of
        // blank or comment lines has no instructions (a file of more instructions grows its tables past the bound by
        // copies). Its objects, of a few instructions, grow from the thread's buffer as a small file's do.
        if (lines.Count > MaxRetainedRecords)
        {
            var expected = Math.Min(lines.Count, MaxPresizedRecords);
            Records = kept.LargeRecords.Take((expected + 1) * RecordStride);
            Words = kept.LargeWords.Take(expected * ArgumentWords.Stride * 2);
        }
        else
        {
            Records = kept.Records;
            Words = kept.Words;
        }

        return this;
    }

    /// <summary>Lets go of the source, the tables and their objects, so that tables kept for reuse keep none alive.</summary>
    public void Forget()
    {
        Source = string.Empty;
        Pieces = Array.Empty<int>();
        Records = Array.Empty<int>();
        Extras = Array.Empty<Slot>();
        Words = Array.Empty<int>();
        ForgetCounts();
    }

    // No records, words or objects in use, and none made after the parse.
    private void ForgetCounts()
    {
        ExtrasCount = 0;
        _outgrownExtras = null;
        RecordCount = 0;
        WordsLength = 0;
        TopLevel = null;
        Count = 0;
        _arguments = null;
    }

    public LineMap Lines { get; private set; }

    public string Source { get; private set; }

    /// <summary>The pieces of the logical lines: the line builder's buffer while the source is read, then a copy of the part in use.</summary>
    public int[] Pieces { get; set; }

    /// <summary>The instructions' records, <see cref="RecordStride"/> ints each, [0, <see cref="RecordCount"/>) in use.</summary>
    public int[] Records { get; private set; }

    /// <summary>The objects of the instructions that have any, [0, <see cref="ExtrasCount"/>) in use (see <see cref="ExtrasField"/>).</summary>
    public Slot[] Extras { get; private set; }

    public int ExtrasCount { get; private set; }

    // The largest objects' buffer within the bound that this parse's outgrew, which the thread keeps instead.
    private Slot[]? _outgrownExtras;

    // The words and pairs made after the parse, and the public ones, of every instruction: made when first needed
    // (the analysis reads what the parser made, and never needs them).
    private Slot[]? _arguments;

    public int RecordCount { get; private set; }

    /// <summary>The words and pairs the parser made, as <see cref="ArgumentWords"/> and <see cref="ArgumentPairs"/> read them, [0, <see cref="WordsLength"/>) in use.</summary>
    public int[] Words { get; private set; }

    public int WordsLength { get; private set; }

    /// <summary>Adds the objects of an instruction (see <see cref="ExtrasField"/>); returns where they are.</summary>
    public int AddExtras(object extras)
    {
        if (ExtrasCount == Extras.Length)
        {
            var grown = Extras;
            if (grown.Length <= MaxRetainedExtras && grown.Length * 2 > MaxRetainedExtras)
            {
                _outgrownExtras = grown;
            }

            Array.Resize(ref grown, Math.Max(16, grown.Length * 2));
            Extras = grown;
        }

        Extras[ExtrasCount].Value = extras;
        return ExtrasCount++;
    }

    /// <summary>The slot of record <paramref name="index"/>'s words and pairs made after the parse (see <see cref="Instruction"/>).</summary>
    public ref object? ArgumentsSlot(int index)
    {
        var slots = Volatile.Read(ref _arguments);
        if (slots == null || index >= slots.Length)
        {
            slots = MakeArgumentsSlots(slots);
        }

        return ref slots[index].Value;
    }

    // Slots for the records read so far, with what those made had: a syntax read while it is parsed (see
    // DockerfileParser.BeginParse) has more records after. The first thread to publish them wins, and the others take
    // its slots (only the parser's thread reads a syntax before Finish, which gives every record its slot).
    private Slot[] MakeArgumentsSlots(Slot[]? made)
    {
        var slots = new Slot[RecordCount];
        if (made != null)
        {
            Array.Copy(made, slots, made.Length);
        }

        var published = Interlocked.CompareExchange(ref _arguments, slots, made);
        return published == made ? slots : published!;
    }

    /// <summary>
    /// Takes the <paramref name="count"/> flags the argument reader wrote after those in use in <see cref="Words"/> and
    /// the slot for their count, <paramref name="length"/> ints (see <see cref="InstructionLineParsers.Arguments.StartFlags"/>),
    /// as in use; returns where the count is.
    /// </summary>
    public int CommitFlags(int count, int length)
    {
        var at = WordsLength;
        Words[at] = count;
        WordsLength = at + 1 + length;
        return at;
    }

    /// <summary>
    /// Takes the <paramref name="length"/> ints written after those in use in <see cref="Words"/> (by the argument
    /// reader, see <see cref="InstructionLineParsers.Arguments.Reset"/>) as in use; returns where they start.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CommitWords(int length)
    {
        var at = WordsLength;
        WordsLength = at + length;
        return at;
    }

    /// <summary>
    /// The records of the instructions as the file lists them, [0, <see cref="Count"/>) in use, when it has ONBUILD
    /// triggers (whose records are among theirs); null when record i is instruction i.
    /// </summary>
    public int[]? TopLevel { get; private set; }

    /// <summary>How many instructions the file lists (ONBUILD's triggers not counted), or while it is parsed how many are read so far.</summary>
    public int Count { get; private set; }

    /// <summary>Makes the first <paramref name="count"/> instructions the list's, at the records <paramref name="topLevel"/> lists (see <see cref="TopLevel"/>).</summary>
    public void List(int count, int[]? topLevel)
    {
        Count = count;
        TopLevel = topLevel;
    }

    /// <summary>The file's instruction <paramref name="index"/>.</summary>
    public Instruction this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)index >= (uint)Count)
            {
                ThrowIndexOutOfRange();
            }

            return new Instruction(this, RecordOf(index));
        }
    }

    // The record of instruction index: a file with ONBUILD triggers has their records among its instructions'.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int RecordOf(int index) => TopLevel is { } topLevel ? topLevel[index] : index;

    /// <summary>For foreach over the instructions, without an object.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<Instruction> IEnumerable<Instruction>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static void ThrowIndexOutOfRange() => throw new ArgumentOutOfRangeException("index");

    /// <summary>Adds a record for the parser to fill in; returns its index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int AddRecord()
    {
        if ((RecordCount + 1) * RecordStride > Records.Length)
        {
            Grow();
        }

        return RecordCount++;
    }

    /// <summary>Makes room for <paramref name="more"/> ints in <see cref="Words"/> after those in use.</summary>
    public void Reserve(int more)
    {
        if (WordsLength + more > Words.Length)
        {
            var words = Words;
            Array.Resize(ref words, Math.Max(Math.Max(256, WordsLength + more), words.Length * 2));
            Words = words;
        }
    }

    private void Grow()
    {
        var records = Records;
        Array.Resize(ref records, Math.Max(RecordStride * 64, records.Length * 2));
        Records = records;
    }

    /// <summary>
    /// Leaves the thread's buffers in <paramref name="kept"/> for its next parse, cleared of the file's objects. In
    /// place, the tables stay the buffers, objects and all, and the thread keeps them as they are (a large file's int
    /// tables while used, see <see cref="KeptTable{T}"/>): it clears the objects when the syntax is released, before its next parse. Else a small
    /// file's tables get copies of the part in use, and a large file's keep its buffers as their own (a copy would be
    /// another large array), which the thread then keeps no more.
    /// </summary>
    public void Finish(bool inPlace, KeptTables kept)
    {
        // Slots made while the file was read have none for the records read after: every record gets one now, before
        // other threads read the syntax (whose writes to the slots a copy made then could lose).
        if (_arguments != null && _arguments.Length < RecordCount)
        {
            MakeArgumentsSlots(_arguments);
        }

        var records = Records;
        var extras = Extras;
        var words = Words;
        var largeRecords = records.Length > MaxRetainedRecords * RecordStride;
        var largeWords = words.Length > MaxRetainedWords;
        var largeExtras = extras.Length > MaxRetainedExtras;
        if (!inPlace)
        {
            if (!largeRecords)
            {
                Records = RecordCount == 0 ? Array.Empty<int>() : new int[RecordCount * RecordStride];
                Array.Copy(records, Records, Records.Length);
            }

            if (!largeWords)
            {
                Words = WordsLength == 0 ? Array.Empty<int>() : new int[WordsLength];
                Array.Copy(words, Words, WordsLength);
            }

            if (!largeExtras)
            {
                Extras = ExtrasCount == 0 ? Array.Empty<Slot>() : new Slot[ExtrasCount];
                Array.Copy(extras, Extras, ExtrasCount);

                // The thread keeps the buffer: not the file's objects.
                Array.Clear(extras, 0, ExtrasCount);
            }
        }

        if (largeRecords)
        {
            if (inPlace)
            {
                kept.LargeRecords.Keep(records);
            }
        }
        else
        {
            kept.Records = records;
        }

        if (largeWords)
        {
            if (inPlace)
            {
                kept.LargeWords.Keep(words);
            }
        }
        else
        {
            kept.Words = words;
        }

        // A buffer grown past the bound is not kept: the largest one within it that it outgrew is, cleared of the file's
        // objects that were copied from it (in place, when the syntax is released; else now, as nothing else would).
        if (!largeExtras)
        {
            kept.Extras = extras;
        }
        else
        {
            kept.Extras = _outgrownExtras ?? kept.Extras;
            _outgrownExtras = null;
            if (!inPlace)
            {
                Array.Clear(kept.Extras, 0, kept.Extras.Length);
            }
        }
    }

    /// <summary>Walks the file's instructions in order.</summary>
    public struct Enumerator : IEnumerator<Instruction>
    {
        private readonly SyntaxTables _tables;
        private int _index;

        internal Enumerator(SyntaxTables tables)
        {
            _tables = tables;
            _index = -1;
        }

        public readonly Instruction Current
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => new(_tables, _tables.RecordOf(_index));
        }

        readonly object IEnumerator.Current => Current;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool MoveNext() => ++_index < _tables.Count;

        public void Reset() => _index = -1;

        public readonly void Dispose()
        {
        }
    }
}

/// <summary>
/// An object slot of <see cref="SyntaxTables"/>: an array of a struct rather than of objects, whose every read by
/// reference and every write the runtime would check against the array's element type.
/// </summary>
internal struct Slot
{
    public object? Value;
}

/// <summary>
/// The buffers a thread keeps for the tables of its next parse (see <see cref="SyntaxTables.Finish"/>): a small file's
/// records, objects and words for good, and a large file's records and words while used (see <see cref="KeptTable{T}"/>).
/// </summary>
internal sealed class KeptTables
{
    public int[] Records = Array.Empty<int>();

    public Slot[] Extras = Array.Empty<Slot>();

    public int[] Words = Array.Empty<int>();

    public readonly KeptTable<int> LargeRecords = new();

    public readonly KeptTable<int> LargeWords = new();
}
