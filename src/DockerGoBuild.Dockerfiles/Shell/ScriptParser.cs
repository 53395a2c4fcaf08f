using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>
/// Walks the token stream of one script (or one substitution, heredoc body or nested script),
/// splits it into simple commands and hands each to the <see cref="CommandResolver"/>.
/// Control-flow syntax is recognised only as far as needed to tell commands from headers and patterns.
/// One instance per nesting depth is reused by its <see cref="ShellReadContext"/>.
/// </summary>
internal sealed class ScriptParser
{
    private readonly List<PendingHeredoc> pendingHeredocs = new();
    private readonly CommandSyntax current = new();
    private readonly CommandResolver resolver;
    private readonly ControlFlow controlFlow;
    private PosixLexer? posixLexer;
    private PowerShellLexer? powerShellLexer;
    private CmdLexer? cmdLexer;
    private ShellLexer lexer = null!;
    private char[] text = System.Array.Empty<char>();
    private int limit;
    private int localBase;
    private OffsetMap map = null!;
    private int depth;
    private HashSet<int>? alreadyRun;
    // A token read ahead and given back; the lexer still holds it.
    private TokenKind pushedBack;
    private bool hasPushedBack;
    private int parenDepth;

    public ScriptParser(ShellReadContext context)
    {
        Context = context;
        resolver = new CommandResolver(this);
        controlFlow = new ControlFlow(this);
    }

    public ShellReadContext Context { get; }

    public ShellDialect Dialect { get; private set; }

    public VariableScope Variables { get; private set; } = null!;

    /// <summary>The text being parsed; token offsets are indexes into it.</summary>
    public char[] Text => text;

    /// <summary>
    /// Prepares to parse text[<paramref name="start"/>..<paramref name="limit"/>). Offsets map through
    /// <paramref name="map"/> after subtracting <paramref name="localBase"/>; <paramref name="alreadyRun"/> holds
    /// the (local) positions of substitutions the enclosing shell already ran.
    /// </summary>
    public ScriptParser Init(char[] text, int start, int limit, ShellDialect dialect, OffsetMap map, int depth, VariableScope variables, HashSet<int>? alreadyRun, int localBase)
    {
        // The text, map and variables are mostly those of the parser's last read (the context's copy, its root map
        // and scope): compared rather than stored again, which costs a write barrier each.
        if (text != this.text)
        {
            this.text = text;
        }

        if (map != this.map)
        {
            this.map = map;
        }

        if (variables != Variables)
        {
            Variables = variables;
        }

        if (alreadyRun != this.alreadyRun)
        {
            this.alreadyRun = alreadyRun;
        }

        this.limit = limit;
        this.depth = depth;
        this.localBase = localBase;
        Dialect = dialect;
        var lexerForDialect = LexerFor(dialect);
        if (lexerForDialect != lexer)
        {
            lexer = lexerForDialect;
        }

        lexer.Reset(text, start, limit, this);
        controlFlow.Reset(dialect);
        current.Reset();
        if (pendingHeredocs.Count > 0)
        {
            pendingHeredocs.Clear();
        }

        hasPushedBack = false;
        parenDepth = 0;
        return this;
    }

    /// <summary>A word's value (quotes removed, escapes resolved).</summary>
    public CharSlice Value(in WordToken word) => new(ValueArray(word), word.ValueStart, word.ValueLength);

    /// <summary>The array a word's value is in: see <see cref="WordToken.InArena"/>.</summary>
    public char[] ValueArray(in WordToken word) => word.InArena ? Context.Arena : text;

    public string MakeString(CharSlice slice) => Context.MakeString(slice);

    /// <summary>Maps the span [start, end) of this parser's text to the reader's caller and returns the start and length there.</summary>
    public (int Start, int Length) MapSpan(int start, int end) => map.MapSpan(start, end);

    /// <summary>Maps the offset <paramref name="position"/> of this parser's text to the reader's caller.</summary>
    public int MapPoint(int position) => map.MapPoint(position);

