using System.Linq;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Syntax;

/// <summary>The syntax model against BuildKit's documented parser behaviour, one feature at a time.</summary>
public class DockerfileParserTests
{
    private static string Text(DockerfileSyntax syntax, TextSpan span) => syntax.Text.Substring(span.Start, span.Length);

    [Fact]
    public void Directives_are_read_only_in_the_leading_block_with_case_insensitive_keys()
    {
        var syntax = DockerfileParser.Parse("# SYNTAX=docker/dockerfile:1\n#escape=`\n\n# check=skip=all\nFROM x\n");

        Assert.Equal(new[] { "syntax", "escape" }, syntax.Directives.Select(d => d.Name));
        Assert.Equal("docker/dockerfile:1", syntax.Directives[0].Value);
        Assert.Equal('`', syntax.EscapeCharacter);
    }

    [Theory]
    [InlineData("# comment\n# escape=`\nFROM x\n")]
    [InlineData("FROM x\n# escape=`\n")]
    [InlineData("# unknown=1\n# escape=`\nFROM x\n")]
    [InlineData("\n# escape=`\nFROM x\n")]
    public void The_block_ends_at_a_comment_an_instruction_an_unknown_key_or_a_blank_line(string text)
    {
        var syntax = DockerfileParser.Parse(text);

        Assert.Empty(syntax.Directives);
        Assert.Equal('\\', syntax.EscapeCharacter);
    }

    [Fact]
    public void A_byte_order_mark_is_skipped_before_the_directives()
    {
        var syntax = DockerfileParser.Parse("\uFEFF# escape=`\nFROM x\n");

        Assert.Single(syntax.Directives);
        Assert.Equal(1, syntax.BomLength);
        Assert.Equal(1, syntax.Directives[0].Span.Start);
    }

    [Fact]
    public void A_duplicate_directive_is_reported_and_the_first_stays_in_force()
    {
        var syntax = DockerfileParser.Parse("# escape=`\n# escape=\\\nFROM x\n");

        Assert.True(syntax.Directives[1].IsDuplicate);
        Assert.Equal('`', syntax.EscapeCharacter);
        Assert.Contains(syntax.Diagnostics, d => d.Code == "duplicate-directive" && d.Span == syntax.Directives[1].Span);
    }

    [Fact]
    public void An_invalid_escape_value_is_an_error_on_the_value()
    {
        var syntax = DockerfileParser.Parse("# escape=x\nFROM x\n");

        var diagnostic = Assert.Single(syntax.Diagnostics);
        Assert.Equal("invalid-escape", diagnostic.Code);
        Assert.Equal("x", Text(syntax, diagnostic.Span));
    }

    [Fact]
    public void Continuations_drop_comment_and_blank_lines_and_allow_blanks_after_the_escape()
    {
        var syntax = DockerfileParser.Parse("FROM x\nRUN a \\  \n# note\n\n  b \\\n  c\n");

        var run = syntax.Instructions[1];
        Assert.Equal("RUN a   b   c", run.Line.Text);
        Assert.Equal(1, run.StartLine);
        Assert.Equal(5, run.EndLine);
        Assert.Contains(syntax.Comments, c => c.InsideContinuation && c.Line == 2);
        Assert.Contains(syntax.Diagnostics, d => d.Code == "empty-continuation-line" && d.Severity == ParseSeverity.Warning);
    }

    [Fact]
    public void The_backtick_escape_continues_lines_and_leaves_backslashes_alone()
    {
        var syntax = DockerfileParser.Parse("# escape=`\nFROM x\nRUN dir C:\\ `\n  /s\n");

        Assert.Equal("RUN dir C:\\   /s", syntax.Instructions[1].Line.Text);
    }

    [Fact]
    public void A_continuation_at_the_end_of_the_file_ends_the_instruction()
    {
        var syntax = DockerfileParser.Parse("FROM x\nRUN a \\");

        Assert.Equal("a", syntax.Instructions[1].ArgumentsText);
        Assert.False(syntax.HasErrors);
    }

    [Fact]
    public void Heredoc_bodies_are_never_instructions()
    {
        var syntax = DockerfileParser.Parse("FROM x\nRUN <<EOF\nFROM y\nRUN z\nEOF\nUSER me\n");

        Assert.Equal(new[] { InstructionKind.From, InstructionKind.Run, InstructionKind.User }, syntax.Instructions.Select(i => i.Kind));
        var heredoc = Assert.Single(syntax.Instructions[1].Heredocs);
        Assert.Equal("EOF", heredoc.Name);
        Assert.Equal("FROM y\nRUN z\n", heredoc.Content);
        Assert.Equal("EOF", Text(syntax, heredoc.TerminatorSpan));
    }

