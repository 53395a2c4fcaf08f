using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// The per-instruction argument readers, one for each shape BuildKit's parser knows:
/// JSON-or-string, JSON-or-list, whitespace lists, quote-preserving words, name/value pairs.
/// They read the logical line's characters from a buffer; the words they find keep only their offsets
/// until someone asks for their values.
/// </summary>
/// <remarks>
/// The parser makes the words the analysis always reads while it checks their arguments
/// (for its diagnostics and to know the exec form). It only checks the others: their words are read again from
/// the line when they are first asked for (<see cref="MakeWords"/>).
/// </remarks>
internal static unsafe class InstructionLineParsers
{
    /// <summary>Where the readers report problems, in logical offsets of the line being read.</summary>
    public interface IProblemReporter
    {
        void Report(string code, string message, LogicalLine line, int start, int end);
    }

    /// <summary>The argument region of one instruction and what the reader made of it; one instance serves a whole parse.</summary>
    public sealed class Arguments
    {
        // Words of ReadWords, RawWordStride ints each: (start, raw length, value length, offset of the value's first
        // '=' or -1), the value being the raw text or all but a trailing escape.
        private int[] _rawWords = new int[64];
        private int _rawWordsLength;
        private int _wordCount;

        // The words made, in ArgumentWords' table layout, in [_wordBase, + _tableLength) of _wordTable: while the parser
        // reads, the file's table itself (see Reset), else a table of this reader's own.
        private int[] _ownWordTable = new int[64];
        private int[] _wordTable = null!;
        private int _wordBase;
        private int _tableLength;
        private SyntaxTables? _target;

        // The logical line, kept as its parts: its table is written only when it changes (see Reset).
        private SyntaxTables? _lineTables;
        private int _lineStart;
        private int _lineLength;

        public LogicalLine Line => new(_lineTables!, _lineStart, _lineLength);

        /// <summary>The logical line's characters; only [0, <see cref="LogicalLine.Length"/>) is the line.</summary>
        public char* Text { get; private set; }

        public int Start { get; private set; }

        public int End { get; private set; }

        public char Escape { get; private set; }

        /// <summary>False while the parser checks the arguments: the readers then count words but make none.</summary>
        public bool MakesWords { get; private set; }

        // The flags read, in ArgumentFlags' table layout, in [_flagBase, + _flagTableLength) of the file's table, just
        // after the slot of their count (see StartFlags), so that they are kept where they were read; and whether one
        // of them has a name the table cannot hold.
        private SyntaxTables? _flagTables;
        private int[] _flagTable = Array.Empty<int>();
        private int _flagBase;
        private int _flagTableLength;
        private bool _hasOtherFlags;

        // How many pairs were made: an instruction has words or pairs, never both, so that its pairs are made, in
        // ArgumentPairs' table layout, where its words would be (while the parser reads, in the file's table).
        private int _pairCount;

        /// <summary>The pairs made so far.</summary>
        public int PairCount => _pairCount;

        /// <summary>The words found so far, whether or not they were made.</summary>
        public int WordCount => _wordCount;

        public bool IsJsonForm { get; set; }

        /// <summary>Scratch for flag texts that lose quotes or escapes.</summary>
        public StringBuilder Scratch { get; } = new();

        /// <summary>The raw words of ReadWords, in [0, <see cref="RawWordsLength"/>).</summary>
        internal int[] RawWords => _rawWords;

        internal int RawWordsLength => _rawWordsLength;

        internal void ClearRawWords() => _rawWordsLength = 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal void AddRawWord(int start, int length, int valueLength, int equalsOffset)
        {
            var at = Append(ref _rawWords, ref _rawWordsLength, RawWordStride);

            // The ints written through one checked reference to the first, as Append made room for them all.
            ref var word = ref _rawWords[at];
            word = start;
            Unsafe.Add(ref word, 1) = length;
            Unsafe.Add(ref word, 2) = valueLength;
            Unsafe.Add(ref word, 3) = equalsOffset;
        }

        // Takes stride more ints of table after the length in use, making room when there is none; returns where they start.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int Append(ref int[] table, ref int length, int stride)
        {
            var at = length;
            if (at + stride > table.Length)
            {
                Array.Resize(ref table, Math.Max(table.Length * 2, at + stride));
            }

            length = at + stride;
            return at;
        }

        /// <summary>
        /// Starts reading the arguments line[<paramref name="start"/>, <paramref name="end"/>), whose characters are at
        /// <paramref name="text"/>; the words made go straight into <paramref name="target"/>'s table, after what it
        /// holds, when it is given (see <see cref="SyntaxTables.CommitWords"/>).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Reset(LogicalLine line, char* text, int start, int end, char escape, bool makesWords, SyntaxTables? target = null)
        {
            // References written only when they change: each write of one costs a call to the collector's barrier.
            if (_lineTables != line.Tables)
            {
                _lineTables = line.Tables;
            }

            if (_target != target)
            {
                _target = target;
            }

            Begin(line, text, start, end, escape, makesWords, target?.Words ?? _ownWordTable, target?.WordsLength ?? 0);
        }

