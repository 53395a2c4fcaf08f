using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using DockerGoBuild.Dockerfiles.Shell;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>
/// Finds the commands a RUN really executes: in its shell text, in a heredoc that is its script, in a
/// heredoc fed to a shell, or in its exec-form argv. Heredocs that carry data are not read as code.
/// One instance serves every RUN of a file, so that the commands' strings are shared within the file.
/// </summary>
internal sealed class RunCommands : IShellCommandSink
{
    // Buffers that grew past this many entries are dropped after the RUN rather than kept by the thread.
    private const int MaxRetainedLength = 1 << 16;

    [ThreadStatic]
    private static RunCommands? cached;

    // The commands of the RUN being read, each read's in source order; the read in progress adds from _readStart on.
    // The RUN's own script is read first, then the heredoc scripts its commands read, which follow them in Collect's order.
    // An array rather than a list, so that commands are read and moved where they lie instead of copied out.
    private Found[] _found = new Found[64];
    private int _foundCount;

    // How many of the found commands have their arguments read.
    private int _argumentsReadCount;
    private int _scriptCount;

    // For each heredoc script read: the script's command that reads it, and where its commands end in _found.
    private readonly List<(int After, int End)> _heredocReads = new();

    // The RUN's argument table as it is built (see CommandArguments): bounds, and the values not in the source.
    private int[] _bounds = new int[256];
    private int _boundCount;
    private char[] _values = new char[256];
    private int _valueCount;

    // The argv of an exec-form RUN rebuilt as a command line.
    private readonly StringBuilder _commandLine = new();

    private int _readStart;
    private SpanMapping _mapping;
    private LogicalLine _line;
    private TextSpan _fixedSpan;

    // The piece of _line where the offset _pieceOffset was found (see ToSource).
    private int _piece;
    private int _pieceOffset;

    // The logical range [_pieceStart, _pieceEnd) of the piece of _line that held the last offset mapped through the
    // piece walk, and the piece's start in the source: the offsets of a command and its words mostly fall in it.
    private int _pieceStart;
    private int _pieceEnd;
    private int _pieceSourceStart;

    private enum SpanMapping
    {
        /// <summary>Offsets are in the RUN's logical line.</summary>
        LogicalLine,

        /// <summary>Offsets are already in the source.</summary>
        Source,

        /// <summary>Every command gets one span (exec form, whose argv was rebuilt as a command line).</summary>
        Fixed,
    }

    private RunCommands()
    {
    }

    /// <summary>This thread's instance: it keeps its lists from file to file.</summary>
    public static RunCommands ForThisThread() => cached ??= new RunCommands();

    /// <summary>
    /// The commands <paramref name="run"/> executes, in the order they run, in pieces of the model's
    /// <paramref name="tables"/>. The commands of a RUN that surely runs none whose arguments are read (most RUNs:
    /// see <see cref="CommandNamePrefilter"/>) are not read: <paramref name="readLater"/> is then true, and the
    /// model reads them with <see cref="Read(DockerfileSyntax, Instruction, ShellDialect, ModelTables)"/> only when
    /// asked for, which the analysis does in rare cases.
    /// </summary>
    // Not inlined into the model's walk: profiles show what reading the commands costs under this name.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public RunCommandList Collect(DockerfileSyntax syntax, Instruction run, ShellDialect dialect, ModelTables tables, out bool readLater)
    {
        readLater = false;
        if (run.IsJsonForm)
        {
            // An exec form's argv is read as it is.
            return Read(syntax, run, argumentsEnd: 0, dialect, tables);
        }

        // The prefilter reads the RUN's own line and its heredocs' bodies, every script a read can find. The end of the
        // arguments is looked for once (past trailing blanks, each character found through the line's pieces).
        var line = run.Line;
        var argumentsEnd = ArgumentsEnd(syntax.Text, line, run);
        if (!CommandNamePrefilter.MayRunArgumentsRead(syntax.Text, line, run.ArgumentsStart, argumentsEnd)
            && !HeredocsMayRunArgumentsRead(syntax.Text, run.Heredocs))
        {
            readLater = true;
            return default;
        }

        return Read(syntax, run, argumentsEnd, dialect, tables);
    }