    [Theory]
    [InlineData("<<EOT", "EOT", true)]
    [InlineData("<<EOF", "EOF", true)]
    [InlineData("<<'EOF'", "EOF", true)]
    [InlineData("<<E\\OT", "EOT", true)]
    [InlineData("<<EOS", "EOS", false)]
    [InlineData("<<EOFX", "EOFX", false)]
    [InlineData("<<eof", "eof", false)]
    [InlineData("<<XOF", "XOF", false)]
    public void The_usual_heredoc_names_are_the_same_string_every_time(string marker, string name, bool shared)
    {
        var syntax = DockerfileParser.Parse("FROM x\nRUN " + marker + " sh\nbody\n" + name + "\n");

        var heredoc = Assert.Single(syntax.Instructions[1].Heredocs);
        Assert.Equal(name, heredoc.Name);
        Assert.Equal(shared, ReferenceEquals(string.IsInterned(name), heredoc.Name));
    }

    [Fact]
    public void Heredoc_forms_chomp_quoted_several_and_redirected()
    {
        var syntax = DockerfileParser.Parse("FROM x\nRUN <<-'ONE' cat 3<<\"TWO\" <<THREE>out.txt\n\tbody1\n\tONE\nbody2\nTWO\nbody3\nTHREE\n");

        var heredocs = syntax.Instructions[1].Heredocs;
        Assert.Equal(new[] { "ONE", "TWO", "THREE" }, heredocs.Select(h => h.Name));
        Assert.True(heredocs[0].Chomp);
        Assert.False(heredocs[0].Expand);
        Assert.Equal(3, heredocs[1].FileDescriptor);
        Assert.True(heredocs[2].Expand);
        Assert.Equal("body3\n", heredocs[2].Content);
    }

    [Theory]
    [InlineData("FROM x\nRUN cat << EOF\n")]
    [InlineData("FROM x\nRUN cat <<<EOF\n")]
    [InlineData("FROM x\nRUN [\"cat\", \"<<EOF\"]\n")]
    public void Not_heredocs_a_blank_after_the_operator_here_strings_and_exec_form(string text)
    {
        Assert.Empty(DockerfileParser.Parse(text).Instructions[1].Heredocs);
    }

    [Fact]
    public void An_unterminated_heredoc_is_an_error_and_takes_the_rest_of_the_file()
    {
        var syntax = DockerfileParser.Parse("FROM x\nRUN <<EOF\nFROM y\n");

        Assert.Equal(2, syntax.Instructions.Count);
        var diagnostic = Assert.Single(syntax.Diagnostics);
        Assert.Equal("unterminated-heredoc", diagnostic.Code);
        Assert.Equal("<<EOF", Text(syntax, diagnostic.Span));
    }

    [Fact]
    public void Instructions_are_case_insensitive_and_onbuild_holds_its_trigger()
    {
        var syntax = DockerfileParser.Parse("from x\nOnBuild Run go build\n");

        var onbuild = syntax.Instructions[1];
        Assert.Equal(InstructionKind.Onbuild, onbuild.Kind);
        var trigger = onbuild.Inner!.Value;
        Assert.Equal(InstructionKind.Run, trigger.Kind);
        Assert.Equal("go build", trigger.ArgumentsText);
        Assert.Equal(trigger, onbuild.Effective);
        Assert.NotEqual(onbuild, onbuild.Effective);
    }

    [Fact]
    public void Mount_options_have_their_own_spans_even_across_lines()
    {
        var text = "FROM x\nRUN --mount=target=/go/pkg/mod,\\\ntype=cache --link go build\n";
        var syntax = DockerfileParser.Parse(text);

        var run = syntax.Instructions[1];
        var mount = run.FindFlag("mount")!;
        Assert.Equal(new[] { "target", "type" }, mount.Options.Select(o => o.Key));
        Assert.Equal("/go/pkg/mod", mount.Options[0].Value);
        Assert.Equal("type=cache", Text(syntax, run.ToSource(mount.Options[1].Start, mount.Options[1].End)));
        Assert.NotNull(run.FindFlag("link"));
        Assert.Null(run.FindFlag("link")!.Value);
        Assert.Equal("go build", run.ArgumentsText);
    }

    [Fact]
    public void Exec_form_and_shell_form()
    {
        var syntax = DockerfileParser.Parse("FROM x\nRUN [\"go\", \"build\"]\nRUN go build\nCMD [\"a\" \"b\"]\n");

        Assert.True(syntax.Instructions[1].IsJsonForm);
        Assert.Equal(new[] { "go", "build" }, syntax.Instructions[1].Words.Select(w => w.Value));
        Assert.False(syntax.Instructions[2].IsJsonForm);
        Assert.False(syntax.Instructions[3].IsJsonForm);
        Assert.Contains(syntax.Diagnostics, d => d.Code == "invalid-json" && d.Severity == ParseSeverity.Warning);
    }

