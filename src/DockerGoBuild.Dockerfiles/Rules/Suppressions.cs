using System;
using System.Collections.Generic;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>
/// In-file suppressions: <c># dgb ignore=DGB010,DGB011 [-- reason]</c> on the comment lines directly above
/// an instruction, and <c># dgb global ignore=DGB001</c> anywhere for the whole file. The rules a suppression names
/// are held as bits, one a rule by its place in <see cref="Descriptors.All"/> (an id of no rule names none): a file
/// with one suppression then costs one small object, not sets of strings.
/// </summary>
internal sealed class Suppressions
{
    private const string IgnorePrefix = "ignore=";

    private static readonly Suppressions None = new();

    // The rules spared in the whole file.
    private ulong _global;

    // The instructions with suppressions above them: their start lines, ascending, and the rules spared in each,
    // [0, _instructionCount) in use.
    private int[] _instructionLines = Array.Empty<int>();
    private ulong[] _instructionRules = Array.Empty<ulong>();
    private int _instructionCount;

    public static Suppressions Read(DockerfileSyntax syntax)
    {
        Suppressions? result = null;
        var text = syntax.Text;
        for (var i = 0; i < syntax.CommentCount; i++)
        {
            // The first word of a suppression starts with 'd': nearly every comment is told apart by that, before its
            // line's end is found (the blanks after the '#' end at the line break), most by the parser's mark.
            if (!syntax.CommentMayStartWithName(i) || !StartsWithD(text, syntax.CommentStartAt(i)) || !TryParse(text, syntax.CommentSpanAt(i), out var isGlobal, out var rules))
            {
                continue;
            }

            result ??= new Suppressions();
            if (isGlobal)
            {
                result._global |= rules;
            }
            else if (InstructionBelow(syntax, i) is var line and >= 0)
            {
                result.AddInstruction(line, rules);
            }
        }

        return result ?? None;
    }

    // Whether the first character after the '#' at commentStart and its blanks is a 'd' (in either case); a loop with
    // one bounds test, as most comments have one blank.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool StartsWithD(string text, int commentStart)
    {
        var i = commentStart + 1;
        while (true)
        {
            if ((uint)i >= (uint)text.Length)
            {
                return false;
            }

            var c = text[i];
            if (c is not (' ' or '\t'))
            {
                return (c | 0x20) == 'd';
            }

            i++;
        }
    }

    /// <summary>The findings not suppressed: <paramref name="findings"/> itself, the suppressed ones removed.</summary>
    public List<Finding> Filter(List<Finding> findings)
    {
        if (_global == 0 && _instructionCount == 0)
        {
            return findings;
        }

        var kept = 0;
        for (var i = 0; i < findings.Count; i++)
        {
            var finding = findings[i];
            if (!IsSuppressed(finding))
            {
                findings[kept++] = finding;
            }
        }

        findings.RemoveRange(kept, findings.Count - kept);
        return findings;
    }

    private bool IsSuppressed(Finding finding)
    {
        var rule = RuleBit(finding.Rule);
        if ((_global & rule) != 0)
        {
            return true;
        }

        var at = Array.BinarySearch(_instructionLines, 0, _instructionCount, finding.InstructionLine);
        return at >= 0 && (_instructionRules[at] & rule) != 0;
    }

    // Suppression comments come in line order, and so do the instructions below them: a comment's rules join those of
    // the comments before it above the same instruction.
    private void AddInstruction(int line, ulong rules)
    {
        if (_instructionCount > 0 && _instructionLines[_instructionCount - 1] == line)
        {
            _instructionRules[_instructionCount - 1] |= rules;
            return;
        }

        if (_instructionCount == _instructionLines.Length)
        {
            var length = Math.Max(4, 2 * _instructionCount);
            Array.Resize(ref _instructionLines, length);
            Array.Resize(ref _instructionRules, length);
        }

        _instructionLines[_instructionCount] = line;
        _instructionRules[_instructionCount++] = rules;
    }

