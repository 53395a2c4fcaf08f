using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>
/// Finds the commands a shell script executes (including those inside substitutions, nested
/// <c>sh -c</c> scripts and wrappers), with their argv and positions. Never throws and runs in time
/// linear in the input: it is meant to run on every keystroke.
/// </summary>
public static class ShellScriptReader
{
    /// <summary>Reads the commands of a whole script.</summary>
    public static IReadOnlyList<ShellCommand> ReadCommands(string text, ShellDialect dialect = ShellDialect.Posix)
    {
        return ReadCommands(text, 0, text?.Length ?? 0, dialect);
    }

    /// <summary>Reads the commands of <c>text[start..start+length)</c>; offsets stay relative to <paramref name="text"/>.</summary>
    public static IReadOnlyList<ShellCommand> ReadCommands(string text, int start, int length, ShellDialect dialect)
    {
        if (!TryClamp(text, ref start, ref length))
        {
            return Array.Empty<ShellCommand>();
        }

        var sink = new PublicCommands();
        Read(text, start, length, dialect, sink, intern: false);
        return sink.InSourceOrder();
    }

    /// <summary>Splits a plain word list (e.g. exec-form arguments) into words; operators become literal words.</summary>
    public static IReadOnlyList<ShellWord> SplitWords(string text, int start, int length, ShellDialect dialect)
    {
        if (!TryClamp(text, ref start, ref length))
        {
            return Array.Empty<ShellWord>();
        }

        // Substitutions are parsed while lexing; the commands they yield are not wanted here.
        var context = ShellReadContext.Rent(start, length, NoCommands.Instance, intern: false);
        try
        {
            text.CopyTo(start, context.Text, 0, length);
            var parser = Start(context, length, dialect);
            var tokens = new WordList();
            parser.SplitWords(tokens, new WordBuilder(context));
            var words = new ShellWord[tokens.Count];
            for (var i = 0; i < tokens.Count; i++)
            {
                words[i] = ToPublic(parser, tokens[i]);
            }

            return words;
        }
        finally
        {
            context.Return();
        }
    }

    /// <summary>Reads <c>text[start..start+length)</c> into <paramref name="sink"/>; offsets are relative to <paramref name="text"/>.</summary>
    internal static void Read(string text, int start, int length, ShellDialect dialect, IShellCommandSink sink, bool intern)
    {
        var context = ShellReadContext.Rent(start, length, sink, intern);
        text.CopyTo(start, context.Text, 0, length);
        Run(context, length, dialect);
    }

    /// <summary>Reads the logical line's characters [start, start+length) into <paramref name="sink"/>; offsets are logical.</summary>
    internal static void Read(LogicalLine line, int start, int length, ShellDialect dialect, IShellCommandSink sink, bool intern)
    {
        var context = ShellReadContext.Rent(start, length, sink, intern);
        line.CopyTo(start, context.Text, 0, length);
        Run(context, length, dialect);
    }

    /// <summary>Reads a script built in <paramref name="text"/> into <paramref name="sink"/>; offsets are relative to it.</summary>
    internal static void Read(StringBuilder text, ShellDialect dialect, IShellCommandSink sink, bool intern)
    {
        var context = ShellReadContext.Rent(0, text.Length, sink, intern);
        text.CopyTo(0, context.Text, 0, text.Length);
        Run(context, text.Length, dialect);
    }

    // Reads the script copied into the rented context, then returns the context.
    private static void Run(ShellReadContext context, int length, ShellDialect dialect)
    {
        try
        {
            Start(context, length, dialect).Run(untilClose: false);
        }
        finally
        {
            context.Return();
        }
    }

    // Inlined: once a read.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ScriptParser Start(ShellReadContext context, int length, ShellDialect dialect) =>
        context.Parser(0).Init(context.Text, 0, length, dialect, context.RootMap, 0, context.RootScope, null, 0);

    private static bool TryClamp(string text, ref int start, ref int length)
    {
        if (text == null)
        {
            return false;
        }

        start = Math.Max(0, Math.Min(start, text.Length));
        length = Math.Max(0, Math.Min(length, text.Length - start));
        return true;
    }

    private static ShellWord ToPublic(ScriptParser parser, in WordToken word)
    {
        var (start, length) = parser.MapSpan(word.Start, word.End);
        return new ShellWord(parser.MakeString(parser.Value(word)), start, length, word.IsLiteral);
    }

    /// <summary>Builds the public command objects.</summary>
    private sealed class PublicCommands : IShellCommandSink
    {
        private readonly List<ShellCommand> commands = new();

        public void Add(ScriptParser parser, CharSlice name, WordList words, int from, int to, List<InlineAssignment> assignments, List<PendingHeredoc> heredocs, int start, int end)
        {
            var argv = new ShellWord[to - from];
            for (var i = from; i < to; i++)
            {
                argv[i - from] = ToPublic(parser, words[i]);
            }

            var publicAssignments = new ShellAssignment[assignments.Count];
            for (var i = 0; i < assignments.Count; i++)
            {
                var (assignmentStart, assignmentLength) = parser.MapSpan(assignments[i].Word.Start, assignments[i].Word.End);
                publicAssignments[i] = new ShellAssignment(assignments[i].Name, assignments[i].Value, assignmentStart, assignmentLength);
            }

            var delimiters = new string[heredocs.Count];
            for (var i = 0; i < heredocs.Count; i++)
            {
                delimiters[i] = heredocs[i].Delimiter;
            }

            var (outerStart, length) = parser.MapSpan(start, end);
            commands.Add(new ShellCommand(argv, publicAssignments, parser.Variables.View(assignments), delimiters, outerStart, outerStart + length));
        }

        /// <summary>Substitutions are found before the command containing them; report commands by position.</summary>
        public ShellCommand[] InSourceOrder()
        {
            var sorted = commands.ToArray();
            SourceOrder.Sort(sorted, static command => command.Start);
            return sorted;
        }
    }

    /// <summary>Drops the commands: for reads that only want the words.</summary>
    private sealed class NoCommands : IShellCommandSink
    {
        public static readonly NoCommands Instance = new();

        public void Add(ScriptParser parser, CharSlice name, WordList words, int from, int to, List<InlineAssignment> assignments, List<PendingHeredoc> heredocs, int start, int end)
        {
        }
    }
}

/// <summary>Puts found commands in source order: by start, ties in the order they were found.</summary>
internal static class SourceOrder
{
    /// <summary>
    /// A stable insertion sort. Commands arrive almost in order (a command comes right after the commands of its
    /// substitutions, which nest at most <see cref="ShellReadContext.MaxDepth"/> deep), so it stays linear.
    /// </summary>
    public static void Sort<T>(IList<T> items, Func<T, int> start)
    {
        for (var i = 1; i < items.Count; i++)
        {
            MoveIntoPlace(items, i, start, 0);
        }
    }

    /// <summary>Moves items[<paramref name="index"/>] back past the items of [<paramref name="from"/>, index) that start after it.</summary>
    public static void MoveIntoPlace<T>(IList<T> items, int index, Func<T, int> start, int from)
    {
        var item = items[index];
        var key = start(item);
        var j = index - 1;
        while (j >= from && start(items[j]) > key)
        {
            items[j + 1] = items[j];
            j--;
        }

        items[j + 1] = item;
    }
}
