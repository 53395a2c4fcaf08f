using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using CsCheck;

namespace DockerGoBuild.Dockerfiles.Tests.Robustness;

/// <summary>
/// Damages real Dockerfiles the way editors, merges and truncated downloads do: lines deleted, duplicated or
/// swapped, the file cut short, random bytes inserted (invalid UTF-8 included), the escape directive flipped,
/// unterminated quotes, heredoc markers and JSON brackets inserted, line endings changed. Works on bytes, so
/// the round trip through <c>DockerfileEncoding</c> is part of what is tested.
/// </summary>
public static class CorpusMutator
{
    private static readonly Lazy<byte[][]> Files = new(() => Corpus.AllDockerfiles().Select(File.ReadAllBytes).ToArray());

    /// <summary>Every corpus Dockerfile (real ones and BuildKit's cases), as bytes.</summary>
    public static IReadOnlyList<byte[]> CorpusFiles => Files.Value;

    /// <summary>A corpus file with one to three mutations applied in turn.</summary>
    public static Gen<byte[]> Mutated =>
        Gen.Select(Gen.Int[0, CorpusFiles.Count - 1], MutationGen.Array[1, 3], (file, mutations) =>
        {
            var bytes = CorpusFiles[file];
            foreach (var mutation in mutations)
            {
                bytes = mutation.Apply(bytes);
            }

            return bytes;
        });

    private static readonly string[] Insertions =
    {
        "\"", "'", "`", "\\", " <<EOF", " <<-EOF", "<<'EOF'", "[", "]", "[\"", "\"]", "{", "${", "$(", "--mount=",
        ",", "=", "#", "\0", "\r", "\n", "\r\n", "\\\n", "`\n", "ONBUILD ", "RUN ", "FROM ", "# escape=`\n", "\uFEFF",
    };

    private static Gen<Mutation> MutationGen =>
        Gen.Select(
            Gen.Int[0, (int)MutationKind.Count - 1],
            Gen.Int[0, int.MaxValue],
            Gen.Int[0, int.MaxValue],
            Gen.Byte.Array[1, 16],
            (kind, first, second, bytes) => new Mutation((MutationKind)kind, first, second, bytes));

    private enum MutationKind
    {
        DeleteLine,
        DuplicateLine,
        SwapLines,
        Cut,
        InsertBytes,
        FlipEscape,
        InsertText,
        LineEndings,
        ContinueLine,
        Count,
    }

    private sealed record Mutation(MutationKind Kind, int First, int Second, byte[] Bytes)
    {
        public byte[] Apply(byte[] input)
        {
            switch (Kind)
            {
                case MutationKind.Cut:
                    return input.AsSpan(0, At(First, input.Length + 1)).ToArray();
                case MutationKind.InsertBytes:
                    return Insert(input, At(First, input.Length + 1), Bytes);
                case MutationKind.InsertText:
                    return Insert(input, At(First, input.Length + 1), Encoding.UTF8.GetBytes(Insertions[At(Second, Insertions.Length)]));
                case MutationKind.FlipEscape:
                    return FlipEscape(input);
                case MutationKind.LineEndings:
                    return ChangeLineEndings(input, Second % 3);
            }

            var lines = SplitLines(input);
            if (lines.Count == 0)
            {
                return input;
            }

            var line = At(First, lines.Count);
            switch (Kind)
            {
                case MutationKind.DeleteLine:
                    lines.RemoveAt(line);
                    break;
                case MutationKind.DuplicateLine:
                    lines.Insert(line, lines[line]);
                    break;
                case MutationKind.SwapLines:
                    var other = At(Second, lines.Count);
                    (lines[line], lines[other]) = (lines[other], lines[line]);
                    break;
                case MutationKind.ContinueLine:
                    lines[line] = AddContinuation(lines[line], Second % 2 == 0 ? (byte)'\\' : (byte)'`');
                    break;
            }

            return lines.SelectMany(bytes => bytes).ToArray();
        }

        private static int At(int random, int count) => count == 0 ? 0 : random % count;

        private static byte[] Insert(byte[] input, int position, byte[] inserted)
        {
            var output = new byte[input.Length + inserted.Length];
            input.AsSpan(0, position).CopyTo(output);
            inserted.CopyTo(output.AsSpan(position));
            input.AsSpan(position).CopyTo(output.AsSpan(position + inserted.Length));
            return output;
        }

        // Lines with their line breaks, so joining them gives the input back.
        private static List<byte[]> SplitLines(byte[] input)
        {
            var lines = new List<byte[]>();
            var start = 0;
            for (var i = 0; i < input.Length; i++)
            {
                if (input[i] == '\n' || (input[i] == '\r' && (i + 1 == input.Length || input[i + 1] != '\n')))
                {
                    lines.Add(input.AsSpan(start, i + 1 - start).ToArray());
                    start = i + 1;
                }
            }

            if (start < input.Length)
            {
                lines.Add(input.AsSpan(start).ToArray());
            }

            return lines;
        }

        // A file that declares `# escape=`` loses the directive; any other gains it, so its backslashes stop continuing lines.
        private static byte[] FlipEscape(byte[] input)
        {
            var text = Encoding.Latin1.GetString(input);
            var directive = text.IndexOf("# escape=`", StringComparison.Ordinal);
            var flipped = directive >= 0 ? text.Remove(directive, "# escape=`".Length).Insert(directive, "# escape=\\") : "# escape=`\n" + text;
            return Encoding.Latin1.GetBytes(flipped);
        }

        private static byte[] ChangeLineEndings(byte[] input, int style)
        {
            var text = Encoding.Latin1.GetString(input).Replace("\r\n", "\n");
            return Encoding.Latin1.GetBytes(style switch
            {
                0 => text.Replace("\n", "\r\n"),
                1 => text.Replace("\n", "\r"),
                _ => text.Replace("\n", "\r\n").Replace("\r\n\r\n", "\r\n\n").Replace("\r\n\r\n", "\r\r"),
            });
        }

        private static byte[] AddContinuation(byte[] line, byte escape)
        {
            var contentEnd = line.Length;
            while (contentEnd > 0 && (line[contentEnd - 1] == '\n' || line[contentEnd - 1] == '\r'))
            {
                contentEnd--;
            }

            return Insert(line, contentEnd, new[] { (byte)' ', escape });
        }
    }
}