        /// <summary>Starts a parse of the source of <paramref name="tables"/>, whose instructions' arguments are then started by <see cref="ResetInParse"/>.</summary>
        public void StartParse(SyntaxTables tables)
        {
            _lineTables = tables;
            _target = tables;
        }

        /// <summary>
        /// <see cref="Reset"/> for an instruction of the parse <see cref="StartParse"/> started, whose tables are the
        /// line's and the words' (the parser resets the reader for every instruction: the references are not looked at).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void ResetInParse(LogicalLine line, char* text, int start, int end, char escape, bool makesWords)
        {
            var target = _target!;
            Begin(line, text, start, end, escape, makesWords, target.Words, target.WordsLength);
        }

        // What Reset and ResetInParse start alike; the words are made in table from wordBase.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Begin(LogicalLine line, char* text, int start, int end, char escape, bool makesWords, int[] table, int wordBase)
        {
            Text = text;
            Start = start;
            End = end;
            Escape = escape;
            MakesWords = makesWords;
            _lineStart = line.StartField;
            _lineLength = line.Length;
            if (_wordTable != table)
            {
                _wordTable = table;
            }

            _wordBase = wordBase;
            _tableLength = 0;
            _pairCount = 0;
            _wordCount = 0;
            IsJsonForm = false;
        }

        /// <summary>
        /// Adds a pair: its key the line's characters [<paramref name="keyStart"/>, + <paramref name="keyLength"/>), its
        /// value the word [<paramref name="valueStart"/>, + <paramref name="valueLength"/>) whose value is its first
        /// <paramref name="valueValueLength"/> characters, written as <paramref name="form"/> says (see <see cref="ArgumentPairs"/>).
        /// </summary>
        public void AddPair(int keyStart, int keyLength, int keyValueLength, int valueStart, int valueLength, int valueValueLength, int form)
        {
            ref var pair = ref Made(ArgumentPairs.Stride);
            pair = keyStart;
            Unsafe.Add(ref pair, 1) = keyLength;
            Unsafe.Add(ref pair, 2) = ArgumentWords.ValueOf(keyStart, keyStart, keyValueLength);
            Unsafe.Add(ref pair, 3) = valueStart;
            Unsafe.Add(ref pair, 4) = valueLength;
            Unsafe.Add(ref pair, 5) = ArgumentWords.ValueOf(valueStart, valueStart, valueValueLength);
            Unsafe.Add(ref pair, 6) = form;
            _pairCount++;
        }

        /// <summary>How many ints the flags read take.</summary>
        public int FlagTableLength => _flagTableLength;

        public int FlagCount => _flagTableLength / ArgumentFlags.Stride;

        /// <summary>True when every flag read is in the table alone: written as it reads, with a name BuildKit knows.</summary>
        public bool FlagsAreTableOnly => !_hasOtherFlags;

        /// <summary>
        /// Starts reading flags into <paramref name="tables"/>' words, after those in use and a slot for their count
        /// (see <see cref="SyntaxTables.CommitFlags"/>): nothing is in use there until they are committed.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void StartFlags(SyntaxTables tables)
        {
            // References written only when they change (see Reset).
            if (_flagTables != tables)
            {
                _flagTables = tables;
            }

            var words = tables.Words;
            if (_flagTable != words)
            {
                _flagTable = words;
            }

            _flagBase = tables.WordsLength + 1;
            _flagTableLength = 0;
            _hasOtherFlags = false;
        }

        /// <summary>Lets go of the file's table, so that a reader kept by the thread keeps none alive.</summary>
        public void ForgetFlags()
        {
            _flagTables = null;
            _flagTable = Array.Empty<int>();
            _flagTableLength = 0;
        }

        /// <summary>The ints of flag <paramref name="index"/>, in ArgumentFlags' layout, from <paramref name="at"/> of the table returned.</summary>
        public int[] Flag(int index, out int at)
        {
            at = _flagBase + (index * ArgumentFlags.Stride);
            return _flagTable;
        }

        // A flag: see ReadFlags for name.
        private void AddFlag(int start, int length, int valueOffset, int name)
        {
            var at = _flagBase + _flagTableLength;
            if (at + ArgumentFlags.Stride > _flagTable.Length)
            {
                // Room for the count's slot and the flags read so far, and this one.
                _flagTables!.Reserve(1 + _flagTableLength + ArgumentFlags.Stride);
                _flagTable = _flagTables.Words;
            }

            // The ints written through one checked reference to the first, as there is room for them all.
            ref var flag = ref _flagTable[at];
            flag = start;
            Unsafe.Add(ref flag, 1) = length;
            Unsafe.Add(ref flag, 2) = valueOffset;
            Unsafe.Add(ref flag, 3) = name;
            _flagTableLength += ArgumentFlags.Stride;
            _hasOtherFlags |= name < 0;
        }

