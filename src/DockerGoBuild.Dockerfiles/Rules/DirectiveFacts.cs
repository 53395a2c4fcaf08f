using System;
using System.Collections.Generic;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>
/// What the parser directives of a file amount to, shared by DGB001 and DGB002: the effective syntax
/// directive (as BuildKit's syntax detection finds it) and every directive BuildKit ignores or rejects.
/// </summary>
/// <remarks>A value the analysis context keeps, rather than an object for each file with a directive.</remarks>
internal readonly struct DirectiveFacts
{
    private DirectiveFacts(TextSpan? effectiveSyntax, IReadOnlyList<IneffectiveDirective> ineffective, int topBlockEnd, int shebangEnd)
    {
        EffectiveSyntax = effectiveSyntax;
        Ineffective = ineffective;
        TopBlockEnd = topBlockEnd;
        ShebangEnd = shebangEnd;
    }

    /// <summary>The line span of the syntax directive BuildKit uses, if any.</summary>
    public TextSpan? EffectiveSyntax { get; }

    public IReadOnlyList<IneffectiveDirective> Ineffective { get; }

    /// <summary>Where a directive can be inserted so that it joins the top block (after its last line break).</summary>
    public int TopBlockEnd { get; }

    /// <summary>End of a leading <c>#!</c> line (line break included), or the start of the text after the BOM.</summary>
    public int ShebangEnd { get; }

    /// <summary>True when a DGB002 finding stands for a syntax directive, so DGB001 keeps quiet.</summary>
    public bool HasIneffectiveSyntax
    {
        get
        {
            for (var i = 0; i < Ineffective.Count; i++)
            {
                if (Ineffective[i].Name == "syntax")
                {
                    return true;
                }
            }

            return false;
        }
    }

    public static DirectiveFacts Compute(DockerfileSyntax syntax)
    {
        var text = syntax.Text;
        var lines = syntax.Lines;
        var directives = syntax.Directives;
        // Most files have no ineffective directive, and then no list is made.
        List<IneffectiveDirective>? ineffective = null;
        var effective = EffectiveSyntaxOf(syntax, out var shebangEnd, out var syntaxLineAfterShebang);
        // Read once: the syntax finds it from the text on every call.
        var bomLength = syntax.BomLength;
        var topBlockEnd = bomLength;
        for (var i = 0; i < directives.Count; i++)
        {
            var directive = directives[i];
            topBlockEnd = lines.End(directive.Line);
            if (directive.IsDuplicate)
            {
                Add(ref ineffective, new IneffectiveDirective(directive.Name, directive.Span, directive.Line, IneffectiveReason.Duplicate, keyToFix: null));
            }
            else if (directive.Name == "escape" && directive.Value != "`" && directive.Value != "\\")
            {
                Add(ref ineffective, new IneffectiveDirective(directive.Name, directive.ValueSpan, directive.Line, IneffectiveReason.InvalidEscape, keyToFix: null));
            }
            else if (directive.Name == "syntax" && directive.IsIndented)
            {
                Add(ref ineffective, new IneffectiveDirective(directive.Name, directive.Span, directive.Line, IneffectiveReason.Indented, keyToFix: null));
            }
        }

        // Comments and directives both come in line order: one walk over the directives tells which comments are theirs.
        var nextDirective = 0;
        var directiveCount = directives.Count;
        var lineAfterBlock = NextLineAfterBlock(syntax);
        var commentCount = syntax.CommentCount;
        for (var i = 0; i < commentCount; i++)
        {
            // Told first by the parser's mark, then by the key's name: nearly every comment is passed over without
            // looking further.
            var line = syntax.CommentLineAt(i);
            var start = syntax.CommentStartAt(i);
            if (line != lineAfterBlock && (!syntax.CommentMayStartWithName(i) || !StartsWithDirectiveName(text, start)))
            {
                continue;
            }

            while (nextDirective < directiveCount && directives[nextDirective].Line < line)
            {
                nextDirective++;
            }

            var isDirective = line == syntaxLineAfterShebang || (nextDirective < directiveCount && directives[nextDirective].Line == line);
            if (isDirective || (effective.HasValue && effective.Value.Start == start))
            {
                continue;
            }

            // Only now is the comment's line's end found.
            var span = syntax.CommentSpanAt(i);
            if (!DirectiveSyntax.TryMatch(text, span.Start, span.End, out var key, out _))
            {
                continue;
            }

            var name = text.Substring(key.Start, key.Length).ToLowerInvariant();
            if (DirectiveSyntax.IsKnownName(name))
            {
                Add(ref ineffective, new IneffectiveDirective(name, span, line, IneffectiveReason.Misplaced, keyToFix: null));
            }
            else if (line == lineAfterBlock && NearestDirectiveName(name) is { } intended)
            {
                Add(ref ineffective, new IneffectiveDirective(intended, span, line, IneffectiveReason.Misspelt, key));
            }
        }

        if (ineffective == null)
        {
            return new DirectiveFacts(effective, Array.Empty<IneffectiveDirective>(), topBlockEnd, shebangEnd);
        }

        ineffective.Sort(static (a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return new DirectiveFacts(effective, ineffective, topBlockEnd, shebangEnd);
    }

    /// <summary>
    /// The <see cref="EffectiveSyntax"/> of <paramref name="syntax"/> and the <see cref="ShebangEnd"/>: found from the
    /// directives and the lines after a shebang, they are known before a parse read while it goes on (see
    /// <see cref="DockerfileParser.BeginParse"/>) reaches the comments that the other facts are found among.
    /// </summary>
    public static TextSpan? EffectiveSyntaxOf(DockerfileSyntax syntax, out int shebangEnd) =>
        EffectiveSyntaxOf(syntax, out shebangEnd, out _);

    // The first syntax directive of the block that is neither a duplicate nor indented, else one BuildKit's syntax
    // detection finds after a shebang line (which ends the parser's own directive block), on syntaxLineAfterShebang.
    private static TextSpan? EffectiveSyntaxOf(DockerfileSyntax syntax, out int shebangEnd, out int syntaxLineAfterShebang)
    {
        TextSpan? effective = null;
        var directives = syntax.Directives;
        for (var i = 0; i < directives.Count && effective == null; i++)
        {
            var directive = directives[i];
            if (directive.Name == "syntax" && !directive.IsDuplicate && !directive.IsIndented)
            {
                effective = directive.Span;
            }
        }

        var text = syntax.Text;
        var bomLength = syntax.BomLength;
        shebangEnd = bomLength;
        syntaxLineAfterShebang = -1;
        if (syntax.Lines.Count > 0 && text.Length >= bomLength + 2 && text[bomLength] == '#' && text[bomLength + 1] == '!')
        {
            shebangEnd = syntax.Lines.End(0);
            effective ??= DetectAfterShebang(syntax, out syntaxLineAfterShebang);
        }

        return effective;
    }

    private static void Add(ref List<IneffectiveDirective>? ineffective, IneffectiveDirective directive) =>
        (ineffective ??= new List<IneffectiveDirective>()).Add(directive);

    // Away from the line after the block, a comment is an ineffective directive only when its key is a directive's
    // name (syntax, escape, check: DirectiveSyntax.IsKnownName, in any case, and a key is ASCII letters and digits):
    // told from the text after the '#' at commentStart and blanks, most comments ("# set up", "# copy the sources")
    // need no match. The blanks within the line are ' ', '\t' and '\f' (the others, '\r' and '\n', break lines):
    // passed over up to anything else, the line's end included, without finding where that is.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool StartsWithDirectiveName(string text, int commentStart)
    {
        var i = commentStart + 1;
        char c;
        while (true)
        {
            if ((uint)i >= (uint)text.Length)
            {
                return false;
            }

            c = text[i];
            if (c is not (' ' or '\t' or '\f'))
            {
                break;
            }

            i++;
        }

        var name = (c | 0x20) switch
        {
            's' => "syntax",
            'e' => "escape",
            'c' => "check",
            _ => null,
        };
        if (name == null || text.Length - i < name.Length)
        {
            return false;
        }

        // '|' 0x20 turns an upper-case ASCII letter into its lower case, and no other character into a letter but
        // the upper-case ones.
        for (var k = 1; k < name.Length; k++)
        {
            if ((text[i + k] | 0x20) != name[k])
            {
                return false;
            }
        }

        return true;
    }

    // The line that ended the directive block: only a key=value comment there can be a misspelt directive.
    private static int NextLineAfterBlock(DockerfileSyntax syntax) =>
        syntax.Directives.Count == 0 ? 0 : syntax.Directives[syntax.Directives.Count - 1].Line + 1;

    // The syntax directive of the block that follows a shebang line, and its line (-1 when there is none).
    private static TextSpan? DetectAfterShebang(DockerfileSyntax syntax, out int syntaxLine)
    {
        syntaxLine = -1;
        for (var line = 1; line < syntax.Lines.Count; line++)
        {
            var start = syntax.Lines.Start(line);
            var end = syntax.Lines.ContentEnd(line);
            if (!DirectiveSyntax.TryMatch(syntax.Text, start, end, out var key, out _))
            {
                return null;
            }

            var name = syntax.Text.Substring(key.Start, key.Length).ToLowerInvariant();
            if (!DirectiveSyntax.IsKnownName(name))
            {
                return null;
            }

            if (name == "syntax")
            {
                syntaxLine = line;
                return TextSpan.FromBounds(start, end);
            }
        }

        return null;
    }

    /// <summary>A key of at least 4 characters within optimal-string-alignment distance 2 of a directive name.</summary>
    internal static string? NearestDirectiveName(string key)
    {
        if (key.Length < 4)
        {
            return null;
        }

        string? best = null;
        var bestDistance = 3;
        foreach (var name in new[] { "syntax", "escape", "check" })
        {
            var distance = OptimalStringAlignmentDistance(key, name);
            if (distance < bestDistance)
            {
                best = name;
                bestDistance = distance;
            }
        }

        return best;
    }

    internal static int OptimalStringAlignmentDistance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2)
        {
            return 3;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}

internal enum IneffectiveReason
{
    Misplaced,
    Duplicate,
    Misspelt,
    InvalidEscape,
    Indented,
}

/// <summary>A directive (or directive-shaped comment) that BuildKit ignores or rejects.</summary>
internal sealed class IneffectiveDirective
{
    public IneffectiveDirective(string name, TextSpan span, int line, IneffectiveReason reason, TextSpan? keyToFix)
    {
        Name = name;
        Span = span;
        Line = line;
        Reason = reason;
        KeyToFix = keyToFix;
    }

    /// <summary>The directive it is (for a misspelt key: the one it stands for).</summary>
    public string Name { get; }

    public TextSpan Span { get; }

    public int Line { get; }

    public IneffectiveReason Reason { get; }

    /// <summary>For a misspelt key: the key's span.</summary>
    public TextSpan? KeyToFix { get; }
}
