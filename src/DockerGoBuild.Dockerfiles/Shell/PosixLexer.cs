namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>Tokenizer for POSIX shell text: quoting, escapes, expansions and operators.</summary>
internal sealed class PosixLexer : ILexer
{
    /// <summary>Longest first, so that <c>&lt;&lt;-</c> wins over <c>&lt;&lt;</c> and <c>&lt;</c>.</summary>
    private static readonly string[] RedirectOperators = { "<<<", "<<-", "<<", "<&", "<>", ">>", ">&", ">|", "<", ">" };

    private readonly string text;
    private readonly int limit;
    private readonly ScriptParser owner;

    public PosixLexer(string text, int start, int limit, ScriptParser owner)
    {
        this.text = text;
        Position = start;
        this.limit = limit;
        this.owner = owner;
    }

    public int Position { get; set; }

    public Token Next()
    {
        SkipBlanksAndComments();
        int start = Position;
        if (start >= limit)
        {
            return new Token(TokenKind.End, string.Empty, limit, limit);
        }

        char c = text[start];
        switch (c)
        {
            case '\n':
                return Operator("\n");
            case ';':
                return Operator(StartsWith(";;&") ? ";;&" : StartsWith(";;") ? ";;" : StartsWith(";&") ? ";&" : ";");
            case '&':
                if (StartsWith("&>"))
                {
                    return RedirectOperator(StartsWith("&>>") ? "&>>" : "&>", start);
                }

                return Operator(StartsWith("&&") ? "&&" : "&");
            case '|':
                return Operator(StartsWith("||") ? "||" : StartsWith("|&") ? "|&" : "|");
            case '(':
                return StartsWith("((") ? Arithmetic(start) : Operator("(");
            case ')':
                return Operator(")");
            case '<':
            case '>':
                return Peek(1) == '(' ? Token.FromWord(ReadWord()) : ReadRedirect(start, start);
        }

        if (ScanHelpers.IsDigit(c))
        {
            int end = start;
            while (end < limit && ScanHelpers.IsDigit(text[end]))
            {
                end++;
            }

            // An IO number like the 2 in 2>&1 belongs to the redirection, not to argv.
            if (end < limit && (text[end] == '<' || text[end] == '>') && (end + 1 >= limit || text[end + 1] != '('))
            {
                Position = end;
                return ReadRedirect(start, end);
            }
        }

        return Token.FromWord(ReadWord());
    }

    private Token Operator(string op)
    {
        int start = Position;
        Position += op.Length;
        return Token.Separator(op, start, Position);
    }

    private Token Arithmetic(int start)
    {
        Position = ScanHelpers.SkipBalanced(text, start, limit, '(', ')');
        return Token.Separator("((", start, Position);
    }

    private Token ReadRedirect(int start, int opStart)
    {
        Position = opStart;
        foreach (string candidate in RedirectOperators)
        {
            if (StartsWith(candidate))
            {
                return RedirectOperator(candidate, start);
            }
        }

        return RedirectOperator(text[opStart].ToString(), start);
    }

    private Token RedirectOperator(string op, int start)
    {
        Position += op.Length;
        return Token.Redirect(op, start, Position);
    }

    private bool StartsWith(string op)
    {
        if (Position + op.Length > limit)
        {
            return false;
        }

        return string.CompareOrdinal(text, Position, op, 0, op.Length) == 0;
    }

    private char Peek(int ahead) => Position + ahead < limit ? text[Position + ahead] : '\0';

    private void SkipBlanksAndComments()
    {
        while (Position < limit)
        {
            char c = text[Position];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
            {
                Position++;
            }
            else if (c == '\\' && ContinuationLength(Position) > 0)
            {
                Position += ContinuationLength(Position);
            }
            else if (c == '#')
            {
                Position = ScanHelpers.LineEnd(text, Position, limit);
            }
            else
            {
                return;
            }
        }
    }