        /// <summary>Adds a flag written as it reads, from <paramref name="start"/> to <paramref name="end"/>, with its first '=' at <paramref name="equals"/> (-1: none).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void AddVerbatimFlag(char* text, int start, int end, int equals)
        {
            var nameEnd = equals < 0 ? end : equals;
            var first = start;
            while (first < nameEnd && text[first] == '-')
            {
                first++;
            }

            AddFlag(start, end - start, equals < 0 ? -1 : equals + 1 - start, KnownFlagNameIndex(text + first, nameEnd - first));
        }

        /// <summary>Adds a flag with quotes or escapes, whose object is the <paramref name="other"/>th of those ReadFlags made.</summary>
        public void AddOtherFlag(int start, int end, int other) => AddFlag(start, end - start, -1, -2 - other);

        /// <summary>Forgets the pairs made (the instruction has no words).</summary>
        public void ClearPairs()
        {
            _pairCount = 0;
            _tableLength = 0;
        }

        /// <summary>Adds the word that is the line's characters [<paramref name="start"/>, <paramref name="end"/>).</summary>
        public void AddWord(int start, int end) => AddWord(start, end - start, start, end - start);

        /// <summary>Adds a word whose value is the line's characters [<paramref name="valueStart"/>, + <paramref name="valueLength"/>), starting at the word or, for a JSON string, one past its quote.</summary>
        public void AddWord(int start, int length, int valueStart, int valueLength)
        {
            _wordCount++;
            if (MakesWords)
            {
                AddToTable(start, length, valueStart, valueLength);
            }
        }

        /// <summary>Adds the JSON string token [<paramref name="start"/>, + <paramref name="length"/>), whose value has escapes to decode.</summary>
        public void AddJsonStringWithEscapes(int start, int length)
        {
            _wordCount++;
            if (MakesWords)
            {
                // Decoded when the value is read: its value start is past the opening quote, its length unknown.
                AddToTable(start, length, start + 1, -1);
            }
        }

        /// <summary>True when the words made are one, the arguments as written (the instruction then needs no table).</summary>
        public bool MadeWholeArguments
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => _tableLength == ArgumentWords.Stride && _wordTable[_wordBase] == Start && _wordTable[_wordBase + 1] == End - Start
            && _wordTable[_wordBase + 2] == ArgumentWords.ValueOf(Start, Start, End - Start);
        }

        /// <summary>How many ints the words or pairs made take.</summary>
        public int WordTableLength => _tableLength;

        /// <summary>
        /// The words or pairs made, as <see cref="Instruction"/> keeps what is made after the parse: in a table of
        /// their own whose first int is their count (~count for pairs), or <see cref="WholeArgumentsTable"/>.
        /// </summary>
        public int[] MadeTable()
        {
            if (_pairCount > 0)
            {
                return WithCount(_wordTable, _wordBase, _tableLength, ~_pairCount);
            }

            return MadeWholeArguments ? WholeArgumentsTable : WithCount(_wordTable, _wordBase, _tableLength, _tableLength / ArgumentWords.Stride);
        }

        private static int[] WithCount(int[] entries, int start, int length, int count)
        {
            var table = new int[length + 1];
            table[0] = count;
            Array.Copy(entries, start, table, 1, length);
            return table;
        }

