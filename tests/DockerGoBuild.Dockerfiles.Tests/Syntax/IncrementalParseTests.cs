using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Syntax;

/// <summary>
/// A parse in place read while it goes on (<see cref="DockerfileParser.BeginParse"/>): after every step, each
/// instruction read so far is the one a whole parse makes, and once finished the syntax is the whole parse's.
/// </summary>
public class IncrementalParseTests
{
    // How many instructions each ReadMore asks for.
    private static readonly int[] Steps = { 1, 2, 7, 1000 };

    // A file of more instructions than this is checked after a step for its new instructions only (all of them, after
    // every step, would take time of the square of their number), and whole at the end.
    private const int CheckedWholeUpTo = 2_000;

    private static readonly Dictionary<string, string> Hostile = new()
    {
        ["onbuild triggers"] = "FROM a\nONBUILD RUN make\nRUN x\nONBUILD ONBUILD COPY . .\nONBUILD\nONBUILD  \nONBUILD FROM b\nENV A=1\n",
        ["onbuild first"] = "ONBUILD RUN make\nFROM a\n",
        ["onbuild run heredocs"] = "FROM a\nONBUILD RUN <<EOT bash\necho hi\nEOT\nONBUILD RUN --mount=type=cache,target=/x <<A <<-B\na\nA\n\tb\n\tB\nRUN echo after\nONBUILD ONBUILD RUN <<C\nC\nCMD x\n",
        ["heredocs"] = "FROM a\nRUN <<EOT\necho one\nEOT\nCOPY <<one.txt <<\"two\" /dst/\n1\none.txt\n2\ntwo\nRUN <<-EOF cat > /x\n\tbody\n\tEOF\nRUN cat <<EOF | sh\nFROM not-an-instruction\nEOF\nRUN [\"sh\", \"-c\", \"<<EOF\"]\nEOF\nRUN <<NEVER\nnot closed\n",
        ["directives"] = "# syntax=docker/dockerfile:1\n# check=skip=all\n#escape=\\\n# syntax=again\n\nFROM a\n# escape=`\nRUN x\n",
        ["escape backtick"] = "# escape=`\nFROM mcr.microsoft.com/windows`\n  AS build\nRUN dir c:\\ `\n  && echo `\n\nCOPY . C:\\app\\\nRUN echo done\n",
        ["invalid escape"] = "# escape=x\nFROM a\nRUN b \\\n c\n",
        ["continuations with comments and empty lines"] = "FROM a\nRUN one \\\n    # inside\n\n    two \\\n    \\\n  three\nRUN \\\n\nEXPOSE 80 \\\n# last\n",
        ["crlf"] = "# escape=\\\r\nFROM a\r\nRUN b \\\r\n  c\r\n\r\nRUN <<EOT\r\nbody\r\nEOT\r\nONBUILD RUN x\r\n",
        ["lone cr"] = "FROM a\rRUN b\r\rENV A=1\r",
        ["bom"] = "\uFEFF# syntax=docker/dockerfile:1\nFROM a\nRUN b\n",
        ["bom only"] = "\uFEFF",
        ["no instructions"] = "# just a comment\n\n   \n# escape=`\n",
        ["empty"] = string.Empty,
        ["no final newline"] = "FROM a\nRUN b \\\n  c",
        ["continuation at the end"] = "FROM a\nRUN b \\",
        ["unknown instruction"] = "FROM a\nFROB nicate\nrun b\nOnBuild frob x\nCOPY --from=a --chmod=755 /a /b\n",
        ["json forms"] = "FROM a\nCMD [\"a\", \"b\"]\nENTRYPOINT [\"unterminated\nSHELL [\"pwsh\", \"-c\"]\nRUN [ \"x\" ]\nHEALTHCHECK --interval=5s CMD [\"curl\"]\nLABEL a=b \"c d\"=e\nARG X Y=1\n",
        ["binary noise"] = "FROM a\n\0\u0001\u0002\uFFFF\uD800 RUN\n\u0000RUN x\n\u001B[31mRUN y\u001B[0m\nRUN <<\0\n\0\n",
    };

