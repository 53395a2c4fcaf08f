using System;
using System.Linq;
using System.Text;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Syntax;

/// <summary>
/// The parser's shortcuts (the line scan and the word readers a vector of characters at a time, the keyword found by
/// its length and first letter, the lines read where they lie) against the plain reading they stand for.
/// </summary>
public class ParserFastPathTests
{
    [Theory]
    [InlineData("ADD", InstructionKind.Add)]
    [InlineData("add", InstructionKind.Add)]
    [InlineData("aDd", InstructionKind.Add)]
    [InlineData("ARG", InstructionKind.Arg)]
    [InlineData("arG", InstructionKind.Arg)]
    [InlineData("Cmd", InstructionKind.Cmd)]
    [InlineData("copy", InstructionKind.Copy)]
    [InlineData("EntryPoint", InstructionKind.Entrypoint)]
    [InlineData("env", InstructionKind.Env)]
    [InlineData("Expose", InstructionKind.Expose)]
    [InlineData("from", InstructionKind.From)]
    [InlineData("HealthCheck", InstructionKind.Healthcheck)]
    [InlineData("label", InstructionKind.Label)]
    [InlineData("Maintainer", InstructionKind.Maintainer)]
    [InlineData("OnBuild", InstructionKind.Onbuild)]
    [InlineData("rUN", InstructionKind.Run)]
    [InlineData("Shell", InstructionKind.Shell)]
    [InlineData("StopSignal", InstructionKind.StopSignal)]
    [InlineData("user", InstructionKind.User)]
    [InlineData("Volume", InstructionKind.Volume)]
    [InlineData("WorkDir", InstructionKind.Workdir)]
    [InlineData("AGG", InstructionKind.Unknown)]
    [InlineData("ARD", InstructionKind.Unknown)]
    [InlineData("RUNS", InstructionKind.Unknown)]
    [InlineData("@RUN", InstructionKind.Unknown)]
    [InlineData("\u00C9NV", InstructionKind.Unknown)]
    public void Keywords_are_matched_ignoring_case(string keyword, InstructionKind kind)
    {
        // Short lines compare the keyword a character at a time, longer ones (and "KEYWORD" in upper case) four at a time.
        foreach (var written in new[] { keyword, keyword.ToUpperInvariant() })
        {
            foreach (var arguments in new[] { "a b", "abcdefghijkl mnop" })
            {
                var syntax = DockerfileParser.Parse($"{written} {arguments}\n");

                var instruction = Assert.Single(syntax.Instructions);
                Assert.Equal(kind, instruction.Kind);
                Assert.Equal(written, instruction.Keyword);
            }
        }
    }

    [Theory]
    [InlineData("RUN\u0000", InstructionKind.Unknown)]
    [InlineData("ENV\u0000", InstructionKind.Unknown)]
    [InlineData("COP", InstructionKind.Unknown)]
    [InlineData("RU", InstructionKind.Unknown)]
    [InlineData("RUNS", InstructionKind.Unknown)]
    [InlineData("COPY", InstructionKind.Copy)]
    [InlineData("USER", InstructionKind.User)]
    [InlineData("CMD", InstructionKind.Cmd)]
    [InlineData("Run", InstructionKind.Run)]
    public void A_short_keyword_read_as_one_word_is_its_kind_only_at_its_exact_length(string keyword, InstructionKind kind)
    {
        // Three and four letters in upper case are compared as one 64-bit word: a fourth character that is zero is
        // not the end of a three-letter keyword. A keyword alone on its line has fewer characters than a word.
        foreach (var line in new[] { $"{keyword} a b", keyword })
        {
            var instruction = Assert.Single(DockerfileParser.Parse($"{line}\n").Instructions);

            Assert.Equal(kind, instruction.Kind);
            Assert.Equal(keyword, instruction.Keyword);
        }
    }

    [Theory]
    [InlineData("\u017FHELL")]
    [InlineData("ENTRYPO\u0131NT")]
    [InlineData("\u0131\u017F")]
    public void A_keyword_outside_ASCII_matches_when_each_character_upper_cases_to_the_keyword(string keyword)
    {
        var upper = new string(keyword.Select(char.ToUpperInvariant).ToArray());
        var expected = Enum.GetValues(typeof(InstructionKind)).Cast<InstructionKind>()
            .FirstOrDefault(kind => kind != InstructionKind.Unknown && kind.ToString().ToUpperInvariant() == upper);

        var instruction = Assert.Single(DockerfileParser.Parse($"{keyword} a\n").Instructions);

        Assert.Equal(expected, instruction.Kind);
        Assert.Equal(keyword, instruction.Keyword);
    }

    [Fact]
    public void Line_breaks_are_found_wherever_they_fall_in_the_blocks_of_eight()
    {
        var random = new Random(1234);
        var pieces = new[] { "\n", "\r\n", "\r", "\t", " ", "x", "RUN a", "\u00E9", "\u0085", "\u2028", "\r\r\n", "\n\r" };
        for (var round = 0; round < 300; round++)
        {
            var text = new StringBuilder();
            var count = random.Next(0, 40);
            for (var i = 0; i < count; i++)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            var lines = DockerfileParser.Parse(text.ToString()).Lines;
            Assert.Equal(ExpectedStarts(text.ToString()), Enumerable.Range(0, lines.Count).Select(lines.Start).ToArray());
        }
    }

