using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DockerGoBuild.Dockerfiles.Tests.Robustness;

/// <summary>
/// One kind of hostile file, buildable at any size: <see cref="Make"/> turns a number of repeated units into
/// the file's bytes. <see cref="FullUnits"/> is the size the issue asks for; <see cref="Expected"/> is a parse
/// diagnostic code or rule id the analysis must report, so a test sees that the file was really read.
/// </summary>
public sealed class PathologicalShape
{
    public PathologicalShape(string name, int fullUnits, string expected, Func<int, byte[]> make)
    {
        Name = name;
        FullUnits = fullUnits;
        Expected = expected;
        Make = make;
    }

    public string Name { get; }

    public int FullUnits { get; }

    public string Expected { get; }

    public Func<int, byte[]> Make { get; }

    /// <summary>The same shape at about <paramref name="bytes"/> bytes (at least one unit).</summary>
    public byte[] OfSize(int bytes)
    {
        var probe = Make(100);
        var perUnit = Math.Max(1.0, (double)probe.Length / 100);
        return Make(Math.Max(1, (int)(bytes / perUnit)));
    }

    public override string ToString() => Name;
}

/// <summary>The pathological inputs of issue #7, and shapes that once made the analysis super-linear (the last six).</summary>
public static class PathologicalInputs
{
    public const int Megabyte = 1024 * 1024;

    public static readonly IReadOnlyList<PathologicalShape> All = new[]
    {
        new PathologicalShape("10 MB single line", 10 * Megabyte / 23, "DGB010", units =>
            Text("FROM golang:1.22\nRUN " + Repeat("go build ./... && echo ", units) + "true\n")),
        new PathologicalShape("200,000 continuation lines in one RUN", 200_000, "DGB011", units =>
            Text("FROM golang:1.22\nRUN set -e \\\n" + Repeat("  && go build -o /out/x ./cmd/x \\\n", units) + "  && true\n")),
        new PathologicalShape("200,000 continuation lines, each command's substitution on the line after it", 100_000, "DGB011", units =>
            Text("FROM golang:1.22\nRUN set -e \\\n" + Repeat("  && echo built \\\n  $(go build -o /out/x ./cmd/x) \\\n", units) + "  && true\n")),
        new PathologicalShape("50,000 heredocs", 50_000, "DGB010", units =>
            Text("# syntax=docker/dockerfile:1\nFROM golang:1.22\n" + Repeat("RUN <<EOF\ngo build ./...\nEOF\n", units))),
        new PathologicalShape("50,000 heredocs on one RUN", 50_000, "unterminated-heredoc", units =>
            Text("FROM golang:1.22\nRUN cat" + Repeat(" <<E", units) + "\n" + Repeat("x\nE\n", units - 1))),
        new PathologicalShape("unterminated heredoc at the top of a large file", 10 * Megabyte / 19, "unterminated-heredoc", units =>
            Text("FROM golang:1.22\nRUN <<EOF\n" + Repeat("RUN go build ./...\n", units))),
        new PathologicalShape("1 MB of random bytes", Megabyte, "unknown-instruction", RandomBytes),
        new PathologicalShape("NUL bytes", 4 * Megabyte / 24, "unknown-instruction", units =>
            Text(Repeat("FROM\0 golang\nRUN go\0build\0\n", units))),
        new PathologicalShape("invalid UTF-8", 4 * Megabyte / 25, "DGB010", InvalidUtf8),
        new PathologicalShape("lone CR line endings", 4 * Megabyte / 29, "DGB010", units =>
            Text("FROM golang:1.22\r" + Repeat("RUN go build ./...\rENV A=b\r", units))),
        new PathologicalShape("deeply nested JSON arrays in CMD", 2 * Megabyte, "invalid-json", units =>
            Text("FROM golang:1.22\nCMD " + new string('[', units) + new string(']', units) + "\n")),
        new PathologicalShape("JSON arrays nested just under the depth limit in CMD", 200, "json-not-strings", units =>
            Text("FROM golang:1.22\n" + Repeat("CMD [" + new string('[', 9_000) + new string(']', 9_000) + "]\n", units))),
        new PathologicalShape("100,000-option --mount", 100_000, "DGB010", units =>
            Text("FROM golang:1.22\nRUN --mount=type=cache,target=/go/pkg/mod" + Repeat(",sharing=locked,uid=0,target=/x", units) + " go build ./...\n")),
        new PathologicalShape("100,000 ENVs that each extend the last", 100_000, "DGB010", units =>
            Text("FROM golang:1.22\nENV A=x\n" + Repeat("ENV A=$A:bbbbbbbbbb\n", units) + "RUN go build ./...\n")),
        new PathologicalShape("200,000 relative WORKDIRs", 200_000, "DGB010", units =>
            Text("FROM golang:1.22\n" + Repeat("WORKDIR a\n", units) + "RUN go build ./...\n")),
        new PathologicalShape("100,000 distinct ENVs", 100_000, "DGB010", units =>
            Text("FROM golang:1.22\n" + string.Concat(Enumerable.Range(0, units).Select(i => $"ENV V{i}=$V{i / 2}\n")) + "RUN go build ./...\n")),
        new PathologicalShape("50,000 secret ARGs, each used by a RUN", 50_000, "DGB031", units =>
            Text("FROM golang:1.22\n" + string.Concat(Enumerable.Range(0, units).Select(i => $"ARG TOKEN{i}\nRUN echo $TOKEN{i / 2}\n")))),
        new PathologicalShape("100,000 go env -w", 100_000, "DGB010", units =>
            Text("FROM golang:1.22\n" + string.Concat(Enumerable.Range(0, units).Select(i => $"RUN go env -w GOFLAG{i}=x\n")) + "RUN go build ./...\n")),
        new PathologicalShape("50,000 COPYs of a secret file", 50_000, "DGB030", units =>
            Text("FROM golang:1.22\n" + Repeat("COPY id_rsa /root/.ssh/\n", units) + "RUN go build ./...\n")),
    };

    /// <summary>A large file of the given shape for cancellation tests: many instructions that keep every rule busy.</summary>
    public static string LargeDockerfile(int bytes) =>
        Encoding.UTF8.GetString(new PathologicalShape("busy", 0, string.Empty, units =>
            Text("# syntax=docker/dockerfile:1\nFROM golang:1.22 AS build\n" + Repeat("ARG V=1\nENV GOFLAGS=-mod=mod\nCOPY go.mod go.sum ./\nRUN --mount=type=cache,target=/go/pkg/mod go mod download && go build -o /out/app ./cmd/app && echo \"$V\"\n", units))).OfSize(bytes));

    public static string Repeat(string unit, int count)
    {
        var builder = new StringBuilder(unit.Length * Math.Max(count, 0));
        for (var i = 0; i < count; i++)
        {
            builder.Append(unit);
        }

        return builder.ToString();
    }

    private static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(count).NextBytes(bytes);
        return bytes;
    }

    // Lines of a real-looking Dockerfile with a byte sequence no UTF-8 decoder accepts (0xC3 0x28), so the
    // whole file falls back to Latin-1 and must still round-trip byte for byte.
    private static byte[] InvalidUtf8(int units)
    {
        var line = Encoding.ASCII.GetBytes("RUN go build ./... # x\n");
        var bytes = new List<byte>(Encoding.ASCII.GetBytes("FROM golang:1.22\n"));
        for (var i = 0; i < units; i++)
        {
            bytes.AddRange(line.Take(line.Length - 1));
            bytes.Add(0xC3);
            bytes.Add(0x28);
            bytes.Add((byte)'\n');
        }

        return bytes.ToArray();
    }
}
