using System;
using System.Collections.Generic;
using System.Text;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>
/// Turns a simple command as written into the command(s) it runs: strips assignment prefixes,
/// looks through wrappers (env, sudo, timeout, xargs, ...), follows <c>find -exec</c>, and parses the
/// scripts handed to shells, <c>eval</c>, PowerShell and cmd.
/// </summary>
internal sealed class CommandResolver
{
    private const int MaxFindNesting = 8;

    private static readonly HashSet<string> PosixShells = new HashSet<string>(StringComparer.Ordinal)
    {
        "sh", "bash", "ash", "dash", "zsh", "ksh", "mksh",
    };

    private static readonly HashSet<string> ExportBuiltins = new HashSet<string>(StringComparer.Ordinal)
    {
        "export", "readonly", "declare", "typeset", "local",
    };

    private static readonly HashSet<string> FindExecActions = new HashSet<string>(StringComparer.Ordinal)
    {
        "-exec", "-execdir", "-ok", "-okdir",
    };

    private readonly ScriptParser parser;

    public CommandResolver(ScriptParser parser)
    {
        this.parser = parser;
    }

    /// <summary>Emits the commands of <paramref name="syntax"/>; true when it is a shell reading its script from stdin.</summary>
    public bool Resolve(CommandSyntax syntax, int findNesting)
    {
        List<WordToken> words = syntax.Words;
        var assignments = new List<ShellAssignment>();
        int index = 0;
        while (index < words.Count && TryAddAssignment(words[index], assignments))
        {
            index++;
        }

        if (index == words.Count)
        {
            // A statement made only of assignments sets script variables.
            foreach (ShellAssignment assignment in assignments)
            {
                parser.Variables.Set(assignment.Name, assignment.Value);
            }

            return false;
        }

        index = SkipWrappers(words, index, assignments);
        if (WrapperArguments.IsCommandLookup(ShellCommand.BaseName(words[index].Value), words, index))
        {
            return false;
        }

        var heredocs = new List<string>(syntax.Heredocs.Count);
        foreach (PendingHeredoc heredoc in syntax.Heredocs)
        {
            heredocs.Add(heredoc.Delimiter);
        }

        parser.Emit(words, index, words.Count, assignments, heredocs, syntax.Start, syntax.End);
        return FollowCommand(words, index, findNesting);
    }

    private bool TryAddAssignment(WordToken word, List<ShellAssignment> assignments)
    {
        if (parser.Dialect != ShellDialect.Posix || !TrySplitAssignment(word, out string name, out string value))
        {
            return false;
        }

        assignments.Add(parser.ToPublic(word, name, value));
        return true;
    }

    /// <summary>Recognises <c>NAME=value</c> (or <c>NAME+=value</c>) with an unquoted name.</summary>
    private bool TrySplitAssignment(WordToken word, out string name, out string value)
    {
        name = value = string.Empty;
        string raw = parser.Text;
        int pos = word.Start;
        if (pos >= word.End || !ScanHelpers.IsNameStart(raw[pos]))
        {
            return false;
        }

        while (pos < word.End && ScanHelpers.IsNameChar(raw[pos]))
        {
            pos++;
        }

        int nameLength = pos - word.Start;
        if (pos < word.End && raw[pos] == '+')
        {
            pos++;
        }

        if (pos >= word.End || raw[pos] != '=')
        {
            return false;
        }

        // The name is plain text, so value and raw text agree up to the '='.
        int equals = pos - word.Start;
        name = word.Value.Substring(0, nameLength);
        value = word.Value.Substring(equals + 1);
        return true;
    }

    private int SkipWrappers(List<WordToken> words, int index, List<ShellAssignment> assignments)
    {
        while (index < words.Count)
        {
            int next = WrapperArguments.SkipWrapper(ShellCommand.BaseName(words[index].Value), words, index);
            if (next < 0)
            {
                break;
            }

            next = AddWrapperAssignments(words, index, next, assignments);
            if (next >= words.Count)
            {
                // A wrapper with nothing to run is itself the command (`env`, `xargs` alone).
                break;
            }

            index = next;
        }

        return index;
    }