    // An ignore comment counts for the instruction that starts right after the run of comment lines it belongs to:
    // that instruction's start line, or -1 when the run ends at anything else (a blank line, the file's end).
    private static int InstructionBelow(DockerfileSyntax syntax, int comment)
    {
        var last = comment;
        while (last + 1 < syntax.CommentCount && syntax.CommentLineAt(last + 1) == syntax.CommentLineAt(last) + 1)
        {
            last++;
        }

        var line = syntax.CommentLineAt(last) + 1;
        var instructions = syntax.InstructionList;
        var low = 0;
        var high = instructions.Count;
        while (low < high)
        {
            var middle = low + ((high - low) >> 1);
            if (instructions[middle].StartLine < line)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low < instructions.Count && instructions[low].StartLine == line ? line : -1;
    }

    // The rule's bit (see the class).
    private static ulong RuleBit(RuleDescriptor rule)
    {
        var all = Descriptors.All;
        for (var i = 0; i < all.Count; i++)
        {
            if (ReferenceEquals(all[i], rule))
            {
                return 1UL << i;
            }
        }

        return 0;
    }

    // The bit of the rule whose id is text[start, end) in any case; 0 when it is no rule's.
    private static ulong RuleBit(string text, int start, int end)
    {
        var all = Descriptors.All;
        for (var i = 0; i < all.Count; i++)
        {
            if (IsWord(text, start, end, all[i].Id))
            {
                return 1UL << i;
            }
        }

        return 0;
    }

    /// <summary>
    /// Reads <c># dgb [global] ignore=ID[,ID...] [-- reason]</c> in <paramref name="span"/>: the rules it names (see
    /// the class). False when the comment is no suppression, or names no id.
    /// </summary>
    internal static bool TryParse(string text, TextSpan span, out bool isGlobal, out ulong rules)
    {
        isGlobal = false;
        rules = 0;

        // Told first by its first word, which nearly every comment that starts with a 'd' is not.
        var at = span.Start + 1;
        if (!NextWord(text, ref at, span.End, out var start) || !IsWord(text, start, at, "dgb"))
        {
            return false;
        }

        // The reason, from " --" on, is no part of it.
        var end = span.End;
        var reason = text.IndexOf(" --", at, span.End - at, StringComparison.Ordinal);
        if (reason >= 0)
        {
            end = reason;
        }

        if (!NextWord(text, ref at, end, out start))
        {
            return false;
        }

        if (IsWord(text, start, at, "global"))
        {
            isGlobal = true;
            if (!NextWord(text, ref at, end, out start))
            {
                return false;
            }
        }

        // The ignore word must be the last.
        var wordEnd = at;
        if (wordEnd - start < IgnorePrefix.Length || string.Compare(text, start, IgnorePrefix, 0, IgnorePrefix.Length, StringComparison.OrdinalIgnoreCase) != 0
            || NextWord(text, ref at, end, out _))
        {
            return false;
        }

        var named = false;
        for (var id = start + IgnorePrefix.Length; id <= wordEnd; id++)
        {
            var idEnd = text.IndexOf(',', id, wordEnd - id);
            idEnd = idEnd < 0 ? wordEnd : idEnd;
            var idStart = id;
            while (idStart < idEnd && char.IsWhiteSpace(text[idStart]))
            {
                idStart++;
            }

            var trimmedEnd = idEnd;
            while (trimmedEnd > idStart && char.IsWhiteSpace(text[trimmedEnd - 1]))
            {
                trimmedEnd--;
            }

            if (trimmedEnd > idStart)
            {
                named = true;
                rules |= RuleBit(text, idStart, trimmedEnd);
            }

            id = idEnd;
        }

        return named;
    }

    // The next word of blanks-separated text[at, end): its start, and at moved to its end; false when there is none.
    private static bool NextWord(string text, ref int at, int end, out int start)
    {
        while (at < end && text[at] is ' ' or '\t')
        {
            at++;
        }

        start = at;
        while (at < end && text[at] is not (' ' or '\t'))
        {
            at++;
        }

        return at > start;
    }

    private static bool IsWord(string text, int start, int end, string word) =>
        end - start == word.Length && string.Compare(text, start, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0;
}
