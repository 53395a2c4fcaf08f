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
    // (nearly always: they are near the line's start); its rarely used parts in its first slot (Extras); and nothing
    // its line tells (its span, where its arguments end are found from the line when asked for).
    private const int KindBits = 0x1F;
    private const int SpellingBits = 0x60;
    private const int UpperCaseKeyword = 0;
    private const int LowerCaseKeyword = 0x20;
    private const int OtherKeyword = 0x40;
    private const int JsonFormBit = 0x80;
    private const int BacktickEscapeBit = 0x100;

    // Set when the keyword's or the arguments' start did not fit below, and Extras keeps both.
    private const int StartsInExtrasBit = 0x200;
    private const int KeywordStartShift = 10;
    private const int ArgumentsOffsetShift = 21;

    // The keyword's start and the arguments' offset from it each fit in 11 bits.
    private const int MaxPackedStart = 0x7FF;

    // The slots. Extras: the flags, the heredocs, and the keyword when it is not spelled as the kind's upper- or
    // lower-case one: null for none of them, the one flag itself or the flags' array, the heredocs' list, or Extras
    // for more than one. Arguments: the words (an ArgumentWords table, or ArgumentWords.WholeArguments), or for ENV,
    // LABEL and ARG the pairs (the one pair itself, or their array; ARG's words are its pairs joined again), or
    // PublicWords once the words are made public. The parser reads them for the kinds whose words the analysis
    // always reads; the others' are read from the line when first asked for. Each is published in one write, so that
    // every thread sees the same words and pairs.
    private const int ExtrasSlot = 0;
    private const int ArgumentsSlot = 1;

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
        LogicalLine line,
        int keywordStart,
        object? flags,
        int argumentsStart,
        char escape,
        bool isJsonForm,
        int inner,
        object? arguments)
    {
        // The parser gives the kind's own strings for its upper- and lower-case spellings: most are told apart by
        // reference.
        var upper = InstructionKinds.Keyword(kind, lowerCase: false);
        var spelling = (object)keyword == upper || keyword == upper ? UpperCaseKeyword
            : keyword == InstructionKinds.Keyword(kind, lowerCase: true) ? LowerCaseKeyword
            : OtherKeyword;
        var argumentsOffset = argumentsStart - keywordStart;
        var startsFit = ((uint)keywordStart | (uint)argumentsOffset) <= MaxPackedStart;
        var index = tables.AddRecord();
        var records = tables.Records;
        var at = index * SyntaxTables.RecordStride;
        records[at + SyntaxTables.PackedField] = (int)kind | spelling | (isJsonForm ? JsonFormBit : 0) | (escape == '`' ? BacktickEscapeBit : 0)
            | (startsFit ? (keywordStart << KeywordStartShift) | (argumentsOffset << ArgumentsOffsetShift) : StartsInExtrasBit);
        records[at + SyntaxTables.LineStartField] = line.StartField;
        records[at + SyntaxTables.LineLengthField] = line.Length;
        records[at + SyntaxTables.EndLineField] = 0;
        records[at + SyntaxTables.InnerField] = inner;
        var otherKeyword = spelling == OtherKeyword ? keyword : null;
        var extras = otherKeyword != null || !startsFit
            ? new Extras(flags, otherKeyword, keywordStart, argumentsStart)
            : flags;

        // The thread's buffer was cleared after the last parse, and a write costs a call to the GC's write barrier.
        var slots = tables.Slots;
        if (extras != null)
        {
            slots[(index * SyntaxTables.SlotStride) + ExtrasSlot].Value = extras;
        }

        if (arguments != null)
        {
            slots[(index * SyntaxTables.SlotStride) + ArgumentsSlot].Value = arguments;
        }

        return new Instruction(tables, index);
    }

    /// <summary>The instruction's record in its file's tables.</summary>
    internal int Index => _index;

    private int Packed
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _tables.Records[(_index * SyntaxTables.RecordStride) + SyntaxTables.PackedField];
    }

    private ref object? ExtrasField => ref _tables.Slots[(_index * SyntaxTables.SlotStride) + ExtrasSlot].Value;

    private ref object? ArgumentsField => ref _tables.Slots[(_index * SyntaxTables.SlotStride) + ArgumentsSlot].Value;

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
        _ => ((Extras)ExtrasField!).Keyword!,
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
            return (packed & StartsInExtrasBit) == 0 ? (packed >> KeywordStartShift) & MaxPackedStart : ((Extras)ExtrasField!).KeywordStart;
        }
    }

    public IReadOnlyList<InstructionFlag> Flags => FlagsAsKept switch
    {
        InstructionFlag[] flags => flags,
        InstructionFlag => MakePublicFlags(),
        _ => Array.Empty<InstructionFlag>(),
    };

    /// <summary>Offset in <see cref="Line"/> where the arguments begin (after the flags).</summary>
    public int ArgumentsStart
    {
        get
        {
            var packed = Packed;
            return (packed & StartsInExtrasBit) == 0
                ? ((packed >> KeywordStartShift) & MaxPackedStart) + ((packed >> ArgumentsOffsetShift) & MaxPackedStart)
                : ((Extras)ExtrasField!).ArgumentsStart;
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
    public IReadOnlyList<Word> Words => Arguments is PublicWords made ? made.Words : MakePublicWords();

    /// <summary>The pairs of ENV and LABEL, and of ARG (split at the first '=').</summary>
    public IReadOnlyList<KeyValue> KeyValues => Arguments switch
    {
        KeyValue[] pairs => pairs,
        PublicWords { MadeFrom: KeyValue[] pairs } => pairs,
        KeyValue or PublicWords { MadeFrom: KeyValue } => MakePublicPairs(),
        _ => Array.Empty<KeyValue>(),
    };

    /// <summary>The flags as the parser keeps them, for the analysis: reading them makes no array for one flag.</summary>
    internal OneOrMany<InstructionFlag> FlagList => new(FlagsAsKept);

    // The one flag, the flags' array, or null.
    private object? FlagsAsKept => Volatile.Read(ref ExtrasField) switch
    {
        Extras extras => Volatile.Read(ref extras.Flags),
        var extras => extras as InstructionFlag ?? (object?)(extras as InstructionFlag[]),
    };

    /// <summary>The words as the parser keeps them, for the analysis: reading them makes no object for a word.</summary>
    internal ArgumentWords ArgumentWords
    {
        get
        {
            var arguments = Arguments;
            return (arguments is PublicWords published ? published.MadeFrom : arguments) switch
            {
                int[] table => new(Line, table),
                var words when words == ArgumentWords.WholeArguments => new(Line, ArgumentsStart, ArgumentsEnd),
                _ => new(Line, Array.Empty<int>()),
            };
        }
    }

    /// <summary>The pairs as the parser keeps them, for the analysis: reading them makes no array for one pair.</summary>
    internal OneOrMany<KeyValue> KeyValueList => new(Arguments is PublicWords published ? published.MadeFrom : Arguments);

    private object Arguments => Volatile.Read(ref ArgumentsField) ?? MakeArguments();

    /// <summary>True when the arguments are a JSON array (exec form).</summary>
    public bool IsJsonForm => (Packed & JsonFormBit) != 0;

    // Only '\\' and '`' can be the escape character.
    private char Escape => (Packed & BacktickEscapeBit) != 0 ? '`' : '\\';

    /// <summary>ONBUILD's trigger instruction (it shares <see cref="Line"/> with its parent).</summary>
    public Instruction? Inner => InnerIndex is var inner and >= 0 ? new Instruction(_tables, inner) : null;

    /// <summary>Whether the instruction is an ONBUILD with a trigger.</summary>
    internal bool HasInner => InnerIndex >= 0;

    public IReadOnlyList<Heredoc> Heredocs => InnerIndex is var inner and >= 0
        ? new Instruction(_tables, inner).Heredocs
        : HeredocsAsKept ?? (IReadOnlyList<Heredoc>)Array.Empty<Heredoc>();

    private IReadOnlyList<Heredoc>? HeredocsAsKept => ExtrasField switch
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

        ref var extras = ref ExtrasField;
        switch (extras)
        {
            case Extras more:
                more.Heredocs = heredocs;
                break;
            case InstructionFlag or InstructionFlag[]:
                extras = new Extras(extras, keyword: null, KeywordStart, ArgumentsStart) { Heredocs = heredocs };
                break;
            default:
                extras = heredocs;
                break;
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
    public int StartLine => Line.Lines.GetLineIndex(Line.ToSource(KeywordStart));

    /// <summary>Zero-based physical line where the instruction ends.</summary>
    public int EndLine => _tables.Records[(_index * SyntaxTables.RecordStride) + SyntaxTables.EndLineField];

    /// <summary>Sets where the instruction ends, and so does its trigger's (the parser, before the syntax is handed out).</summary>
    internal void SetEndLine(int endLine)
    {
        _tables.Records[(_index * SyntaxTables.RecordStride) + SyntaxTables.EndLineField] = endLine;
        if (InnerIndex is var inner and >= 0)
        {
            new Instruction(_tables, inner).SetEndLine(endLine);
        }
    }

    /// <summary>The instruction that really runs: ONBUILD's trigger, otherwise this one.</summary>
    public Instruction Effective => InnerIndex is var inner and >= 0 ? new Instruction(_tables, inner) : this;

    /// <summary>The first flag named <paramref name="name"/> (without dashes), or null.</summary>
    public InstructionFlag? FindFlag(string name)
    {
        foreach (var flag in FlagList)
        {
            if (string.Equals(flag.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return flag;
            }
        }

        return null;
    }

    /// <summary>The words or the pairs, as <see cref="Instruction"/> keeps them (its constructor's <c>arguments</c>): an instruction has one or the other.</summary>
    internal static object ArgumentsOf(object words, object? pairs) => pairs ?? words;

    private object MakeArguments()
    {
        InstructionLineParsers.MakeWords(Kind, Keyword, Line, ArgumentsStart, ArgumentsEnd, Escape, out var words, out var pairs);
        var made = ArgumentsOf(words, pairs);
        return Interlocked.CompareExchange(ref ArgumentsField, made, null) ?? made;
    }

    // The public words, made once: the first thread to publish them wins, and the others take its words.
    private Word[] MakePublicWords()
    {
        while (true)
        {
            var arguments = Arguments;
            if (arguments is PublicWords published)
            {
                return published.Words;
            }

            Word[] words;
            if (arguments is int[] { Length: > 0 } || arguments == ArgumentWords.WholeArguments)
            {
                var view = ArgumentWords;
                words = new Word[view.Count];
                for (var i = 0; i < words.Length; i++)
                {
                    words[i] = view[i].ToWord();
                }
            }
            else if (arguments is KeyValue or KeyValue[] && Kind == InstructionKind.Arg)
            {
                words = ArgWords(new OneOrMany<KeyValue>(arguments));
            }
            else
            {
                return Array.Empty<Word>();
            }

            if (Interlocked.CompareExchange(ref ArgumentsField, new PublicWords(arguments, words), arguments) == arguments)
            {
                return words;
            }
        }
    }

    // The one flag in an array, made once when the public list is first asked for: the first thread to publish it
    // wins, and the others take its array. The parser is done with the instruction by then.
    private InstructionFlag[] MakePublicFlags()
    {
        while (true)
        {
            var extras = Volatile.Read(ref ExtrasField);
            var kept = extras is Extras more ? Volatile.Read(ref more.Flags) : extras;
            if (kept is not InstructionFlag one)
            {
                return kept as InstructionFlag[] ?? Array.Empty<InstructionFlag>();
            }

            var flags = new[] { one };
            var published = extras is Extras withFlags
                ? Interlocked.CompareExchange(ref withFlags.Flags, flags, one) == one
                : Interlocked.CompareExchange(ref ExtrasField, flags, one) == one;
            if (published)
            {
                return flags;
            }
        }
    }

    // The one pair in an array, made once when the public list is first asked for: the first thread to publish it
    // wins, and the others take its array.
    private KeyValue[] MakePublicPairs()
    {
        while (true)
        {
            var arguments = Arguments;
            switch (arguments)
            {
                case KeyValue[] published:
                    return published;
                case PublicWords { MadeFrom: KeyValue[] published }:
                    return published;
                case KeyValue one:
                    var pairs = new[] { one };
                    if (Interlocked.CompareExchange(ref ArgumentsField, pairs, arguments) == arguments)
                    {
                        return pairs;
                    }

                    break;
                case PublicWords { MadeFrom: KeyValue one } words:
                    var madeFrom = new[] { one };
                    if (Interlocked.CompareExchange(ref ArgumentsField, new PublicWords(madeFrom, words.Words), arguments) == arguments)
                    {
                        return madeFrom;
                    }

                    break;
                default:
                    return Array.Empty<KeyValue>();
            }
        }
    }

    // ARG's pairs are its words split at the first '=': a word without one is its pair's key, the same object, and
    // the others span the key, the '=' and the value.
    private Word[] ArgWords(OneOrMany<KeyValue> pairs)
    {
        var line = Line;
        var words = new Word[pairs.Count];
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

    // More than one of the rarely used parts (see ExtrasSlot).
    private sealed class Extras
    {
        public Extras(object? flags, string? keyword, int keywordStart, int argumentsStart)
        {
            Flags = flags;
            Keyword = keyword;
            KeywordStart = keywordStart;
            ArgumentsStart = argumentsStart;
        }

        /// <summary>The one flag, the flags' array, or null; one flag is put in an array when the public list is first asked for.</summary>
        public object? Flags;

        /// <summary>The heredocs (set once the parser has read them), or null.</summary>
        public IReadOnlyList<Heredoc>? Heredocs { get; set; }

        /// <summary>The keyword, when it is not spelled as the kind's upper- or lower-case one.</summary>
        public string? Keyword { get; }

        /// <summary>Where the keyword starts, for an instruction whose starts do not fit in its packed int.</summary>
        public int KeywordStart { get; }

        public int ArgumentsStart { get; }
    }

    // The words made public, and the table or the pairs they were made from.
    private sealed class PublicWords
    {
        public PublicWords(object madeFrom, Word[] words)
        {
            MadeFrom = madeFrom;
            Words = words;
        }

        public object MadeFrom { get; }

        public Word[] Words { get; }
    }
}