    /// <summary><c>env</c> and <c>sudo</c> take <c>VAR=v</c> words before the command.</summary>
    private int AddWrapperAssignments(List<WordToken> words, int wrapper, int next, List<ShellAssignment> assignments)
    {
        string name = ShellCommand.BaseName(words[wrapper].Value);
        if (name != "env" && name != "sudo")
        {
            return next;
        }

        while (next < words.Count && TryAddAssignment(words[next], assignments))
        {
            next++;
        }

        return next;
    }

    /// <summary>Looks at what the command does with its arguments; true when it is a shell reading stdin.</summary>
    private bool FollowCommand(List<WordToken> words, int index, int findNesting)
    {
        string name = ShellCommand.BaseName(words[index].Value);
        if (parser.Dialect == ShellDialect.Posix && ExportBuiltins.Contains(name))
        {
            RecordExports(words, index + 1);
        }
        else if (parser.Dialect == ShellDialect.Cmd && name.Equals("set", StringComparison.OrdinalIgnoreCase))
        {
            RecordCmdSet(words, index + 1);
        }
        else if (name == "find")
        {
            FollowFindExec(words, index + 1, findNesting);
        }
        else if (PosixShells.Contains(name))
        {
            return FollowShell(words, index + 1);
        }
        else if (name == "su")
        {
            FollowSu(words, index + 1);
        }
        else if (name == "eval")
        {
            ParseJoined(words, index + 1, ShellDialect.Posix);
        }
        else if (name.Equals("powershell", StringComparison.OrdinalIgnoreCase) || name.Equals("pwsh", StringComparison.OrdinalIgnoreCase))
        {
            ParseScriptAfter(words, FindIndex(words, index + 1, IsPowerShellCommandOption), ShellDialect.PowerShell);
        }
        else if (name.Equals("cmd", StringComparison.OrdinalIgnoreCase))
        {
            ParseScriptAfter(words, FindIndex(words, index + 1, IsCmdRunOption), ShellDialect.Cmd);
        }

        return false;
    }

    private void RecordExports(List<WordToken> words, int from)
    {
        for (int i = from; i < words.Count; i++)
        {
            if (TrySplitAssignment(words[i], out string name, out string value))
            {
                parser.Variables.Set(name, value);
            }
        }
    }

    /// <summary>cmd's <c>set NAME=value</c> takes the rest of the line as the value.</summary>
    private void RecordCmdSet(List<WordToken> words, int from)
    {
        if (from >= words.Count || words[from].Value.StartsWith("/", StringComparison.Ordinal))
        {
            return;
        }

        string joined = JoinValues(words, from);
        int equals = joined.IndexOf('=');
        if (equals > 0)
        {
            parser.Variables.Set(joined.Substring(0, equals), joined.Substring(equals + 1));
        }
    }

    private void FollowFindExec(List<WordToken> words, int from, int findNesting)
    {
        if (findNesting >= MaxFindNesting)
        {
            return;
        }

        int i = from;
        while (i < words.Count)
        {
            if (!FindExecActions.Contains(words[i].Value))
            {
                i++;
                continue;
            }

            int start = i + 1;
            int end = start;
            while (end < words.Count && words[end].Value != ";" && words[end].Value != "+")
            {
                end++;
            }

            if (end > start)
            {
                var action = new CommandSyntax();
                for (int k = start; k < end; k++)
                {
                    action.Add(words[k]);
                }

                Resolve(action, findNesting + 1);
            }

            i = end + 1;
        }
    }

    /// <summary>
    /// Scans shell options: with <c>-c</c> the first operand is a script to parse; without it and
    /// without a script file (or with <c>-s</c>) the shell reads its script from stdin.
    /// </summary>
    private bool FollowShell(List<WordToken> words, int from)
    {
        bool hasCommand = false;
        bool readsStdin = false;
        int i = from;
        while (i < words.Count)
        {
            string option = words[i].Value;
            if (option == "--" || option == "-")
            {
                i++;
                break;
            }

            if (option.Length < 2 || (option[0] != '-' && option[0] != '+'))
            {
                break;
            }

            i += ShellOptionWidth(option, ref hasCommand, ref readsStdin);
        }

        if (hasCommand)
        {
            if (i < words.Count)
            {
                ParseWord(words[i], ShellDialect.Posix);
            }

            return false;
        }

        return readsStdin || i >= words.Count;
    }

