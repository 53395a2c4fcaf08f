using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Threading;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// Parses a Dockerfile the way BuildKit's parser reads it (directives first, then line by line),
/// keeping every position so that the model maps back to the exact source text. Never throws on
/// malformed input: problems become <see cref="ParseDiagnostic"/>s.
/// </summary>
public static class DockerfileParser
{
    public static DockerfileSyntax Parse(string text, CancellationToken cancellationToken = default)
    {
        if (text == null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        using (AnalysisCancellation.Enter(cancellationToken))
        {
            var scratch = Scratch.Rent();
            try
            {
                return scratch.Reader.Read(text, cancellationToken, inPlace: false);
            }
            finally
            {
                scratch.Return();
            }
        }
    }

    /// <summary>How many syntaxes parsed in place a thread may read at once and still find its tables kept for them.</summary>
    internal const int MaxInPlaceAtOnce = 16;

    /// <summary>
    /// Parses <paramref name="text"/> into tables the thread keeps from parse to parse, rather than into tables of the
    /// syntax's own: for a caller that reads the syntax only for a while (an analysis that keeps its findings), which
    /// then spares the copies and the memory of a syntax's own tables. The syntax may be read until
    /// <paramref name="tables"/> are released, and not after (the thread's next parses write over them).
    /// </summary>
    internal static DockerfileSyntax ParseInPlace(string text, CancellationToken cancellationToken, out InPlaceTables tables) =>
        Start(text, cancellationToken, whole: true, inPlace: true, instructions: int.MaxValue, out tables);

    /// <summary>
    /// Starts a parse into the thread's tables (see <see cref="ParseInPlace"/>) that its caller reads while it goes on,
    /// a few instructions at a time through <paramref name="parse"/>, so that a large file's text and tables are read
    /// again while they are still in the processor's cache. The parse has read the file's first <paramref name="instructions"/> (at least
    /// one), or all of them if it has fewer. From here on
    /// <see cref="DockerfileSyntax.Text"/>, <see cref="DockerfileSyntax.Lines"/> (the whole text's),
    /// <see cref="DockerfileSyntax.EscapeCharacter"/>, <see cref="DockerfileSyntax.Directives"/> and
    /// <see cref="DockerfileSyntax.BomLength"/> are final; the instructions are those read so far (see
    /// <see cref="OngoingParse.ReadMore"/>); the comments and diagnostics are there only after
    /// <see cref="OngoingParse.Finish"/>, and the syntax is then exactly what <see cref="ParseInPlace"/> returns. Only the
    /// thread that parses reads the syntax before <see cref="OngoingParse.Finish"/>. <paramref name="tables"/> are
    /// released as <see cref="ParseInPlace"/>'s are, finished or not (a parse cancelled, or left, before its end).
    /// Not <paramref name="inPlace"/>, the syntax reads the thread's tables until the parse is finished, and then has
    /// tables of its own, as <see cref="Parse"/>'s has, which it keeps after <paramref name="tables"/> are released.
    /// </summary>
    internal static DockerfileSyntax BeginParse(string text, bool inPlace, int instructions, CancellationToken cancellationToken, out InPlaceTables tables, out OngoingParse parse)
    {
        var syntax = Start(text, cancellationToken, whole: false, inPlace, instructions, out tables);
        parse = new OngoingParse(tables.Reader, cancellationToken);
        return syntax;
    }

    // Parses text, whole (in place) or (see BeginParse) as far as its first instructions (at least one).
    private static DockerfileSyntax Start(string text, CancellationToken cancellationToken, bool whole, bool inPlace, int instructions, out InPlaceTables tables)
    {
        if (text == null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        using (AnalysisCancellation.Enter(cancellationToken))
        {
            var scratch = Scratch.Rent();
            try
            {
                var syntax = whole ? scratch.Reader.Read(text, cancellationToken, inPlace) : scratch.Reader.Begin(text, cancellationToken, inPlace, instructions);
                tables = new InPlaceTables(scratch);
                return syntax;
            }
            catch
            {
                scratch.Return();
                throw;
            }
        }
    }

    /// <summary>
    /// A parse read while it goes on (see <see cref="BeginParse"/>). The default value stands for a syntax parsed whole
    /// already: it reads nothing more.
    /// </summary>
    internal readonly struct OngoingParse
    {
        private readonly Reader _reader;
        private readonly CancellationToken _cancellationToken;

        internal OngoingParse(Reader reader, CancellationToken cancellationToken)
        {
            _reader = reader;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Whether some of the text is not read yet.</summary>
        public bool HasTextLeft => _reader is { HasTextLeft: true };

        /// <summary>
        /// Reads logical lines until at least <paramref name="instructions"/> more instructions are read, or the text
        /// ends; returns false once the text is read to its end. Afterwards the syntax's
        /// <see cref="DockerfileSyntax.Instructions"/> (<see cref="DockerfileSyntax.InstructionList"/>, its
        /// <see cref="SyntaxTables.Count"/>) are the instructions read so far, each final (kind, words, pairs, flags,
        /// heredocs, end line, ONBUILD trigger, spans): the same as once the parse is finished. The tables' arrays may
        /// be replaced by larger ones as they grow: from one call to the next a reader keeps an instruction's index (or
        /// the <see cref="Instruction"/>, which reads the tables anew), never an array or a view that holds one (the
        /// records, <see cref="Instruction.ArgumentWords"/>, <see cref="Instruction.PairList"/>,
        /// <see cref="Instruction.FlagList"/>).
        /// </summary>
        public bool ReadMore(int instructions)
        {
            // Most files are read whole at once: their analysis asks for more in vain.
            if (!HasTextLeft)
            {
                return false;
            }

            using (AnalysisCancellation.Enter(_cancellationToken))
            {
                return _reader.ReadMore(instructions);
            }
        }

        /// <summary>Reads what is left of the text and finishes the syntax (comments, diagnostics): it is then what <see cref="ParseInPlace"/> returns.</summary>
        public DockerfileSyntax? Finish()
        {
            if (_reader == null)
            {
                return null;
            }

            using (AnalysisCancellation.Enter(_cancellationToken))
            {
                return _reader.Finish();
            }
        }
    }

    /// <summary>
    /// The thread's tables a syntax was parsed into in place (see <see cref="ParseInPlace"/>), or a parse begun (see
    /// <see cref="BeginParse"/>) reads into until it is finished.
    /// </summary>
    internal readonly struct InPlaceTables
    {
        private readonly Scratch? _scratch;

        internal InPlaceTables(Scratch scratch)
        {
            _scratch = scratch;
        }

        /// <summary>The reader of the parse in place, which reads into these tables.</summary>
        internal Reader Reader => _scratch!.Reader;

        /// <summary>Gives the tables back to the thread, for its next parse: the syntax may not be read afterwards.</summary>
        public void Release() => _scratch?.Return();
    }

    /// <summary>
    /// The reader and its working memory: the logical line's characters, its pieces, the argument readers' lists,
    /// the instructions and comments found so far, and the tables a parse in place leaves its syntax. A thread keeps
    /// a few (one for each syntax parsed in place that it reads at once) and reuses them from parse to parse, so
    /// that a parse allocates only the syntax it returns, at its exact size, or in place hardly anything.
    /// </summary>
    internal sealed class Scratch
    {
        // A buffer that grew past this is dropped after the parse rather than kept by the thread.
        private const int MaxRetainedChars = 1 << 16;

        // The thread's scratches not in use, [0, pooled) of the pool.
        [ThreadStatic]
        private static Scratch[]? pool;

        [ThreadStatic]
        private static int pooled;

        public Scratch()
        {
            Reader = new Reader(this);
        }

        public Reader Reader { get; }

        public LogicalLine.Builder Builder { get; } = new();

        public InstructionLineParsers.Arguments Arguments { get; } = new();

        public List<InstructionFlag> Flags { get; } = new();

        /// <summary>The instruction records, extras and words kept for the next parse (see <see cref="SyntaxTables.Finish"/>).</summary>
        public KeptTables Tables { get; } = new();

        /// <summary>The heredoc markers of the logical line being read.</summary>
        public List<HeredocMarkers.Marker> Markers { get; } = new();

        /// <summary>
        /// The comments as <see cref="DockerfileSyntax"/> keeps them, pairs of (line and whether it is inside a
        /// continuation, start of the '#'), [0, <see cref="CommentsLength"/>) in use.
        /// </summary>
        public int[] Comments = new int[32];

        public int CommentsLength;

        /// <summary>A comments buffer too large to keep for good, kept while used after a parse in place (see KeptTable).</summary>
        public KeptTable<int> LargeComments { get; } = new();

        public char[] Line { get; private set; } = new char[256];

        /// <summary>The line starts of the parse's line map (kept for the next parse; a large text's while used, see KeptTable).</summary>
        public int[]? Starts;

        public KeptTable<int> LargeStarts { get; } = new();

        /// <summary>The syntax, tables and line map of the last parse in place, reused by the next one.</summary>
        public DockerfileSyntax? ReusedSyntax;

        public SyntaxTables? ReusedTables;

        public LineMap? ReusedLines;

        public static Scratch Rent()
        {
            if (pooled == 0)
            {
                return new Scratch();
            }

            var kept = pool!;
            var scratch = kept[--pooled];
            kept[pooled] = null!;
            return scratch;
        }

        /// <summary>
        /// Appends the <paramref name="length"/> characters at <paramref name="chars"/> to the first <paramref name="used"/>
        /// of <see cref="Line"/>, and returns how many are used then; <paramref name="hasLessThan"/> tells whether a '&lt;'
        /// is among them (which a heredoc's marker starts with).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public unsafe int AppendToLine(char* chars, int length, int used, out bool hasLessThan)
        {
            if (used + length > Line.Length)
            {
                var grown = new char[Math.Max(used + length, Line.Length * 2)];
                Array.Copy(Line, grown, used);
                Line = grown;
            }

            // A piece is a line of a few dozen characters: copied a vector at a time, its last vector written where it
            // ends (over part of the one before), cheaper than a call to the runtime's copy. Its '<'s are looked for in
            // the vectors copied, rather than by a search of the joined line afterwards.
            fixed (char* line = Line)
            {
                var to = line + used;
                var width = Vector<short>.Count;
                if (length >= width)
                {
                    // Two vectors a step, then the one left before the last if there is one.
                    var lessThan = new Vector<short>((short)'<');
                    var found = Vector<short>.Zero;
                    var i = 0;
                    for (; i + (2 * width) < length; i += 2 * width)
                    {
                        var first = *(Vector<short>*)(chars + i);
                        var second = *(Vector<short>*)(chars + i + width);
                        *(Vector<short>*)(to + i) = first;
                        *(Vector<short>*)(to + i + width) = second;
                        found |= Vector.Equals(first, lessThan) | Vector.Equals(second, lessThan);
                    }

                    if (i + width < length)
                    {
                        var piece = *(Vector<short>*)(chars + i);
                        *(Vector<short>*)(to + i) = piece;
                        found |= Vector.Equals(piece, lessThan);
                    }

                    var last = *(Vector<short>*)(chars + length - width);
                    *(Vector<short>*)(to + length - width) = last;
                    hasLessThan = (found | Vector.Equals(last, lessThan)) != Vector<short>.Zero;
                }
                else
                {
                    hasLessThan = false;
                    for (var i = 0; i < length; i++)
                    {
                        var c = chars[i];
                        to[i] = c;
                        hasLessThan |= c == '<';
                    }
                }
            }

            return used + length;
        }

        public unsafe void Return()
        {
            // The syntax kept for the next parse in place keeps none of this one's text or objects.
            ReusedSyntax?.Forget();
            Reader.Reset();
            Builder.Reset(null);
            Arguments.Reset(default, null, 0, 0, '\\', makesWords: false);
            Arguments.ForgetFlags();
            Flags.Clear();
            CommentsLength = 0;
            Markers.Clear();
            if (Line.Length > MaxRetainedChars)
            {
                Line = new char[256];
            }

            var kept = pool ??= new Scratch[MaxInPlaceAtOnce + 1];
            if (pooled < kept.Length)
            {
                kept[pooled++] = this;
            }
        }
    }

    internal sealed class Reader : InstructionLineParsers.IProblemReporter
    {
        // A comments buffer that grew past this is kept by the thread for its next parse only while used (see KeptTable).
        private const int MaxRetainedComments = 1 << 14;

        private readonly Scratch _scratch;

        // The comments buffer the thread keeps for good, while a parse uses a larger one: it takes it back after.
        private int[]? _outgrownComments;

        // How many records are ONBUILD's triggers': the others are the instructions the file lists, in its order.
        private int _triggerCount;

        // The parse's state, set by Read and cleared by Reset.
        private string _text = string.Empty;
        private LineMap _lines = null!;
        private SyntaxTables _tables = null!;
        private CancellationToken _cancellationToken;
        private List<ParserDirective>? _directives;
        private List<ParseDiagnostic>? _diagnostics;
        private char _escape;
        private bool _directivesDone;
        private bool _inPlace;

        // The physical line the next logical line starts at.
        private int _line;

        // The syntax given the parse's parts so far (see TakeSyntax), or null.
        private DockerfileSyntax? _syntax;

        // Of a file with ONBUILD triggers: the records of the instructions it lists, [0, the tables' Count) found among the
        // first _recordsListed records (see ListInstructions); null until the first trigger is read.
        private int[]? _topLevel;
        private int _recordsListed;

        // Whether the instruction ReadInstruction read last is one that really runs as a RUN, COPY or ADD in shell form,
        // whose line may start heredocs: set as it is read, rather than found from its record again.
        private bool _mayStartHeredocs;

        public Reader(Scratch scratch)
        {
            _scratch = scratch;
        }

        /// <summary>Forgets the last parse, so that the thread keeps nothing of it.</summary>
        public void Reset()
        {
            // A parse stopped before its end (cancelled), or one whose syntax had the tables in place, leaves objects in
            // the extras buffer the thread keeps, which the next parse takes to be empty.
            if (_tables != null)
            {
                var extras = _scratch.Tables.Extras;
                Array.Clear(extras, 0, extras.Length);
            }

            _triggerCount = 0;
            _syntax = null;
            _topLevel = null;
            _recordsListed = 0;
            _outgrownComments = null;
            _text = string.Empty;
            _lines = null!;
            _tables = null!;
            _cancellationToken = default;
            _directives = null;
            _diagnostics = null;
        }

        void InstructionLineParsers.IProblemReporter.Report(string code, string message, LogicalLine line, int start, int end) =>
            Report(code, code == "invalid-json" ? ParseSeverity.Warning : ParseSeverity.Error, message, line.ToSource(start, end));

        // In place, the syntax's tables are the scratch's buffers (see ParseInPlace), else copies of their used part.
        public DockerfileSyntax Read(string text, CancellationToken cancellationToken, bool inPlace)
        {
            Start(text, cancellationToken, inPlace);
            return Finish();
        }

        // A parse read while it goes on (see BeginParse): its syntax gets the parts that are final once the
        // directives are read, which they are once a line that is not one is read, at the latest the first instruction's.
        public DockerfileSyntax Begin(string text, CancellationToken cancellationToken, bool inPlace, int instructions)
        {
            Start(text, cancellationToken, inPlace);
            ReadMore(Math.Max(1, instructions));
            return TakeSyntax().Start(_text, _lines, _escape, Directives, Array.Empty<int>(), 0, _tables, Array.Empty<ParseDiagnostic>());
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Start(string text, CancellationToken cancellationToken, bool inPlace)
        {
            _text = text;
            _inPlace = inPlace;
            _lines = LineMap.Create(text, ref _scratch.Starts, _scratch.LargeStarts, inPlace, inPlace ? _scratch.ReusedLines : null);
            _tables = inPlace && _scratch.ReusedTables is { } reused
                ? reused.Start(_lines, Array.Empty<int>(), _scratch.Tables)
                : new SyntaxTables(_lines, Array.Empty<int>(), _scratch.Tables);
            _scratch.Builder.Reset(_tables);
            _scratch.Arguments.StartParse(_tables);
            _cancellationToken = cancellationToken;
            _escape = '\\';
            _directivesDone = false;
            _line = 0;
        }

        /// <summary>Whether a parse begun (see Begin) has text left to read.</summary>
        public bool HasTextLeft => _line < _lines.Count;

        // Reads until at least instructions more instructions are read, or the text ends (see OngoingParse.ReadMore);
        // returns whether there is text left.
        public unsafe bool ReadMore(int instructions)
        {
            var lineCount = _lines.Count;
            if (instructions > 0 && _line < lineCount)
            {
                var wanted = (int)Math.Min(int.MaxValue, (long)_tables.Count + instructions);

                // The line starts are read through a pointer, without a check of each against the table's length: a line
                // below the map's count is in it.
                fixed (char* chars = _text)
                fixed (int* starts = _lines.StartTable)
                {
                    _line = ReadLines(chars, starts, _line, wanted);
                }

                ListInstructions();
            }

            return _line < lineCount;
        }

        // Reads what is left of the text, and gives the syntax its parts.
        public DockerfileSyntax Finish()
        {
            ReadMore(int.MaxValue);
            var instructionCount = _tables.Count;
            if (instructionCount == 0)
            {
                Report("no-instructions", ParseSeverity.Error, "The file has no instructions: a Dockerfile needs at least a FROM", new TextSpan(_text.Length, 0));
            }

            _scratch.Builder.Finish(_inPlace);
            _tables.Finish(_inPlace, _scratch.Tables);
            var instructions = _tables;

            // A parse begun (see Begin) gave its syntax the parts it has already.
            var begun = _syntax != null;
            var syntax = _syntax ?? TakeSyntax();
            if (!_inPlace)
            {
                _tables = null!;
            }

            var comments = Comments(_inPlace);
            var diagnostics = (IReadOnlyList<ParseDiagnostic>?)_diagnostics ?? Array.Empty<ParseDiagnostic>();
            return begun
                ? syntax.Finish(comments, _scratch.CommentsLength / 2, diagnostics)
                : syntax.Start(_text, _lines, _escape, Directives, comments, _scratch.CommentsLength / 2, instructions, diagnostics);
        }

        private IReadOnlyList<ParserDirective> Directives => (IReadOnlyList<ParserDirective>?)_directives ?? Array.Empty<ParserDirective>();

        // The syntax the parse gives its parts: in place, the one of the scratch's last parse in place, whose line map and
        // tables this parse reuses (their objects stay the extras buffer's until Reset clears it).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private DockerfileSyntax TakeSyntax()
        {
            if (!_inPlace)
            {
                return _syntax = new DockerfileSyntax();
            }

            _scratch.ReusedLines = _lines;
            _scratch.ReusedTables = _tables;
            return _syntax = _scratch.ReusedSyntax ??= new DockerfileSyntax();
        }

        // Lets the syntax's readers see the instructions read so far: how many, and which records they are. Record i is
        // instruction i unless the file has ONBUILD triggers.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void ListInstructions()
        {
            var count = _tables.RecordCount - _triggerCount;
            if (_triggerCount > 0)
            {
                ListTopLevel(count);
            }

            _tables.List(count, _topLevel);
        }

        // Adds to _topLevel the records read since the last call of the instructions the file lists, count of them then:
        // a trigger's record is the one just before its ONBUILD's (the trigger is read, and its record made, first), and
        // the last record read is an instruction's the file lists, as the reader stops between logical lines.
        private void ListTopLevel(int count)
        {
            var found = _topLevel == null ? 0 : _tables.Count;
            if (_topLevel == null || _topLevel.Length < count)
            {
                Array.Resize(ref _topLevel, Math.Max(count, 2 * found));
            }

            var topLevel = _topLevel;
            var records = _tables.Records;
            var recordCount = _tables.RecordCount;
            for (var record = _recordsListed; record < recordCount; record++)
            {
                var next = record + 1;
                if (next < recordCount && records[(next * SyntaxTables.RecordStride) + SyntaxTables.InnerField] == record)
                {
                    continue;
                }

                topLevel[found++] = record;
            }

            _recordsListed = recordCount;
        }

        // The logical lines from the one at line, read from the text where it lies, until instructionsWanted instructions
        // are read (the file's, ONBUILD's triggers not counted) or the text ends; returns the line after the last read. A
        // physical line's start and content end come from the line table, and its characters are looked at once for its
        // first non-blank and once, from its end, for a continuation.
        private unsafe int ReadLines(char* chars, int* starts, int line, int instructionsWanted)
        {
            var lineCount = _lines.Count;
            var textLength = _text.Length;
            var bom = textLength > 0 && chars[0] == '\uFEFF' ? 1 : 0;

            // Records are compared with, rather than instructions: as many records as instructions wanted and triggers
            // read so far, found again when reached, as triggers may have been read since.
            var recordsWanted = RecordsFor(instructionsWanted);
            while (line < lineCount)
            {
                if ((line & 255) == 0)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                }

                var lineStart = starts[line] + (line == 0 ? bom : 0);
                var end = ContentEnd(chars, starts, lineCount, textLength, line);
                var start = SkipWhiteSpace(chars, lineStart, end);
                if (!_directivesDone)
                {
                    ReadPossibleDirective(line, start, end, indented: start > lineStart);
                }

                if (start < end && chars[start] == '#')
                {
                    AddComment(line, start, insideContinuation: false);
                    line++;
                    continue;
                }

                var pieceEnd = TrimContinuation(chars, start, end, out var continues);
                if (!continues && pieceEnd == start)
                {
                    line++;
                    continue;
                }

                // Most instructions are one line, which needs no room in the builder's table and is read where it lies.
                line = continues
                    ? ReadContinuedLine(chars, starts, start, pieceEnd, line)
                    : ReadLogicalLine(_scratch.Builder.BuildOne(start, pieceEnd - start), chars + start, null, start, mayHaveLessThan: true, hasEmptyContinuationLine: false, line + 1, line);
                if (_tables.RecordCount >= recordsWanted)
                {
                    recordsWanted = RecordsFor(instructionsWanted);
                    if (_tables.RecordCount >= recordsWanted)
                    {
                        break;
                    }
                }
            }

            return line;
        }

        // How many records the parse has when it has read instructions instructions, if it reads no more triggers.
        private int RecordsFor(int instructions) => (int)Math.Min(int.MaxValue, (long)instructions + _triggerCount);

        // Reads the logical line that starts with the piece [start, pieceEnd) of line and continues on the lines after it,
        // whose pieces are joined in the scratch buffer as they are found; returns the line after it. Kept apart from
        // ReadLines, whose loop over the lines of one piece (most of them) is then smaller.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private unsafe int ReadContinuedLine(char* chars, int* starts, int start, int pieceEnd, int line)
        {
            var lineCount = _lines.Count;
            var textLength = _text.Length;
            var builder = _scratch.Builder;
            var lastLine = line;
            line++;
            var hasEmptyContinuationLine = false;
            builder.Clear();
            builder.Add(start, pieceEnd - start);
            var joinedLength = _scratch.AppendToLine(chars + start, pieceEnd - start, 0, out var hasLessThan);
            var continues = true;
            while (continues && line < lineCount)
            {
                var continuationStart = starts[line];
                var continuationEnd = ContentEnd(chars, starts, lineCount, textLength, line);
                if (!_directivesDone)
                {
                    ReadPossibleDirective(line, continuationStart, continuationEnd, indented: false);
                }

                lastLine = line;
                line++;
                var firstNonBlank = SkipIndentation(chars, continuationStart, continuationEnd);
                if (firstNonBlank < continuationEnd && chars[firstNonBlank] == '#')
                {
                    AddComment(lastLine, firstNonBlank, insideContinuation: true);
                    continue;
                }

                if (firstNonBlank == continuationEnd)
                {
                    hasEmptyContinuationLine = true;
                    continue;
                }

                var continuationPieceEnd = TrimContinuation(chars, continuationStart, continuationEnd, out continues);
                builder.Add(continuationStart, continuationPieceEnd - continuationStart);
                joinedLength = _scratch.AppendToLine(chars + continuationStart, continuationPieceEnd - continuationStart, joinedLength, out var pieceHasLessThan);
                hasLessThan |= pieceHasLessThan;
            }

            var logical = builder.Build();
            var joined = _scratch.Line;
            fixed (char* joinedChars = joined)
            {
                return ReadLogicalLine(logical, joinedChars, joined, 0, mayHaveLessThan: hasLessThan, hasEmptyContinuationLine, line, lastLine);
            }
        }

        // Reads the instruction of a logical line, whose characters are at text, and the bodies of its heredocs, which
        // start at line; lastLine is where the instruction ends. Those characters are also joined's from index at when
        // the line's pieces were joined, else the source's from offset at. Returns the line after the instruction's
        // heredoc bodies (the caller's line and lastLine are not passed by reference, so that it keeps them in registers).
        // A line without a '<' (mayHaveLessThan false) starts no heredoc.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private unsafe int ReadLogicalLine(LogicalLine logical, char* text, char[]? joined, int at, bool mayHaveLessThan, bool hasEmptyContinuationLine, int line, int lastLine)
        {
            var index = ReadInstruction(logical, text, 0, logical.Length, lastLine);
            if (index < 0)
            {
                return line;
            }

            var instruction = new Instruction(_tables, index);
            if (hasEmptyContinuationLine)
            {
                Report("empty-continuation-line", ParseSeverity.Warning, "Empty continuation line: BuildKit warns about it and will reject it in a future release", instruction.KeywordSpan);
            }

            if (mayHaveLessThan && _mayStartHeredocs && ContainsTwoLessThans(joined, at, logical.Length))
            {
                var heredocs = ReadHeredocs(logical, text, ref line, ref lastLine);
                if (heredocs.Count > 0)
                {
                    // ONBUILD's are its trigger's: setting them on the one sets them on the other.
                    instruction.SetHeredocs(heredocs);
                }

                // It ends after the bodies, and so does ONBUILD's trigger.
                instruction.SetEndLine(lastLine);
            }

            return line;
        }

        // LineMap.ContentEnd without its checks: the line is known to exist.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe int ContentEnd(char* chars, int* starts, int lineCount, int textLength, int line)
        {
            var start = starts[line];
            var end = line + 1 < lineCount ? starts[line + 1] : textLength;
            if (end > start && chars[end - 1] == '\n')
            {
                end--;
            }

            // A '\r' just before the end is a lone CR, or the CR of a CRLF (a lone CR would have ended the line itself).
            return end > start && chars[end - 1] == '\r' ? end - 1 : end;
        }

        private void AddComment(int line, int start, bool insideContinuation)
        {
            var length = _scratch.CommentsLength;
            if (length + 2 > _scratch.Comments.Length)
            {
                GrowComments(length);
            }

            // The pair written through one checked reference to its first, as there is room for both.
            ref var comment = ref _scratch.Comments[length];
            comment = DockerfileSyntax.CommentLineEntry(line, DockerfileSyntax.MayStartWithName(_text, start), insideContinuation);
            Unsafe.Add(ref comment, 1) = start;
            _scratch.CommentsLength = length + 2;
        }

        // Doubles the comments buffer, of which length ints are in use: past the bound, into the large buffer of an
        // earlier parse if the collector has not freed it (below it, never: a syntax not parsed in place would own a large
        // buffer for a few comments). Apart from AddComment, which stays small enough to be inlined where a comment is read.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void GrowComments(int length)
        {
            var grownLength = 2 * _scratch.Comments.Length;
            if (grownLength > MaxRetainedComments)
            {
                if (_scratch.Comments.Length <= MaxRetainedComments)
                {
                    _outgrownComments = _scratch.Comments;
                }

                _scratch.Comments = _scratch.LargeComments.Grow(_scratch.Comments, length, grownLength);
            }
            else
            {
                Array.Resize(ref _scratch.Comments, grownLength);
            }
        }

        // The comments for the syntax: the scratch's buffer in place, else a copy of the part in use (a buffer that grew
        // past a small file's is the syntax's own, and the scratch starts another; in place, the scratch keeps it while used).
        private int[] Comments(bool inPlace)
        {
            var comments = _scratch.Comments;
            var length = _scratch.CommentsLength;
            if (comments.Length > MaxRetainedComments)
            {
                if (inPlace)
                {
                    _scratch.LargeComments.Keep(comments);
                }

                _scratch.Comments = _outgrownComments ?? new int[32];
                _outgrownComments = null;
                return comments;
            }

            if (inPlace)
            {
                return comments;
            }

            var copy = length == 0 ? Array.Empty<int>() : new int[length];
            Array.Copy(comments, copy, length);
            return copy;
        }

        // BuildKit checks every line it reads for a directive until the first line that is not one (the callers skip the
        // call once that line was seen).
        private void ReadPossibleDirective(int line, int start, int end, bool indented)
        {
            if (!DirectiveSyntax.TryMatch(_text, start, end, out var key, out var value))
            {
                _directivesDone = true;
                return;
            }

            var name = _text.Substring(key.Start, key.Length).ToLowerInvariant();
            if (!DirectiveSyntax.IsKnownName(name))
            {
                _directivesDone = true;
                return;
            }

            var directiveValue = _text.Substring(value.Start, value.Length);
            var span = TextSpan.FromBounds(start, end);
            var isDuplicate = IsDirectiveSeen(name);
            (_directives ??= new List<ParserDirective>()).Add(new ParserDirective(name, directiveValue, line, span, key, value, isDuplicate, indented));
            if (isDuplicate)
            {
                Report("duplicate-directive", ParseSeverity.Error, $"Only one '{MessageText.Quote(name)}' parser directive can be used; BuildKit rejects the file", span);
                return;
            }

            if (name == "escape")
            {
                if (directiveValue == "`" || directiveValue == "\\")
                {
                    _escape = directiveValue[0];
                }
                else
                {
                    Report("invalid-escape", ParseSeverity.Error, $"Invalid escape character '{MessageText.Quote(directiveValue)}': it must be ` or \\", value);
                }
            }
        }

        private bool IsDirectiveSeen(string name)
        {
            if (_directives != null)
            {
                foreach (var directive in _directives)
                {
                    if (directive.Name == name)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        // A line continues when it ends with the escape character and optional blanks, unless that escape character is itself escaped.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private unsafe int TrimContinuation(char* chars, int start, int end, out bool continues)
        {
            var last = end - 1;
            while (last >= start && (chars[last] == ' ' || chars[last] == '\t'))
            {
                last--;
            }

            continues = last >= start && chars[last] == _escape && (last == start || chars[last - 1] != _escape);
            return continues ? last : end;
        }

        // SkipWhiteSpace for a continuation line, most often indented by spaces: four are stepped over at once.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe int SkipIndentation(char* chars, int i, int end)
        {
            while (i + 4 <= end && *(ulong*)(chars + i) == FourSpaces)
            {
                i += 4;
            }

            return SkipWhiteSpace(chars, i, end);
        }

        // Four spaces read as one 64-bit word.
        private const ulong FourSpaces = 0x0020_0020_0020_0020;

        private static unsafe int SkipWhiteSpace(char* chars, int i, int end)
        {
            while (i < end && Chars.IsWhiteSpace(chars[i]))
            {
                i++;
            }

            return i;
        }

        private void Report(string code, ParseSeverity severity, string message, TextSpan span) =>
            (_diagnostics ??= new List<ParseDiagnostic>()).Add(new ParseDiagnostic(code, severity, message, span));

        // Returns the instruction's record, or -1 for none; endLine is the physical line where it ends (before any heredoc
        // bodies). The callers have stepped over the blanks before from.
        private unsafe int ReadInstruction(LogicalLine logical, char* text, int from, int to, int endLine)
        {
            var start = from;
            var end = to;
            while (end > start && Chars.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }

            if (start == end)
            {
                return -1;
            }

            // Set again below for a kind that may start heredocs; ONBUILD's is its trigger's.
            _mayStartHeredocs = false;
            // Most keywords are three or four letters in upper case and a space: found and matched at once, else the
            // keyword ends at the first blank BuildKit splits on and is matched on its own.
            string keyword;
            int spelling;
            var keywordLength = 0;
            var kind = end - start > 4 ? InstructionKinds.ShortUpperKeyword(text + start, out keywordLength) : InstructionKind.Unknown;
            int keywordEnd;
            int restStart;
            if (kind != InstructionKind.Unknown)
            {
                // The space after it is known: the blanks are looked for after it.
                keywordEnd = start + keywordLength;
                restStart = keywordEnd + 1;
                keyword = InstructionKinds.Keyword(kind, lowerCase: false)!;
                spelling = Instruction.UpperCaseKeyword;
            }
            else
            {
                keywordEnd = start;
                while (keywordEnd < end && (text[keywordEnd] > ' ' || !IsSplitSpace(text[keywordEnd])))
                {
                    keywordEnd++;
                }

                restStart = keywordEnd;
                kind = InstructionKinds.FromKeyword(text, start, keywordEnd - start, to - start, out keyword, out spelling);
            }

            while (restStart < end && IsSplitSpace(text[restStart]))
            {
                restStart++;
            }

            // The lists are shared with ONBUILD's trigger, read below: take this instruction's flags first. Most
            // instructions have none, which their first character after the keyword tells: neither '-' nor a blank
            // that the flags' reader would step over.
            var arguments = _scratch.Arguments;
            var argumentsStart = restStart;
            object? flags = null;
            var flagsAt = -1;
            if (restStart < end && (text[restStart] == '-' || Chars.IsWhiteSpace(text[restStart])))
            {
                var others = _scratch.Flags;
                others.Clear();
                arguments.StartFlags(_tables);
                argumentsStart = InstructionLineParsers.ReadFlags(arguments, logical, text, restStart, end, others);

                // As Instruction keeps them: in the file's table, where they were read (nearly always), or as objects.
                if (arguments.FlagCount > 0)
                {
                    if (arguments.FlagsAreTableOnly)
                    {
                        flagsAt = _tables.CommitFlags(arguments.FlagCount, arguments.FlagTableLength);
                    }
                    else
                    {
                        flags = InstructionLineParsers.FlagObjects(arguments, logical, text, others);
                    }
                }

                // (Without flags, the arguments start at a character that is not a blank.)
                while (argumentsStart < end && Chars.IsWhiteSpace(text[argumentsStart]))
                {
                    argumentsStart++;
                }
            }

            var inner = -1;
            var isJsonForm = false;
            var argumentsAt = SyntaxTables.NotMade;
            var argumentsCount = 0;
            switch (kind)
            {
                case InstructionKind.Unknown:
                    Report("unknown-instruction", ParseSeverity.Error, $"Unknown instruction '{MessageText.Quote(keyword)}'", logical.ToSource(start, keywordEnd));
                    break;
                case InstructionKind.Onbuild:
                    if (argumentsStart < end)
                    {
                        inner = ReadInstruction(logical, text, argumentsStart, end, endLine);
                        if (inner >= 0)
                        {
                            _triggerCount++;

                            // Only a trigger that runs itself may start heredocs, not an ONBUILD's trigger's trigger.
                            if (new Instruction(_tables, inner).Kind == InstructionKind.Onbuild)
                            {
                                _mayStartHeredocs = false;
                            }
                        }
                    }

                    break;
                default:
                    // Arguments that are not a JSON array, of a kind whose words are made only when asked for and that
                    // has nothing to check then (RUN's shell form above all), need no reading here.
                    if (((1 << (int)kind) & NothingToCheckUnlessJsonKinds) != 0 && (argumentsStart >= end || text[argumentsStart] != '['))
                    {
                        _mayStartHeredocs = ((1 << (int)kind) & HeredocKinds) != 0;
                        break;
                    }

                    // The words the analysis always reads are made while the arguments are checked, rather than
                    // read again later; the others are made when they are asked for.
                    var makesWords = AreWordsAlwaysRead(kind, text, argumentsStart, end);
                    arguments.ResetInParse(logical, text, argumentsStart, end, _escape, makesWords);
                    InstructionLineParsers.Read(kind, keyword, arguments, this);
                    isJsonForm = arguments.IsJsonForm;
                    _mayStartHeredocs = !isJsonForm && ((1 << (int)kind) & HeredocKinds) != 0;
                    if (makesWords)
                    {
                        // An instruction has words or pairs (made where its words go): only those found are kept.
                        if (arguments.PairCount > 0)
                        {
                            argumentsAt = _tables.CommitWords(arguments.WordTableLength);
                            argumentsCount = ~arguments.PairCount;
                        }
                        else if (arguments.MadeWholeArguments)
                        {
                            // Its length is kept, which its end would otherwise be found from the line for.
                            argumentsAt = SyntaxTables.WholeArguments;
                            argumentsCount = end - argumentsStart;
                        }
                        else
                        {
                            argumentsAt = _tables.CommitWords(arguments.WordTableLength);
                            argumentsCount = arguments.WordTableLength / ArgumentWords.Stride;
                        }
                    }

                    break;
            }

            return Instruction.Add(_tables, kind, keyword, spelling, logical, start, flags, flagsAt, argumentsStart, _escape, isJsonForm, inner, argumentsAt, argumentsCount, endLine).Index;
        }

        // The build model or the rules read the words of nearly every FROM, COPY, ADD, ENV, ARG, WORKDIR and USER,
        // and of RUN and SHELL in exec form (only '[' can start a JSON array).
        // The kinds are tested as bits of a mask rather than by a switch, which would jump through a table.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe bool AreWordsAlwaysRead(InstructionKind kind, char* text, int argumentsStart, int end)
        {
            var bit = 1 << (int)kind;
            return (bit & WordsAlwaysReadKinds) != 0 || ((bit & WordsReadInExecFormKinds) != 0 && argumentsStart < end && text[argumentsStart] == '[');
        }

        private const int WordsAlwaysReadKinds = (1 << (int)InstructionKind.From) | (1 << (int)InstructionKind.Copy) | (1 << (int)InstructionKind.Add)
            | (1 << (int)InstructionKind.Env) | (1 << (int)InstructionKind.Arg) | (1 << (int)InstructionKind.Workdir) | (1 << (int)InstructionKind.User);

        // The kinds whose arguments InstructionLineParsers.Read only checks as a JSON array when they start with '[', and
        // whose words the analysis does not always read (see AreWordsAlwaysRead).
        private const int NothingToCheckUnlessJsonKinds = (1 << (int)InstructionKind.Run) | (1 << (int)InstructionKind.Cmd)
            | (1 << (int)InstructionKind.Entrypoint) | (1 << (int)InstructionKind.Shell) | (1 << (int)InstructionKind.Volume)
            | (1 << (int)InstructionKind.Expose) | (1 << (int)InstructionKind.Maintainer) | (1 << (int)InstructionKind.StopSignal);

        private const int HeredocKinds = (1 << (int)InstructionKind.Run) | (1 << (int)InstructionKind.Copy) | (1 << (int)InstructionKind.Add);

        private const int WordsReadInExecFormKinds = (1 << (int)InstructionKind.Run) | (1 << (int)InstructionKind.Shell);

        // BuildKit splits the keyword from its arguments on [\t\v\f\r ] only (all at or below ' ').
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool IsSplitSpace(char c) => c is ' ' or '\t' or '\v' or '\f' or '\r';

        // Whether "<<" is among the line's length characters, found as ReadLogicalLine's joined and at tell: the
        // runtime's search for '<' steps over most of a line many characters at a time.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool ContainsTwoLessThans(char[]? joined, int at, int length)
        {
            var end = at + length;
            var lessThan = NextLessThan(joined, at, end);
            while (lessThan >= 0 && lessThan + 1 < end)
            {
                if ((joined == null ? _text[lessThan + 1] : joined[lessThan + 1]) == '<')
                {
                    return true;
                }

                lessThan = NextLessThan(joined, lessThan + 1, end);
            }

            return false;
        }

        private int NextLessThan(char[]? joined, int from, int end) =>
            from >= end ? -1 : joined == null ? _text.IndexOf('<', from, end - from) : Array.IndexOf(joined, '<', from, end - from);

        // Whether the characters at chars are those of word (the caller has checked there are as many).
        private static unsafe bool IsAt(char* chars, string word)
        {
            for (var i = 0; i < word.Length; i++)
            {
                if (chars[i] != word[i])
                {
                    return false;
                }
            }

            return true;
        }

        private unsafe IReadOnlyList<Heredoc> ReadHeredocs(LogicalLine logical, char* chars, ref int line, ref int lastLine)
        {
            var markers = _scratch.Markers;
            markers.Clear();
            HeredocMarkers.Find(chars, logical.Length, markers);
            if (markers.Count == 0)
            {
                return Array.Empty<Heredoc>();
            }

            // One heredoc a marker, up to the first left unterminated: the array is cut short only then.
            var heredocs = new Heredoc[markers.Count];
            var count = 0;
            var starts = _lines.StartTable;
            var lineCount = _lines.Count;
            var textLength = _text.Length;
            foreach (var marker in markers)
            {
                var markerSpan = logical.ToSource(marker.Start, marker.End);
                var bodyStart = line < lineCount ? starts[line] : textLength;
                var terminated = false;
                var terminatorSpan = new TextSpan(textLength, 0);
                var name = marker.Name;
                fixed (char* source = _text)
                fixed (int* lineStarts = starts)
                {
                    while (line < lineCount)
                    {
                        if ((line & 1023) == 0)
                        {
                            _cancellationToken.ThrowIfCancellationRequested();
                        }

                        var start = starts[line];
                        var end = ContentEnd(source, lineStarts, lineCount, textLength, line);
                        lastLine = line;
                        line++;
                        var candidate = start;
                        if (marker.Chomp)
                        {
                            while (candidate < end && source[candidate] == '\t')
                            {
                                candidate++;
                            }
                        }

                        if (end - candidate == name.Length && IsAt(source + candidate, name))
                        {
                            terminated = true;
                            terminatorSpan = TextSpan.FromBounds(start, end);
                            break;
                        }
                    }
                }

                var bodyEnd = terminated ? terminatorSpan.Start : _text.Length;
                var bodySpan = TextSpan.FromBounds(bodyStart, Math.Max(bodyStart, bodyEnd));
                heredocs[count++] = new Heredoc(_text, marker.Name, marker.Chomp, marker.Expand, marker.FileDescriptor, markerSpan, bodySpan, terminatorSpan, terminated);
                if (!terminated)
                {
                    Report("unterminated-heredoc", ParseSeverity.Error, $"Unterminated heredoc: no line '{MessageText.Quote(marker.Name)}' ends the body started here", markerSpan);
                    break;
                }
            }

            if (count < heredocs.Length)
            {
                Array.Resize(ref heredocs, count);
            }

            return heredocs;
        }
    }
}