    public static IEnumerable<object[]> CorpusFiles() =>
        Corpus.AllDockerfiles().Select(path => new object[] { Path.GetRelativePath(Corpus.Root, path) });

    public static IEnumerable<object[]> HostileCases() => Hostile.Keys.Select(name => new object[] { name });

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Every_corpus_file_read_in_steps_reads_as_parsed_whole(string relativePath)
    {
        var text = Corpus.Read(Path.Combine(Corpus.Root, relativePath), out _);
        AssertReadInStepsAsWhole(text);
    }

    [Theory]
    [MemberData(nameof(HostileCases))]
    public void A_hostile_file_read_in_steps_reads_as_parsed_whole(string name)
    {
        AssertReadInStepsAsWhole(Hostile[name]);
    }

    [Fact]
    public void A_large_file_whose_tables_grow_while_read_reads_as_parsed_whole()
    {
        // More instructions than the tables are made for at first, triggers from its middle on, continued lines, heredocs.
        var text = new StringBuilder("FROM golang AS build\n");
        for (var i = 0; i < 6_000; i++)
        {
            text.Append("RUN --mount=type=cache,target=/root/.cache go build ./cmd/").Append(i).Append(" \\\n    # why\n    && go test\n")
                .Append("ENV A").Append(i).Append("=1 B=2\n");
            if (i >= 3_000)
            {
                text.Append("ONBUILD COPY <<EOT /etc/").Append(i).Append("\nkey\nEOT\n");
            }
        }

        AssertReadInStepsAsWhole(text.ToString());
    }

    [Fact]
    public void The_directives_and_escape_character_are_final_once_begun()
    {
        var text = "# syntax=docker/dockerfile:1\n# escape=`\nFROM a\nRUN b `\n  c\n";
        var syntax = DockerfileParser.BeginParse(text, inPlace: true, instructions: 1, CancellationToken.None, out var tables, out var parse);
        try
        {
            Assert.Equal('`', syntax.EscapeCharacter);
            Assert.Equal(new[] { "syntax", "escape" }, syntax.Directives.Select(directive => directive.Name));
            Assert.Same(text, syntax.Text);
            Assert.Equal(DockerfileParser.Parse(text).Lines.Count, syntax.Lines.Count);
            Assert.Single(syntax.Instructions);
            Assert.False(parse.ReadMore(1));
            Assert.Equal(2, syntax.Instructions.Count);
            Assert.Equal("b   c", syntax.Instructions[1].ArgumentsText);
            parse.Finish();
            Assert.Equal(2, syntax.CommentCount);
        }
        finally
        {
            tables.Release();
        }
    }

    [Fact]
    public void A_step_reads_as_many_instructions_as_asked_for_and_the_last_says_the_text_is_read()
    {
        var text = "FROM a\n" + string.Concat(Enumerable.Repeat("ONBUILD RUN x\n\n# c\nRUN y \\\n  z\n", 10)) + "\n# trailing\n";
        var syntax = DockerfileParser.BeginParse(text, inPlace: true, instructions: 1, CancellationToken.None, out var tables, out var parse);
        try
        {
            Assert.Single(syntax.Instructions);
            Assert.True(parse.ReadMore(3));
            Assert.Equal(4, syntax.Instructions.Count);
            Assert.True(parse.ReadMore(0));
            Assert.Equal(4, syntax.Instructions.Count);

            // The last instruction read, the comment after it is left: the text is done only when that is read.
            Assert.True(parse.ReadMore(17));
            Assert.Equal(21, syntax.Instructions.Count);
            Assert.False(parse.ReadMore(1));
            Assert.False(parse.ReadMore(1));
            Assert.Same(syntax, parse.Finish());
            Assert.Equal(21, syntax.Instructions.Count);
        }
        finally
        {
            tables.Release();
        }
    }

