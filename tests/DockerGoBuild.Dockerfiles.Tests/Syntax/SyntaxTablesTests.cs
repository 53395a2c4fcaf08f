using System;
using System.Linq;
using System.Text;
using System.Threading;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Syntax;

/// <summary>
/// The parser writes a file's instructions into tables the thread keeps from parse to parse (<see cref="SyntaxTables"/>):
/// what one parse leaves in them must never show in the next.
/// </summary>
public class SyntaxTablesTests
{
    // Every instruction has a flag and words, kept in the records' object slots.
    private static readonly string Flagged = "FROM golang AS build\n" + string.Concat(Enumerable.Repeat("RUN --mount=type=cache,target=/root/.cache/go-build go build ./...\nCOPY --from=build /a /b\n", 5000));

    // The same positions without flags or made words.
    private const string Plain = "FROM alpine\nRUN echo hi\nEXPOSE 80\nRUN echo there\nCMD run\n";

    [Fact]
    public void A_parse_after_a_cancelled_one_sees_none_of_its_instructions()
    {
        var expected = Dump(Plain);
        var random = new Random(7);
        var cancelled = 0;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            using var cancellation = new CancellationTokenSource();
            using var started = new ManualResetEventSlim();
            var spins = random.Next(20_000);
            var canceller = new Thread(() =>
            {
                started.Wait();
                Thread.SpinWait(spins);
                cancellation.Cancel();
            });
            canceller.Start();
            try
            {
                started.Set();
                DockerfileParser.Parse(Flagged, cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                cancelled++;
            }

            canceller.Join();
            Assert.Equal(expected, Dump(Plain));
        }

        Assert.True(cancelled > 0, "no parse was cancelled");
    }

    [Fact]
    public void A_small_file_after_a_large_one_and_triggers_after_none_read_back_as_parsed_alone()
    {
        var large = string.Concat(Enumerable.Repeat("ENV A=1 B=2\nRUN --network=none make\n", 20_000));
        var withTriggers = "FROM a\nONBUILD RUN --mount=type=secret,id=x make\nONBUILD ONBUILD COPY . .\nRUN go build\n";
        var expectedLarge = DumpOnNewThread(large);
        var expectedTriggers = DumpOnNewThread(withTriggers);
        var expectedPlain = DumpOnNewThread(Plain);

        Assert.Equal(expectedPlain, Dump(Plain));
        Assert.Equal(expectedLarge, Dump(large));
        Assert.Equal(expectedTriggers, Dump(withTriggers));
        Assert.Equal(expectedPlain, Dump(Plain));
    }

    [Fact]
    public void A_large_file_of_few_instructions_gets_tables_of_a_bounded_size_and_one_of_many_grows_them()
    {
        // Five million lines, nearly all blank or comments: tables made for every line would be 160 MB of records.
        var blank = "FROM scratch\n" + string.Concat(Enumerable.Repeat("\n#\n", 2_500_000)) + "RUN --mount=type=cache,target=/x make\n";
        var sparse = DockerfileParser.Parse(blank);
        Assert.Equal(2, sparse.Instructions.Count);
        Assert.True(sparse.InstructionList.Records.Length <= ((1 << 18) + 1) * SyntaxTables.RecordStride, $"{sparse.InstructionList.Records.Length} ints of records");
        Assert.Equal("mount", Assert.Single(sparse.Instructions[1].Flags).Name);

        // More instructions than the tables are first made for: they grow, and every instruction reads back.
        var dense = DockerfileParser.Parse(string.Concat(Enumerable.Repeat("ENV A=1\n", 300_000)));
        Assert.Equal(300_000, dense.Instructions.Count);
        Assert.Equal("A", dense.Instructions[299_999].KeyValues[0].Key.Value);
        Assert.Equal(299_999, dense.Instructions[299_999].StartLine);
    }