    [Fact]
    public void The_binary_check_counts_what_a_look_at_each_character_counts()
    {
        var random = new Random(4321);
        var pool = new[]
        {
            '\0', '\u0001', '\t', '\n', '\v', '\f', '\r', '\u001B', '\u001F', ' ', '!', 'a', '~', '\u007F', '\u0080', '\u009F',
            '\u00A0', '\u00E9', '\u7FFF', '\u8000', '\u801F', '\u8020', '\uFFFD', '\uFFFE', '\uFFFF',
        };
        for (var round = 0; round < 2000; round++)
        {
            var chars = new char[random.Next(0, 80)];
            var printableShare = random.Next(0, 10);
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = random.Next(10) < printableShare ? (char)random.Next(' ', '\u007F') : pool[random.Next(pool.Length)];
            }

            var text = new string(chars);
            var lines = LineMap.Create(text);
            Assert.Equal(ExpectedStarts(text), Enumerable.Range(0, lines.Count).Select(lines.Start).ToArray());
            Assert.Equal(LooksBinary(text), lines.LooksBinary);
        }
    }

    [Fact]
    public void Line_feeds_read_from_a_block_mask_give_the_starts_a_look_at_each_character_gives()
    {
        // Mostly printable text with line feeds, at times several in a block or one ending the text, and now and then a
        // character that sends its block to the one-by-one reading: every length up to a few blocks of two vectors.
        var random = new Random(2468);
        var rare = new[] { '\t', '\r', '\u0001', '\u00E9', '\uFFFD', '\u007F' };
        for (var round = 0; round < 3000; round++)
        {
            var chars = new char[random.Next(0, 200)];
            var lineFeedShare = random.Next(1, 12);
            var rareShare = random.Next(0, 3);
            for (var i = 0; i < chars.Length; i++)
            {
                var roll = random.Next(100);
                chars[i] = roll < lineFeedShare * 3 ? '\n' : roll < (lineFeedShare * 3) + rareShare ? rare[random.Next(rare.Length)] : (char)random.Next(' ', '\u007F');
            }

            if (chars.Length > 0 && random.Next(4) == 0)
            {
                chars[chars.Length - 1] = '\n';
            }

            var text = new string(chars);
            var lines = LineMap.Create(text);
            Assert.Equal(ExpectedStarts(text), Enumerable.Range(0, lines.Count).Select(lines.Start).ToArray());
            Assert.Equal(LooksBinary(text), lines.LooksBinary);
        }
    }

    [Theory]
    [InlineData(40)]
    [InlineData(8)]
    public void A_text_too_large_for_the_kept_table_gets_the_starts_and_lines_a_look_at_each_character_gives(int lineLength)
    {
        // Over two million characters: the table is made once for the lines such a text is likely to have, and kept
        // by the map with its unused end. Short lines overflow that guess, so that the table also grows.
        var line = new string('x', lineLength - 1) + "\n";
        var text = string.Concat(Enumerable.Repeat(line, (2_200_000 / lineLength) + 1)) + "FROM scratch";

        var lines = LineMap.Create(text);

        var expected = ExpectedStarts(text);
        Assert.Equal(expected, Enumerable.Range(0, lines.Count).Select(lines.Start).ToArray());
        Assert.Equal(lines.Count - 1, lines.GetLineIndex(text.Length));
        Assert.Equal(text.Length, lines.End(lines.Count - 1));
        Assert.Equal(lines.Count - 2, lines.GetPosition(expected[^2] + 1).Line);
        Assert.Throws<System.ArgumentOutOfRangeException>(() => lines.Start(lines.Count));
    }

    // A NUL, or more than a tenth of the characters control characters (other than blanks, ESC and line breaks) or U+FFFD.
    private static bool LooksBinary(string text)
    {
        var suspicious = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return true;
            }

            var lineBreak = c == '\n' || (c == '\r' && (i + 1 == text.Length || text[i + 1] != '\n'));
            if (!lineBreak && ((char.IsControl(c) && c is not ('\t' or '\r' or '\f' or '\v' or '\u001B')) || c == '\uFFFD'))
            {
                suspicious++;
            }
        }

        return text.Length >= 16 && suspicious * 10 > text.Length;
    }

    [Theory]
    [InlineData("FROM a\nRUN b\n")]
    [InlineData("FROM a\r\nRUN b \\\r\n  c\r\n")]
    [InlineData("FROM a\rRUN b\r")]
    [InlineData("FROM a\n\u00A0\u00A0RUN b\n")]
    [InlineData("FROM a\nRUN b \\\n\n  # c\n  d\t\\ \t\n  e")]
    public void An_instruction_is_read_from_its_lines_with_blanks_and_breaks_of_any_kind(string text)
    {
        var syntax = DockerfileParser.Parse(text);

        Assert.Equal(2, syntax.Instructions.Count);
        Assert.Equal("a", syntax.Instructions[0].ArgumentsText);
        Assert.StartsWith("b", syntax.Instructions[1].ArgumentsText, StringComparison.Ordinal);
        Assert.Equal(InstructionKind.Run, syntax.Instructions[1].Kind);
    }

    [Theory]
    [InlineData("RUN --mount=type=cache,target=/x go build", "mount", "--mount=type=cache,target=/x", "type=cache,target=/x", "go build")]
    [InlineData("RUN --network=none\u00A0true", "network", "--network=none", "none", "true")]
    [InlineData("RUN --mount=type=secret,id=\"a b\" cat", "mount", "--mount=type=secret,id=a b", "type=secret,id=a b", "cat")]
    [InlineData("RUN --mount=type=bind,src=x\\ y z", "mount", "--mount=type=bind,src=x y", "type=bind,src=x y", "z")]
    [InlineData("COPY --LINK a b", "link", "--LINK", null, "a b")]
    [InlineData("COPY --chmod=755\u0001x a b", "chmod", "--chmod=755\u0001x", "755\u0001x", "a b")]
    [InlineData("COPY --from=é a b", "from", "--from=é", "é", "a b")]
    public void Flags_are_read_up_to_an_unquoted_blank(string text, string name, string flagText, string? value, string arguments)
    {
        var instruction = Assert.Single(DockerfileParser.Parse(text).Instructions);

        var flag = Assert.Single(instruction.Flags);
        Assert.Equal(name, flag.Name);
        Assert.Equal(flagText, flag.Text);
        Assert.Equal(value, flag.Value);
        Assert.Equal(arguments, instruction.ArgumentsText);
    }

    [Theory]
    [InlineData(0, 0, '\\')]
    [InlineData(2039, 2047, '`')]
    [InlineData(2040, 0, '\\')]
    [InlineData(0, 2048, '`')]
    [InlineData(3000, 3000, '\\')]
    public void An_instructions_starts_and_escape_read_back_whether_or_not_they_fit_its_packed_int(int gap, int flagLength, char escape)
    {
        // The trigger's keyword starts after ONBUILD and the gap; its flag, padded out, puts its arguments that far past the keyword.
        var flag = flagLength == 0 ? string.Empty : "--mount=type=cache,target=/" + new string('x', flagLength - 28) + " ";
        var text = $"# escape={escape}\nFROM scratch\nONBUILD {new string(' ', gap)}RUN {flag}cat <<EOF {escape}\n  > out\nbody\nEOF\n";
        var onbuild = DockerfileParser.Parse(text).Instructions[1];
        var trigger = onbuild.Inner!.Value;

        Assert.Equal(InstructionKind.Run, trigger.Kind);
        Assert.Equal(0, onbuild.KeywordStart);
        Assert.Equal(8 + gap, onbuild.ArgumentsStart);
        Assert.Equal(8 + gap, trigger.KeywordStart);
        Assert.Equal(8 + gap + 4 + flag.Length, trigger.ArgumentsStart);
        Assert.Equal(flagLength == 0 ? 0 : 1, trigger.Flags.Count);
        Assert.Equal("cat <<EOF   > out", trigger.ArgumentsText);
        Assert.Equal("EOF", Assert.Single(onbuild.Heredocs).Name);
        Assert.Equal("cat <<EOF   > out", Assert.Single(trigger.Words).Value);
    }

    [Theory]
    [InlineData("RUN cat <<EOF", 1)]
    [InlineData("COPY <<EOF /x", 1)]
    [InlineData("add <<EOF /x", 1)]
    [InlineData("ONBUILD RUN cat <<EOF", 1)]
    [InlineData("RUN [\"cat\", \"<<EOF\"]", 0)]
    [InlineData("ONBUILD COPY [\"<<EOF\", \"/x\"]", 0)]
    [InlineData("CMD cat <<EOF", 0)]
    [InlineData("ONBUILD CMD cat <<EOF", 0)]
    [InlineData("ONBUILD", 0)]
    [InlineData("ONBUILD ONBUILD RUN cat <<EOF", 0)]
    [InlineData("ONBUILD ONBUILD COPY <<EOF /x", 0)]
    [InlineData("onbuild copy <<EOF /x", 1)]
    [InlineData("ONBUILD UNKNOWN <<EOF", 0)]
    public void Only_a_shell_form_RUN_COPY_or_ADD_that_runs_reads_heredoc_bodies(string line, int heredocs)
    {
        // The parser tells from the record's packed int (the trigger's for ONBUILD) whether the line may start heredocs.
        var instruction = DockerfileParser.Parse($"FROM scratch\n{line}\nbody\nEOF\n").Instructions[1];

        Assert.Equal(heredocs, instruction.Heredocs.Count);
        Assert.Equal(heredocs == 1 ? 3 : 1, instruction.EndLine);
    }

    [Fact]
    public void Every_trigger_of_a_chain_of_ONBUILDs_ends_where_the_first_does()
    {
        var onbuild = DockerfileParser.Parse("FROM scratch\nONBUILD ONBUILD RUN a \\\n  b\nRUN c\n").Instructions[1];
        var trigger = onbuild.Inner!.Value;
        var last = trigger.Inner!.Value;

        Assert.Equal(InstructionKind.Run, last.Kind);
        Assert.Equal(2, onbuild.EndLine);
        Assert.Equal(2, trigger.EndLine);
        Assert.Equal(2, last.EndLine);
    }

    [Fact]
    public void One_flag_or_pair_kept_as_itself_reads_as_a_list_made_once()
    {
        var text = "FROM scratch\nCOPY --from=a x y\nRUN --mount=type=cache,target=/c cat <<EOF\nbody\nEOF\nCOPY --from=a --link x y\nENV A=1\nARG B=2\n";
        var instructions = DockerfileParser.Parse(text).Instructions;
        var lists = Enumerable.Range(0, 8).AsParallel().Select(_ => instructions.Select(i => (i.Flags, i.KeyValues)).ToArray()).ToArray();
        foreach (var other in lists)
        {
            for (var i = 0; i < instructions.Count; i++)
            {
                Assert.Same(lists[0][i].Flags, other[i].Flags);
                Assert.Same(lists[0][i].KeyValues, other[i].KeyValues);
            }
        }

        Assert.Equal("from", Assert.Single(instructions[1].Flags).Name);
        Assert.Equal("mount", Assert.Single(instructions[2].Flags).Name);
        Assert.Equal("EOF", Assert.Single(instructions[2].Heredocs).Name);
        Assert.Equal(new[] { "from", "link" }, instructions[3].Flags.Select(f => f.Name));
        Assert.Equal("A", Assert.Single(instructions[4].KeyValues).Key.Value);
        Assert.Equal("2", Assert.Single(instructions[5].KeyValues).Value!.Value);
        Assert.Equal("B=2", Assert.Single(instructions[5].Words).Value);
    }

    [Fact]
    public void A_bare_double_dash_ends_the_flags()
    {
        var instruction = Assert.Single(DockerfileParser.Parse("COPY --link -- --from=x b").Instructions);

        Assert.Equal(new[] { "link" }, instruction.Flags.Select(f => f.Name));
        Assert.Equal("--from=x b", instruction.ArgumentsText);
    }

    [Theory]
    [InlineData("ENV A=1 B=\"two words\" C='x y' D=a\\ b", new[] { "A", "B", "C", "D" }, new[] { "1", "\"two words\"", "'x y'", "a\\ b" })]
    [InlineData("ENV A=é\u00A0B=2", new[] { "A", "B" }, new[] { "é", "2" })]
    [InlineData("ENV A=x\\", new[] { "A" }, new[] { "x" })]
    [InlineData("ARG A=\"q\"r B", new[] { "A", "B" }, new[] { "\"q\"r", null })]
    public void Pairs_keep_their_quotes_and_escapes(string text, string[] keys, string?[] values)
    {
        var instruction = Assert.Single(DockerfileParser.Parse(text).Instructions);

        Assert.Equal(keys, instruction.KeyValues.Select(p => p.Key.Value));
        Assert.Equal(values, instruction.KeyValues.Select(p => p.Value?.Value));
    }

    [Theory]
    [InlineData("COPY a\tb\u000Bc  d", new[] { "a", "b", "c", "d" })]
    [InlineData("FROM golang:1.22\u00A0AS build", new[] { "golang:1.22\u00A0AS", "build" })]
    public void Lists_are_split_at_BuildKit_separators_only(string text, string[] words)
    {
        var instruction = Assert.Single(DockerfileParser.Parse(text).Instructions);

        Assert.Equal(words, instruction.Words.Select(w => w.Value));
    }

    [Theory]
    [InlineData("RUN cat <<EOF\nhi\nEOF\n", 1)]
    [InlineData("RUN \\\n  cat <<EOF \\\n  && cat <<-END\nhi\nEOF\n\tEND\n", 2)]
    [InlineData("RUN a < <b <\n", 0)]
    [InlineData("RUN a \\\n <\n", 0)]
    [InlineData("COPY <<one <<two /x\n1\none\n2\ntwo\n", 2)]
    public void Heredocs_are_found_in_lines_read_where_they_lie_and_in_joined_lines(string text, int count)
    {
        var syntax = DockerfileParser.Parse(text);

        Assert.Equal(count, syntax.Instructions[0].Heredocs.Count);
        Assert.All(syntax.Instructions[0].Heredocs, heredoc => Assert.True(heredoc.IsTerminated));
    }

    [Theory]
    [InlineData("RUN a b c\n")]
    [InlineData("RUN a \\\n  b \\\n\n  c\n")]
    public void Logical_spans_map_to_the_source_as_their_first_and_last_characters_do(string text)
    {
        var line = DockerfileParser.Parse(text).Instructions[0].Line;

        for (var start = 0; start <= line.Length + 1; start++)
        {
            for (var end = 0; end <= line.Length + 2; end++)
            {
                var from = line.ToSource(start);
                var expected = end <= start ? new TextSpan(from, 0) : TextSpan.FromBounds(from, Math.Max(from, line.ToSource(end - 1) + 1));
                Assert.Equal(expected, line.ToSource(start, end));
            }
        }
    }

    [Fact]
    public void Lists_are_split_at_their_separators_wherever_they_fall()
    {
        var random = new Random(99);
        var pool = new[] { "a", "bc", "defgh", "!", "\"", "\u00A0", "\u8000", "\u8020", "\u8021", " ", "\t", "\v", "\f", "  " };
        for (var round = 0; round < 500; round++)
        {
            var arguments = new System.Text.StringBuilder("x");
            var count = random.Next(0, 30);
            for (var i = 0; i < count; i++)
            {
                arguments.Append(pool[random.Next(pool.Length)]);
            }

            var text = arguments.ToString().TrimEnd();
            var instruction = Assert.Single(DockerfileParser.Parse($"COPY {text}\n").Instructions);
            var expected = text.Split(new[] { ' ', '\t', '\v', '\f', '\r' }, StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(expected, instruction.Words.Select(w => w.Value));
        }
    }

    [Fact]
    public void Words_keep_quotes_and_escapes_wherever_they_fall()
    {
        var random = new Random(7);
        var pool = new[] { "a", "bcdefgh", "=", "$X", "\"", "'", "\\", " ", "\t", "\u00A0", "\u0085", "\u8000", "~", "!" };
        for (var round = 0; round < 500; round++)
        {
            var arguments = new System.Text.StringBuilder("k");
            var count = random.Next(0, 30);
            for (var i = 0; i < count; i++)
            {
                arguments.Append(pool[random.Next(pool.Length)]);
            }

            // (An escape character ending the line would continue it.)
            var text = arguments.ToString().TrimEnd() + "z";
            var instruction = Assert.Single(DockerfileParser.Parse($"ARG {text}\n").Instructions);
            Assert.Equal(ExpectedWords(text, '\\'), instruction.Words.Select(w => w.Value));
        }
    }

    [Theory]
    [InlineData('\\')]
    [InlineData('`')]
    public void Long_words_read_a_vector_at_a_time_keep_quotes_and_escapes_as_one_at_a_time(char escape)
    {
        var random = new Random(17);
        var pool = new[] { "abcdefghijklmnopq", "x", "=", "\"", "'", "\\", "`", " ", "\u00E9", "~!\u007F", "0123456" };
        for (var round = 0; round < 500; round++)
        {
            var arguments = new System.Text.StringBuilder("k");
            var count = random.Next(0, 20);
            for (var i = 0; i < count; i++)
            {
                arguments.Append(pool[random.Next(pool.Length)]);
            }

            // (An escape character ending the line would continue it.)
            var text = arguments.ToString().TrimEnd() + "z";
            var instruction = Assert.Single(DockerfileParser.Parse($"# escape={escape}\nARG {text}\n").Instructions);
            Assert.Equal(ExpectedWords(text, escape), instruction.Words.Select(w => w.Value));
        }
    }

    [Fact]
    public void Long_exec_form_strings_read_a_vector_at_a_time_decode_as_JSON_does()
    {
        var random = new Random(53);
        var pool = new[] { "abcdefghijklmnopq", "x", " ", "!", "\\\"", "\\\\", "\\n", "\\u00e9", "\u00E9", "\u8000", "#~" };
        for (var round = 0; round < 500; round++)
        {
            var strings = new string[random.Next(1, 4)];
            for (var s = 0; s < strings.Length; s++)
            {
                var body = new System.Text.StringBuilder();
                var count = random.Next(0, 10);
                for (var i = 0; i < count; i++)
                {
                    body.Append(pool[random.Next(pool.Length)]);
                }

                strings[s] = "\"" + body + "\"";
            }

            var json = "[" + string.Join(", ", strings) + "]";
            var instruction = Assert.Single(DockerfileParser.Parse($"CMD {json}\n").Instructions);
            Assert.True(instruction.IsJsonForm);
            Assert.Equal(System.Text.Json.JsonSerializer.Deserialize<string[]>(json), instruction.Words.Select(w => w.Value));
        }
    }

    [Fact]
    public void Heredoc_markers_after_long_words_are_found_as_after_short_ones()
    {
        var random = new Random(71);
        var pool = new[] { "abcdefghijklmnopq", "x", "'a b'", "\"c d\"", "\\ ", "&&", "<<EOF", "<<-EOF", "2<<EOF" };
        for (var round = 0; round < 300; round++)
        {
            var words = new string[random.Next(1, 8)];
            for (var i = 0; i < words.Length; i++)
            {
                words[i] = pool[random.Next(pool.Length)] + pool[random.Next(2)];
            }

            var line = string.Join(" ", words);
            var expected = words.Count(word => word.StartsWith("<<", StringComparison.Ordinal) || word.StartsWith("2<<", StringComparison.Ordinal));
            var syntax = DockerfileParser.Parse($"RUN {line}\n" + string.Concat(Enumerable.Repeat("EOFabcdefghijklmnopq\nEOFx\n", expected)));
            Assert.Equal(expected, syntax.Instructions[0].Heredocs.Count);
        }
    }

    [Fact]
    public void Continued_lines_of_any_length_are_joined_whole()
    {
        // Pieces shorter and longer than a vector, each copied into the joined line: the words read from it are the
        // words of the pieces.
        var random = new Random(83);
        for (var round = 0; round < 300; round++)
        {
            var words = new System.Collections.Generic.List<string>();
            var pieces = new string[random.Next(2, 6)];
            for (var p = 0; p < pieces.Length; p++)
            {
                var piece = new System.Text.StringBuilder();
                var count = random.Next(1, 5);
                for (var w = 0; w < count; w++)
                {
                    var word = new string((char)('a' + random.Next(26)), random.Next(1, 20)) + w;
                    words.Add(word);
                    piece.Append(' ').Append(word);
                }

                pieces[p] = piece.ToString();
            }

            var instruction = Assert.Single(DockerfileParser.Parse("COPY" + string.Join(" \\\n", pieces) + "\n").Instructions);
            Assert.Equal(words, instruction.Words.Select(w => w.Value));
        }
    }

    [Fact]
    public void An_equals_sign_is_found_at_any_offset_in_a_word_or_a_flag()
    {
        // The '=' is looked for four characters at a time, then one at a time: before, in and after each group of four,
        // and not at all.
        for (var length = 1; length <= 13; length++)
        {
            var name = new string('k', length);
            var instructions = DockerfileParser.Parse($"FROM scratch\nENV {name}=v\nCOPY --{name}=x --{name} a b\nARG {name}\n").Instructions;
            var pair = Assert.Single(instructions[1].KeyValues);
            var flags = instructions[2].Flags;

            Assert.Equal(name, pair.Key.Value);
            Assert.Equal("v", pair.Value!.Value);
            Assert.Equal(name, flags[0].Name);
            Assert.Equal("x", flags[0].Value);
            Assert.Equal(name, flags[1].Name);
            Assert.Null(flags[1].Value);
            Assert.Null(Assert.Single(instructions[3].KeyValues).Value);
        }
    }

    [Fact]
    public void Continuation_lines_indented_by_any_run_of_spaces_and_tabs_are_told_apart_at_their_first_non_blank()
    {
        // Indentation stepped over four spaces at a time, then one character at a time: a comment, a blank line and a
        // piece each found past any mix of spaces and tabs.
        var random = new Random(97);
        for (var round = 0; round < 300; round++)
        {
            var text = new StringBuilder("FROM scratch\nRUN a \\\n");
            var comments = 0;
            var blanks = 0;
            var pieces = 1;
            for (var line = random.Next(1, 6); line > 0; line--)
            {
                var indentation = new StringBuilder();
                for (var i = random.Next(0, 13); i > 0; i--)
                {
                    indentation.Append(random.Next(4) == 0 ? '\t' : ' ');
                }

                switch (random.Next(3))
                {
                    case 0:
                        comments++;
                        text.Append(indentation).Append("# c\n");
                        break;
                    case 1:
                        blanks++;
                        text.Append(indentation).Append('\n');
                        break;
                    default:
                        pieces++;
                        text.Append(indentation).Append("b \\\n");
                        break;
                }
            }

            pieces++;
            text.Append("  c\n");
            var syntax = DockerfileParser.Parse(text.ToString());
            var instruction = syntax.Instructions[1];

            Assert.Equal(comments, syntax.Comments.Count);
            Assert.Equal(pieces, instruction.Line.PieceCount);
            Assert.Equal(blanks > 0, syntax.Diagnostics.Any(d => d.Code == "empty-continuation-line"));
        }
    }

    [Theory]
    [InlineData("RUN --mount=type=cache,target=\"/a,b\",ID=x,ro cmd\n")]
    [InlineData("RUN \\\n  --mount=type=cache,target=\"/a,b\",ID=x,ro cmd\n")]
    [InlineData("FROM a\nRUN --mount=type=cache,target=\"/a,b\",ID=x,ro \\\n  cmd\n")]
    public void Flag_options_read_where_the_line_lies_or_from_its_joined_text_are_the_same(string text)
    {
        var syntax = DockerfileParser.Parse(text);
        var instruction = syntax.Instructions[syntax.Instructions.Count - 1];
        var flag = Assert.Single(instruction.Flags);

        Assert.Equal(new[] { "type", "target", "id", "ro" }, flag.Options.Select(o => o.Key));
        Assert.Equal(new[] { "cache", "/a,b", "x", null }, flag.Options.Select(o => o.Value));
        foreach (var option in flag.Options)
        {
            var raw = instruction.Line.Text.Substring(option.Start, option.Length);
            Assert.StartsWith(option.Key, raw.ToLowerInvariant(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Long_flags_read_a_vector_at_a_time_lose_their_quotes_and_escapes_as_one_at_a_time()
    {
        var random = new Random(31);
        var pool = new[] { "mount", "=", "type", ",", "abcdefghijklmnopq", "x", "\"q\"", "'r'", "\\y", "\"a b\"", "~!", "\u00E9" };
        for (var round = 0; round < 500; round++)
        {
            var flag = new System.Text.StringBuilder("--");
            var count = random.Next(1, 12);
            for (var i = 0; i < count; i++)
            {
                flag.Append(pool[random.Next(pool.Length)]);
            }

            var arguments = flag + " cmd";
            var instruction = Assert.Single(DockerfileParser.Parse($"RUN {arguments}\n").Instructions);
            var expected = ExpectedFlagText(arguments);
            var read = Assert.Single(instruction.Flags);
            Assert.Equal(expected, read.Text);
            Assert.Equal(expected.IndexOf('=') < 0 ? null : expected.Substring(expected.IndexOf('=') + 1), read.Value);
        }
    }

    // BuildKit's flag word, one character at a time: up to an unquoted blank, quotes removed, and '\\' keeping the
    // character after it (and dropped at the end).
    private static string ExpectedFlagText(string arguments)
    {
        var text = new System.Text.StringBuilder();
        var quote = '\0';
        for (var pos = 0; pos < arguments.Length; pos++)
        {
            var c = arguments[pos];
            if (quote == '\0' && char.IsWhiteSpace(c))
            {
                break;
            }

            if (quote == '\0' && (c == '\'' || c == '"'))
            {
                quote = c;
                continue;
            }

            if (quote != '\0' && c == quote)
            {
                quote = '\0';
                continue;
            }

            if (c == '\\')
            {
                if (pos + 1 >= arguments.Length)
                {
                    continue;
                }

                c = arguments[++pos];
            }

            text.Append(c);
        }

        return text.ToString();
    }

    // BuildKit's parseWords, one character at a time: blanks split words outside quotes, the escape character keeps
    // the next one (and itself) in the word outside single quotes, and one ending the text is dropped.
    private static string[] ExpectedWords(string text, char escape)
    {
        var words = new System.Collections.Generic.List<string>();
        var word = new System.Text.StringBuilder();
        var inWord = false;
        var blankOk = false;
        var quote = '\0';
        for (var pos = 0; pos < text.Length; pos++)
        {
            var c = text[pos];
            if (!inWord && char.IsWhiteSpace(c))
            {
                continue;
            }

            inWord = true;
            if (quote == '\0' && char.IsWhiteSpace(c))
            {
                if (blankOk || word.Length > 0)
                {
                    words.Add(word.ToString());
                }

                word.Clear();
                inWord = false;
                blankOk = false;
                continue;
            }

            if (quote == '\0' && (c == '\'' || c == '"'))
            {
                quote = c;
                blankOk = true;
            }
            else if (quote != '\0' && c == quote)
            {
                quote = '\0';
            }
            else if (c == escape && quote != '\'')
            {
                if (pos + 1 == text.Length)
                {
                    continue;
                }

                word.Append(c);
                c = text[++pos];
            }

            word.Append(c);
        }

        if (inWord && (blankOk || word.Length > 0))
        {
            words.Add(word.ToString());
        }

        return words.ToArray();
    }

    [Theory]
    [InlineData("CMD [\"a\\\"b\", \"c\\\\d\", \"\\u0041\\/\"]", true, new[] { "a\"b", "c\\d", "A/" })]
    [InlineData("CMD [\"plain-words_and.more~chars\", \"!\", \" \"]", true, new[] { "plain-words_and.more~chars", "!", " " })]
    [InlineData("CMD [\"a\\q\"]", false, new[] { "[\"a\\q\"]" })]
    [InlineData("CMD [\"a\\u12\"]", false, new[] { "[\"a\\u12\"]" })]
    [InlineData("CMD [\"a\u0001\"]", false, new[] { "[\"a\u0001\"]" })]
    [InlineData("CMD [\"a\\ ]", false, new[] { "[\"a\\ ]" })]
    [InlineData("RUN a  b", false, new[] { "a  b" })]
    [InlineData("RUN [\"a\", \"b\"]", true, new[] { "a", "b" })]
    [InlineData("ENTRYPOINT a b", false, new[] { "a b" })]
    [InlineData("ENTRYPOINT [\"a\"]", true, new[] { "a" })]
    [InlineData("SHELL [\"sh\", \"-c\"]", true, new[] { "sh", "-c" })]
    [InlineData("VOLUME /a /b", false, new[] { "/a", "/b" })]
    [InlineData("VOLUME [\"/a\", \"/b\"]", true, new[] { "/a", "/b" })]
    [InlineData("EXPOSE 80  443/udp", false, new[] { "80", "443/udp" })]
    [InlineData("MAINTAINER a  b", false, new[] { "a  b" })]
    [InlineData("STOPSIGNAL [\"SIGTERM\"]", false, new[] { "[\"SIGTERM\"]" })]
    public void Exec_form_strings_are_read_as_JSON_and_other_arguments_as_written(string text, bool isJsonForm, string[] words)
    {
        // The parser reads no arguments of RUN, ENTRYPOINT, VOLUME, EXPOSE, MAINTAINER or STOPSIGNAL unless they start
        // a JSON array: their words are made when asked for.
        var instruction = Assert.Single(DockerfileParser.Parse(text + "\n").Instructions);

        Assert.Equal(isJsonForm, instruction.IsJsonForm);
        Assert.Equal(words, instruction.Words.Select(w => w.Value));
    }

    [Theory]
    [InlineData("ENV")]
    [InlineData("LABEL")]
    [InlineData("ARG")]
    public void Many_pairs_are_made_where_the_words_go_whether_by_the_parser_or_after_it(string keyword)
    {
        // ENV's and ARG's pairs are made by the parser in the file's table, LABEL's after the parse in a table of
        // their own: both grow past their first room, after an instruction with words of its own.
        var names = Enumerable.Range(0, 40).Select(i => "name" + i).ToArray();
        var text = "FROM alpine AS base\n" + keyword + " " + string.Join(" ", names.Select((name, i) => name + "=v" + i)) + "\nCOPY a b /c/\n";

        var instructions = DockerfileParser.Parse(text).Instructions;
        var pairs = instructions[1].KeyValues;

        Assert.Equal(names, pairs.Select(pair => pair.Key.Value));
        Assert.Equal(names.Select((_, i) => "v" + i), pairs.Select(pair => pair.Value!.Value));
        Assert.Equal(new[] { "alpine", "AS", "base" }, instructions[0].Words.Select(word => word.Value));
        Assert.Equal(new[] { "a", "b", "/c/" }, instructions[2].Words.Select(word => word.Value));
    }

    [Theory]
    [InlineData("WORKDIR /app \t ", "/app")]
    [InlineData("USER me:group\t", "me:group")]
    [InlineData("ONBUILD WORKDIR  /src ", "/src")]
    [InlineData("WORKDIR /a\\\n  b  ", "/a  b")]
    public void A_word_that_is_the_whole_arguments_ends_where_they_end(string line, string value)
    {
        var instruction = Assert.Single(DockerfileParser.Parse(line + "\n").Instructions).Effective;

        var word = Assert.Single(instruction.Words);
        Assert.Equal(value, word.Value);
        Assert.Equal(instruction.ArgumentsEnd, word.End);
        Assert.Equal(instruction.ArgumentsStart, word.Start);
    }

    [Theory]
    [InlineData("RUN", "RUN", "")]
    [InlineData("RUN a", "RUN", "a")]
    [InlineData("COPY\ta b", "COPY", "a b")]
    [InlineData("ENTRYPOINT\v[\"a\"]", "ENTRYPOINT", "[\"a\"]")]
    [InlineData("HEALTHCHECK\fNONE", "HEALTHCHECK", "NONE")]
    [InlineData("RUN\u0001X a", "RUN\u0001X", "a")]
    [InlineData("RU\u0001\u0002NX\u0003 a", "RU\u0001\u0002NX\u0003", "a")]
    [InlineData("FROM\u00A0x y", "FROM\u00A0x", "y")]
    [InlineData("WORKDIR\u0085/a", "WORKDIR\u0085/a", "")]
    public void The_keyword_ends_at_the_first_blank_BuildKit_splits_on(string line, string keyword, string arguments)
    {
        var instruction = Assert.Single(DockerfileParser.Parse(line + "\n").Instructions);

        Assert.Equal(keyword, instruction.Keyword);
        Assert.Equal(arguments, instruction.ArgumentsText);
    }

    [Theory]
    [InlineData("RUN \\\n<<EOF\nbody\nEOF\n", 1)]
    [InlineData("RUN cat \\\n    > /etc/config.txt <<EOF\nbody\nEOF\n", 1)]
    [InlineData("RUN cat > /etc/config.txt \\\n    --flag=1 && cat <<EOF\nbody\nEOF\n", 1)]
    [InlineData("RUN cat <<EOF \\\n  && echo done\nbody\nEOF\n", 1)]
    [InlineData("RUN cat < /etc/config.txt \\\n    && echo < x\nEOF\n", 0)]
    [InlineData("RUN echo a \\\n    && echo b\n<<EOF\n", 0)]
    public void A_continued_line_starts_heredocs_only_when_a_piece_has_a_less_than(string text, int heredocs)
    {
        var instruction = DockerfileParser.Parse(text).Instructions[0];

        Assert.Equal(heredocs, instruction.Heredocs.Count);
    }

    [Fact]
    public void Flags_are_kept_where_they_were_read_even_when_the_table_grows_under_them()
    {
        // The first instruction's flags outgrow the file's table while they are read, however large the table the thread
        // kept; ONBUILD's flags are read before its trigger's, and a quoted flag makes an instruction's flags objects,
        // written over by the next.
        var many = string.Join(" ", Enumerable.Range(0, 30_000).Select(i => "--chown=" + i));
        var text = "FROM alpine\nCOPY " + many + " a b\nONBUILD --x=1 COPY --from=base --chmod=644 c d\nRUN --mount=\"type=cache\" --network=none make\nADD --link e f\n";

        var instructions = DockerfileParser.Parse(text).Instructions;

        Assert.Equal(Enumerable.Range(0, 30_000).Select(i => i.ToString()), instructions[1].Flags.Select(flag => flag.Value));
        Assert.Equal(new[] { "a", "b" }, instructions[1].Words.Select(word => word.Value));
        Assert.Equal(new[] { "x" }, instructions[2].Flags.Select(flag => flag.Name));
        Assert.Equal(new[] { "from", "chmod" }, instructions[2].Inner!.Value.Flags.Select(flag => flag.Name));
        Assert.Equal(new[] { "base", "644" }, instructions[2].Inner!.Value.Flags.Select(flag => flag.Value));
        Assert.Equal(new[] { "type=cache", "none" }, instructions[3].Flags.Select(flag => flag.Value));
        Assert.Equal(new[] { "link" }, instructions[4].Flags.Select(flag => flag.Name));
        Assert.Equal(new[] { "e", "f" }, instructions[4].Words.Select(word => word.Value));
    }

    [Fact]
    public void A_word_or_pair_past_the_last_is_out_of_range()
    {
        var instructions = DockerfileParser.Parse("FROM alpine\nWORKDIR /app\nENV A=1\n").Instructions;

        Assert.Throws<ArgumentOutOfRangeException>(() => instructions[0].ArgumentWords[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => instructions[0].ArgumentWords[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => instructions[1].ArgumentWords[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => instructions[2].PairList[1]);
        Assert.Equal("/app", instructions[1].ArgumentWords[0].Value);
        Assert.Equal("1", instructions[2].PairList[0].Value.Value);
    }

    [Fact]
    public void The_instructions_are_the_records_but_the_triggers_and_each_ends_on_its_last_line()
    {
        var text = "FROM a\nONBUILD RUN x\nONBUILD ONBUILD COPY y z\nRUN <<EOF\nbody\nEOF\nONBUILD RUN <<E\nb\nE\nCMD c \\\n  d\n";

        var instructions = DockerfileParser.Parse(text).Instructions;

        Assert.Equal(
            new[] { InstructionKind.From, InstructionKind.Onbuild, InstructionKind.Onbuild, InstructionKind.Run, InstructionKind.Onbuild, InstructionKind.Cmd },
            instructions.Select(instruction => instruction.Kind));
        Assert.Equal(new[] { 0, 1, 2, 5, 8, 10 }, instructions.Select(instruction => instruction.EndLine));
        Assert.Equal(InstructionKind.Copy, instructions[2].Inner!.Value.Inner!.Value.Kind);
        Assert.Equal(2, instructions[2].Inner!.Value.Inner!.Value.EndLine);
        Assert.Equal(8, instructions[4].Inner!.Value.EndLine);
        Assert.Equal(new[] { 0, 1, 2, 3, 6, 9 }, instructions.Select(instruction => instruction.StartLine));
    }

    [Fact]
    public void Pieces_of_every_length_are_joined_and_their_less_thans_seen_wherever_they_fall()
    {
        for (var length = 0; length < 40; length++)
        {
            for (var at = 0; at <= length; at++)
            {
                var second = new string('b', at) + " <<EOF " + new string('c', length - at);
                var text = "RUN " + new string('a', length) + " \\\n" + second + "\nx\nEOF\n";

                var instruction = Assert.Single(DockerfileParser.Parse(text).Instructions);

                Assert.Equal("RUN " + new string('a', length) + " " + second, instruction.Line.Text);
                var heredoc = Assert.Single(instruction.Heredocs);
                Assert.Equal("EOF", heredoc.Name);
                Assert.True(heredoc.IsTerminated);
            }
        }
    }

    [Fact]
    public void Line_breaks_are_found_past_every_size_the_table_of_starts_grows_through()
    {
        // On a thread of its own, whose parses start with the smallest table of starts.
        SyntaxTablesTests.OnNewThread(FindLineBreaksPastEveryTableSize);
    }

    private static void FindLineBreaksPastEveryTableSize()
    {
        var random = new Random(99);
        var pieces = new[] { "\n", "\n", "\n", "\r\n", "\r", "\t", "x", "RUN a b c d e f g h i j k l", "\u00E9" };
        foreach (var count in new[] { 255, 256, 257, 511, 512, 513, 3000, 20_000 })
        {
            var text = new StringBuilder();
            for (var i = 0; i < count; i++)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            // Lines of one line feed each fill a table of starts exactly at a block's end.
            foreach (var source in new[] { text.ToString(), new string('\n', count) })
            {
                var lines = DockerfileParser.Parse(source).Lines;
                Assert.Equal(ExpectedStarts(source), Enumerable.Range(0, lines.Count).Select(lines.Start).ToArray());
            }
        }
    }

    // LF, CRLF and a lone CR each end a line; a final line break starts no line.
    private static int[] ExpectedStarts(string text)
    {
        var starts = new System.Collections.Generic.List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var endsLine = c == '\n' || (c == '\r' && (i + 1 == text.Length || text[i + 1] != '\n'));
            if (endsLine && i + 1 < text.Length)
            {
                starts.Add(i + 1);
            }
        }

        return starts.ToArray();
    }
}