    private WordToken ReadWord()
    {
        int start = Position;
        var word = new WordBuilder();
        while (Position < limit && ReadWordPart(word))
        {
        }

        if (Position == start)
        {
            // Never return an empty token: consume the character as data.
            word.Append(text[Position], Position);
            Position++;
        }

        return word.Build(start, Position);
    }

    /// <summary>Reads one character or quoted/expanded part; false at the end of the word.</summary>
    private bool ReadWordPart(WordBuilder word)
    {
        char c = text[Position];
        switch (c)
        {
            case ' ':
            case '\t':
            case '\r':
            case '\n':
            case ';':
            case '&':
            case '|':
            case '(':
            case ')':
                return false;
            case '<':
            case '>':
                if (Peek(1) != '(')
                {
                    return false;
                }

                word.IsPlain = false;
                ReadSubstitution(word, Position + 1);
                return true;
            case '\\':
                word.IsPlain = false;
                ReadEscape(word);
                return true;
            case '\'':
                word.IsPlain = false;
                ReadSingleQuoted(word);
                return true;
            case '"':
                word.IsPlain = false;
                ReadDoubleQuoted(word);
                return true;
            case '$':
                ReadDollar(word, inDoubleQuotes: false);
                return true;
            case '`':
                ReadBackquoted(word);
                return true;
            default:
                word.Append(c, Position);
                Position++;
                return true;
        }
    }

    private void ReadEscape(WordBuilder word)
    {
        if (Position + 1 >= limit)
        {
            word.Append('\\', Position);
            Position++;
            return;
        }

        // A backslash-newline is a line continuation and disappears.
        int continuation = ContinuationLength(Position);
        if (continuation > 0)
        {
            Position += continuation;
            return;
        }

        word.Append(text[Position + 1], Position + 1);
        Position += 2;
    }

    private void ReadSingleQuoted(WordBuilder word)
    {
        Position++;
        while (Position < limit && text[Position] != '\'')
        {
            word.Append(text[Position], Position);
            Position++;
        }

        SkipClosingQuote();
    }

    private void SkipClosingQuote()
    {
        if (Position < limit)
        {
            Position++;
        }
    }

    private void ReadDoubleQuoted(WordBuilder word)
    {
        Position++;
        while (Position < limit)
        {
            char c = text[Position];
            if (c == '"')
            {
                Position++;
                return;
            }

            if (c == '\\' && ContinuationLength(Position) > 0)
            {
                Position += ContinuationLength(Position);
            }
            else if (c == '\\' && Position + 1 < limit && IsDoubleQuoteEscapable(text[Position + 1]))
            {
                word.Append(text[Position + 1], Position + 1);
                Position += 2;
            }
            else if (c == '$')
            {
                ReadDollar(word, inDoubleQuotes: true);
            }
            else if (c == '`')
            {
                ReadBackquoted(word);
            }
            else
            {
                word.Append(c, Position);
                Position++;
            }
        }
    }

    private static bool IsDoubleQuoteEscapable(char c) => c == '$' || c == '`' || c == '"' || c == '\\';

    /// <summary>Length of a backslash line continuation at <paramref name="pos"/> (LF or CRLF), else 0.</summary>
    private int ContinuationLength(int pos)
    {
        if (pos + 1 < limit && text[pos + 1] == '\n')
        {
            return 2;
        }

        return pos + 2 < limit && text[pos + 1] == '\r' && text[pos + 2] == '\n' ? 3 : 0;
    }