    [Fact]
    public void A_large_file_parsed_in_place_after_another_reuses_its_tables_and_reads_back_as_parsed_alone()
    {
        // Large enough for every table to be past what a thread keeps for good: more lines than records kept, pieces of
        // continued lines, comments and line starts.
        var first = LargeFile(0);
        var second = LargeFile(1);
        var expectedFirst = DumpOnNewThread(first);
        var expectedSecond = DumpOnNewThread(second);

        OnNewThread(() =>
        {
            var syntax = DockerfileParser.ParseInPlace(first, CancellationToken.None, out var tables);
            Assert.Equal(expectedFirst, Dump(syntax));
            var (records, words, pieces, starts) = (syntax.InstructionList.Records, syntax.InstructionList.Words, syntax.InstructionList.Pieces, syntax.Lines.StartTable);
            Assert.True(pieces.Length > 1 << 16 && starts.Length > 1 << 16, $"{pieces.Length} pieces, {starts.Length} starts");
            tables.Release();

            // The test holds the tables, so that no collection frees them: the next parse in place writes over them.
            syntax = DockerfileParser.ParseInPlace(second, CancellationToken.None, out tables);
            Assert.Equal(expectedSecond, Dump(syntax));
            Assert.Same(records, syntax.InstructionList.Records);
            Assert.Same(words, syntax.InstructionList.Words);
            Assert.Same(pieces, syntax.InstructionList.Pieces);
            Assert.Same(starts, syntax.Lines.StartTable);
            tables.Release();
        });
    }

    [Fact]
    public void A_large_file_without_objects_parsed_in_place_again_allocates_next_to_nothing()
    {
        // No heredocs: nothing but the tables, which the second parse finds kept (comments past the bound included).
        var text = string.Concat(Enumerable.Repeat("# step\nRUN --mount=type=cache,target=/x go build \\\n    # inside\n    && go test\nENV A=1\n\n", 8_000));
        long allocated = 0;
        OnNewThread(() =>
        {
            for (var parse = 0; parse < 2; parse++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var syntax = DockerfileParser.ParseInPlace(text, CancellationToken.None, out var tables);
                Assert.Equal(16_000, syntax.Instructions.Count);
                Assert.Equal(16_000, syntax.CommentCount);
                tables.Release();
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }
        });

        Assert.True(allocated < 16 * 1024, $"{allocated} bytes");
    }

    [Fact]
    public void A_large_syntax_parsed_the_usual_way_into_tables_kept_from_a_parse_in_place_keeps_them_as_its_own()
    {
        var first = LargeFile(0);
        var second = LargeFile(1);
        var expectedFirst = DumpOnNewThread(first);

        OnNewThread(() =>
        {
            var inPlace = DockerfileParser.ParseInPlace(second, CancellationToken.None, out var tables);
            var records = inPlace.InstructionList.Records;
            tables.Release();

            // The usual parse takes the tables kept; the parses in place after it make others, not those.
            var kept = DockerfileParser.Parse(first);
            Assert.Same(records, kept.InstructionList.Records);
            for (var round = 0; round < 2; round++)
            {
                inPlace = DockerfileParser.ParseInPlace(second, CancellationToken.None, out tables);
                Assert.NotSame(records, inPlace.InstructionList.Records);
                tables.Release();
            }

            Assert.Equal(expectedFirst, Dump(kept));
        });
    }

    [Fact]
    public void A_thread_keeps_none_of_the_objects_of_a_file_whose_objects_outgrew_the_buffer_it_keeps()
    {
        var texts = ParseAndForget();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // A heredoc keeps its text: none kept by the thread, no text stays reachable.
        Assert.All(texts, text => Assert.False(text.TryGetTarget(out _)));
    }

    // In a method of its own, so that no local of the caller holds the texts.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference<string>[] ParseAndForget()
    {
        // 5,000 heredocs: more objects than the buffer a thread keeps for good holds, in a file of small tables.
        var prototype = "FROM alpine\n" + string.Concat(Enumerable.Repeat("RUN <<EOT\necho hi\nEOT\n", 5_000));
        var usual = new string(prototype.ToCharArray());
        var inPlace = new string(prototype.ToCharArray());
        // A few heredocs first, so that the buffer the thread keeps is not empty when the others outgrow it.
        Assert.Equal(100, DockerfileParser.Parse(prototype.Substring(0, 12 + (100 * 22))).Instructions.Count(instruction => instruction.Heredocs.Count == 1));
        var syntax = DockerfileParser.ParseInPlace(inPlace, CancellationToken.None, out var tables);
        Assert.Equal(5_000, syntax.Instructions.Count(instruction => instruction.Heredocs.Count == 1));
        tables.Release();
        Assert.Equal(5_000, DockerfileParser.Parse(usual).Instructions.Count(instruction => instruction.Heredocs.Count == 1));
        Assert.Equal(Dump(Plain), Dump(Plain));
        return new[] { new WeakReference<string>(usual), new WeakReference<string>(inPlace) };
    }

