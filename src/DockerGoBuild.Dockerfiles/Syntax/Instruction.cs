using System;
using System.Collections.Generic;
using System.Threading;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>One instruction: its keyword, flags, arguments, heredocs, and where each lies in the source.</summary>
public sealed class Instruction
{
    // Words and pairs are published together, under this lock, by the first thread that asks for either.
    private static readonly object ArgumentsPublication = new();

    // The escape character in force, for reading the words again.
    private readonly char _escape;

    // The kind in a byte: with ONBUILD's trigger and the heredocs in one field below, an instruction takes 16
    // bytes less, and a file has thousands of them.
    private readonly byte _kind;

    // ONBUILD's trigger (whose heredocs are ONBUILD's too), or else the heredocs, or null for none.
    private object? _innerOrHeredocs;

    // Made from the line when first asked for: the parser only checks the arguments. _words is written last.
    private Word[]? _words;
    private KeyValue[]? _keyValues;

    internal Instruction(
        InstructionKind kind,
        string keyword,
        LogicalLine line,
        int keywordStart,
        InstructionFlag[] flags,
        int argumentsStart,
        int argumentsEnd,
        char escape,
        bool isJsonForm,
        Instruction? inner)
    {
        _kind = (byte)kind;
        Keyword = keyword;
        Line = line;
        KeywordStart = keywordStart;
        FlagArray = flags;
        ArgumentsStart = argumentsStart;
        ArgumentsEnd = argumentsEnd;
        _escape = escape;
        IsJsonForm = isJsonForm;
        _innerOrHeredocs = inner;
    }

    public InstructionKind Kind => (InstructionKind)_kind;

    /// <summary>The keyword as written (<c>RUN</c>, <c>run</c>, ...).</summary>
    public string Keyword { get; }

    /// <summary>The joined text of the instruction and its map back to the source.</summary>
    public LogicalLine Line { get; }

    /// <summary>Offset of the keyword in <see cref="Line"/>.</summary>
    public int KeywordStart { get; }

    public IReadOnlyList<InstructionFlag> Flags => FlagArray;

    /// <summary>Offset in <see cref="Line"/> where the arguments begin (after the flags).</summary>
    public int ArgumentsStart { get; }

    /// <summary>Offset in <see cref="Line"/> where the arguments end (trailing blanks excluded).</summary>
    public int ArgumentsEnd { get; }

    /// <summary>The arguments text after the flags, as BuildKit passes it to the instruction's line parser.</summary>
    public string ArgumentsText => Line.Substring(ArgumentsStart, ArgumentsEnd - ArgumentsStart);

    /// <summary>
    /// The argument values in BuildKit's shape: JSON array elements in exec form; whitespace-separated
    /// words for FROM, EXPOSE, COPY, ADD, VOLUME; quote-preserving words for ARG; the whole text for
    /// shell-form RUN, CMD, ENTRYPOINT, SHELL and the single-string instructions.
    /// </summary>
    public IReadOnlyList<Word> Words => WordArray;

    /// <summary>The pairs of ENV and LABEL, and of ARG (split at the first '=').</summary>
    public IReadOnlyList<KeyValue> KeyValues => KeyValueArray;

    // The lists as arrays, for the rules' loops (no enumerator to allocate, no interface to call through).
    internal InstructionFlag[] FlagArray { get; }

    internal Word[] WordArray => Volatile.Read(ref _words) ?? MakeWords();

    internal KeyValue[] KeyValueArray
    {
        get
        {
            if (Volatile.Read(ref _words) == null)
            {
                MakeWords();
            }

            return _keyValues!;
        }
    }

    /// <summary>True when the arguments are a JSON array (exec form).</summary>
    public bool IsJsonForm { get; }

    /// <summary>ONBUILD's trigger instruction (it shares <see cref="Line"/> with its parent).</summary>
    public Instruction? Inner => _innerOrHeredocs as Instruction;

    public IReadOnlyList<Heredoc> Heredocs
    {
        get => _innerOrHeredocs switch
        {
            Instruction inner => inner.Heredocs,
            IReadOnlyList<Heredoc> heredocs => heredocs,
            _ => Array.Empty<Heredoc>(),
        };

        // ONBUILD's heredocs are its trigger's.
        internal set
        {
            if (_innerOrHeredocs is Instruction inner)
            {
                inner.Heredocs = value;
            }
            else
            {
                _innerOrHeredocs = value;
            }
        }
    }

    /// <summary>From the keyword to the end of the instruction's last line (heredoc terminators included), line break excluded.</summary>
    public TextSpan Span { get; internal set; }

    /// <summary>The keyword in the source.</summary>
    public TextSpan KeywordSpan => Line.ToSource(KeywordStart, KeywordStart + Keyword.Length);

    /// <summary>Zero-based physical line of the keyword.</summary>
    public int StartLine { get; internal set; }

    /// <summary>Zero-based physical line where the instruction ends.</summary>
    public int EndLine { get; internal set; }

    /// <summary>The instruction that really runs: ONBUILD's trigger, otherwise this one.</summary>
    public Instruction Effective => Inner ?? this;

    /// <summary>The first flag named <paramref name="name"/> (without dashes), or null.</summary>
    public InstructionFlag? FindFlag(string name)
    {
        foreach (var flag in FlagArray)
        {
            if (string.Equals(flag.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return flag;
            }
        }

        return null;
    }

    private Word[] MakeWords()
    {
        InstructionLineParsers.MakeWords(Kind, Keyword, Line, ArgumentsStart, ArgumentsEnd, _escape, out var words, out var keyValues);
        lock (ArgumentsPublication)
        {
            if (_words != null)
            {
                return _words;
            }

            _keyValues = keyValues;
            Volatile.Write(ref _words, words);
            return words;
        }
    }

    /// <summary>The source span of a logical range of this instruction.</summary>
    public TextSpan ToSource(int start, int end) => Line.ToSource(start, end);

    public override string ToString() => Line.Text;
}