    [Fact]
    public void A_parse_cancelled_between_steps_leaves_the_thread_parsing_as_before()
    {
        var text = string.Concat(Enumerable.Repeat("RUN --mount=type=cache,target=/x make\nONBUILD ENV A=1\n", 2_000));
        const string Plain = "FROM alpine\nONBUILD RUN echo hi\nEXPOSE 80\n";
        var expected = Describe(DockerfileParser.Parse(Plain));
        SyntaxTablesTests.OnNewThread(() =>
        {
            using var cancellation = new CancellationTokenSource();
            DockerfileParser.BeginParse(text, inPlace: true, instructions: 1, cancellation.Token, out var tables, out var parse);
            parse.ReadMore(10);
            cancellation.Cancel();
            Assert.Throws<OperationCanceledException>(() => parse.ReadMore(int.MaxValue));
            tables.Release();

            var inPlace = DockerfileParser.ParseInPlace(Plain, CancellationToken.None, out tables);
            Assert.Equal(expected, Describe(inPlace));
            tables.Release();
            Assert.Equal(expected, Describe(DockerfileParser.Parse(Plain)));
        });
    }

    // Reads text in steps of each size, on a thread of its own and on this one after earlier parses: after each step every
    // instruction read equals the whole parse's, and the finished syntax the whole parse's.
    private static void AssertReadInStepsAsWhole(string text)
    {
        var whole = DockerfileParser.Parse(text);
        var expectedInstructions = whole.InstructionList.Select(Describe).ToArray();
        var expected = Describe(whole);
        foreach (var step in Steps)
        {
            SyntaxTablesTests.OnNewThread(() => AssertReadInSteps(text, step, expectedInstructions, expected));
            AssertReadInSteps(text, step, expectedInstructions, expected);
        }
    }

    private static void AssertReadInSteps(string text, int step, string[] expectedInstructions, string expected)
    {
        var syntax = DockerfileParser.BeginParse(text, inPlace: true, instructions: 1, CancellationToken.None, out var tables, out var parse);
        try
        {
            var checkedUpTo = 0;
            var more = true;
            while (more)
            {
                var instructions = syntax.InstructionList;
                Assert.True(instructions.Count <= expectedInstructions.Length);
                for (var i = expectedInstructions.Length > CheckedWholeUpTo ? checkedUpTo : 0; i < instructions.Count; i++)
                {
                    Assert.Equal(expectedInstructions[i], Describe(instructions[i]));
                }

                var before = instructions.Count;
                checkedUpTo = before;
                more = parse.ReadMore(step);
                Assert.True(syntax.InstructionList.Count >= Math.Min(expectedInstructions.Length, before + step), $"{syntax.InstructionList.Count} instructions after a step of {step} from {before}");
            }

            Assert.Equal(expectedInstructions.Length, syntax.InstructionList.Count);
            Assert.Same(syntax, parse.Finish());
            Assert.Equal(expected, Describe(syntax));
        }
        finally
        {
            tables.Release();
        }
    }

    // Everything a syntax tells of the file, as text.
    internal static string Describe(DockerfileSyntax syntax)
    {
        var dump = new StringBuilder(BuildKitDump.Dump(syntax));
        dump.Append("text ").Append(syntax.Text.Length).Append(" bom ").Append(syntax.BomLength).Append(" escape ").Append(syntax.EscapeCharacter)
            .Append(" lines ").Append(syntax.Lines.Count).Append(" errors ").Append(syntax.HasErrors).Append(" break ").Append(Escape(syntax.PreferredLineBreak)).Append('\n');
        foreach (var directive in syntax.Directives)
        {
            dump.Append("directive ").Append(directive.Name).Append('=').Append(directive.Value).Append(' ').Append(directive.Line).Append(' ').Append(directive.Span)
                .Append(' ').Append(directive.KeySpan).Append(' ').Append(directive.ValueSpan).Append(' ').Append(directive.IsDuplicate).Append(' ').Append(directive.IsIndented).Append('\n');
        }

        dump.Append("comments ").Append(syntax.CommentCount).Append('\n');
        foreach (var comment in syntax.Comments)
        {
            dump.Append("comment ").Append(comment.Line).Append(' ').Append(comment.Span).Append(' ').Append(comment.InsideContinuation).Append('\n');
        }

        foreach (var diagnostic in syntax.Diagnostics)
        {
            dump.Append("diagnostic ").Append(diagnostic.Code).Append(' ').Append(diagnostic.Severity).Append(' ').Append(diagnostic.Span).Append(' ').Append(diagnostic.Message).Append('\n');
        }

        foreach (var instruction in syntax.InstructionList)
        {
            dump.Append(Describe(instruction));
        }

        return dump.ToString();
    }

