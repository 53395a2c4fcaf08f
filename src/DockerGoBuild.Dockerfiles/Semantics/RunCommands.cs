using System;
using System.Collections.Generic;
using System.Text;
using DockerGoBuild.Dockerfiles.Shell;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>
/// Finds the commands a RUN really executes: in its shell text, in a heredoc that is its script, in a
/// heredoc fed to a shell, or in its exec-form argv. Heredocs that carry data are not read as code.
/// </summary>
internal static class RunCommands
{
    private static readonly Dictionary<string, string> NoVariables = new(StringComparer.Ordinal);

    public static List<ExecutedCommand> Collect(DockerfileSyntax syntax, Instruction run, ShellDialect dialect)
    {
        var commands = new List<ExecutedCommand>();
        if (run.IsJsonForm)
        {
            CollectExecForm(run, commands);
            return commands;
        }

        var line = run.Line;
        if (TryGetScriptHeredoc(run, out var script))
        {
            if (IsShellScript(script.Content))
            {
                AddFromText(syntax.Text, script.BodySpan.Start, script.BodySpan.Length, dialect, commands, offset => offset);
            }

            return commands;
        }

        var shellCommands = ShellScriptReader.ReadCommands(line.Text, run.ArgumentsStart, run.ArgumentsEnd - run.ArgumentsStart, dialect);
        foreach (var command in shellCommands)
        {
            Add(command, commands, line.ToSource);
            if (command.HeredocDelimiters.Count > 0 && IsShellWithoutScriptArgument(command))
            {
                foreach (var heredoc in run.Heredocs)
                {
                    if (Contains(command.HeredocDelimiters, heredoc.Name))
                    {
                        AddFromText(syntax.Text, heredoc.BodySpan.Start, heredoc.BodySpan.Length, dialect, commands, offset => offset);
                    }
                }
            }
        }

        return commands;
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

    private static bool IsShellWithoutScriptArgument(ShellCommand command)
    {
        if (!IsPosixShell(command.Name))
        {
            return false;
        }

        for (var i = 1; i < command.Words.Count; i++)
        {
            var word = command.Words[i].Value;
            if (word.Length > 1 && word[0] == '-' && word[1] != '-' && word.IndexOf('c') > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static void CollectExecForm(Instruction run, List<ExecutedCommand> commands)
    {
        if (run.Words.Count == 0)
        {
            return;
        }

        // Rebuild a POSIX command line from the argv so nested scripts (sh -c, cmd /c, pwsh -c) are read the same way.
        var commandLine = new StringBuilder();
        foreach (var word in run.Words)
        {
            if (commandLine.Length > 0)
            {
                commandLine.Append(' ');
            }

            commandLine.Append('\'').Append(word.Value.Replace("'", "'\\''")).Append('\'');
        }

        var span = run.ToSource(run.Words[0].Start, run.Words[run.Words.Count - 1].End);
        AddFromText(commandLine.ToString(), 0, commandLine.Length, ShellDialect.Posix, commands, _ => span.Start, span);
    }

    private static void AddFromText(string text, int start, int length, ShellDialect dialect, List<ExecutedCommand> commands, Func<int, int> toSource, TextSpan? fixedSpan = null)
    {
        foreach (var command in ShellScriptReader.ReadCommands(text, start, length, dialect))
        {
            if (fixedSpan is { } span)
            {
                commands.Add(Create(command, span));
            }
            else
            {
                Add(command, commands, (s, e) => TextSpan.FromBounds(toSource(s), Math.Max(toSource(s), toSource(e))));
            }
        }
    }

    private static void Add(ShellCommand command, List<ExecutedCommand> commands, Func<int, int, TextSpan> toSource)
    {
        if (command.Words.Count > 0)
        {
            commands.Add(Create(command, toSource(command.Start, command.End)));
        }
    }

    private static ExecutedCommand Create(ShellCommand command, TextSpan span)
    {
        // A heredoc script can hold hundreds of thousands of commands: let a cancelled analysis stop here too.
        AnalysisCancellation.Poll();
        var arguments = new string[command.Words.Count - 1];
        for (var i = 1; i < command.Words.Count; i++)
        {
            arguments[i - 1] = command.Words[i].Value;
        }

        var variables = command.ScriptVariables.Count == 0 ? NoVariables : command.ScriptVariables;
        return new ExecutedCommand(command.Name, arguments, variables, span);
    }

    private static bool Contains(IReadOnlyList<string> names, string name)
    {
        foreach (var candidate in names)
        {
            if (candidate == name)
            {
                return true;
            }
        }

        return false;
    }

    private static string BaseName(string path)
    {
        var slash = path.LastIndexOfAny(new[] { '/', '\\' });
        return slash >= 0 ? path.Substring(slash + 1) : path;
    }
}