    // Instruction.ArgumentsEnd (the end of the RUN's line less its trailing blanks), told without its walk back from the line's
    // end when the line's last character, read where the last piece ends in the source, is no blank (most lines).
    // Inlined, as the look at the heredocs: asked of every RUN.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ArgumentsEnd(string source, LogicalLine line, Instruction run)
    {
        var lastPiece = line.PieceSourceSpan(line.PieceCount - 1);
        return lastPiece.Length > 0 && !Chars.IsWhiteSpace(source[lastPiece.End - 1]) ? line.Length : run.ArgumentsEnd;
    }

    // True when a heredoc's body may run a command whose arguments are read, were it read as a script.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HeredocsMayRunArgumentsRead(string text, IReadOnlyList<Heredoc> heredocs)
    {
        for (var i = 0; i < heredocs.Count; i++)
        {
            if (CommandNamePrefilter.MayRunArgumentsRead(text, heredocs[i].BodySpan))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads the commands <paramref name="run"/> executes now (see <see cref="Collect"/>).</summary>
    public RunCommandList Read(DockerfileSyntax syntax, Instruction run, ShellDialect dialect, ModelTables tables) =>
        Read(syntax, run, run.IsJsonForm ? 0 : run.ArgumentsEnd, dialect, tables);

    // Reads the commands of a RUN whose shell form's arguments end at `argumentsEnd`.
    private RunCommandList Read(DockerfileSyntax syntax, Instruction run, int argumentsEnd, ShellDialect dialect, ModelTables tables)
    {
        // Also after a read that a cancellation cut short.
        Reset();
        CollectInto(syntax, run, argumentsEnd, dialect);
        if (_foundCount == 0)
        {
            return default;
        }

        var arguments = _boundCount == 0 ? CommandArguments.None : TakeArguments(syntax, tables);
        var commands = tables.Commands.Take(_foundCount, out var commandsStart);
        var at = commandsStart;
        var heredocRead = 0;
        var heredocStart = _scriptCount;
        for (var i = 0; i < _scriptCount; i++)
        {
            Emit(i);
            for (; heredocRead < _heredocReads.Count && _heredocReads[heredocRead].After == i; heredocRead++)
            {
                var heredocEnd = _heredocReads[heredocRead].End;
                for (var k = heredocStart; k < heredocEnd; k++)
                {
                    Emit(k);
                }

                heredocStart = heredocEnd;
            }
        }

        void Emit(int index)
        {
            commands[at] = _found[index].ToCommand(arguments);

            // A heredoc script can hold hundreds of thousands of commands: let a cancelled analysis stop here too.
            if ((++at & 255) == 0)
            {
                AnalysisCancellation.Check();
            }
        }

        var result = new RunCommandList(commands, commandsStart, _foundCount, _argumentsReadCount > 0);
        Reset();
        return result;
    }

    // The RUN's argument table, moved into the model's tables.
    // Inlined into Read, its one caller.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private CommandArguments TakeArguments(DockerfileSyntax syntax, ModelTables tables)
    {
        // A few arguments' bounds, copied in a loop: Array.Copy's checks cost more than such a copy.
        var bounds = tables.Bounds.Take(_boundCount, out var boundsStart);
        for (var i = 0; i < _boundCount; i++)
        {
            bounds[boundsStart + i] = _bounds[i];
        }

        // Most arguments lie in the source, and need no values.
        var values = Array.Empty<char>();
        var valuesStart = 0;
        if (_valueCount > 0)
        {
            values = tables.Values.Take(_valueCount, out valuesStart);
            ScanHelpers.CopyChars(_values, 0, values, valuesStart, _valueCount);
        }

        var arguments = tables.NextArguments();
        arguments.Reset(syntax.Text, values, valuesStart, bounds, boundsStart, _boundCount / 2);
        return arguments;
    }

    // Inlined into both of its calls: a read is reset before and after.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Reset()
    {
        if (_foundCount > 0)
        {
            // The commands' names and variables are not kept alive by the thread. As a span: Array.Clear of an array of
            // any type first finds out what its elements are, at every call.
            new Span<Found>(_found, 0, _foundCount).Clear();
            _foundCount = 0;
        }

        if (_heredocReads.Count > 0)
        {
            _heredocReads.Clear();
        }

        _argumentsReadCount = 0;
        _scriptCount = 0;
        _readStart = 0;
        _boundCount = 0;
        _valueCount = 0;
        if (_bounds.Length > MaxRetainedLength)
        {
            _bounds = new int[256];
        }

        if (_values.Length > MaxRetainedLength)
        {
            _values = new char[256];
        }

        if (_found.Length > MaxRetainedLength)
        {
            _found = new Found[64];
        }
    }

    private void CollectInto(DockerfileSyntax syntax, Instruction run, int argumentsEnd, ShellDialect dialect)
    {
        if (run.IsJsonForm)
        {
            CollectExecForm(run);
            return;
        }

        var heredocs = run.Heredocs;
        if (TryGetScriptHeredoc(run, argumentsEnd, heredocs, out var script))
        {
            if (IsShellScript(syntax.Text, script.BodySpan))
            {
                ReadSource(syntax.Text, script.BodySpan, dialect);
            }

            _scriptCount = _foundCount;
            return;
        }

        var line = run.Line;
        _mapping = SpanMapping.LogicalLine;
        _line = line;
        _piece = 0;
        _pieceOffset = 0;

        // The first piece is known from the start: most lines have only it.
        var first = line.PieceSourceSpan(0);
        _pieceStart = 0;
        _pieceEnd = first.Length;
        _pieceSourceStart = first.Start;
        ShellScriptReader.Read(line, run.ArgumentsStart, argumentsEnd - run.ArgumentsStart, dialect, this, intern: true);
        _line = default;
        _scriptCount = _foundCount;
        if (heredocs.Count == 0)
        {
            // Most RUNs: no command can read a heredoc as its script.
            return;
        }

        for (var i = 0; i < _scriptCount; i++)
        {
            var scriptHeredocs = _found[i].ScriptHeredocs;
            if (scriptHeredocs == null)
            {
                continue;
            }

            foreach (var heredoc in heredocs)
            {
                if (Array.IndexOf(scriptHeredocs, heredoc.Name) >= 0)
                {
                    ReadSource(syntax.Text, heredoc.BodySpan, dialect);
                    _heredocReads.Add((i, _foundCount));
                }
            }
        }
    }

    void IShellCommandSink.Add(ScriptParser parser, CharSlice commandName, WordList words, int from, int to, List<InlineAssignment> assignments, List<PendingHeredoc> heredocs, int start, int end)
    {
        // go, the most common command whose arguments are read, is told without a look-up of its string.
        var name = commandName.Length == 2 && commandName[0] == 'g' && commandName[1] == 'o' ? "go" : parser.MakeString(commandName);
        var variables = parser.Variables.View(assignments);
        var scriptHeredocs = heredocs.Count > 0 && IsPosixShell(name) && !ReadsScriptArgument(parser, words, from, to) ? Delimiters(heredocs) : null;
        if (!HasArgumentsRead(name))
        {
            // Nearly every command: only its name and variables are read, so its words are neither located nor kept,
            // and of its span only the start is mapped, to put it in source order.
            AddInSourceOrder(parser.MapPoint(start), name, 0, 0, variables, default, scriptHeredocs);
            return;
        }

        _argumentsReadCount++;
        var (outerStart, length) = parser.MapSpan(start, end);

        // Where the command starts is looked up before its arguments and where it ends after them, in source order.
        var sourceStart = _mapping == SpanMapping.LogicalLine ? ToSource(outerStart) : outerStart;
        var firstArgument = _boundCount / 2;
        for (var i = from + 1; i < to; i++)
        {
            ref readonly var word = ref words[i];
            var value = parser.Value(word);
            AddArgument(Locate(parser, word, value, out var argumentStart) ? argumentStart : ~AddValue(value), value.Length);
        }

        var span = _mapping switch
        {
            // As LogicalLine.ToSource(start, end) maps a span.
            SpanMapping.LogicalLine when length > 0 => TextSpan.FromBounds(sourceStart, Math.Max(sourceStart, ToSource(outerStart + length - 1) + 1)),
            SpanMapping.LogicalLine or SpanMapping.Source => new TextSpan(sourceStart, length),
            _ => _fixedSpan,
        };

        AddInSourceOrder(outerStart, name, firstArgument, to - from - 1, variables, span, scriptHeredocs);
    }

    // Inlined into the loop over a command's arguments, the growth of the table apart.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddArgument(int start, int length)
    {
        if (_boundCount + 2 > _bounds.Length)
        {
            GrowBounds();
        }

        _bounds[_boundCount++] = start;
        _bounds[_boundCount++] = length;
    }

    private void GrowBounds() => Array.Resize(ref _bounds, _bounds.Length * 2);

    // Copies a value that is not in the source into the RUN's buffer; returns where it starts there.
    private int AddValue(CharSlice value)
    {
        if (_valueCount + value.Length > _values.Length)
        {
            Array.Resize(ref _values, Math.Max(_valueCount + value.Length, _values.Length * 2));
        }

        Array.Copy(value.Array, value.Start, _values, _valueCount, value.Length);
        var at = _valueCount;
        _valueCount += value.Length;
        return at;
    }

    /// <summary>
    /// Where the value of a word lies in the Dockerfile when it is a run of the script read as it is: a word
    /// written without quotes or escapes, or quoted as a whole, also in a nested script (<c>sh -c "go build"</c>).
    /// False for other words, and for a value a line continuation cuts in two.
    /// </summary>
    /// <remarks>Inlined into the loop over a command's arguments, which asks it of each.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Locate(ScriptParser parser, in WordToken word, CharSlice value, out int sourceStart)
    {
        sourceStart = 0;
        var context = parser.Context;
        if (_mapping == SpanMapping.Fixed || value.Length == 0)
        {
            // The rebuilt command line of an exec form is no source text.
            return false;
        }

        // A word written as it is (most) has its value where it lies in the text: no call to find its run.
        var runStart = word.InArena ? context.SingleRunStart(word) : word.ValueStart;
        if (runStart < 0 || !word.IsRawCopy)
        {
            return false;
        }

        int outerStart;
        if (parser.Text == context.Text)
        {
            // Most words: written as they are, or quoted as a whole, in the script read.
            outerStart = context.Origin + runStart;
        }
        else
        {
            // A nested script's word: comparing the characters where its run maps to settles what the map cannot
            // tell apart (the raw text of the word that carried the script may have quotes or escapes there).
            (outerStart, var outerLength) = parser.MapSpan(runStart, runStart + value.Length);
            if (outerLength != value.Length || !value.IsAt(context.Text, outerStart - context.Origin))
            {
                return false;
            }
        }

        if (_mapping == SpanMapping.Source)
        {
            sourceStart = outerStart;
            return true;
        }

        if (outerStart >= _pieceStart && outerStart + value.Length <= _pieceEnd)
        {
            // Most values: in the piece of the line that held the last offset mapped.
            sourceStart = _pieceSourceStart + (outerStart - _pieceStart);
            return true;
        }

        sourceStart = ToSource(outerStart);
        return ToSource(outerStart + value.Length - 1) - sourceStart == value.Length - 1;
    }

    /// <summary>
    /// The source offset of an offset of <see cref="_line"/>: walking on from the piece of the last one when it is not
    /// before it (offsets come in about increasing order), else by the line's search, so that going back (to a command
    /// after its substitutions, say) does not walk again from the first piece. An offset in the piece the walk last
    /// found is mapped without either.
    /// </summary>
    /// <remarks>Inlined, the walk apart: most offsets are in the piece.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ToSource(int offset) =>
        offset >= _pieceStart && offset < _pieceEnd ? _pieceSourceStart + (offset - _pieceStart) : ToSourceOutsidePiece(offset);

    // ToSource of an offset outside the piece the walk last found.
    private int ToSourceOutsidePiece(int offset)
    {
        if (offset < _pieceOffset)
        {
            return _line.ToSource(offset);
        }

        _pieceOffset = offset;
        var source = _line.ToSource(offset, ref _piece);

        // The walk leaves _piece as it was for offsets outside the line: the piece is known when it holds the result.
        var piece = _line.PieceSourceSpan(_piece);
        if (piece.Contains(source))
        {
            _pieceStart = offset - (source - piece.Start);
            _pieceEnd = _pieceStart + piece.Length;
            _pieceSourceStart = piece.Start;
        }

        return source;
    }

    // True when a shell has an option that makes it take its script from an argument (-c, -xc, ...) rather than from standard input.
    private static bool ReadsScriptArgument(ScriptParser parser, WordList words, int from, int to)
    {
        for (var i = from + 1; i < to; i++)
        {
            var word = parser.Value(words[i]);
            if (word.Length > 1 && word[0] == '-' && word[1] != '-' && word.IndexOf('c') > 0)
            {
                return true;
            }
        }

        return false;
    }

    // Insertion into source order (most commands come in order, and stay where they are added); see SourceOrder for why it stays linear.
    // The command is written where it goes in the array, field by field, rather than made and copied there.
    // Inlined into both of its calls: it is asked of every command.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddInSourceOrder(int start, string name, int firstArgument, int argumentCount, IReadOnlyDictionary<string, string> variables, TextSpan span, string[]? scriptHeredocs)
    {
        if (_foundCount == _found.Length)
        {
            Array.Resize(ref _found, _found.Length * 2);
        }

        var at = _foundCount;
        while (at > _readStart && _found[at - 1].Start > start)
        {
            at--;
        }

        if (at < _foundCount)
        {
            Array.Copy(_found, at, _found, at + 1, _foundCount - at);
        }

        _found[at].Set(start, name, firstArgument, argumentCount, variables, span, scriptHeredocs);
        _foundCount++;
    }

    /// <summary>
    /// The commands whose arguments and span the analysis reads (see <see cref="GoCommand"/>): go, its xx-go wrapper
    /// and dotnet. The other commands carry only their name and variables.
    /// </summary>
    /// <remarks>Inlined: it is asked of every command, and nearly every name is told by its length and a letter.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool HasArgumentsRead(string name) => name.Length switch
    {
        2 => name[0] == 'g' && name[1] == 'o',
        5 => name[0] == 'x' && name == "xx-go",
        6 => name[0] == 'd' && name == "dotnet",
        _ => false,
    };

    /// <summary>The programs that run shell scripts given on standard input or with -c.</summary>
    public static bool IsPosixShell(string name) => name is "sh" or "bash" or "ash" or "dash" or "zsh" or "ksh" or "mksh";

    // `RUN <<EOF` (the whole command is one heredoc word): the heredoc is the script.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryGetScriptHeredoc(Instruction run, int argumentsEnd, IReadOnlyList<Heredoc> heredocs, out Heredoc script)
    {
        script = null!;
        if (heredocs.Count == 0)
        {
            return false;
        }

        var marker = heredocs[0].MarkerSpan;
        var arguments = run.ToSource(run.ArgumentsStart, argumentsEnd);
        if (marker.Start != arguments.Start || marker.End != arguments.End)
        {
            return false;
        }

        script = heredocs[0];
        return true;
    }

    // A script's #! line may name another interpreter (python, node...): then it is not shell code.
    private static bool IsShellScript(string text, TextSpan body)
    {
        if (body.Length < 2 || text[body.Start] != '#' || text[body.Start + 1] != '!')
        {
            return true;
        }

        var end = text.IndexOfAny(new[] { '\n', '\r' }, body.Start, body.Length);
        var words = text.Substring(body.Start + 2, (end < 0 ? body.End : end) - body.Start - 2).Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return true;
        }

        var interpreter = BaseName(words[0]);
        if (interpreter == "env")
        {
            interpreter = words.Length > 1 ? BaseName(words[words.Length > 2 && words[1] == "-S" ? 2 : 1]) : interpreter;
        }

        return IsPosixShell(interpreter);
    }

    private static string[] Delimiters(List<PendingHeredoc> heredocs)
    {
        var delimiters = new string[heredocs.Count];
        for (var i = 0; i < heredocs.Count; i++)
        {
            delimiters[i] = heredocs[i].Delimiter;
        }

        return delimiters;
    }

    private void CollectExecForm(Instruction run)
    {
        var words = run.ArgumentWords;
        if (words.Count == 0)
        {
            return;
        }

        // Rebuild a POSIX command line from the argv so nested scripts (sh -c, cmd /c, pwsh -c) are read the same way.
        var commandLine = _commandLine.Clear();
        for (var i = 0; i < words.Count; i++)
        {
            if (commandLine.Length > 0)
            {
                commandLine.Append(' ');
            }

            commandLine.Append('\'').Append(words[i].Value.Replace("'", "'\\''")).Append('\'');
        }

        _mapping = SpanMapping.Fixed;
        _fixedSpan = run.ToSource(words[0].Start, words[words.Count - 1].End);
        ShellScriptReader.Read(commandLine, ShellDialect.Posix, this, intern: true);
        _scriptCount = _foundCount;
        if (commandLine.Capacity > MaxRetainedLength)
        {
            commandLine.Clear().Capacity = 256;
        }
    }

    private void ReadSource(string text, TextSpan span, ShellDialect dialect)
    {
        _mapping = SpanMapping.Source;
        _readStart = _foundCount;
        ShellScriptReader.Read(text, span.Start, span.Length, dialect, this, intern: true);
    }

    private static string BaseName(string path)
    {
        var slash = path.LastIndexOfAny(new[] { '/', '\\' });
        return slash >= 0 ? path.Substring(slash + 1) : path;
    }

    /// <summary>A command as found, with the heredocs it reads as its script when it is a shell without a script argument.</summary>
    /// <remarks>Set in place in its array (see AddInSourceOrder).</remarks>
    private struct Found
    {
        private string _name;
        private int _firstArgument;
        private int _argumentCount;
        private IReadOnlyDictionary<string, string> _variables;
        private TextSpan _span;

        public int Start { get; private set; }

        public string[]? ScriptHeredocs { get; private set; }

        public void Set(int start, string name, int firstArgument, int argumentCount, IReadOnlyDictionary<string, string> variables, TextSpan span, string[]? scriptHeredocs)
        {
            Start = start;
            _name = name;
            _firstArgument = firstArgument;
            _argumentCount = argumentCount;
            _variables = variables;
            _span = span;
            ScriptHeredocs = scriptHeredocs;
        }

        /// <summary>The command, once the RUN's argument table is complete.</summary>
        public readonly ExecutedCommand ToCommand(CommandArguments arguments) => new(_name, arguments, _firstArgument, _argumentCount, _variables, _span);
    }
}