    // Everything an instruction tells, its trigger's included, as text.
    private static string Describe(Instruction instruction)
    {
        var dump = new StringBuilder();
        for (Instruction? at = instruction; at is { } current; at = current.Inner)
        {
            dump.Append(current.Index).Append(' ').Append(current.Kind).Append(' ').Append(current.Keyword).Append(" keyword ").Append(current.KeywordStart)
                .Append(' ').Append(current.KeywordSpan).Append(" span ").Append(current.Span).Append(" lines ").Append(current.StartLine).Append('-').Append(current.EndLine)
                .Append(" json ").Append(current.IsJsonForm).Append(" effective ").Append(current.Effective.Index).Append('\n');
            dump.Append("  line ").Append(Escape(current.Line.Text)).Append(" pieces");
            for (var i = 0; i < current.Line.PieceCount; i++)
            {
                dump.Append(' ').Append(current.Line.PieceSourceSpan(i));
            }

            dump.Append("\n  arguments ").Append(Escape(current.ArgumentsText)).Append('\n');
            foreach (var flag in current.Flags)
            {
                dump.Append("  flag ").Append(Escape(flag.Text)).Append(' ').Append(flag.Name).Append('=').Append(flag.Value).Append(' ').Append(flag.SourceSpan).Append('\n');
            }

            var flags = current.FlagList;
            for (var i = 0; i < flags.Count; i++)
            {
                dump.Append("  flag view ").Append(flags[i].Name).Append(' ').Append(flags[i].Start).Append(' ').Append(flags[i].Length).Append(' ').Append(flags[i].ValueStart).Append('\n');
            }

            var words = current.ArgumentWords;
            for (var i = 0; i < words.Count; i++)
            {
                dump.Append("  word ").Append(words[i].Start).Append(' ').Append(words[i].Length).Append(' ').Append(Escape(words[i].Value)).Append('\n');
            }

            var pairs = current.PairList;
            for (var i = 0; i < pairs.Count; i++)
            {
                dump.Append("  pair ").Append(Escape(pairs[i].Key.Value)).Append(' ').Append(pairs[i].HasValue ? Escape(pairs[i].Value.Value) : "-").Append(' ').Append(pairs[i].End).Append('\n');
            }

            foreach (var word in current.Words)
            {
                dump.Append("  public word ").Append(word.Start).Append(' ').Append(Escape(word.Value)).Append('\n');
            }

            foreach (var pair in current.KeyValues)
            {
                dump.Append("  public pair ").Append(Escape(pair.Key.Value)).Append(' ').Append(pair.Value is { } value ? Escape(value.Value) : "-").Append(' ').Append(pair.Separator).Append('\n');
            }

            foreach (var heredoc in current.Heredocs)
            {
                dump.Append("  heredoc ").Append(heredoc.Name).Append(' ').Append(heredoc.Chomp).Append(' ').Append(heredoc.Expand).Append(' ').Append(heredoc.MarkerSpan)
                    .Append(' ').Append(heredoc.BodySpan).Append(' ').Append(heredoc.TerminatorSpan).Append(' ').Append(heredoc.IsTerminated).Append(' ').Append(Escape(heredoc.Content)).Append('\n');
            }
        }

        return dump.ToString();
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\r", "\\r");
}
