using DockerGoBuild.Cli.Lint;
using System.CommandLine;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Cli;

/// <summary><c>dockergobuild parse FILE --format buildkit</c>: prints the parse as BuildKit's parser tests do.</summary>
internal static class ParseCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("file") { Description = "The Dockerfile to parse." };
        var format = new Option<string>("--format")
        {
            Description = "Output layout: buildkit (the S-expression dump of BuildKit's parser tests).",
            DefaultValueFactory = _ => "buildkit",
        };
        format.AcceptOnlyFromAmong("buildkit");

        var command = new Command("parse", "Parse a Dockerfile and print its syntax tree, or its parse errors.") { file, format };
        command.SetAction(result => Execute(result.GetValue(file)!, output, error));
        return command;
    }

    private static int Execute(FileInfo file, TextWriter output, TextWriter error)
    {
        if (!new SourceFile(error).TryRead(new DockerfileInput(file.ToString(), file.FullName, FoundBySearch: false), out var text, out _))
        {
            return ExitCodes.BadUsage;
        }

        var syntax = DockerfileParser.Parse(text);
        if (syntax.HasErrors)
        {
            foreach (var diagnostic in syntax.Diagnostics)
            {
                if (diagnostic.Severity == ParseSeverity.Error)
                {
                    var position = syntax.Lines.GetPosition(diagnostic.Span.Start);
                    error.WriteLine($"{file}{position}: error {diagnostic.Code}: {diagnostic.Message}");
                }
            }

            return ExitCodes.Findings;
        }

        output.Write(BuildKitDump.Dump(syntax));
        return ExitCodes.Success;
    }
}
