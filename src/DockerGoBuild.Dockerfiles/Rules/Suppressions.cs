using System;
using System.Collections.Generic;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>
/// In-file suppressions: <c># dgb ignore=DGB010,DGB011 [-- reason]</c> on the comment lines directly above
/// an instruction, and <c># dgb global ignore=DGB001</c> anywhere for the whole file.
/// </summary>
internal sealed class Suppressions
{
    private static readonly Suppressions None = new(new HashSet<string>(), new Dictionary<int, HashSet<string>>());

    private readonly HashSet<string> _global;
    private readonly Dictionary<int, HashSet<string>> _byCommentLine;

    // Ids ignored per instruction, keyed by the instruction's start line.
    private readonly Dictionary<int, HashSet<string>> _instructionIgnores = new();

    private Suppressions(HashSet<string> global, Dictionary<int, HashSet<string>> byCommentLine)
    {
        _global = global;
        _byCommentLine = byCommentLine;
    }

    public static Suppressions Read(DockerfileSyntax syntax)
    {
        Suppressions? result = null;
        var text = syntax.Text;
        for (var i = 0; i < syntax.CommentCount; i++)
        {
            // The first word of a suppression starts with 'd': nearly every comment is told apart by that, before its
            // line's end is found (the blanks after the '#' end at the line break).
            if (!StartsWithD(text, syntax.CommentStartAt(i)) || !TryParse(text, syntax.CommentSpanAt(i), out var isGlobal, out var ids))
            {
                continue;
            }

            result ??= new Suppressions(new HashSet<string>(StringComparer.OrdinalIgnoreCase), new Dictionary<int, HashSet<string>>());
            if (isGlobal)
            {
                result._global.UnionWith(ids);
            }
            else
            {
                result._byCommentLine[syntax.CommentLineAt(i)] = new HashSet<string>(ids, StringComparer.OrdinalIgnoreCase);
            }
        }

        return result == null ? None : result.WithContiguousComments(syntax);
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

    public List<Finding> Filter(List<Finding> findings)
    {
        if (_global.Count == 0 && _byCommentLine.Count == 0)
        {
            return findings;
        }

        var kept = new List<Finding>(findings.Count);
        foreach (var finding in findings)
        {
            if (!IsSuppressed(finding))
            {
                kept.Add(finding);
            }
        }

        return kept;
    }

    private bool IsSuppressed(Finding finding)
    {
        if (_global.Contains(finding.Id))
        {
            return true;
        }

        return _instructionIgnores.TryGetValue(finding.InstructionLine, out var ids) && ids.Contains(finding.Id);
    }

    // An ignore comment counts for the instruction that follows the run of comment lines it belongs to.
    private Suppressions WithContiguousComments(DockerfileSyntax syntax)
    {
        if (_byCommentLine.Count == 0)
        {
            return this;
        }

        var commentLines = new HashSet<int>();
        for (var i = 0; i < syntax.CommentCount; i++)
        {
            commentLines.Add(syntax.CommentLineAt(i));
        }

        foreach (var instruction in syntax.Instructions)
        {
            var startLine = instruction.StartLine;
            for (var line = startLine - 1; line >= 0 && commentLines.Contains(line); line--)
            {
                if (_byCommentLine.TryGetValue(line, out var ids))
                {
                    if (!_instructionIgnores.TryGetValue(startLine, out var set))
                    {
                        _instructionIgnores[startLine] = set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    }

                    set.UnionWith(ids);
                }
            }
        }

        return this;
    }

    // The first blank-separated word after '#' must be "dgb": most comments are told apart without copying them.
    private static bool StartsWithDgbWord(string text, TextSpan span)
    {
        var i = span.Start + 1;
        while (i < span.End && (text[i] == ' ' || text[i] == '\t'))
        {
            i++;
        }

        // Only 'd' and 'D' are 'd' ignoring case: nearly every comment fails on it, before the comparison.
        return i + 3 <= span.End
            && (text[i] | 0x20) == 'd'
            && string.Compare(text, i, "dgb", 0, 3, System.StringComparison.OrdinalIgnoreCase) == 0
            && (i + 3 == span.End || text[i + 3] == ' ' || text[i + 3] == '\t');
    }

    /// <summary>Reads <c># dgb [global] ignore=ID[,ID...] [-- reason]</c>.</summary>
    internal static bool TryParse(string text, TextSpan span, out bool isGlobal, out IReadOnlyList<string> ids)
    {
        isGlobal = false;
        ids = Array.Empty<string>();
        if (!StartsWithDgbWord(text, span))
        {
            return false;
        }

        var found = new List<string>();
        ids = found;
        var comment = text.Substring(span.Start + 1, span.Length - 1);
        var reason = comment.IndexOf(" --", StringComparison.Ordinal);
        if (reason >= 0)
        {
            comment = comment.Substring(0, reason);
        }

        var words = comment.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || !words[0].Equals("dgb", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var next = 1;
        if (words[next].Equals("global", StringComparison.OrdinalIgnoreCase))
        {
            isGlobal = true;
            next++;
        }

        if (next != words.Length - 1 || !words[next].StartsWith("ignore=", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var id in words[next].Substring("ignore=".Length).Split(','))
        {
            if (id.Trim().Length > 0)
            {
                found.Add(id.Trim());
            }
        }

        return found.Count > 0;
    }
}