    /// <summary>How many words a shell option occupies (<c>-o NAME</c> takes a value, also inside clusters like <c>-euxo</c>).</summary>
    private static int ShellOptionWidth(string option, ref bool hasCommand, ref bool readsStdin)
    {
        if (option.StartsWith("--", StringComparison.Ordinal))
        {
            return option == "--rcfile" || option == "--init-file" ? 2 : 1;
        }

        bool takesValue = false;
        for (int k = 1; k < option.Length; k++)
        {
            char c = option[k];
            hasCommand |= c == 'c' && option[0] == '-';
            readsStdin |= c == 's';
            takesValue |= c == 'o' || c == 'O';
        }

        return takesValue ? 2 : 1;
    }

    private void FollowSu(List<WordToken> words, int from)
    {
        int option = FindIndex(words, from, w => w.Value == "-c" || w.Value == "--command");
        if (option >= 0 && option + 1 < words.Count)
        {
            ParseWord(words[option + 1], ShellDialect.Posix);
        }
    }

    private static bool IsPowerShellCommandOption(WordToken word)
    {
        string value = word.Value;
        return value.Equals("-c", StringComparison.OrdinalIgnoreCase)
            || (value.Length >= 4 && "-command".StartsWith(value, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsCmdRunOption(WordToken word)
    {
        return word.Value.Equals("/c", StringComparison.OrdinalIgnoreCase) || word.Value.Equals("/k", StringComparison.OrdinalIgnoreCase);
    }

    private static int FindIndex(List<WordToken> words, int from, Func<WordToken, bool> predicate)
    {
        for (int i = from; i < words.Count; i++)
        {
            if (predicate(words[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private void ParseWord(WordToken word, ShellDialect dialect)
    {
        parser.ParseNested(word.Value, word.ValueStarts, word.RawStarts, word.Start, word.End, word.Substitutions, dialect);
    }

    /// <summary>Parses the words after the option at <paramref name="option"/> (-Command, /c) as one script.</summary>
    private void ParseScriptAfter(List<WordToken> words, int option, ShellDialect dialect)
    {
        if (option >= 0)
        {
            ParseJoined(words, option + 1, dialect);
        }
    }

    /// <summary>Parses words[from..] joined with spaces as one script (eval, -Command, /c).</summary>
    private void ParseJoined(List<WordToken> words, int from, ShellDialect dialect)
    {
        if (from >= words.Count)
        {
            return;
        }

        if (from == words.Count - 1)
        {
            ParseWord(words[from], dialect);
            return;
        }

        var code = new StringBuilder();
        var valueStarts = new List<int>();
        var rawStarts = new List<int>();
        List<int>? substitutions = null;
        for (int i = from; i < words.Count; i++)
        {
            WordToken word = words[i];
            if (i > from)
            {
                // The joining space maps to the gap after the previous word.
                valueStarts.Add(code.Length);
                rawStarts.Add(words[i - 1].End);
                code.Append(' ');
            }

            int offset = code.Length;
            for (int s = 0; s < word.ValueStarts.Length; s++)
            {
                valueStarts.Add(offset + word.ValueStarts[s]);
                rawStarts.Add(word.RawStarts[s]);
            }

            if (word.Substitutions != null)
            {
                substitutions ??= new List<int>();
                foreach (int position in word.Substitutions)
                {
                    substitutions.Add(offset + position);
                }
            }

            code.Append(word.Value);
        }

        parser.ParseNested(code.ToString(), valueStarts.ToArray(), rawStarts.ToArray(), words[from].Start, words[words.Count - 1].End, substitutions, dialect);
    }

    private static string JoinValues(List<WordToken> words, int from)
    {
        var joined = new StringBuilder();
        for (int i = from; i < words.Count; i++)
        {
            if (i > from)
            {
                joined.Append(' ');
            }

            joined.Append(words[i].Value);
        }

        return joined.ToString();
    }
}