        /// <summary>Drops the words found after the first <paramref name="count"/>.</summary>
        public void TruncateWords(int count)
        {
            _wordCount = count;
            if (MakesWords)
            {
                _tableLength = count * ArgumentWords.Stride;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void AddToTable(int start, int length, int valueStart, int valueLength)
        {
            ref var word = ref Made(ArgumentWords.Stride);
            word = start;
            Unsafe.Add(ref word, 1) = length;
            Unsafe.Add(ref word, 2) = ArgumentWords.ValueOf(start, valueStart, valueLength);
        }

        // Takes stride more ints after those made, making room for them when there is none, and returns the first: the
        // others are written through it, with no check each, as they follow it.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private ref int Made(int stride)
        {
            var at = _wordBase + _tableLength;
            if (at + stride > _wordTable.Length)
            {
                GrowWordTable(stride);
            }

            _tableLength += stride;
            return ref _wordTable[at];
        }

        // Makes room for more ints after those made.
        private void GrowWordTable(int more)
        {
            if (_target != null)
            {
                _target.Reserve(_tableLength + more);
                _wordTable = _target.Words;
            }
            else
            {
                Array.Resize(ref _ownWordTable, Math.Max(_ownWordTable.Length * 2, _tableLength + more));
                _wordTable = _ownWordTable;
            }
        }
    }

    /// <summary>What <see cref="Arguments.MadeTable"/> gives for one word that is the arguments as written.</summary>
    public static readonly int[] WholeArgumentsTable = { 1 };

    /// <summary>What <see cref="Arguments.MadeTable"/> gives for no words.</summary>
    public static readonly int[] NoWordsTable = { 0 };

    // A line grown past this many characters is not kept by the thread after its words are made.
    private const int MaxRetainedChars = 1 << 16;

    // The word maker's working memory, kept by the thread: words are made on any thread, after the parse.
    [ThreadStatic]
    private static WordMakerScratch? wordMakerScratch;

    /// <summary>
    /// Reads the words or pairs of an instruction's arguments, line[<paramref name="start"/>, <paramref name="end"/>),
    /// as the parser found them (it checked the arguments, and reported their problems, without making words), into
    /// a table as <see cref="Arguments.MadeTable"/> gives it.
    /// </summary>
    public static int[] MakeWords(InstructionKind kind, string keyword, LogicalLine line, int start, int end, char escape)
    {
        if (kind is InstructionKind.Unknown or InstructionKind.Onbuild)
        {
            return NoWordsTable;
        }

        // Most instructions' arguments are one word, their whole text: that needs no copy of the line to find.
        if (IsWholeTextWord(kind, line, start, end))
        {
            return end > start ? WholeArgumentsTable : NoWordsTable;
        }

        // Making words never makes more words, so the thread's scratch is never in use here.
        var scratch = wordMakerScratch ??= new WordMakerScratch();
        // The readers look at the arguments only: the rest of the buffer is left as it is.
        var text = scratch.Line.Length >= line.Length ? scratch.Line : new char[Math.Max(line.Length, 256)];
        line.CopyTo(start, text, start, end - start);
        var arguments = scratch.Arguments;
        int[] made;
        fixed (char* chars = text)
        {
            arguments.Reset(line, chars, start, end, escape, makesWords: true);
            Read(kind, keyword, arguments, report: null);
            made = arguments.MadeTable();
            arguments.Reset(default, null, 0, 0, '\\', makesWords: false);
        }

        if (text.Length <= MaxRetainedChars)
        {
            scratch.Line = text;
        }

        return made;
    }

    /// <summary>
    /// True when <see cref="Read"/> makes the arguments line[<paramref name="start"/>, <paramref name="end"/>) one word,
    /// their whole text: for the instructions that take one string, and for RUN, CMD, ENTRYPOINT and SHELL in shell form.
    /// </summary>
    private static bool IsWholeTextWord(InstructionKind kind, LogicalLine line, int start, int end)
    {
        switch (kind)
        {
            case InstructionKind.Cmd:
            case InstructionKind.Entrypoint:
            case InstructionKind.Run:
            case InstructionKind.Shell:
                // The arguments start at a non-blank character, and only '[' can start a JSON array.
                return start >= end || line.CharAt(start) != '[';
            case InstructionKind.Maintainer:
            case InstructionKind.StopSignal:
                // (USER and WORKDIR take one string too, but the parser makes their words.)
                return true;
            default:
                return false;
        }
    }

    private sealed class WordMakerScratch
    {
        public Arguments Arguments { get; } = new();

        public char[] Line { get; set; } = new char[256];
    }

    /// <summary>Reads (or, with <see cref="Arguments.MakesWords"/> false, checks) the arguments; <paramref name="report"/> is null when they were checked before.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Read(InstructionKind kind, string keyword, Arguments arguments, IProblemReporter? report)
    {
        switch (kind)
        {
            case InstructionKind.Add:
            case InstructionKind.Copy:
            case InstructionKind.Volume:
                ReadJsonOrList(arguments, report);
                break;
            case InstructionKind.Arg when arguments.MakesWords:
                // ARG's words are its pairs' (see Instruction.Words): only the pairs are kept.
                ReadWords(arguments, arguments.Start);
                for (var i = 0; i < arguments.RawWordsLength; i += RawWordStride)
                {
                    AddSplitAtEquals(arguments, i);
                }

                break;
            case InstructionKind.Cmd:
            case InstructionKind.Entrypoint:
            case InstructionKind.Run:
            case InstructionKind.Shell:
                ReadJsonOrString(arguments, arguments.Start, report);
                break;
            case InstructionKind.Env:
            case InstructionKind.Label:
                ReadNameValues(arguments, keyword, report);
                break;
            case InstructionKind.Expose when arguments.MakesWords:
            case InstructionKind.From when arguments.MakesWords:
                ReadWhitespaceList(arguments, arguments.Start);
                break;
            case InstructionKind.Healthcheck:
                ReadHealthcheck(arguments, report);
                break;
            case InstructionKind.Arg:
            case InstructionKind.Expose:
            case InstructionKind.From:
                // Their arguments cannot be wrong: there is nothing to check.
                break;
            default:
                if (arguments.End > arguments.Start)
                {
                    arguments.AddWord(arguments.Start, arguments.End);
                }

                break;
        }
    }

    /// <summary>
    /// Reads the builder flags (<c>--name[=value]</c>) at the start of the arguments and returns where
    /// the rest begins. Like BuildKit: a flag word is anything starting with "--", quotes and '\' escapes
    /// are removed from it, and a bare "--" ends the flags. The flags go in <paramref name="arguments"/>' flag table
    /// (<see cref="ArgumentFlags"/>' layout), their name the index of a known name; -1 for a flag written as it reads
    /// with another name, -2 - i for one with quotes or escapes, whose object is <paramref name="others"/>[i].
    /// </summary>
    public static int ReadFlags(Arguments arguments, LogicalLine line, char* text, int start, int end, List<InstructionFlag> others)
    {
        var word = arguments.Scratch;

        // A flag's escape character is always '\\'.
        var plain = new PlainWordTest('\\');
        var pos = start;
        while (true)
        {
            while (pos < end && Chars.IsWhiteSpace(text[pos]))
            {
                pos++;
            }

            if (pos >= end || text[pos] != '-' || pos + 1 >= end || text[pos + 1] != '-')
            {
                return pos;
            }

            // Most flags are printable ASCII without quotes or escapes up to a blank: stepped over without the
            // checks below, four characters at a time where they can be.
            var wordStart = pos;
            while (pos + Vector<short>.Count <= end && plain.AllPlain(text + pos))
            {
                pos += Vector<short>.Count;
            }

            while (pos < end && PlainWordTest.IsPlain(text[pos], '\\'))
            {
                pos++;
            }

            if (pos == end || Chars.IsWhiteSpace(text[pos]))
            {
                if (pos - wordStart == 2)
                {
                    return pos;
                }

                // The first '=' ends the name, a few characters in.
                arguments.AddVerbatimFlag(text, wordStart, pos, IndexOfEquals(text, wordStart, pos));
                continue;
            }

            word.Clear();
            var quote = '\0';
            var blankOk = false;
            var verbatim = true;
            while (pos < end)
            {
                var c = text[pos];
                if (quote == '\0' && Chars.IsWhiteSpace(c))
                {
                    break;
                }

                // The word is its raw text until its first quote or escape: only from there on is it copied out.
                if (verbatim && (c == '\'' || c == '"' || c == '\\'))
                {
                    word.Append(text + wordStart, pos - wordStart);
                    verbatim = false;
                }

                if (quote == '\0' && (c == '\'' || c == '"'))
                {
                    quote = c;
                    blankOk = true;
                    pos++;
                    continue;
                }

                if (quote != '\0' && c == quote)
                {
                    quote = '\0';
                    pos++;
                    continue;
                }

                if (c == '\\')
                {
                    if (pos + 1 >= end)
                    {
                        pos++;
                        continue;
                    }

                    pos++;
                    c = text[pos];
                }

                if (!verbatim)
                {
                    word.Append(c);
                }

                pos++;
            }

            var length = verbatim ? pos - wordStart : word.Length;
            if (length == 2 && (verbatim || word.ToString() == "--"))
            {
                return pos;
            }

            if (verbatim && length > 0)
            {
                arguments.AddVerbatimFlag(text, wordStart, pos, IndexOfEquals(text, wordStart, pos));
            }
            else if (blankOk || length > 0)
            {
                others.Add(CreateFlag(line, text, word.ToString(), wordStart, pos));
                arguments.AddOtherFlag(wordStart, pos, others.Count - 1);
            }
        }
    }

    // The index in ArgumentFlags.KnownNames of the name that the length characters at chars spell, or -1: most flags
    // are the first few.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int KnownFlagNameIndex(char* chars, int length)
    {
        var names = ArgumentFlags.KnownNames;
        for (var index = 0; index < names.Length; index++)
        {
            var known = names[index];
            if (known.Length != length)
            {
                continue;
            }

            var same = 0;
            while (same < length && chars[same] == known[same])
            {
                same++;
            }

            if (same == length)
            {
                return index;
            }
        }

        return -1;
    }

    private static InstructionFlag CreateFlag(LogicalLine line, char* text, string value, int start, int end)
    {
        var equals = value.IndexOf('=');
        var rawEquals = Chars.IndexOf(text, '=', start, end);
        return new InstructionFlag(
            line,
            value,
            start,
            end - start,
            FlagName(value, equals < 0 ? value.Length : equals),
            equals < 0 ? null : value.Substring(equals + 1),
            rawEquals < 0 ? -1 : rawEquals + 1,
            line.ToSource(start, end));
    }

    /// <summary>
    /// The flag objects of the flags <see cref="ReadFlags"/> read, for an instruction with a flag that its table cannot
    /// hold: the one flag itself, or their array.
    /// </summary>
    public static object FlagObjects(Arguments arguments, LogicalLine line, char* text, List<InstructionFlag> others)
    {
        var flags = new InstructionFlag[arguments.FlagCount];
        for (var i = 0; i < flags.Length; i++)
        {
            var table = arguments.Flag(i, out var at);
            var start = table[at];
            var end = start + table[at + 1];
            var valueOffset = table[at + 2];
            var name = table[at + 3];
            flags[i] = name switch
            {
                >= 0 => new ArgumentFlag(line, start, end - start, valueOffset, name).ToFlag(),
                -1 => CreateVerbatimFlag(line, text, start, end, valueOffset < 0 ? -1 : start + valueOffset - 1),
                _ => others[-2 - name],
            };
        }

        return flags.Length == 1 ? flags[0] : flags;
    }

    // A flag with no quotes or escapes and a name BuildKit does not know: its text is the raw text, and nothing needs
    // to be a string yet but its name. equals is where its first '=' is, or -1.
    private static InstructionFlag CreateVerbatimFlag(LogicalLine line, char* text, int start, int end, int equals)
    {
        var nameEnd = equals < 0 ? end : equals;
        var name = FlagName(new string(text, start, nameEnd - start), nameEnd - start);
        return new InstructionFlag(line, start, end - start, name, equals < 0 ? -1 : equals + 1 - start, line.ToSource(start, end));
    }

    // value[0, nameEnd) with leading dashes removed, lower-cased.
    private static string FlagName(string value, int nameEnd)
    {
        var first = 0;
        while (first < nameEnd && value[first] == '-')
        {
            first++;
        }

        foreach (var known in ArgumentFlags.KnownNames)
        {
            if (known.Length == nameEnd - first && string.Compare(value, first, known, 0, known.Length, StringComparison.Ordinal) == 0)
            {
                return known;
            }
        }

        return value.Substring(0, nameEnd).TrimStart('-').ToLowerInvariant();
    }

    private static void ReadJsonOrString(Arguments arguments, int start, IProblemReporter? report)
    {
        if (arguments.End > start && (!MayStartJsonArray(arguments, start) || ReadJson(arguments, start, report) == JsonArrayReader.Result.NotJson))
        {
            arguments.AddWord(start, arguments.End);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ReadJsonOrList(Arguments arguments, IProblemReporter? report)
    {
        var start = arguments.Start;
        if ((!MayStartJsonArray(arguments, start) || ReadJson(arguments, start, report) == JsonArrayReader.Result.NotJson) && arguments.MakesWords)
        {
            ReadWhitespaceList(arguments, start);
        }
    }

    // Only '[' after blanks starts an array: most arguments are told from one at their first character, with nothing
    // to read or report.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool MayStartJsonArray(Arguments arguments, int start)
    {
        var text = arguments.Text;
        var first = start;
        while (first < arguments.End && Chars.IsWhiteSpace(text[first]))
        {
            first++;
        }

        return first < arguments.End && text[first] == '[';
    }

    // Reads arguments that MayStartJsonArray.
    private static JsonArrayReader.Result ReadJson(Arguments arguments, int start, IProblemReporter? report)
    {
        var wordsBefore = arguments.WordCount;
        var result = JsonArrayReader.Read(arguments, start);
        if (result == JsonArrayReader.Result.StringArray)
        {
            arguments.IsJsonForm = true;
            return result;
        }

        arguments.TruncateWords(wordsBefore);
        if (report == null)
        {
            return result;
        }

        if (result == JsonArrayReader.Result.NotStringArray)
        {
            report.Report("json-not-strings", "A JSON array in exec form may only contain strings", arguments.Line, start, arguments.End);
        }
        else if (start < arguments.End && arguments.Text[start] == '[')
        {
            // Text that starts like an exec-form array but is not valid JSON runs as a shell command: almost always a mistake.
            report.Report("invalid-json", "The arguments start with '[' but are not a valid JSON array of strings, so BuildKit runs them as a shell command", arguments.Line, start, arguments.End);
        }

        return result;
    }

    private static void ReadWhitespaceList(Arguments arguments, int start)
    {
        var text = arguments.Text;
        var end = arguments.End;
        var i = start;
        while (i < end)
        {
            // The separators are all at or below ' ': four characters above it are stepped over at once (most words
            // are too short for a vector), the rest settled with one comparison each.
            var wordStart = i;
            while (i + 4 <= end && ((*(ulong*)(text + i) - EachExclamationMark) & EachTopBit) == 0)
            {
                i += 4;
            }

            while (i < end && (text[i] > ' ' || !IsListSeparator(text[i])))
            {
                i++;
            }

            arguments.AddWord(wordStart, i);
            while (i < end && IsListSeparator(text[i]))
            {
                i++;
            }
        }
    }

    // Four UTF-16 characters read as one 64-bit word are tested lane by lane: taking '!' from each lane sets the top
    // bit of the lanes below it (and of those from 0x8000 on); the borrow it takes from the next lane up can set that
    // lane's top bit too, but only next to a lane that is set itself.
    private const ulong EachExclamationMark = 0x0021_0021_0021_0021;
    private const ulong EachTopBit = 0x8000_8000_8000_8000;

    // Each lane of four UTF-16 characters read as one 64-bit word: '=', and 1.
    private const ulong EachEqualsSign = 0x003D_003D_003D_003D;
    private const ulong EachOne = 0x0001_0001_0001_0001;

    // The first '=' in text[start, end), or -1: four characters are looked at a word at a time, as a word's '=' (of a
    // flag, a pair) is often some way in. A lane that equals '=' is zero once '=' is taken out of each; taking 1 from
    // each lane then sets the top bit of a zero lane that the lane itself did not have (a borrow can set it in lanes
    // above a zero lane too, but the four characters are then looked at one by one).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IndexOfEquals(char* text, int start, int end)
    {
        var i = start;
        for (; i + 4 <= end; i += 4)
        {
            var lanes = *(ulong*)(text + i) ^ EachEqualsSign;
            if (((lanes - EachOne) & ~lanes & EachTopBit) != 0)
            {
                break;
            }
        }

        for (; i < end; i++)
        {
            if (text[i] == '=')
            {
                return i;
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsListSeparator(char c) => c is ' ' or '\t' or '\v' or '\f' or '\r';

    private static void ReadHealthcheck(Arguments arguments, IProblemReporter? report)
    {
        var text = arguments.Text;
        var separator = arguments.Start;
        while (separator < arguments.End && !Chars.IsWhiteSpace(text[separator]))
        {
            separator++;
        }

        if (separator == arguments.Start)
        {
            return;
        }

        arguments.AddWord(arguments.Start, separator);
        var next = separator;
        while (next < arguments.End && Chars.IsWhiteSpace(text[next]))
        {
            next++;
        }

        ReadJsonOrString(arguments, next, report);
    }

    private static void ReadNameValues(Arguments arguments, string keyword, IProblemReporter? report)
    {
        ReadWords(arguments, arguments.Start);
        if (arguments.RawWordsLength == 0)
        {
            report?.Report("missing-arguments", $"{keyword.ToUpperInvariant()} requires at least one argument", arguments.Line, arguments.Start, arguments.End);
            return;
        }

        if (EqualsIndex(arguments, 0) < 0)
        {
            // Legacy form: NAME value...; the value is the raw rest of the line.
            var text = arguments.Text;
            var keyEnd = arguments.Start;
            while (keyEnd < arguments.End && !IsListSeparator(text[keyEnd]))
            {
                keyEnd++;
            }

            var valueStart = keyEnd;
            while (valueStart < arguments.End && IsListSeparator(text[valueStart]))
            {
                valueStart++;
            }

            if (keyEnd == arguments.End)
            {
                report?.Report("missing-value", $"{keyword.ToUpperInvariant()} must have two arguments", arguments.Line, arguments.Start, arguments.End);
                return;
            }

            if (arguments.MakesWords)
            {
                var keyLength = keyEnd - arguments.Start;
                var valueLength = arguments.End - valueStart;
                arguments.AddPair(arguments.Start, keyLength, keyLength, valueStart, valueLength, valueLength, ArgumentPairs.Legacy);
            }

            return;
        }

        for (var i = 0; i < arguments.RawWordsLength; i += RawWordStride)
        {
            if (EqualsIndex(arguments, i) < 0)
            {
                if (report != null)
                {
                    var words = arguments.RawWords;
                    var value = arguments.Line.Substring(words[i], words[i + 2]);
                    report.Report("missing-equals", $"Syntax error - can't find = in \"{value}\". Must be of the form: name=value", arguments.Line, words[i], words[i] + words[i + 1]);
                }

                arguments.ClearPairs();
                return;
            }

            if (arguments.MakesWords)
            {
                AddSplitAtEquals(arguments, i);
            }
        }
    }

    // The first '=' of raw word i's value, relative to the word's start, or -1.
    private static int EqualsIndex(Arguments arguments, int i)
    {
        return arguments.RawWords[i + 3];
    }

    /// <summary>Adds the pair of raw word <paramref name="i"/> split at its first '=' (all of it the key when it has none).</summary>
    private static void AddSplitAtEquals(Arguments arguments, int i)
    {
        var words = arguments.RawWords;
        var start = words[i];
        var length = words[i + 1];
        var valueLength = words[i + 2];
        var equals = EqualsIndex(arguments, i);
        if (equals < 0)
        {
            arguments.AddPair(start, length, valueLength, start, 0, 0, ArgumentPairs.NoValue);
            return;
        }

        var valueStart = start + equals + 1;
        arguments.AddPair(start, equals, equals, valueStart, Math.Max(0, length - equals - 1), valueLength - equals - 1, ArgumentPairs.EqualsSign);
    }

    /// <summary>
    /// Splits text into words on blanks, keeping quotes and escapes in the words (BuildKit's parseWords):
    /// the escape character protects the next character, and only double quotes honour it. The value of a
    /// word is its raw text, except that an escape character ending the arguments is dropped.
    /// </summary>
    private static void ReadWords(Arguments arguments, int start)
    {
        arguments.ClearRawWords();
        var text = arguments.Text;
        var escape = arguments.Escape;
        var plain = new PlainWordTest(escape);
        var end = arguments.End;
        var wordStart = -1;
        var valueLength = 0;
        var quote = '\0';
        var blankOk = false;
        var pos = start;
        while (pos < end)
        {
            var c = text[pos];
            if (wordStart < 0)
            {
                if (Chars.IsWhiteSpace(c))
                {
                    pos++;
                    continue;
                }

                wordStart = pos;
                valueLength = 0;
            }

            // A run of characters that are part of the value as they are is stepped over at once.
            var run = quote == '\0' ? PlainRunEnd(text, pos, end, plain, escape)
                : c != quote && c != escape ? QuotedRunEnd(text, pos + 1, end, quote, escape)
                : pos;
            if (run > pos)
            {
                valueLength += run - pos;
                pos = run;
                if (pos == end)
                {
                    break;
                }

                c = text[pos];
            }

            if (quote == '\0' && Chars.IsWhiteSpace(c))
            {
                AddWord(arguments, text, wordStart, pos, valueLength, blankOk);
                wordStart = -1;
                blankOk = false;
                pos++;
                continue;
            }

            if (quote == '\0' && (c == '\'' || c == '"'))
            {
                quote = c;
                blankOk = true;
            }
            else if (quote != '\0' && c == quote)
            {
                quote = '\0';
            }
            else if (c == escape && quote != '\'' && pos + 1 == end)
            {
                // A trailing escape protects nothing and is dropped.
                pos++;
                continue;
            }
            else if (c == escape && quote != '\'')
            {
                // The escape and the character it protects both stay in the word.
                valueLength++;
                pos++;
            }

            valueLength++;
            pos++;
        }

        if (wordStart >= 0)
        {
            AddWord(arguments, text, wordStart, end, valueLength, blankOk);
        }
    }

    // Outside quotes, printable ASCII other than quotes and the escape character, most of a word, is part of its value
    // as it is: stepped over a vector of characters at a time where it can, else with a comparison or two each.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PlainRunEnd(char* text, int run, int end, PlainWordTest plain, char escape)
    {
        while (run + Vector<short>.Count <= end && plain.AllPlain(text + run))
        {
            run += Vector<short>.Count;
        }

        while (run < end && PlainWordTest.IsPlain(text[run], escape))
        {
            run++;
        }

        return run;
    }

    // Inside quotes, every character but the closing quote and the escape character is part of the value as it is: a
    // run of them is stepped over a vector at a time where it can.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int QuotedRunEnd(char* text, int run, int end, char quote, char escape)
    {
        var quotes = new Vector<short>((short)quote);
        var escapes = new Vector<short>((short)escape);
        while (run + Vector<short>.Count <= end
            && (Vector.Equals(*(Vector<short>*)(text + run), quotes) | Vector.Equals(*(Vector<short>*)(text + run), escapes)) == Vector<short>.Zero)
        {
            run += Vector<short>.Count;
        }

        while (run < end && text[run] != quote && text[run] != escape)
        {
            run++;
        }

        return run;
    }

    // A raw word's ints (see Arguments' raw words).
    private const int RawWordStride = 4;

    private static void AddWord(Arguments arguments, char* text, int start, int end, int valueLength, bool blankOk)
    {
        if (blankOk || valueLength > 0)
        {
            // The pairs' readers ask for the '=' of a word more than once: it is found here, once.
            var equals = IndexOfEquals(text, start, start + valueLength);
            arguments.AddRawWord(start, end - start, valueLength, equals < 0 ? -1 : equals - start);
        }
    }
}