    /// <summary>Parses until the end, or with <paramref name="untilClose"/> until an unmatched <c>)</c>; returns the offset after it.</summary>
    public int Run(bool untilClose)
    {
        while (true)
        {
            switch (NextToken())
            {
                case TokenKind.End:
                    FinishCommand();
                    return limit;
                case TokenKind.Word:
                    OnWord(lexer.LastWord);
                    break;
                case TokenKind.Redirect:
                    OnRedirect();
                    break;
                case TokenKind.CallOperator:
                    // After words, PowerShell's '&' ends a background pipeline; either way a command follows.
                    FinishCommand();
                    current.ForceCommand = true;
                    break;
                case TokenKind.Separator:
                    if (OnSeparator(untilClose))
                    {
                        return lexer.Position;
                    }

                    break;
            }
        }
    }

    /// <summary>Splits the text into words only; operators become literal words.</summary>
    public void SplitWords(WordList words, WordBuilder literal)
    {
        for (var kind = lexer.Next(); kind != TokenKind.End; kind = lexer.Next())
        {
            if (kind == TokenKind.Word)
            {
                words.Add(lexer.LastWord);
            }
            else if (lexer.OperatorText != "\n")
            {
                literal.Begin();
                literal.AppendRaw(text, lexer.OperatorStart, lexer.OperatorEnd);
                words.Add(literal.Build(lexer.OperatorStart, lexer.OperatorEnd));
            }
        }
    }

    /// <summary>Records a command named <paramref name="name"/> (the base name of its first word) whose argv is <paramref name="words"/>[from..to).</summary>
    public void Emit(CharSlice name, WordList words, int from, int to, List<InlineAssignment> assignments, List<PendingHeredoc> heredocs, int start, int end) =>
        Context.Sink.Add(this, name, words, from, to, assignments, heredocs, start, end);

    /// <summary>True when a substitution at <paramref name="position"/> should be parsed rather than skipped as data.</summary>
    public bool ShouldRun(int position) => depth < ShellReadContext.MaxDepth && (alreadyRun == null || !alreadyRun.Contains(position - localBase));

    /// <summary>Parses the body of <c>$(</c> starting at <paramref name="start"/>; returns the offset after its <c>)</c>.</summary>
    public int ParseSubstitution(int start) =>
        Context.Parser(depth + 1).Init(text, start, limit, Dialect, map, depth + 1, Variables, alreadyRun, localBase).Run(untilClose: true);

    /// <summary>Parses a region of this text (backquotes, heredoc scripts) as its own script.</summary>
    public void ParseRegion(int start, int end, ShellDialect dialect) =>
        Context.Parser(depth + 1).Init(text, start, end, dialect, map, depth + 1, Variables.Fork(), alreadyRun, localBase).Run(untilClose: false);

    /// <summary>
    /// Parses a script carried in words of this text (<c>sh -c '...'</c>, <c>eval</c>), found in
    /// <paramref name="code"/> at [codeStart, codeStart + codeLength); the segment table maps the script's offsets
    /// back into the span [clampStart, clampEnd) of this text.
    /// </summary>
    public void ParseNested(char[] code, int codeStart, int codeLength, int[] valueStarts, int[] rawStarts, int clampStart, int clampEnd, HashSet<int>? substitutionsRun, ShellDialect dialect)
    {
        if (depth >= ShellReadContext.MaxDepth || !Context.TryReparse(codeLength))
        {
            return;
        }

        var nestedMap = OffsetMap.Nested(map, codeStart, valueStarts, rawStarts, clampStart, clampEnd);
        Context.Parser(depth + 1)
            .Init(code, codeStart, codeStart + codeLength, dialect, nestedMap, depth + 1, Variables.Fork(), substitutionsRun, codeStart)
            .Run(untilClose: false);
    }

    // LexerFor, as the context's Parser and the lexer's Reset, is inlined: a parser is started for every script read.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ShellLexer LexerFor(ShellDialect dialect) => dialect switch
    {
        ShellDialect.PowerShell => powerShellLexer ??= new PowerShellLexer(Context),
        ShellDialect.Cmd => cmdLexer ??= new CmdLexer(Context),
        _ => posixLexer ??= new PosixLexer(Context),
    };

    private TokenKind NextToken()
    {
        if (hasPushedBack)
        {
            hasPushedBack = false;
            return pushedBack;
        }

        return lexer.Next();
    }

