using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
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

    // What FollowCommand does with the commands whose names are compared exactly.
    private static readonly KeyValuePair<string, Follow>[] FollowedList =
    {
        Entry("export", Follow.Exports), Entry("readonly", Follow.Exports), Entry("declare", Follow.Exports),
        Entry("typeset", Follow.Exports), Entry("local", Follow.Exports),
        Entry("find", Follow.FindExec),
        Entry("sh", Follow.PosixShell), Entry("bash", Follow.PosixShell), Entry("ash", Follow.PosixShell), Entry("dash", Follow.PosixShell),
        Entry("zsh", Follow.PosixShell), Entry("ksh", Follow.PosixShell), Entry("mksh", Follow.PosixShell),
        Entry("su", Follow.Su),
        Entry("eval", Follow.Eval),
    };

    private static readonly NameTable<Follow> Followed = new(FollowedList);

    private static readonly NameFilter FollowedNames = new(FollowedList.Select(entry => entry.Key));

    // The commands FollowCommand compares in any case: cmd's set, and the shells whose scripts are arguments.
    private static readonly string[] NamesInAnyCase = { "set", "cmd", "pwsh", "powershell" };

    /// <summary>
    /// Every name whose command is more than its name: a wrapper or <c>command</c>, or one FollowCommand follows. The
    /// names compared in any case are there with their first and last letters in either case, as the filter tells
    /// names apart by those (and a name that starts or ends outside ASCII is not ruled out by it: see IsPlainName).
    /// </summary>
    private static readonly NameFilter SpecialNames = new(
        WrapperArguments.Names
            .Concat(FollowedList.Select(entry => entry.Key))
            .Concat(NamesInAnyCase)
            .Concat(NamesInAnyCase.Select(name => char.ToUpperInvariant(name[0]) + name.Substring(1)))
            .Concat(NamesInAnyCase.Select(name => name.Substring(0, name.Length - 1) + char.ToUpperInvariant(name[name.Length - 1]))));

    private static readonly string[] FindExecActions = { "-exec", "-execdir", "-ok", "-okdir" };

    // A list rather than an array, as the sinks take the parser's list (whose Count is then no interface call):
    // nothing adds to it.
    private static readonly List<PendingHeredoc> NoHeredocs = new(0);

    private readonly ScriptParser parser;

    private enum Follow
    {
        Nothing,
        Exports,
        FindExec,
        PosixShell,
        Su,
        Eval,
    }

    // Reused command after command: a command's assignments are read before any nested command is resolved.
    private readonly List<InlineAssignment> assignments = new();

    public CommandResolver(ScriptParser parser)
    {
        this.parser = parser;
    }

    /// <summary>Emits the commands of <paramref name="syntax"/>; true when it is a shell reading its script from stdin.</summary>
    /// <remarks>Inlined: the parser asks it of every command.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Resolve(CommandSyntax syntax) =>
        Resolve(syntax.Words, 0, syntax.Words.Count, syntax.Heredocs, syntax.Start, syntax.End, findNesting: 0);

    private bool Resolve(WordList words, int from, int to, List<PendingHeredoc> heredocs, int start, int end, int findNesting)
    {
        assignments.Clear();
        var index = from;
        while (index < to && TryAddAssignment(words[index]))
        {
            index++;
        }

        if (index == to)
        {
            // A statement made only of assignments sets script variables.
            foreach (var assignment in assignments)
            {
                parser.Variables.Set(assignment.Name, assignment.Value);
            }

            return false;
        }

        var name = CommandName(parser.Value(words[index]));
        if (IsPlainName(name))
        {
            // Nearly every command: no wrapper, nothing to follow.
            parser.Emit(name, words, index, to, assignments, heredocs, start, end);
            return false;
        }

        index = SkipWrappers(words, index, to, ref name);
        if (WrapperArguments.IsCommandLookup(parser, name, words, index, to))
        {
            return false;
        }

        parser.Emit(name, words, index, to, assignments, heredocs, start, end);
        return FollowCommand(name, words, index, to, findNesting);
    }

    private static KeyValuePair<string, Follow> Entry(string name, Follow follow) => new(name, follow);

    // Inlined, as the look for the '=': asked of the first word of every command, which is seldom an assignment.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryAddAssignment(in WordToken word)
    {
        int equals;
        if (parser.Dialect != ShellDialect.Posix || (equals = AssignmentEquals(word)) < 0)
        {
            return false;
        }

        AddAssignment(word, equals);
        return true;
    }

    private void AddAssignment(in WordToken word, int equals)
    {
        Split(word, equals, out var name, out var value);
        assignments.Add(new InlineAssignment(word, name, value));
    }

    /// <summary>Recognises <c>NAME=value</c> (or <c>NAME+=value</c>) with an unquoted name.</summary>
    private bool TrySplitAssignment(in WordToken word, out string name, out string value)
    {
        name = value = string.Empty;
        var equals = AssignmentEquals(word);
        if (equals < 0)
        {
            return false;
        }

        Split(word, equals, out name, out value);
        return true;
    }

    // Where the '=' of NAME=value (or NAME+=value) is in the word, from its start, when its name is unquoted; else -1.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int AssignmentEquals(in WordToken word)
    {
        var raw = parser.Text;
        var pos = word.Start;
        if (pos >= word.End || !ScanHelpers.IsNameStart(raw[pos]))
        {
            return -1;
        }

        while (pos < word.End && ScanHelpers.IsNameChar(raw[pos]))
        {
            pos++;
        }

        if (pos < word.End && raw[pos] == '+')
        {
            pos++;
        }

        return pos < word.End && raw[pos] == '=' ? pos - word.Start : -1;
    }

    // The name and value of an assignment whose '=' is at `equals` in the word (see AssignmentEquals).
    private void Split(in WordToken word, int equals, out string name, out string value)
    {
        // The name is plain text, so value and raw text agree up to the '=', and the name ends at a '+' or the '='.
        var nameLength = parser.Text[word.Start + equals - 1] == '+' ? equals - 1 : equals;
        var wordValue = parser.Value(word);
        name = parser.MakeString(wordValue.Slice(0, nameLength));
        value = parser.MakeString(wordValue.Slice(equals + 1));
    }

    // True when the command named `name` is no wrapper, no `command` and nothing FollowCommand follows: the filter rules
    // it out, and its first and last characters are ASCII (outside ASCII, a character can equal an ASCII letter in
    // any case, as U+017F does 's'). Inlined: asked of every command.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsPlainName(CharSlice name) =>
        !SpecialNames.MayBe(name) && (name.Length == 0 || (name[0] < 0x80 && name[name.Length - 1] < 0x80));

    /// <summary>Skips wrappers from the command named <paramref name="name"/> at <paramref name="index"/>; returns the index of the command that runs, and its base name.</summary>
    private int SkipWrappers(WordList words, int index, int to, ref CharSlice name)
    {
        while (index < to)
        {
            var next = WrapperArguments.SkipWrapper(parser, name, words, index, to);
            if (next < 0)
            {
                break;
            }

            next = AddWrapperAssignments(name, words, next, to);
            if (next >= to)
            {
                // A wrapper with nothing to run is itself the command (`env`, `xargs` alone).
                break;
            }

            index = next;
            name = CommandName(parser.Value(words[index]));
        }

        return index;
    }

    /// <summary>
    /// The base name of a command word (<see cref="CharSlice.BaseName"/>): nearly every word is its own base name, with
    /// no directory and no <c>.exe</c> (which ends in an 'e' or 'E'), and is told so by one pass over its characters.
    /// </summary>
    /// <remarks>Inlined: asked of every command.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static CharSlice CommandName(CharSlice word)
    {
        var chars = word.Array;
        var end = word.Start + word.Length;
        if (word.Length > 4 && (chars[end - 1] | 0x20) == 'e')
        {
            return word.BaseName();
        }

        for (var i = word.Start; i < end; i++)
        {
            if (chars[i] == '/' || chars[i] == '\\')
            {
                return word.BaseName();
            }
        }

        return word;
    }

    /// <summary><c>env</c> and <c>sudo</c> take <c>VAR=v</c> words before the command.</summary>
    private int AddWrapperAssignments(CharSlice name, WordList words, int next, int to)
    {
        if (!name.Is("env") && !name.Is("sudo"))
        {
            return next;
        }

        while (next < to && TryAddAssignment(words[next]))
        {
            next++;
        }

        return next;
    }

    /// <summary>Looks at what the command does with its arguments; true when it is a shell reading stdin.</summary>
    private bool FollowCommand(CharSlice name, WordList words, int index, int to, int findNesting)
    {
        var follow = FollowedNames.MayBe(name) && Followed.TryFind(name, out var found) ? found : Follow.Nothing;
        if (parser.Dialect == ShellDialect.Posix && follow == Follow.Exports)
        {
            RecordExports(words, index + 1, to);
        }
        else if (parser.Dialect == ShellDialect.Cmd && name.IsIgnoringCase("set"))
        {
            RecordCmdSet(words, index + 1, to);
        }
        else if (follow == Follow.FindExec)
        {
            FollowFindExec(words, index + 1, to, findNesting);
        }
        else if (follow == Follow.PosixShell)
        {
            return FollowShell(words, index + 1, to);
        }
        else if (follow == Follow.Su)
        {
            FollowSu(words, index + 1, to);
        }
        else if (follow == Follow.Eval)
        {
            ParseJoined(words, index + 1, to, ShellDialect.Posix);
        }
        else if (name.Length is not (3 or 4 or 10))
        {
            // Not powershell, pwsh or cmd in any case: nothing more to follow.
        }
        else if (name.IsIgnoringCase("powershell") || name.IsIgnoringCase("pwsh"))
        {
            ParseScriptAfter(words, FindPowerShellCommandOption(words, index + 1, to), to, ShellDialect.PowerShell);
        }
        else if (name.IsIgnoringCase("cmd"))
        {
            ParseScriptAfter(words, FindCmdRunOption(words, index + 1, to), to, ShellDialect.Cmd);
        }

        return false;
    }

    private void RecordExports(WordList words, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (TrySplitAssignment(words[i], out var name, out var value))
            {
                parser.Variables.Set(name, value);
            }
        }
    }

    /// <summary>cmd's <c>set NAME=value</c> takes the rest of the line as the value.</summary>
    private void RecordCmdSet(WordList words, int from, int to)
    {
        if (from >= to || parser.Value(words[from]).StartsWith("/"))
        {
            return;
        }

        var joined = new StringBuilder();
        for (var i = from; i < to; i++)
        {
            if (i > from)
            {
                joined.Append(' ');
            }

            var value = parser.Value(words[i]);
            joined.Append(value.Array, value.Start, value.Length);
        }

        var text = joined.ToString();
        var equals = text.IndexOf('=');
        if (equals > 0)
        {
            parser.Variables.Set(text.Substring(0, equals), text.Substring(equals + 1));
        }
    }

    private void FollowFindExec(WordList words, int from, int to, int findNesting)
    {
        if (findNesting >= MaxFindNesting)
        {
            return;
        }

        var i = from;
        while (i < to)
        {
            if (!parser.Value(words[i]).IsAny(FindExecActions))
            {
                i++;
                continue;
            }

            var start = i + 1;
            var end = start;
            while (end < to && !parser.Value(words[end]).Is(";") && !parser.Value(words[end]).Is("+"))
            {
                end++;
            }

            if (end > start)
            {
                Resolve(words, start, end, NoHeredocs, words[start].Start, words[end - 1].End, findNesting + 1);
            }

            i = end + 1;
        }
    }

    /// <summary>
    /// Scans shell options: with <c>-c</c> the first operand is a script to parse; without it and
    /// without a script file (or with <c>-s</c>) the shell reads its script from stdin.
    /// </summary>
    private bool FollowShell(WordList words, int from, int to)
    {
        var hasCommand = false;
        var readsStdin = false;
        var i = from;
        while (i < to)
        {
            var option = parser.Value(words[i]);
            if (option.Is("--") || option.Is("-"))
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
            if (i < to)
            {
                ParseWord(words[i], ShellDialect.Posix);
            }

            return false;
        }

        return readsStdin || i >= to;
    }

    /// <summary>How many words a shell option occupies (<c>-o NAME</c> takes a value, also inside clusters like <c>-euxo</c>).</summary>
    private static int ShellOptionWidth(CharSlice option, ref bool hasCommand, ref bool readsStdin)
    {
        if (option.StartsWith("--"))
        {
            return option.Is("--rcfile") || option.Is("--init-file") ? 2 : 1;
        }

        var takesValue = false;
        for (var k = 1; k < option.Length; k++)
        {
            var c = option[k];
            hasCommand |= c == 'c' && option[0] == '-';
            readsStdin |= c == 's';
            takesValue |= c == 'o' || c == 'O';
        }

        return takesValue ? 2 : 1;
    }

    private void FollowSu(WordList words, int from, int to)
    {
        for (var option = from; option < to; option++)
        {
            var value = parser.Value(words[option]);
            if (value.Is("-c") || value.Is("--command"))
            {
                if (option + 1 < to)
                {
                    ParseWord(words[option + 1], ShellDialect.Posix);
                }

                return;
            }
        }
    }

    private int FindPowerShellCommandOption(WordList words, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var value = parser.Value(words[i]);
            if (value.IsIgnoringCase("-c") || (value.Length >= 4 && value.IsPrefixOfIgnoringCase("-command")))
            {
                return i;
            }
        }

        return -1;
    }

    private int FindCmdRunOption(WordList words, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var value = parser.Value(words[i]);
            if (value.IsIgnoringCase("/c") || value.IsIgnoringCase("/k"))
            {
                return i;
            }
        }

        return -1;
    }

    private void ParseWord(in WordToken word, ShellDialect dialect)
    {
        var valueStarts = new int[Segments(word)];
        var rawStarts = new int[valueStarts.Length];
        CopySegments(word, valueStarts, rawStarts, 0, 0);
        parser.ParseNested(parser.ValueArray(word), word.ValueStart, word.ValueLength, valueStarts, rawStarts, word.Start, word.End, SubstitutionsOf(word, 0, null), dialect);
    }

    /// <summary>Parses the words after the option at <paramref name="option"/> (-Command, /c) as one script.</summary>
    private void ParseScriptAfter(WordList words, int option, int to, ShellDialect dialect)
    {
        if (option >= 0)
        {
            ParseJoined(words, option + 1, to, dialect);
        }
    }

    /// <summary>Parses words[from..to) joined with spaces as one script (eval, -Command, /c).</summary>
    private void ParseJoined(WordList words, int from, int to, ShellDialect dialect)
    {
        if (from >= to)
        {
            return;
        }

        if (from == to - 1)
        {
            ParseWord(words[from], dialect);
            return;
        }

        var segmentCount = 0;
        for (var i = from; i < to; i++)
        {
            segmentCount += (i > from ? 1 : 0) + Segments(words[i]);
        }

        var valueStarts = new int[segmentCount];
        var rawStarts = new int[segmentCount];
        HashSet<int>? substitutions = null;
        var context = parser.Context;
        var codeStart = -1;
        var codeLength = 0;
        var segment = 0;
        for (var i = from; i < to; i++)
        {
            ref readonly var word = ref words[i];
            if (i > from)
            {
                // The joining space maps to the gap after the previous word.
                valueStarts[segment] = codeLength;
                rawStarts[segment] = words[i - 1].End;
                segment++;
                context.AppendToArena(' ');
                codeLength++;
            }

            segment = CopySegments(word, valueStarts, rawStarts, segment, codeLength);
            substitutions = SubstitutionsOf(word, codeLength, substitutions);
            var at = context.AppendToArena(parser.ValueArray(word), word.ValueStart, word.ValueLength);
            codeStart = codeStart < 0 ? at : codeStart;
            codeLength += word.ValueLength;
        }

        parser.ParseNested(context.Arena, codeStart, codeLength, valueStarts, rawStarts, words[from].Start, words[to - 1].End, substitutions, dialect);
    }

    private int Segments(in WordToken word) => Math.Max(1, parser.Context.ExtraOf(word).SegmentCount);

    /// <summary>Copies the word's segment table, shifted by <paramref name="valueOffset"/>, into the arrays from <paramref name="at"/>; returns the next index.</summary>
    private int CopySegments(in WordToken word, int[] valueStarts, int[] rawStarts, int at, int valueOffset)
    {
        var extra = parser.Context.ExtraOf(word);
        if (extra.SegmentCount == 0)
        {
            valueStarts[at] = valueOffset;
            rawStarts[at] = word.Start;
            return at + 1;
        }

        var table = parser.Context.Segments;
        for (var s = 0; s < extra.SegmentCount; s++)
        {
            valueStarts[at] = valueOffset + table[2 * (extra.SegmentStart + s)];
            rawStarts[at] = table[(2 * (extra.SegmentStart + s)) + 1];
            at++;
        }

        return at;
    }

    private HashSet<int>? SubstitutionsOf(in WordToken word, int valueOffset, HashSet<int>? into)
    {
        var extra = parser.Context.ExtraOf(word);
        if (extra.SubstitutionCount == 0)
        {
            return into;
        }

        into ??= new HashSet<int>();
        var table = parser.Context.Substitutions;
        for (var s = 0; s < extra.SubstitutionCount; s++)
        {
            into.Add(valueOffset + table[extra.SubstitutionStart + s]);
        }

        return into;
    }
}
