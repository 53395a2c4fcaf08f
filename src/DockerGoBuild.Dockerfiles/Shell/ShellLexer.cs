using System.Runtime.CompilerServices;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>
/// What the three dialects' tokenizers share: the cursor over the text, words built part by part, operators,
/// and the stream redirections of PowerShell and cmd. Each dialect says what blanks, word parts and operators are.
/// </summary>
internal abstract class ShellLexer
{
    private readonly bool[] _special;

    /// <param name="context">The read's context, where finished words go.</param>
    /// <param name="special">
    /// For each ASCII character, whether it ends a word or starts more than itself in one (a quote, an escape,
    /// an expansion): every other character is copied into the word as it is, a run at a time.
    /// </param>
    protected ShellLexer(ShellReadContext context, bool[] special)
    {
        Word = new WordBuilder(context);
        _special = special;
    }

    public int Position { get; set; }

    /// <summary>The word of the last <see cref="TokenKind.Word"/> token.</summary>
    public WordToken LastWord;

    /// <summary>The text of the last separator, redirection or call operator ("\n" for a newline).</summary>
    public string OperatorText { get; private set; } = string.Empty;

    /// <summary>Where the last separator, redirection or call operator starts (with a redirection's stream number).</summary>
    public int OperatorStart { get; private set; }

    public int OperatorEnd { get; private set; }

    /// <summary>False for a last redirection that is complete on its own, like PowerShell's <c>2&gt;&amp;1</c>.</summary>
    public bool RedirectHasTarget { get; private set; }

    protected char[] Text { get; private set; } = System.Array.Empty<char>();

    protected int Limit { get; private set; }

    protected ScriptParser Owner { get; private set; } = null!;