    // Inlined into Run: most tokens are words.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void OnWord(in WordToken word)
    {
        // One RUN can hold megabytes of script: let a cancelled analysis stop inside it.
        Context.PollCancellation();
        if (controlFlow.IsSkipping)
        {
            controlFlow.SkipWord(word);
            return;
        }

        if (current.IsEmpty && !current.ForceCommand)
        {
            if (controlFlow.CommandWord(word, current, out var command))
            {
                current.Add(command);
            }

            return;
        }

        current.Add(word);
    }

    private void OnRedirect()
    {
        var op = lexer.OperatorText;
        current.Extend(lexer.OperatorStart, lexer.OperatorEnd);
        if (!lexer.RedirectHasTarget)
        {
            return;
        }

        var target = NextToken();
        if (target != TokenKind.Word)
        {
            pushedBack = target;
            hasPushedBack = true;
            return;
        }

        current.Extend(lexer.LastWord.Start, lexer.LastWord.End);
        if (op == "<<" || op == "<<-")
        {
            var heredoc = new PendingHeredoc(MakeString(Value(lexer.LastWord)), op == "<<-");
            current.Heredocs.Add(heredoc);
            pendingHeredocs.Add(heredoc);
        }
    }

    /// <summary>Handles a separator; true when it closes the substitution being parsed.</summary>
    /// <remarks>Inlined into Run, as OnWord is: a separator follows most commands.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool OnSeparator(bool untilClose)
    {
        var op = lexer.OperatorText;
        if (op == "(" && IsFunctionDefinition())
        {
            current.Reset();
            return false;
        }

        FinishCommand();
        if (op == "\n")
        {
            ReadHeredocBodies();
        }

        var closesSubstitution = untilClose && parenDepth == 0 && op == ")";
        if (controlFlow.SkipSeparator(op, closesSubstitution))
        {
            return false;
        }

        if (op == "(")
        {
            parenDepth++;
        }
        else if (op == ")")
        {
            if (parenDepth == 0)
            {
                return untilClose;
            }

            parenDepth--;
        }

        return false;
    }

    /// <summary>Recognises <c>name() { ... }</c> at the <c>(</c>, consuming the <c>)</c>; the name is not a command.</summary>
    private bool IsFunctionDefinition()
    {
        if (Dialect != ShellDialect.Posix || current.Words.Count != 1 || !current.Words[0].IsPlain)
        {
            return false;
        }

        var pos = lexer.Position;
        while (pos < limit && (text[pos] == ' ' || text[pos] == '\t'))
        {
            pos++;
        }

        if (pos >= limit || text[pos] != ')')
        {
            return false;
        }

        lexer.Position = pos + 1;
        return true;
    }

    // Inlined: every command is finished, at a separator or the end.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void FinishCommand()
    {
        if (!current.IsEmpty)
        {
            var readsScript = resolver.Resolve(current);
            foreach (var heredoc in current.Heredocs)
            {
                heredoc.IsScript = readsScript;
            }
        }

        current.Reset();
    }

    /// <summary>At a newline, skips the bodies of the heredocs started on the line (parsing them when they are scripts).</summary>
    private void ReadHeredocBodies()
    {
        foreach (var heredoc in pendingHeredocs)
        {
            var bodyStart = lexer.Position;
            var bodyEnd = limit;
            var resume = limit;
            var pos = bodyStart;
            while (pos < limit)
            {
                var lineEnd = ScanHelpers.LineEnd(text, pos, limit);
                if (IsDelimiterLine(heredoc, pos, lineEnd))
                {
                    bodyEnd = pos;
                    resume = lineEnd < limit ? lineEnd + 1 : limit;
                    break;
                }

                pos = lineEnd + 1;
            }

            if (heredoc.IsScript && depth < ShellReadContext.MaxDepth)
            {
                ParseRegion(bodyStart, bodyEnd, ShellDialect.Posix);
            }

            lexer.Position = resume;
        }

        pendingHeredocs.Clear();
    }

    private bool IsDelimiterLine(PendingHeredoc heredoc, int start, int end)
    {
        if (heredoc.StripTabs)
        {
            while (start < end && text[start] == '\t')
            {
                start++;
            }
        }

        if (end > start && text[end - 1] == '\r')
        {
            end--;
        }

        return new CharSlice(text, start, end - start).Is(heredoc.Delimiter);
    }
}
