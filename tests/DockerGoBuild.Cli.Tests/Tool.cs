using System.IO;
using System.Linq;
using System.Text.Json;

namespace DockerGoBuild.Cli.Tests;

/// <summary>What one in-process run of the tool printed and returned.</summary>
public sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public string[] OutputLines => Output.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();

    public string[] ErrorLines => Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();

    public JsonElement OutputJson => JsonDocument.Parse(Output).RootElement;
}

public static class Tool
{
    public static ToolResult Run(params string[] args) => Run(DockerGoBuild.IO.AtomicFileWriter.Default, args);

    /// <summary>Runs the tool with a given way of replacing fixed files.</summary>
    internal static ToolResult Run(DockerGoBuild.IO.AtomicFileWriter writer, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = Program.Run(args, output, error, writer);
        return new ToolResult(exitCode, output.ToString(), error.ToString());
    }
}

/// <summary>Small Dockerfiles whose findings are known.</summary>
public static class Dockerfiles
{
    /// <summary>No findings: a syntax directive and a valid instruction.</summary>
    public const string Clean = "# syntax=docker/dockerfile:1\nFROM scratch\n";

    /// <summary>One warning, DGB001, on the FROM at line 1 (no syntax directive).</summary>
    public const string MissingSyntax = "FROM scratch\n";

    /// <summary>One warning, DGB000, on the unknown instruction at line 3, columns 1 to 6.</summary>
    public const string UnknownInstructionOnLine3 = "# syntax=docker/dockerfile:1\nFROM scratch\nFROOM x\n";
}