    protected WordBuilder Word { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Reset(char[] text, int start, int limit, ScriptParser owner)
    {
        // The text (the context's copy) and the owner (the parser the lexer belongs to) are nearly always those of the
        // last read: compared rather than stored again, which costs a write barrier each.
        if (text != Text)
        {
            Text = text;
        }

        if (owner != Owner)
        {
            Owner = owner;
        }

        Position = start;
        Limit = limit;
    }

    /// <summary>Reads the next token: a word (<see cref="LastWord"/>), an operator, or the end.</summary>
    public virtual TokenKind Next()
    {
        SkipBlanks();
        return Position < Limit ? ReadToken(Position, Text[Position]) : TokenKind.End;
    }

    /// <summary>Steps over blanks, line continuations and comments.</summary>
    protected abstract void SkipBlanks();

    /// <summary>Reads the operator, redirection or word that starts with <paramref name="c"/> at <paramref name="start"/>.</summary>
    protected abstract TokenKind ReadToken(int start, char c);

    /// <summary>True for the characters that end a word outside quotes (blanks and operators).</summary>
    protected abstract bool EndsWord(char c);

    /// <summary>Reads a quoted or escaped part of a word starting with <paramref name="c"/> and returns true, or returns false.</summary>
    protected abstract bool ReadQuotedPart(char c);

    /// <summary>Reads an expansion or substitution starting with <paramref name="c"/> and returns true, or returns false.</summary>
    protected abstract bool ReadExpansionPart(char c);

    /// <summary>The constant for a one-character operator.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static string OneCharOperator(char c) => c switch
    {
        '\n' => "\n",
        ';' => ";",
        '(' => "(",
        ')' => ")",
        '{' => "{",
        '}' => "}",
        '&' => "&",
        '|' => "|",
        _ => c.ToString(),
    };

    // Peek and Operator are inlined: the operators are told by the characters after their first.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected char Peek(int ahead) => Position + ahead < Limit ? Text[Position + ahead] : '\0';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected TokenKind Operator(string op)
    {
        var start = Position;
        Position += op.Length;
        return SetOperator(TokenKind.Separator, op, start, Position);
    }

    /// <summary>Records the operator token [start, end) of <paramref name="kind"/> and returns the kind.</summary>
    protected TokenKind SetOperator(TokenKind kind, string op, int start, int end, bool hasTarget = true)
    {
        OperatorText = op;
        OperatorStart = start;
        OperatorEnd = end;
        RedirectHasTarget = hasTarget;
        return kind;
    }

    /// <summary>The table of special characters for a lexer's constructor: true for each of <paramref name="characters"/>.</summary>
    protected static bool[] SpecialCharacters(string characters)
    {
        var table = new bool[128];
        foreach (var c in characters)
        {
            table[c] = true;
        }

        return table;
    }

    protected TokenKind ReadWord()
    {
        var start = Position;
        Position = OrdinaryRunEnd(start);

        // Most words are one run of ordinary characters: their value is their text, with nothing to build. Most end
        // at a space or a newline, which end a word in every dialect: the dialect is asked only about other characters.
        if (Position > start && (Position == Limit || IsSpaceOrNewline(Text[Position]) || EndsWord(Text[Position])))
        {
            LastWord = WordBuilder.Verbatim(start, Position);
            return TokenKind.Word;
        }

        return BuildWord(start);
    }

    /// <summary>
    /// Reads the word that starts at <paramref name="start"/> and goes on after its first run of ordinary characters,
    /// which ends at <see cref="Position"/> (or is empty): its parts are built into its value.
    /// </summary>
    protected TokenKind BuildWord(int start)
    {
        Word.Begin();
        Word.AppendRaw(Text, start, Position);
        while (Position < Limit)
        {
            var runEnd = OrdinaryRunEnd(Position);
            if (runEnd > Position)
            {
                Word.AppendRaw(Text, Position, runEnd);
                Position = runEnd;
            }
            else if (!ReadWordPart())
            {
                break;
            }
        }

        if (Position == start)
        {
            // Never return an empty token: consume the character as data.
            Word.Append(Text[Position], Position);
            Position++;
        }

        LastWord = Word.Build(start, Position);
        return TokenKind.Word;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSpaceOrNewline(char c) => c is ' ' or '\n';

    // The end of the run of ordinary characters from `from`: the lexer's hottest loop, kept in locals (and inlined
    // into the POSIX lexer's Next, which reads most words).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected int OrdinaryRunEnd(int from)
    {
        var text = Text;
        var limit = Limit;
        var special = _special;
        var end = from;
        while (end < limit)
        {
            // Compared with the table's length (128) rather than a constant, so that reading it needs no bounds check.
            var c = text[end];
            if (c < special.Length && special[c])
            {
                break;
            }

            end++;
        }

        return end;
    }

    /// <summary>Reads one special character or the quoted/expanded part it starts into <see cref="Word"/>; false at the end of the word.</summary>
    /// <remarks>Inlined into the loop over a built word's parts.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool ReadWordPart()
    {
        var c = Text[Position];
        if (EndsWord(c))
        {
            return false;
        }

        if (ReadQuotedPart(c))
        {
            // Quotes and escapes make a word that cannot be a reserved word or an assignment.
            Word.IsPlain = false;
        }
        else if (!ReadExpansionPart(c))
        {
            Word.Append(c, Position);
            Position++;
        }

        return true;
    }

    /// <summary>Appends the characters up to <paramref name="quote"/> as they are, then steps over the quote if there is one.</summary>
    protected void ReadVerbatimUntil(char quote)
    {
        var start = Position + 1;
        var end = start < Limit ? System.Array.IndexOf(Text, quote, start, Limit - start) : -1;
        end = end < 0 ? Limit : end;
        Word.AppendRaw(Text, start, end);
        Position = end < Limit ? end + 1 : Limit;
    }

    /// <summary>
    /// PowerShell's and cmd's redirections: <c>&gt;</c>, <c>&gt;&gt;</c>, <c>&lt;</c> (after an optional stream
    /// number at <paramref name="start"/>), or a stream merge like <c>2&gt;&amp;1</c>, which takes no target.
    /// </summary>
    protected TokenKind ReadStreamRedirect(int start, int opStart)
    {
        Position = opStart + 1;
        if (Text[opStart] == '>' && Peek(0) == '>')
        {
            Position++;
        }

        var hasTarget = true;
        if (Peek(0) == '&' && ScanHelpers.IsDigit(Peek(1)))
        {
            Position += 2;
            hasTarget = false;
        }

        return SetOperator(TokenKind.Redirect, StreamOperatorText(start, Position), start, Position, hasTarget);
    }

    // The usual operators come from constants; anything else (a stream number other than 1 or 2) is rare.
    private string StreamOperatorText(int start, int end)
    {
        var slice = new CharSlice(Text, start, end - start);
        foreach (var op in StreamOperators)
        {
            if (slice.Is(op))
            {
                return op;
            }
        }

        return slice.ToString();
    }

    private static readonly string[] StreamOperators = { ">", ">>", "<", "2>", "2>>", "1>", "1>>", "*>", "*>>", "2>&1", "1>&2", ">&2", "*>&1" };
}