    private void ReadDollar(WordBuilder word, bool inDoubleQuotes)
    {
        char next = Peek(1);
        int start = Position;
        if (next == '(')
        {
            if (Peek(2) == '(')
            {
                word.IsLiteral = false;
                Position = ScanHelpers.SkipBalanced(text, start + 1, limit, '(', ')');
                word.AppendRaw(text, start, Position);
            }
            else
            {
                ReadSubstitution(word, start + 1);
            }
        }
        else if (next == '{')
        {
            ReadParameterExpansion(word);
        }
        else if (next == '\'' && !inDoubleQuotes)
        {
            word.IsPlain = false;
            ReadAnsiCQuoted(word);
        }
        else if (next == '"' && !inDoubleQuotes)
        {
            word.IsPlain = false;
            Position++;
            ReadDoubleQuoted(word);
        }
        else if (ScanHelpers.IsNameStart(next))
        {
            word.IsLiteral = false;
            Position += 2;
            while (Position < limit && ScanHelpers.IsNameChar(text[Position]))
            {
                Position++;
            }

            word.AppendRaw(text, start, Position);
        }
        else if (ScanHelpers.IsDigit(next) || "@*#?$!-".IndexOf(next) >= 0 && next != '\0')
        {
            word.IsLiteral = false;
            Position += 2;
            word.AppendRaw(text, start, Position);
        }
        else
        {
            word.Append('$', start);
            Position++;
        }
    }

    /// <summary>Reads <c>$(...)</c>, <c>&lt;(...)</c> or <c>&gt;(...)</c> whose parenthesis is at <paramref name="open"/>.</summary>
    private void ReadSubstitution(WordBuilder word, int open)
    {
        int start = Position;
        word.MarkSubstitution(word.Length);
        Position = SubstitutionEnd(start, open);
        word.AppendRaw(text, start, Position);
    }

    private int SubstitutionEnd(int start, int open)
    {
        return owner.ShouldRun(start)
            ? owner.ParseSubstitution(open + 1)
            : ScanHelpers.SkipBalanced(text, open, limit, '(', ')');
    }

    /// <summary>
    /// Reads <c>${...}</c> as written. Its operands may hold command substitutions
    /// (<c>${V:-$(cmd)}</c>), which run.
    /// </summary>
    private void ReadParameterExpansion(WordBuilder word)
    {
        int start = Position;
        int valueStart = word.Length;
        word.IsLiteral = false;
        Position += 2;
        int depth = 1;
        while (Position < limit && depth > 0)
        {
            char c = text[Position];
            if (c == '\\')
            {
                Position += 2;
            }
            else if (c == '$' && Peek(1) == '(' && Peek(2) != '(')
            {
                word.MarkSubstitution(valueStart + (Position - start));
                Position = SubstitutionEnd(Position, Position + 1);
            }
            else
            {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                Position++;
            }
        }

        Position = System.Math.Min(Position, limit);
        word.AppendRaw(text, start, Position);
    }

    private void ReadBackquoted(WordBuilder word)
    {
        int start = Position;
        int pos = start + 1;
        while (pos < limit && text[pos] != '`')
        {
            pos += text[pos] == '\\' ? 2 : 1;
        }

        int innerEnd = pos < limit ? pos : limit;
        word.MarkSubstitution(word.Length);
        if (owner.ShouldRun(start))
        {
            owner.ParseRegion(start + 1, innerEnd, ShellDialect.Posix);
        }

        Position = pos < limit ? pos + 1 : limit;
        word.AppendRaw(text, start, Position);
    }

    private void ReadAnsiCQuoted(WordBuilder word)
    {
        Position += 2;
        while (Position < limit && text[Position] != '\'')
        {
            if (text[Position] == '\\' && Position + 1 < limit)
            {
                word.Append(TranslateAnsiCEscape(text[Position + 1]), Position);
                Position += 2;
            }
            else
            {
                word.Append(text[Position], Position);
                Position++;
            }
        }

        SkipClosingQuote();
    }

    private static char TranslateAnsiCEscape(char c)
    {
        switch (c)
        {
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            case 'a': return '\a';
            case 'b': return '\b';
            case 'e': return '\u001b';
            case 'f': return '\f';
            case 'v': return '\v';
            default: return c;
        }
    }
}
