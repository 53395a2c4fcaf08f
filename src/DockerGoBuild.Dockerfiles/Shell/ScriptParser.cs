using System.Collections.Generic;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>
/// Walks the token stream of one script (or one substitution, heredoc body or nested script),
/// splits it into simple commands and hands each to the <see cref="CommandResolver"/>.
/// Control-flow syntax is recognised only as far as needed to tell commands from headers and patterns.
/// </summary>
internal sealed class ScriptParser
{
    private readonly ParseContext context;
    private readonly string text;
    private readonly int limit;
    private readonly OffsetMap map;
    private readonly int depth;
    private readonly HashSet<int>? alreadyRun;
    private readonly ILexer lexer;
    private readonly CommandResolver resolver;
    private readonly List<PendingHeredoc> pendingHeredocs = new List<PendingHeredoc>();
    private readonly ControlFlow controlFlow;
    private CommandSyntax current = new CommandSyntax();
    private Token? pushedBack;
    private int parenDepth;

    public ScriptParser(ParseContext context, string text, int start, int limit, ShellDialect dialect, OffsetMap map, int depth, VariableScope variables, HashSet<int>? alreadyRun)
    {
        this.context = context;
        this.text = text;
        this.limit = limit;
        this.map = map;
        this.depth = depth;
        this.alreadyRun = alreadyRun;
        Dialect = dialect;
        Variables = variables;
        lexer = CreateLexer(dialect, start);
        resolver = new CommandResolver(this);
        controlFlow = new ControlFlow(dialect, variables);
    }

    public ShellDialect Dialect { get; }

    public VariableScope Variables { get; }

    public string Text => text;

    /// <summary>Parses until the end, or with <paramref name="untilClose"/> until an unmatched <c>)</c>; returns the offset after it.</summary>
    public int Run(bool untilClose)
    {
        while (true)
        {
            Token token = NextToken();
            switch (token.Kind)
            {
                case TokenKind.End:
                    FinishCommand();
                    return limit;
                case TokenKind.Word:
                    OnWord(token.Word!);
                    break;
                case TokenKind.Redirect:
                    OnRedirect(token);
                    break;
                case TokenKind.CallOperator:
                    // After words, PowerShell's '&' ends a background pipeline; either way a command follows.
                    FinishCommand();
                    current.ForceCommand = true;
                    break;
                case TokenKind.Separator:
                    if (OnSeparator(token, untilClose))
                    {
                        return lexer.Position;
                    }

                    break;
            }
        }
    }

    /// <summary>Splits the text into words only; operators become literal words.</summary>
    public List<WordToken> SplitWords()
    {
        var words = new List<WordToken>();
        for (Token token = lexer.Next(); token.Kind != TokenKind.End; token = lexer.Next())
        {
            if (token.Kind == TokenKind.Word)
            {
                words.Add(token.Word!);
            }
            else if (token.Op != "\n")
            {
                var literal = new WordBuilder();
                literal.AppendRaw(text, token.Start, token.End);
                words.Add(literal.Build(token.Start, token.End));
            }
        }

        return words;
    }

    public ShellWord ToPublic(WordToken word)
    {
        (int start, int length) = map.MapSpan(word.Start, word.End);
        return new ShellWord(word.Value, start, length, word.IsLiteral);
    }

    public ShellAssignment ToPublic(WordToken word, string name, string value)
    {
        (int start, int length) = map.MapSpan(word.Start, word.End);
        return new ShellAssignment(name, value, start, length);
    }

    /// <summary>Records a command whose argv is <paramref name="words"/>[from..to).</summary>
    public void Emit(List<WordToken> words, int from, int to, List<ShellAssignment> assignments, List<string> heredocs, int start, int end)
    {
        var argv = new ShellWord[to - from];
        for (int i = from; i < to; i++)
        {
            argv[i - from] = ToPublic(words[i]);
        }

        (int outerStart, int length) = map.MapSpan(start, end);
        context.Commands.Add(new ShellCommand(argv, assignments.ToArray(), Variables.View(assignments), heredocs.ToArray(), outerStart, outerStart + length));
    }

    /// <summary>True when a substitution at <paramref name="position"/> should be parsed rather than skipped as data.</summary>
    public bool ShouldRun(int position) => depth < ParseContext.MaxDepth && (alreadyRun == null || !alreadyRun.Contains(position));

    /// <summary>Parses the body of <c>$(</c> starting at <paramref name="start"/>; returns the offset after its <c>)</c>.</summary>
    public int ParseSubstitution(int start)
    {
        var child = new ScriptParser(context, text, start, limit, Dialect, map, depth + 1, Variables, alreadyRun);
        return child.Run(untilClose: true);
    }

