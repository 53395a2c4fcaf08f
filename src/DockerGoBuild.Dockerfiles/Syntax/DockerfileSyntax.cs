using System.Collections.Generic;
using System.Threading;

namespace DockerGoBuild.Dockerfiles.Syntax;

/// <summary>
/// A parsed Dockerfile. Lossless: every span refers to <see cref="Text"/>, which is the input unchanged,
/// so a fix can rewrite exactly the characters it means to and nothing else.
/// </summary>
public sealed class DockerfileSyntax
{
    // The comments as the parser found them, pairs of (CommentLineEntry, start of the '#') in the first 2 *
    // CommentCount, made into CommentLines when first asked for.
    private int[] _commentLines;
    private CommentLine[]? _comments;

    // Made empty, and given its parts by Start (as a syntax parsed in place is given them again).
    internal DockerfileSyntax()
    {
        Text = string.Empty;
        Lines = null!;
        Directives = System.Array.Empty<ParserDirective>();
        _commentLines = System.Array.Empty<int>();
        InstructionList = null!;
        Diagnostics = System.Array.Empty<ParseDiagnostic>();
    }

    /// <summary>
    /// Sets the parts of the syntax after a parse: a parse in place reuses the syntax of an earlier
    /// one its caller reads no more (see <see cref="DockerfileParser.ParseInPlace"/>). A parse read while it goes on
    /// sets them once begun, without comments or diagnostics, which <see cref="Finish"/> sets once it is finished (see
    /// <see cref="DockerfileParser.BeginParse"/>).
    /// </summary>
    internal DockerfileSyntax Start(
        string text,
        LineMap lines,
        char escapeCharacter,
        IReadOnlyList<ParserDirective> directives,
        int[] commentLines,
        int commentCount,
        SyntaxTables instructions,
        IReadOnlyList<ParseDiagnostic> diagnostics)
    {
        Text = text;
        Lines = lines;
        EscapeCharacter = escapeCharacter;
        Directives = directives;
        _commentLines = commentLines;
        _comments = null;
        CommentCount = commentCount;
        InstructionList = instructions;
        Diagnostics = diagnostics;
        return this;
    }

    /// <summary>Sets the parts a parse read while it goes on finds last: the comments and the diagnostics.</summary>
    internal DockerfileSyntax Finish(int[] commentLines, int commentCount, IReadOnlyList<ParseDiagnostic> diagnostics)
    {
        _commentLines = commentLines;
        _comments = null;
        CommentCount = commentCount;
        Diagnostics = diagnostics;
        return this;
    }

    /// <summary>Lets go of the text and what was parsed of it, so that a syntax kept for reuse keeps none of it alive.</summary>
    internal void Forget()
    {
        Text = string.Empty;
        Directives = System.Array.Empty<ParserDirective>();
        _commentLines = System.Array.Empty<int>();
        _comments = null;
        CommentCount = 0;
        Diagnostics = System.Array.Empty<ParseDiagnostic>();
        Lines.Forget();
        InstructionList.Forget();
    }

    /// <summary>The input text, byte-order mark (U+FEFF) included when the input had one.</summary>
    public string Text { get; private set; }

    public LineMap Lines { get; private set; }

    /// <summary>'\\' or '`' (set by <c># escape=</c>).</summary>
    public char EscapeCharacter { get; private set; }

    /// <summary>1 when the text starts with a byte-order mark, else 0.</summary>
    public int BomLength => Text.Length > 0 && Text[0] == '\uFEFF' ? 1 : 0;

    /// <summary>The directives of the leading comment block, in order (duplicates included, flagged).</summary>
    public IReadOnlyList<ParserDirective> Directives { get; private set; }

    /// <summary>Every comment line outside heredoc bodies, directives included.</summary>
    public IReadOnlyList<CommentLine> Comments => CommentArray;

    /// <summary>The comments as the array they are, for the rules' loops.</summary>
    internal CommentLine[] CommentArray => Volatile.Read(ref _comments) ?? MakeComments();

    // The comments without making CommentLine objects, for the passes every analysis makes over them.
    internal int CommentCount { get; private set; }

    /// <summary>Zero-based line of comment <paramref name="index"/>.</summary>
    internal int CommentLineAt(int index) => _commentLines[2 * index] >> 2;

    /// <summary>
    /// Whether comment <paramref name="index"/> may be a directive or a suppression (see <see cref="MayStartWithName"/>):
    /// told without reading the text again, which a large file's analysis would fetch from memory for every comment.
    /// </summary>
    internal bool CommentMayStartWithName(int index) => (_commentLines[2 * index] & 2) != 0;

    /// <summary>From the '#' of comment <paramref name="index"/> to its line's end (line break excluded).</summary>
    internal TextSpan CommentSpanAt(int index) => TextSpan.FromBounds(_commentLines[(2 * index) + 1], Lines.ContentEnd(CommentLineAt(index)));

    public IReadOnlyList<Instruction> Instructions => InstructionList;

    /// <summary>The instructions as the list they are (the file's tables), for the rules' loops (without an enumerator object).</summary>
    internal SyntaxTables InstructionList { get; private set; }

    public IReadOnlyList<ParseDiagnostic> Diagnostics { get; private set; }

    /// <summary>True when the parser reported an error (BuildKit would reject the file).</summary>
    public bool HasErrors
    {
        get
        {
            foreach (var diagnostic in Diagnostics)
            {
                if (diagnostic.Severity == ParseSeverity.Error)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private CommentLine[] MakeComments()
    {
        var comments = CommentCount == 0 ? System.Array.Empty<CommentLine>() : new CommentLine[CommentCount];
        for (var i = 0; i < comments.Length; i++)
        {
            comments[i] = new CommentLine(CommentLineAt(i), CommentSpanAt(i), insideContinuation: (_commentLines[2 * i] & 1) != 0);
        }

        return Interlocked.CompareExchange(ref _comments, comments, null) ?? comments;
    }

    /// <summary>
    /// How a comment's line, whether it may start with a name (see <see cref="MayStartWithName"/>) and whether it is
    /// inside a continued instruction are kept in one number.
    /// </summary>
    internal static int CommentLineEntry(int line, bool mayStartWithName, bool insideContinuation) =>
        (line << 2) | (mayStartWithName ? 2 : 0) | (insideContinuation ? 1 : 0);

    /// <summary>
    /// Whether the first character after the '#' at <paramref name="commentStart"/> and the blanks after it (' ', '\t',
    /// '\f') is a 'c', 'd', 'e' or 's' in either case: the first letters of the directives' names (check, escape,
    /// syntax) and of a suppression (dgb). Nearly every comment starts otherwise.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static bool MayStartWithName(string text, int commentStart)
    {
        for (var i = commentStart + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c is not (' ' or '\t' or '\f'))
            {
                return (c | 0x20) is 'c' or 'd' or 'e' or 's';
            }
        }

        return false;
    }

    /// <summary>The first line break in the file ("\n" when there is none), for text a fix inserts.</summary>
    public string PreferredLineBreak
    {
        get
        {
            for (var i = 0; i < Lines.Count; i++)
            {
                var lineBreak = Lines.LineBreak(i);
                if (lineBreak.Length > 0)
                {
                    return lineBreak;
                }
            }

            return "\n";
        }
    }

    /// <summary>Where the '#' of comment <paramref name="index"/> is: <see cref="CommentSpanAt"/>'s start, without finding its line's end.</summary>
    internal int CommentStartAt(int index) => _commentLines[(2 * index) + 1];
}