    [Fact]
    public void A_kept_table_is_taken_once_and_only_if_long_enough()
    {
        var kept = new KeptTable<int>();
        var table = new int[100];
        kept.Keep(table);
        Assert.Same(table, kept.Take(100));
        Assert.NotSame(table, kept.Take(100));

        kept.Keep(table);
        Assert.Equal(101, kept.Take(101).Length);
        Assert.Equal(10, kept.Take(10).Length);

        kept.Keep(table);
        table[0] = 7;
        table[1] = 8;
        table[2] = 9;
        var grown = kept.Grow(new[] { 1, 2, 3 }, 2, 50);
        Assert.Same(table, grown);
        Assert.Equal(new[] { 1, 2, 9 }, grown.Take(3));
    }

    // Some 80,000 lines: instructions of one line, with flags, continued lines, heredocs and comments; variant changes the
    // words, so that a parse that read another file's tables would tell.
    private static string LargeFile(int variant)
    {
        var text = new StringBuilder("FROM golang AS build\n");
        for (var i = 0; i < 8_000; i++)
        {
            text.Append("# step ").Append(i).Append('\n')
                .Append("RUN --mount=type=cache,target=/root/.cache/go-build go build ./cmd/").Append(i + variant).Append(" \\\n")
                .Append("    && go test ./... \\\n")
                .Append("    # a comment inside\n")
                .Append("    && echo done").Append(variant).Append('\n')
                .Append("COPY <<EOT /etc/app").Append(i).Append('\n').Append("key=").Append(variant).Append("\nEOT\n")
                .Append("ENV A").Append(i).Append('=').Append(variant).Append(" B=2\n")
                .Append("\n");
        }

        return text.ToString();
    }

