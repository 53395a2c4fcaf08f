using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Syntax;

/// <summary>Every corpus file parses without an exception, and the model accounts for every byte.</summary>
public class CorpusRoundTripTests
{
    public static IEnumerable<object[]> Files() =>
        Corpus.AllDockerfiles().Select(path => new object[] { Path.GetRelativePath(Corpus.Root, path) });

    [Fact]
    public void The_corpus_is_there()
    {
        Assert.True(Corpus.RealDockerfiles().Count() >= 300);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parses_and_round_trips_byte_for_byte(string relativePath)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Corpus.Root, relativePath));
        var text = DockerfileEncoding.Decode(bytes, out var encoding);
        var syntax = DockerfileParser.Parse(text);

        Assert.Equal(bytes, DockerfileEncoding.Encode(ModelText.Rebuild(syntax), encoding));
        ModelText.AssertConsistent(syntax);
    }
}

/// <summary>Rebuilds a file from its model and checks that every span and position agrees with the text.</summary>
internal static class ModelText
{
    /// <summary>The file as instruction spans and the text between them (comments, blank lines, line breaks).</summary>
    public static string Rebuild(DockerfileSyntax syntax)
    {
        var builder = new StringBuilder(syntax.Text.Length);
        var position = 0;
        foreach (var instruction in syntax.Instructions)
        {
            builder.Append(syntax.Text, position, instruction.Span.Start - position);
            builder.Append(syntax.Text, instruction.Span.Start, instruction.Span.Length);
            position = instruction.Span.End;
        }

        builder.Append(syntax.Text, position, syntax.Text.Length - position);
        return builder.ToString();
    }

    public static void AssertConsistent(DockerfileSyntax syntax)
    {
        var text = syntax.Text;
        var previousEnd = 0;
        foreach (var instruction in syntax.Instructions)
        {
            // Instructions are ordered and do not overlap.
            Assert.True(instruction.Span.Start >= previousEnd, $"instruction at {instruction.Span} overlaps the previous one");
            Assert.True(instruction.Span.End <= text.Length);
            previousEnd = instruction.Span.End;

            // The keyword is where the model says it is, and the joined line is made of the source pieces.
            // (A keyword split by a continuation is joined in the logical line; its source span covers the continuation.)
            Assert.Equal(instruction.Keyword, instruction.Line.Text.Substring(instruction.KeywordStart, instruction.Keyword.Length));
            Assert.Equal(instruction.Line.ToSource(instruction.KeywordStart), instruction.KeywordSpan.Start);
            if (instruction.KeywordSpan.Length == instruction.Keyword.Length)
            {
                Assert.Equal(instruction.Keyword, text.Substring(instruction.KeywordSpan.Start, instruction.KeywordSpan.Length));
            }

            var joined = new StringBuilder();
            for (var i = 0; i < instruction.Line.PieceCount; i++)
            {
                var piece = instruction.Line.PieceSourceSpan(i);
                // A continuation line keeps its indentation, so pieces before the keyword may hold blanks (and only blanks).
                var before = Math.Min(piece.End, instruction.Span.Start) - piece.Start;
                var blanksBefore = before <= 0 || string.IsNullOrWhiteSpace(text.Substring(piece.Start, before));
                Assert.True(instruction.Span.Contains(piece) || piece.IsEmpty || (blanksBefore && piece.End <= instruction.Span.End), $"piece {piece} outside {instruction.Span}");
                joined.Append(text, piece.Start, piece.Length);
            }

            Assert.Equal(instruction.Line.Text, joined.ToString());
            Assert.Equal(instruction.StartLine, syntax.Lines.GetLineIndex(instruction.Span.Start));

            foreach (var flag in instruction.Flags)
            {
                Assert.True(instruction.Span.Contains(flag.SourceSpan));
            }

            foreach (var heredoc in instruction.Heredocs)
            {
                Assert.True(heredoc.BodySpan.End <= text.Length);
                Assert.Equal(heredoc.Content, text.Substring(heredoc.BodySpan.Start, heredoc.BodySpan.Length));
            }
        }

        foreach (var comment in syntax.Comments)
        {
            Assert.Equal('#', text[comment.Span.Start]);
        }

        foreach (var diagnostic in syntax.Diagnostics)
        {
            Assert.True(diagnostic.Span.End <= text.Length);
        }
    }
}
