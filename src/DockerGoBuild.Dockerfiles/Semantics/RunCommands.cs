using System;
using System.Collections.Generic;
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
    private static readonly Dictionary<string, string> NoVariables = new(StringComparer.Ordinal);

    [ThreadStatic]
    private static RunCommands? cached;

    private readonly StringTable _strings = StringTable.Shared;

    // The commands found so far, each read's in source order; the read in progress adds from _readStart on.
    private readonly List<Found> _found = new();

    // The commands of the RUN being read.
    private readonly List<ExecutedCommand> _commands = new();
    private int _readStart;
    private SpanMapping _mapping;
    private LogicalLine? _line;
    private TextSpan _fixedSpan;

    // The text the read's verbatim arguments are left in: the Dockerfile, or an exec-form command line.
    private string _source = string.Empty;

    // The piece of _line where the last argument was found: arguments come in about increasing order.
    private int _piece;

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

    public ExecutedCommand[] Collect(DockerfileSyntax syntax, Instruction run, ShellDialect dialect)
    {
        var commands = _commands;
        commands.Clear();
        CollectInto(syntax, run, dialect, commands);
        var result = commands.Count == 0 ? Array.Empty<ExecutedCommand>() : commands.ToArray();
        commands.Clear();
        return result;
    }

    private void CollectInto(DockerfileSyntax syntax, Instruction run, ShellDialect dialect, List<ExecutedCommand> commands)
    {
        if (run.IsJsonForm)
        {
            CollectExecForm(run, commands);
            return;
        }

        if (TryGetScriptHeredoc(run, out var script))
        {
            if (IsShellScript(script.Content))
            {
                ReadSource(syntax.Text, script.BodySpan, dialect, commands);
            }

            return;
        }

        var line = run.Line;
        _mapping = SpanMapping.LogicalLine;
        _line = line;
        _source = syntax.Text;
        _piece = 0;
        _readStart = 0;
        ShellScriptReader.Read(line, run.ArgumentsStart, run.ArgumentsEnd - run.ArgumentsStart, dialect, this, _strings);
        _line = null;
        var count = _found.Count;
        for (var i = 0; i < count; i++)
        {
            var command = _found[i];
            commands.Add(command.Command);
            if (command.ScriptHeredocs == null)
            {
                continue;
            }

            foreach (var heredoc in run.Heredocs)
            {
                if (Array.IndexOf(command.ScriptHeredocs, heredoc.Name) >= 0)
                {
                    ReadSource(syntax.Text, heredoc.BodySpan, dialect, commands);
                }
            }
        }

        _found.Clear();
    }

    void IShellCommandSink.Add(ScriptParser parser, CharSlice commandName, List<WordToken> words, int from, int to, List<InlineAssignment> assignments, IReadOnlyList<PendingHeredoc> heredocs, int start, int end)
    {
        var name = parser.MakeString(commandName);
        var arguments = to - from == 1 ? NoArguments : new ArgumentText[to - from - 1];
        var readsScriptArgument = false;
        for (var i = from + 1; i < to; i++)
        {
            var word = words[i];
            arguments[i - from - 1] = Locate(parser, word, out var sourceStart)
                ? new ArgumentText(sourceStart, word.ValueLength)
                : new ArgumentText(parser.Value(word).ToString());
            readsScriptArgument |= IsScriptOption(parser.Value(word));
        }

        var variables = parser.Variables.View(assignments);
        var (outerStart, length) = parser.MapSpan(start, end);
        var span = _mapping switch
        {
            SpanMapping.LogicalLine => _line!.ToSource(outerStart, outerStart + length),
            SpanMapping.Source => new TextSpan(outerStart, length),
            _ => _fixedSpan,
        };

        var command = new ExecutedCommand(name, _source, arguments, variables.Count == 0 ? NoVariables : variables, span);
        var scriptHeredocs = heredocs.Count > 0 && IsPosixShell(name) && !readsScriptArgument ? Delimiters(heredocs) : null;
        _found.Add(new Found(outerStart, command, scriptHeredocs));
        MoveIntoPlace(_found.Count - 1);
    }

    private static readonly ArgumentText[] NoArguments = Array.Empty<ArgumentText>();

    /// <summary>
    /// Where a word written as it is (its value is its raw text in the script read) lies in <see cref="_source"/>;
    /// false for other words, and for a word a line continuation cuts in two.
    /// </summary>
    private bool Locate(ScriptParser parser, in WordToken word, out int sourceStart)
    {
        sourceStart = 0;
        var context = parser.Context;
        if (word.InArena || parser.Text != context.Text || word.ValueStart != word.Start || word.ValueLength != word.End - word.Start)
        {
            return false;
        }

        var position = context.Origin + word.Start;
        switch (_mapping)
        {
            case SpanMapping.LogicalLine:
                sourceStart = _line!.ToSource(position, ref _piece);
                return _line.ToSource(position + word.ValueLength - 1, ref _piece) - sourceStart == word.ValueLength - 1;
            default:
                sourceStart = position;
                return true;
        }
    }

    // An option that makes a shell take its script from an argument (-c, -xc, ...) rather than from standard input.
    private static bool IsScriptOption(CharSlice word) => word.Length > 1 && word[0] == '-' && word[1] != '-' && word.IndexOf('c') > 0;

    // Insertion into source order; see SourceOrder for why it stays linear.
    private void MoveIntoPlace(int index)
    {
        var item = _found[index];
        var j = index - 1;
        while (j >= _readStart && _found[j].Start > item.Start)
        {
            _found[j + 1] = _found[j];
            j--;
        }

        _found[j + 1] = item;
    }

    /// <summary>The programs that run shell scripts given on standard input or with -c.</summary>
    public static bool IsPosixShell(string name) => name is "sh" or "bash" or "ash" or "dash" or "zsh" or "ksh" or "mksh";

    // `RUN <<EOF` (the whole command is one heredoc word): the heredoc is the script.
    private static bool TryGetScriptHeredoc(Instruction run, out Heredoc script)
    {
        script = null!;
        if (run.Heredocs.Count == 0)
        {
            return false;
        }

        var marker = run.Heredocs[0].MarkerSpan;
        var arguments = run.ToSource(run.ArgumentsStart, run.ArgumentsEnd);
        if (marker.Start != arguments.Start || marker.End != arguments.End)
        {
            return false;
        }

        script = run.Heredocs[0];
        return true;
    }

    // A script's #! line may name another interpreter (python, node...): then it is not shell code.
    private static bool IsShellScript(string content)
    {
        if (!content.StartsWith("#!", StringComparison.Ordinal))
        {
            return true;
        }

        var end = content.IndexOfAny(new[] { '\n', '\r' });
        var words = content.Substring(2, (end < 0 ? content.Length : end) - 2).Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
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

    private static string[] Delimiters(IReadOnlyList<PendingHeredoc> heredocs)
    {
        var delimiters = new string[heredocs.Count];
        for (var i = 0; i < heredocs.Count; i++)
        {
            delimiters[i] = heredocs[i].Delimiter;
        }

        return delimiters;
    }

    private void CollectExecForm(Instruction run, List<ExecutedCommand> commands)
    {
        if (run.Words.Count == 0)
        {
            return;
        }

        // Rebuild a POSIX command line from the argv so nested scripts (sh -c, cmd /c, pwsh -c) are read the same way.
        var commandLine = new StringBuilder();
        foreach (var word in run.WordArray)
        {
            if (commandLine.Length > 0)
            {
                commandLine.Append(' ');
            }

            commandLine.Append('\'').Append(word.Value.Replace("'", "'\\''")).Append('\'');
        }

        _mapping = SpanMapping.Fixed;
        _fixedSpan = run.ToSource(run.Words[0].Start, run.Words[run.Words.Count - 1].End);
        _source = commandLine.ToString();
        ReadInto(_source, 0, commandLine.Length, ShellDialect.Posix, commands);
    }

    private void ReadSource(string text, TextSpan span, ShellDialect dialect, List<ExecutedCommand> commands)
    {
        _mapping = SpanMapping.Source;
        _source = text;
        ReadInto(text, span.Start, span.Length, dialect, commands);
    }

    private void ReadInto(string text, int start, int length, ShellDialect dialect, List<ExecutedCommand> commands)
    {
        var first = _readStart = _found.Count;
        ShellScriptReader.Read(text, start, length, dialect, this, _strings);
        for (var i = first; i < _found.Count; i++)
        {
            // A heredoc script can hold hundreds of thousands of commands: let a cancelled analysis stop here too.
            AnalysisCancellation.Poll();
            commands.Add(_found[i].Command);
        }

        _found.RemoveRange(first, _found.Count - first);
    }

    private static string BaseName(string path)
    {
        var slash = path.LastIndexOfAny(new[] { '/', '\\' });
        return slash >= 0 ? path.Substring(slash + 1) : path;
    }

    /// <summary>A command as found, with the heredocs it reads as its script when it is a shell without a script argument.</summary>
    private readonly struct Found
    {
        public Found(int start, ExecutedCommand command, string[]? scriptHeredocs)
        {
            Start = start;
            Command = command;
            ScriptHeredocs = scriptHeredocs;
        }

        public int Start { get; }

        public ExecutedCommand Command { get; }

        public string[]? ScriptHeredocs { get; }
    }
}