    /// <summary>Runs <paramref name="action"/> on a thread of its own, whose parses find nothing kept by earlier ones; rethrows what it throws.</summary>
    internal static void OnNewThread(Action action)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        });
        thread.Start();
        thread.Join();
        if (failure != null)
        {
            throw new AggregateException(failure);
        }
    }

    [Fact]
    public void Instructions_are_equal_when_they_are_the_same_record_of_the_same_parse()
    {
        var syntax = DockerfileParser.Parse("FROM a\nONBUILD RUN make\n");
        var again = DockerfileParser.Parse("FROM a\nONBUILD RUN make\n");
        var onbuild = syntax.Instructions[1];

        Assert.Equal(onbuild, syntax.Instructions[1]);
        Assert.Equal(onbuild.Inner!.Value, onbuild.Effective);
        Assert.NotEqual(onbuild, onbuild.Effective);
        Assert.NotEqual(onbuild, again.Instructions[1]);
        Assert.Equal(onbuild.Line, onbuild.Effective.Line);
        Assert.NotEqual(syntax.Instructions[0].Line, onbuild.Line);
        Assert.Equal(new[] { InstructionKind.From, InstructionKind.Onbuild }, syntax.Instructions.Select(instruction => instruction.Kind));
    }

    [Fact]
    public void The_analysis_reads_the_same_words_and_pairs_as_the_public_ones_in_every_corpus_file()
    {
        var instructions = 0;
        foreach (var path in Corpus.AllDockerfiles())
        {
            var syntax = DockerfileParser.Parse(DockerfileEncoding.Decode(System.IO.File.ReadAllBytes(path), out _));
            foreach (var outer in syntax.Instructions)
            {
                for (Instruction? at = outer; at is { } instruction; at = instruction.Inner)
                {
                    instructions++;
                    AssertFlagsAgree(instruction);
                    var words = instruction.ArgumentWords;
                    var pairs = instruction.PairList;
                    var publicPairs = instruction.KeyValues;
                    Assert.Equal(publicPairs.Count, pairs.Count);
                    for (var i = 0; i < pairs.Count; i++)
                    {
                        Assert.Equal((publicPairs[i].Key.Start, publicPairs[i].Key.Length, publicPairs[i].Key.Value), (pairs[i].Key.Start, pairs[i].Key.Length, pairs[i].Key.Value));
                        Assert.Equal(publicPairs[i].Value != null, pairs[i].HasValue);
                        Assert.Equal(publicPairs[i].Value?.End ?? publicPairs[i].Key.End, pairs[i].End);
                        Assert.Equal(publicPairs[i].Value?.Value, pairs[i].HasValue ? pairs[i].Value.Value : null);
                    }

                    // An instruction has words or pairs; ARG's public words are its pairs joined again.
                    if (pairs.Count > 0)
                    {
                        Assert.Equal(0, words.Count);
                        continue;
                    }

                    var publicWords = instruction.Words;
                    Assert.Equal(publicWords.Count, words.Count);
                    for (var i = 0; i < words.Count; i++)
                    {
                        Assert.Equal((publicWords[i].Start, publicWords[i].Length, publicWords[i].Value), (words[i].Start, words[i].Length, words[i].Value));
                    }
                }
            }
        }

        Assert.True(instructions > 4000, $"{instructions} instructions");
    }

    [Theory]
    [InlineData("RUN --mount=type=cache,target=/go/pkg/mod --network=none go build\n")]
    [InlineData("Run --mount=type=cache,target=/x make\n")]
    [InlineData("RUN --mount=type=secret,id=npm <<EOF\nnpm ci\nEOF\n")]
    [InlineData("RUN --MOUNT=type=cache,target=/x --mount=\"type=cache,target=/y z\" make\n")]
    [InlineData("RUN --frobnicate --mount=type=cache,target=/x make\n")]
    [InlineData("ONBUILD RUN --mount=type=ssh git clone x\n")]
    [InlineData("COPY --from=build --chmod=755 /a /b\n")]
    [InlineData("RUN -- --mount=type=cache,target=/x make\n")]
    public void Flags_read_the_same_through_the_analysis_and_the_public_objects(string instructionText)
    {
        var syntax = DockerfileParser.Parse("FROM a\n" + instructionText);
        var instruction = syntax.Instructions[1].Effective;

        AssertFlagsAgree(instruction);
        Assert.Same(instruction.Flags, instruction.Flags);
        foreach (var flag in instruction.Flags)
        {
            Assert.Same(instruction.Flags.First(first => first.Name == flag.Name), instruction.FindFlag(flag.Name.ToUpperInvariant()));
            Assert.True(instruction.HasFlag(flag.Name));
        }

        Assert.Null(instruction.FindFlag("nothing"));
        Assert.False(instruction.HasFlag("nothing"));
    }

    private static void AssertFlagsAgree(Instruction instruction)
    {
        var view = instruction.FlagList;
        var flags = instruction.Flags;
        Assert.Equal(flags.Count, view.Count);
        for (var i = 0; i < view.Count; i++)
        {
            Assert.Equal((flags[i].Name, flags[i].Start, flags[i].Length, flags[i].ValueStart, flags[i].SourceSpan), (view[i].Name, view[i].Start, view[i].Length, view[i].ValueStart, view[i].SourceSpan));
            var made = view[i].ToFlag();
            Assert.Equal((flags[i].Text, flags[i].Value), (made.Text, made.Value));
        }
    }

    private static string Dump(string text) => Dump(DockerfileParser.Parse(text));

    private static string Dump(DockerfileSyntax syntax)
    {
        var dump = new StringBuilder(BuildKitDump.Dump(syntax));
        foreach (var instruction in syntax.Instructions)
        {
            var effective = instruction.Effective;
            dump.Append(instruction.Kind).Append(' ').Append(effective.Kind).Append(' ').Append(instruction.Span).Append(' ')
                .Append(string.Join(",", effective.Flags.Select(flag => flag.Text))).Append(' ')
                .Append(string.Join("|", effective.Words.Select(word => word.Value))).Append(' ')
                .Append(string.Join("|", effective.KeyValues.Select(pair => pair.Key.Value + "=" + pair.Value?.Value))).Append(' ')
                .Append(effective.Heredocs.Count).Append('\n');
        }

        return dump.ToString();
    }

    private static string DumpOnNewThread(string text)
    {
        string? dump = null;
        OnNewThread(() => dump = Dump(text));
        return dump!;
    }
}