    /// <summary>Parses a region of this text (backquotes, heredoc scripts) as its own script.</summary>
    public void ParseRegion(int start, int end, ShellDialect dialect)
    {
        var child = new ScriptParser(context, text, start, end, dialect, map, depth + 1, Variables.Fork(), alreadyRun);
        child.Run(untilClose: false);
    }

    /// <summary>
    /// Parses a script carried in words of this text (<c>sh -c '...'</c>, <c>eval</c>); the segment
    /// table maps the script's offsets back into the span [clampStart, clampEnd).
    /// </summary>
    public void ParseNested(string code, int[] valueStarts, int[] rawStarts, int clampStart, int clampEnd, List<int>? substitutionsRun, ShellDialect dialect)
    {
        if (depth >= ParseContext.MaxDepth || !context.TryReparse(code.Length))
        {
            return;
        }

        var nestedMap = new OffsetMap(map, valueStarts, rawStarts, clampStart, clampEnd);
        HashSet<int>? run = substitutionsRun == null ? null : new HashSet<int>(substitutionsRun);
        var child = new ScriptParser(context, code, 0, code.Length, dialect, nestedMap, depth + 1, Variables.Fork(), run);
        child.Run(untilClose: false);
    }

    private ILexer CreateLexer(ShellDialect dialect, int start)
    {
        switch (dialect)
        {
            case ShellDialect.PowerShell:
                return new PowerShellLexer(text, start, limit, this);
            case ShellDialect.Cmd:
                return new CmdLexer(text, start, limit);
            default:
                return new PosixLexer(text, start, limit, this);
        }
    }

    private Token NextToken()
    {
        if (pushedBack is Token token)
        {
            pushedBack = null;
            return token;
        }

        return lexer.Next();
    }

    private void OnWord(WordToken word)
    {
        // One RUN can hold megabytes of script: let a cancelled analysis stop inside it.
        AnalysisCancellation.Poll();
        if (controlFlow.IsSkipping)
        {
            controlFlow.SkipWord(word);
            return;
        }

        if (current.IsEmpty && !current.ForceCommand)
        {
            WordToken? command = controlFlow.CommandWord(word, current);
            if (command == null)
            {
                return;
            }

            word = command;
        }

        current.Add(word);
    }

    private void OnRedirect(Token token)
    {
        current.Extend(token.Start, token.End);
        if (!token.HasTarget)
        {
            return;
        }

        Token target = NextToken();
        if (target.Kind != TokenKind.Word)
        {
            pushedBack = target;
            return;
        }

        current.Extend(target.Start, target.End);
        if (token.Op == "<<" || token.Op == "<<-")
        {
            var heredoc = new PendingHeredoc(target.Word!.Value, token.Op == "<<-");
            current.Heredocs.Add(heredoc);
            pendingHeredocs.Add(heredoc);
        }
    }

    /// <summary>Handles a separator; true when it closes the substitution being parsed.</summary>
    private bool OnSeparator(Token token, bool untilClose)
    {
        if (token.Op == "(" && IsFunctionDefinition())
        {
            current = new CommandSyntax();
            return false;
        }

        FinishCommand();
        if (token.Op == "\n")
        {
            ReadHeredocBodies();
        }

        bool closesSubstitution = untilClose && parenDepth == 0 && token.Op == ")";
        if (controlFlow.SkipSeparator(token.Op, closesSubstitution))
        {
            return false;
        }

        if (token.Op == "(")
        {
            parenDepth++;
        }
        else if (token.Op == ")")
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

        int pos = lexer.Position;
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

    private void FinishCommand()
    {
        if (!current.IsEmpty)
        {
            bool readsScript = resolver.Resolve(current, 0);
            foreach (PendingHeredoc heredoc in current.Heredocs)
            {
                heredoc.IsScript = readsScript;
            }
        }

        current = new CommandSyntax();
    }

    /// <summary>At a newline, skips the bodies of the heredocs started on the line (parsing them when they are scripts).</summary>
    private void ReadHeredocBodies()
    {
        foreach (PendingHeredoc heredoc in pendingHeredocs)
        {
            int bodyStart = lexer.Position;
            int bodyEnd = limit;
            int resume = limit;
            int pos = bodyStart;
            while (pos < limit)
            {
                int lineEnd = ScanHelpers.LineEnd(text, pos, limit);
                if (IsDelimiterLine(heredoc, pos, lineEnd))
                {
                    bodyEnd = pos;
                    resume = lineEnd < limit ? lineEnd + 1 : limit;
                    break;
                }

                pos = lineEnd + 1;
            }

            if (heredoc.IsScript && depth < ParseContext.MaxDepth)
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

        string delimiter = heredoc.Delimiter;
        return end - start == delimiter.Length && string.CompareOrdinal(text, start, delimiter, 0, delimiter.Length) == 0;
    }
}
