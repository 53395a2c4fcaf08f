using System;
using System.Collections.Generic;

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

        var context = new ParseContext(length);
        var parser = new ScriptParser(context, text, start, start + length, dialect, OffsetMap.Identity, 0, new VariableScope(), null);
        parser.Run(untilClose: false);
        return InSourceOrder(context.Commands);
    }

    /// <summary>Splits a plain word list (e.g. exec-form arguments) into words; operators become literal words.</summary>
    public static IReadOnlyList<ShellWord> SplitWords(string text, int start, int length, ShellDialect dialect)
    {
        if (!TryClamp(text, ref start, ref length))
        {
            return Array.Empty<ShellWord>();
        }

        // Substitutions are parsed while lexing; the commands they yield are not wanted here.
        var parser = new ScriptParser(new ParseContext(length), text, start, start + length, dialect, OffsetMap.Identity, 0, new VariableScope(), null);
        List<WordToken> tokens = parser.SplitWords();
        var words = new ShellWord[tokens.Count];
        for (int i = 0; i < tokens.Count; i++)
        {
            words[i] = parser.ToPublic(tokens[i]);
        }

        return words;
    }

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

    /// <summary>Substitutions are found before the command containing them; report commands by position.</summary>
    private static ShellCommand[] InSourceOrder(List<ShellCommand> commands)
    {
        var order = new int[commands.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            int byStart = commands[a].Start.CompareTo(commands[b].Start);
            return byStart != 0 ? byStart : a.CompareTo(b);
        });

        var sorted = new ShellCommand[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            sorted[i] = commands[order[i]];
        }

        return sorted;
    }
}