    [Fact]
    public void Key_value_forms_of_env_arg_and_label()
    {
        var syntax = DockerfileParser.Parse("FROM x\nENV A=1 B=\"two words\"\nENV LEGACY some value\nARG NAME\nARG WITH=default\nLABEL a.b=c\n");

        Assert.Equal(new[] { "A", "B" }, syntax.Instructions[1].KeyValues.Select(p => p.Key.Value));
        Assert.Equal("\"two words\"", syntax.Instructions[1].KeyValues[1].Value!.Value);
        Assert.Equal("some value", syntax.Instructions[2].KeyValues[0].Value!.Value);
        Assert.Equal(string.Empty, syntax.Instructions[2].KeyValues[0].Separator);
        Assert.Null(syntax.Instructions[3].KeyValues[0].Value);
        Assert.Equal("default", syntax.Instructions[4].KeyValues[0].Value!.Value);
        Assert.Equal("a.b", syntax.Instructions[5].KeyValues[0].Key.Value);
    }

    [Fact]
    public void Words_read_after_the_parse_are_made_once_for_every_thread()
    {
        var syntax = DockerfileParser.Parse("FROM x\nARG NAME\nARG WITH=default\nRUN [\"echo\", \"a\\tb\"]\n");
        var instructions = syntax.Instructions;

        var seen = Enumerable.Range(0, 8).AsParallel().Select(_ => instructions.Select(i => (i.Words, i.KeyValues)).ToArray()).ToArray();

        foreach (var other in seen)
        {
            for (var i = 0; i < instructions.Count; i++)
            {
                Assert.Same(instructions[i].Words, other[i].Words);
                Assert.Same(instructions[i].KeyValues, other[i].KeyValues);
            }
        }

        // An ARG without a default is its own key; a JSON string's escapes are decoded.
        Assert.Same(instructions[1].Words[0], instructions[1].KeyValues[0].Key);
        Assert.Equal("a\tb", instructions[3].Words[1].Value);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Every_line_ending_gives_the_same_lines_and_columns(string lineBreak)
    {
        var text = string.Join(lineBreak, "FROM x", "", "RUN a \\", "  b", "USER me") + lineBreak;
        var syntax = DockerfileParser.Parse(text);

        var run = syntax.Instructions[1];
        Assert.Equal(2, run.StartLine);
        Assert.Equal(3, run.EndLine);
        Assert.Equal(new LinePosition(4, 0), syntax.Lines.GetPosition(syntax.Instructions[2].Span.Start));
        Assert.Equal("RUN a   b", run.Line.Text);
        Assert.Equal(lineBreak, syntax.PreferredLineBreak);
    }

    [Theory]
    [InlineData("FROM x\nFOO bar\n", "unknown-instruction", "FOO")]
    [InlineData("FROM x\nCMD [1, [2]]\n", "json-not-strings", "[1, [2]]")]
    [InlineData("FROM x\nENV A\n", "missing-value", "A")]
    [InlineData("FROM x\nENV A=1 B\n", "missing-equals", "B")]
    [InlineData("# only a comment\n", "no-instructions", "")]
    public void Malformed_input_gives_a_diagnostic_with_a_span(string text, string code, string spanText)
    {
        var syntax = DockerfileParser.Parse(text);

        var diagnostic = Assert.Single(syntax.Diagnostics, d => d.Severity == ParseSeverity.Error);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(spanText, Text(syntax, diagnostic.Span));
    }

    [Theory]
    [InlineData("# syntax=docker/dockerfile:1", true)]
    [InlineData("#\t \fEscape=`", true)]
    [InlineData("#check=skip=all", true)]
    [InlineData("# dgb ignore DGB001", true)]
    [InlineData("#  DGB ignore", true)]
    [InlineData("# Build the service", false)]
    [InlineData("# 1. restore", false)]
    [InlineData("#", false)]
    [InlineData("#   ", false)]
    public void A_comment_is_marked_when_it_may_be_a_directive_or_a_suppression(string comment, bool marked)
    {
        foreach (var text in new[] { "FROM alpine\n" + comment + "\nRUN true\n", "FROM alpine\nRUN true \\\n" + comment + "\n  && false\n", "FROM alpine\n" + comment })
        {
            var syntax = DockerfileParser.Parse(text);

            Assert.Equal(1, syntax.CommentCount);
            Assert.Equal(marked, syntax.CommentMayStartWithName(0));
            Assert.Equal(text.IndexOf('#'), syntax.CommentStartAt(0));
            Assert.Equal(1 + (text.Contains("\\") ? 1 : 0), syntax.CommentLineAt(0));
        }
    }
}
