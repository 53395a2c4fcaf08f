using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// One instruction: its keyword, flags, arguments, heredocs, and where each lies in the source. A view of its record
/// in its file's tables (see <see cref="SyntaxTables"/>): two instructions are equal when they are the same record.
/// </summary>
public readonly struct Instruction : IEquatable<Instruction>
{
    // The record's packed int: its kind, how its keyword is spelled, whether its arguments are JSON, the escape
    // character in force (for reading the words again), and where its keyword and arguments start when those fit
    // (nearly always: they are near the line's start). Its rarely used parts are in the file's extras (see
    // SyntaxTables.ExtrasField), and nothing its line tells is kept (its span, where its arguments end are found from
    // the line when asked for).
    private const int KindBits = 0x1F;
    private const int SpellingBits = 0x60;
    internal const int UpperCaseKeyword = 0;
    internal const int LowerCaseKeyword = 0x20;
    internal const int OtherKeyword = 0x40;
    private const int JsonFormBit = 0x80;
    private const int BacktickEscapeBit = 0x100;

    // Set when the keyword's or the arguments' start did not fit below, and Extras keeps both.
    private const int StartsInExtrasBit = 0x200;
    private const int KeywordStartShift = 10;
    private const int ArgumentsOffsetShift = 21;

    // The keyword's start and the arguments' offset from it each fit in 11 bits.
    private const int MaxPackedStart = 0x7FF;

    // Extras: the flag objects, the heredocs, and the keyword when it is not spelled as the kind's upper- or lower-case
    // one: the one flag itself or the flags' array, the heredocs' list, or Extras for more than one (flags in the
    // file's table take no extras unless the instruction has more). The parser makes the words or pairs (ENV, LABEL
    // and ARG have pairs; ARG's words are its pairs joined again) of the kinds the analysis always reads, in the
    // file's table (see SyntaxTables.ArgumentsAtField); the others' are read from the line when first asked for, and
    // kept with the public words, pairs and flags in the instruction's arguments slot (see PublicArguments). Each is
    // published in one write, so that every thread sees the same ones.

    private readonly SyntaxTables _tables;
    private readonly int _index;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Instruction(SyntaxTables tables, int index)
    {
        _tables = tables;
        _index = index;
    }

    /// <summary>Writes the record of a new instruction into <paramref name="tables"/>; the parser makes every instruction through here.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Instruction Add(
        SyntaxTables tables,
        InstructionKind kind,
        string keyword,
        int spelling,
        LogicalLine line,
        int keywordStart,
        object? flags,
        int flagsAt,
        int argumentsStart,
        char escape,
        bool isJsonForm,
        int inner,
        int argumentsAt,
        int argumentsCount,
        int endLine)
    {
        // The spelling is the one InstructionKinds.FromKeyword found the keyword in: only another is kept as a string.
        var argumentsOffset = argumentsStart - keywordStart;
        var startsFit = ((uint)keywordStart | (uint)argumentsOffset) <= MaxPackedStart;
        var otherKeyword = spelling == OtherKeyword ? keyword : null;
        var extras = otherKeyword != null || !startsFit
            ? new Extras(flags, flagsAt, otherKeyword, keywordStart, argumentsStart)
            : flags;
        var extrasAt = extras != null ? tables.AddExtras(extras) : flagsAt >= 0 ? -2 - flagsAt : -1;

        // The record's fields written through one checked reference to its first, rather than each checked.
        var index = tables.AddRecord();
        ref var record = ref tables.Records[index * SyntaxTables.RecordStride];
        Unsafe.Add(ref record, SyntaxTables.PackedField) = (int)kind | spelling | (isJsonForm ? JsonFormBit : 0) | (escape == '`' ? BacktickEscapeBit : 0)
            | (startsFit ? (keywordStart << KeywordStartShift) | (argumentsOffset << ArgumentsOffsetShift) : StartsInExtrasBit);
        Unsafe.Add(ref record, SyntaxTables.LineStartField) = line.StartField;
        Unsafe.Add(ref record, SyntaxTables.LineLengthField) = line.Length;
        Unsafe.Add(ref record, SyntaxTables.EndLineField) = endLine;
        Unsafe.Add(ref record, SyntaxTables.InnerField) = inner;
        Unsafe.Add(ref record, SyntaxTables.ArgumentsAtField) = argumentsAt;
        Unsafe.Add(ref record, SyntaxTables.ArgumentsCountField) = argumentsCount;
        Unsafe.Add(ref record, SyntaxTables.ExtrasField) = extrasAt;
        return new Instruction(tables, index);
    }

    /// <summary>The instruction's record in its file's tables.</summary>
    internal int Index => _index;

    private int Packed
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _tables.Records[(_index * SyntaxTables.RecordStride) + SyntaxTables.PackedField];
    }

    private int ExtrasAt => _tables.Records[(_index * SyntaxTables.RecordStride) + SyntaxTables.ExtrasField];

    // The instruction's rarely used parts, or null.
    private object? ExtrasValue => ExtrasAt is var at and >= 0 ? _tables.Extras[at].Value : null;

    private ref object? ArgumentsField => ref _tables.ArgumentsSlot(_index);

    private int InnerIndex => _tables.Records[(_index * SyntaxTables.RecordStride) + SyntaxTables.InnerField];

    public bool Equals(Instruction other) => _tables == other._tables && _index == other._index;

    public override bool Equals(object? obj) => obj is Instruction other && Equals(other);

    public override int GetHashCode() => _index;

    public static bool operator ==(Instruction left, Instruction right) => left.Equals(right);

    public static bool operator !=(Instruction left, Instruction right) => !left.Equals(right);

    public InstructionKind Kind
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (InstructionKind)(Packed & KindBits);
    }

    /// <summary>The keyword as written (<c>RUN</c>, <c>run</c>, ...).</summary>
    public string Keyword => (Packed & SpellingBits) switch
    {
        UpperCaseKeyword => InstructionKinds.Keyword(Kind, lowerCase: false)!,
        LowerCaseKeyword => InstructionKinds.Keyword(Kind, lowerCase: true)!,
        _ => ((Extras)ExtrasValue!).Keyword!,
    };

    /// <summary>The joined text of the instruction and its map back to the source.</summary>
    public LogicalLine Line
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var records = _tables.Records;
            var at = _index * SyntaxTables.RecordStride;
            return new(_tables, records[at + SyntaxTables.LineStartField], records[at + SyntaxTables.LineLengthField]);
        }
    }

    /// <summary>Offset of the keyword in <see cref="Line"/>.</summary>
    public int KeywordStart
    {
        get
        {
            var packed = Packed;
            return (packed & StartsInExtrasBit) == 0 ? (packed >> KeywordStartShift) & MaxPackedStart : ((Extras)ExtrasValue!).KeywordStart;
        }
    }

    public IReadOnlyList<InstructionFlag> Flags => ExtrasAt == -1
        ? Array.Empty<InstructionFlag>()
        : FlagsAsKept as InstructionFlag[] ?? Public.Flags ?? MakePublicFlags();

    /// <summary>Offset in <see cref="Line"/> where the arguments begin (after the flags).</summary>
    public int ArgumentsStart
    {
        get
        {
            var packed = Packed;
            return (packed & StartsInExtrasBit) == 0
                ? ((packed >> KeywordStartShift) & MaxPackedStart) + ((packed >> ArgumentsOffsetShift) & MaxPackedStart)
                : ((Extras)ExtrasValue!).ArgumentsStart;
        }
    }

    /// <summary>Offset in <see cref="Line"/> where the arguments end (trailing blanks excluded).</summary>
    public int ArgumentsEnd
    {
        get
        {
            // The line's end less its trailing blanks (an ONBUILD's trigger ends where the ONBUILD does).
            var line = Line;
            var keywordStart = KeywordStart;
            var end = line.Length;
            while (end > keywordStart && Chars.IsWhiteSpace(line.CharAt(end - 1)))
            {
                end--;
            }

            return end;
        }
    }

    /// <summary>The arguments text after the flags, as BuildKit passes it to the instruction's line parser.</summary>
    public string ArgumentsText => Line.Substring(ArgumentsStart, ArgumentsEnd - ArgumentsStart);

    /// <summary>
    /// The argument values in BuildKit's shape: JSON array elements in exec form; whitespace-separated
    /// words for FROM, EXPOSE, COPY, ADD, VOLUME; quote-preserving words for ARG; the whole text for
    /// shell-form RUN, CMD, ENTRYPOINT, SHELL and the single-string instructions.
    /// </summary>
    public IReadOnlyList<Word> Words => Public.Words ?? MakePublicWords();

    /// <summary>The pairs of ENV and LABEL, and of ARG (split at the first '=').</summary>
    public IReadOnlyList<KeyValue> KeyValues => Public.Pairs ?? MakePublicPairs();

    /// <summary>The flags as the parser keeps them, for the analysis: reading them makes no object.</summary>
    internal ArgumentFlags FlagList
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var at = TableFlagsAt;
            return at >= 0 ? new(Line, _tables.Words, at + 1, _tables.Words[at]) : new(FlagsAsKept);
        }
    }

    // Where the flags' count is in the file's table, or -1 for flags kept as objects or none.
    private int TableFlagsAt => ExtrasAt switch
    {
        -1 => -1,
        <= -2 and var at => -2 - at,
        _ => ExtrasValue is Extras extras ? extras.FlagsAt : -1,
    };

    // The one flag object, the flags' array, or null.
    private object? FlagsAsKept => ExtrasValue switch
    {
        Extras extras => extras.Flags,
        var extras => extras as InstructionFlag ?? (object?)(extras as InstructionFlag[]),
    };

    /// <summary>The words as the parser keeps them, for the analysis: reading them makes no object for a word.</summary>
    internal ArgumentWords ArgumentWords
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var table = ArgumentTable(out var at, out var count);
            if (table == null)
            {
                var start = ArgumentsStart;
                return new(Line, start, start + count);
            }

            return count >= 0 ? new(Line, table, at, count) : new(Line, Array.Empty<int>(), 0, 0);
        }
    }

    /// <summary>The pairs as the parser keeps them, for the analysis: reading them makes no object for a pair.</summary>
    internal ArgumentPairs PairList
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            var table = ArgumentTable(out var at, out var count);
            return table != null && count < 0 ? new(Line, table, at, ~count) : new(Line, Array.Empty<int>(), 0, 0);
        }
    }

    // Where the words or pairs are: the table (null for one word that is the arguments as written, whose length is
    // then the count), where in it they start, and their count (~count for pairs). Made from the line the first time
    // when the parser left them.
    private int[]? ArgumentTable(out int at, out int count)
    {
        var records = _tables.Records;
        var record = _index * SyntaxTables.RecordStride;
        at = records[record + SyntaxTables.ArgumentsAtField];
        count = records[record + SyntaxTables.ArgumentsCountField];
        if (at >= 0)
        {
            return _tables.Words;
        }

        if (at == SyntaxTables.WholeArguments)
        {
            return null;
        }

        var made = MadeArguments();
        if (made == InstructionLineParsers.WholeArgumentsTable)
        {
            count = ArgumentsEnd - ArgumentsStart;
            return null;
        }

        at = 1;
        count = made[0];
        return made;
    }

    // The words or pairs made after the parse (InstructionLineParsers.MakeWords' table), made once: the first thread
    // to publish them wins, and the others take its table.
    private int[] MadeArguments()
    {
        while (true)
        {
            var kept = Volatile.Read(ref ArgumentsField);
            switch (kept)
            {
                case int[] made:
                    return made;
                case PublicArguments { Made: { } made }:
                    return made;
            }

            var table = InstructionLineParsers.MakeWords(Kind, Keyword, Line, ArgumentsStart, ArgumentsEnd, Escape);
            if (kept == null)
            {
                if (Interlocked.CompareExchange(ref ArgumentsField, table, null) == null)
                {
                    return table;
                }
            }
            else if (Interlocked.CompareExchange(ref ((PublicArguments)kept).Made, table, null) == null)
            {
                return table;
            }
        }
    }

    // The public words and pairs, made once each when first asked for.
    private PublicArguments Public
    {
        get
        {
            while (true)
            {
                var kept = Volatile.Read(ref ArgumentsField);
                if (kept is PublicArguments published)
                {
                    return published;
                }

                if (Interlocked.CompareExchange(ref ArgumentsField, new PublicArguments(kept as int[]), kept) == kept)
                {
                    return (PublicArguments)ArgumentsField!;
                }
            }
        }
    }

    /// <summary>True when the arguments are a JSON array (exec form).</summary>
    public bool IsJsonForm => (Packed & JsonFormBit) != 0;

    // Only '\\' and '`' can be the escape character.
    private char Escape => (Packed & BacktickEscapeBit) != 0 ? '`' : '\\';

    /// <summary>ONBUILD's trigger instruction (it shares <see cref="Line"/> with its parent).</summary>
    public Instruction? Inner => InnerIndex is var inner and >= 0 ? new Instruction(_tables, inner) : null;

    public IReadOnlyList<Heredoc> Heredocs => InnerIndex is var inner and >= 0
        ? new Instruction(_tables, inner).Heredocs
        : HeredocsAsKept ?? (IReadOnlyList<Heredoc>)Array.Empty<Heredoc>();

    private IReadOnlyList<Heredoc>? HeredocsAsKept => ExtrasValue switch
    {
        Extras extras => extras.Heredocs,
        var extras => extras as IReadOnlyList<Heredoc>,
    };

    /// <summary>Sets the heredocs the parser read (ONBUILD's are its trigger's), before the syntax is handed out.</summary>
    internal void SetHeredocs(IReadOnlyList<Heredoc> heredocs)
    {
        if (InnerIndex is var inner and >= 0)
        {
            new Instruction(_tables, inner).SetHeredocs(heredocs);
            return;
        }

        var at = ExtrasAt;
        if (at < 0)
        {
            // With flags in the table, Extras keeps where they are.
            var kept = at == -1 ? heredocs : (object)new Extras(null, -2 - at, keyword: null, KeywordStart, ArgumentsStart) { Heredocs = heredocs };
            _tables.Records[(_index * SyntaxTables.RecordStride) + SyntaxTables.ExtrasField] = _tables.AddExtras(kept);
            return;
        }

        ref var extras = ref _tables.Extras[at].Value;
        if (extras is Extras more)
        {
            more.Heredocs = heredocs;
        }
        else
        {
            // The flag objects, kept until now without Extras.
            extras = new Extras(extras, flagsAt: -1, keyword: null, KeywordStart, ArgumentsStart) { Heredocs = heredocs };
        }
    }

    /// <summary>From the keyword to the end of the instruction's last line (heredoc terminators included), line break excluded.</summary>
    public TextSpan Span
    {
        get
        {
            // The keyword's start in the source (KeywordSpan would map its end too); the end is found from the lines
            // rather than kept, as a file has thousands of instructions.
            var start = Line.ToSource(KeywordStart);
            return TextSpan.FromBounds(start, Math.Max(start, Line.Lines.ContentEnd(EndLine)));
        }
    }

    /// <summary>The keyword in the source.</summary>
    public TextSpan KeywordSpan => Line.ToSource(KeywordStart, KeywordStart + Keyword.Length);

    /// <summary>Zero-based physical line of the keyword.</summary>
    /// <remarks>
    /// Nearly every instruction's keyword is on the line where the instruction ends: the keyword then lies after that
    /// line's start, which tells its line without a search of the line starts.
    /// </remarks>
    public int StartLine
    {
        get
        {
            var keyword = Line.ToSource(KeywordStart);
            var endLine = EndLine;
            var lines = Line.Lines;
            return keyword >= lines.Start(endLine) ? endLine : lines.GetLineIndex(keyword);
        }
    }

    /// <summary>Zero-based physical line where the instruction ends.</summary>
    public int EndLine => _tables.Records[(_index * SyntaxTables.RecordStride) + SyntaxTables.EndLineField];

    /// <summary>
    /// Sets where the instruction ends, and so does its trigger's (the parser, before the syntax is handed out, for an
    /// instruction with heredoc bodies: the others' end is given to <see cref="Add"/>).
    /// </summary>
    internal void SetEndLine(int endLine)
    {
        // A loop for the trigger, which can be an ONBUILD with a trigger too.
        var records = _tables.Records;
        var index = _index;
        do
        {
            ref var record = ref records[index * SyntaxTables.RecordStride];
            Unsafe.Add(ref record, SyntaxTables.EndLineField) = endLine;
            index = Unsafe.Add(ref record, SyntaxTables.InnerField);
        }
        while (index >= 0);
    }

    /// <summary>The instruction that really runs: ONBUILD's trigger, otherwise this one.</summary>
    public Instruction Effective => InnerIndex is var inner and >= 0 ? new Instruction(_tables, inner) : this;

    /// <summary>The first flag named <paramref name="name"/> (without dashes), or null.</summary>
    public InstructionFlag? FindFlag(string name)
    {
        var index = IndexOfFlag(name);
        return index < 0 ? null : Flags[index];
    }

    /// <summary>Whether a flag is named <paramref name="name"/> (without dashes), told without making flag objects.</summary>
    internal bool HasFlag(string name) => IndexOfFlag(name) >= 0;

    private int IndexOfFlag(string name)
    {
        var flags = FlagList;
        for (var i = 0; i < flags.Count; i++)
        {
            if (string.Equals(flags[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    // The public words, made once: the first thread to publish them wins, and the others take its words.
    private Word[] MakePublicWords()
    {
        ArgumentTable(out _, out var count);
        Word[] words;
        if (count >= 0)
        {
            var view = ArgumentWords;
            words = view.Count == 0 ? Array.Empty<Word>() : new Word[view.Count];
            for (var i = 0; i < words.Length; i++)
            {
                words[i] = view[i].ToWord();
            }
        }
        else
        {
            words = Kind == InstructionKind.Arg ? ArgWords(KeyValues) : Array.Empty<Word>();
        }

        return Interlocked.CompareExchange(ref Public.Words, words, null) ?? words;
    }

    // The public flags (of flags in the file's table, or of one flag object), made once: the first thread to publish
    // them wins, and the others take its flags.
    private InstructionFlag[] MakePublicFlags()
    {
        var view = FlagList;
        var flags = view.Count == 0 ? Array.Empty<InstructionFlag>() : new InstructionFlag[view.Count];
        for (var i = 0; i < flags.Length; i++)
        {
            flags[i] = view[i].ToFlag();
        }

        return Interlocked.CompareExchange(ref Public.Flags, flags, null) ?? flags;
    }

    // The public pairs, made once: the first thread to publish them wins, and the others take its pairs.
    private KeyValue[] MakePublicPairs()
    {
        var view = PairList;
        var pairs = view.Count == 0 ? Array.Empty<KeyValue>() : new KeyValue[view.Count];
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = view[i].ToKeyValue();
        }

        return Interlocked.CompareExchange(ref Public.Pairs, pairs, null) ?? pairs;
    }

    // ARG's pairs are its words split at the first '=': a word without one is its pair's key, the same object, and
    // the others span the key, the '=' and the value.
    private Word[] ArgWords(IReadOnlyList<KeyValue> pairs)
    {
        var line = Line;
        var words = pairs.Count == 0 ? Array.Empty<Word>() : new Word[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var key = pairs[i].Key;
            if (pairs[i].Value is not { } value)
            {
                words[i] = key;
                continue;
            }

            words[i] = new Word(line, key.Start, value.End - key.Start, key.Start, value.LineValueEnd - key.Start);
        }

        return words;
    }

    /// <summary>The source span of a logical range of this instruction.</summary>
    public TextSpan ToSource(int start, int end) => Line.ToSource(start, end);

    public override string ToString() => Line.Text;

    // More than one of the rarely used parts (see SyntaxTables.ExtrasField).
    private sealed class Extras
    {
        public Extras(object? flags, int flagsAt, string? keyword, int keywordStart, int argumentsStart)
        {
            Flags = flags;
            FlagsAt = flagsAt;
            Keyword = keyword;
            KeywordStart = keywordStart;
            ArgumentsStart = argumentsStart;
        }

        /// <summary>The one flag object, the flags' array, or null.</summary>
        public object? Flags { get; }

        /// <summary>Where the flags' count is in the file's table, or -1 (see <see cref="SyntaxTables.ExtrasField"/>).</summary>
        public int FlagsAt { get; }

        /// <summary>The heredocs (set once the parser has read them), or null.</summary>
        public IReadOnlyList<Heredoc>? Heredocs { get; set; }

        /// <summary>The keyword, when it is not spelled as the kind's upper- or lower-case one.</summary>
        public string? Keyword { get; }

        /// <summary>Where the keyword starts, for an instruction whose starts do not fit in its packed int.</summary>
        public int KeywordStart { get; }

        public int ArgumentsStart { get; }
    }

    // The public words, pairs and flags (unless the flags are kept as their array), each set once when first asked
    // for, and the words or pairs made after the parse.
    private sealed class PublicArguments
    {
        public PublicArguments(int[]? made)
        {
            Made = made;
        }

        public int[]? Made;

        public Word[]? Words;

        public KeyValue[]? Pairs;

        public InstructionFlag[]? Flags;
    }
}
