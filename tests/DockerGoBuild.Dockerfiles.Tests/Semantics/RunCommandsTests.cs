using System.Collections.Generic;
using System.Linq;
using DockerGoBuild.Dockerfiles.Semantics;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Semantics;

/// <summary>What the commands of a RUN carry: every command its name and variables, go, xx-go and dotnet also their arguments and span.</summary>
public class RunCommandsTests
{
    [Fact]
    public void Commands_whose_arguments_are_read_carry_them_and_their_span()
    {
        const string text = "FROM golang\nRUN apt-get install -y git && \\\n  CGO_ENABLED=0 go build -o /app . && xx-go --wrap && dotnet restore\n";
        var commands = CommandsOf(text);

        var go = commands.Single(command => command.Name == "go");
        Assert.Equal(new[] { "build", "-o", "/app", "." }, go.Arguments);
        Assert.Equal("CGO_ENABLED=0 go build -o /app .", text.Substring(go.Span.Start, go.Span.Length));
        Assert.Equal("0", go.Variables["CGO_ENABLED"]);
        Assert.Equal(new[] { "--wrap" }, commands.Single(command => command.Name == "xx-go").Arguments);
        var dotnet = commands.Single(command => command.Name == "dotnet");
        Assert.Equal(new[] { "restore" }, dotnet.Arguments);
        Assert.Equal("dotnet restore", text.Substring(dotnet.Span.Start, dotnet.Span.Length));
    }

    [Fact]
    public void Other_commands_carry_their_name_and_variables_only()
    {
        var commands = CommandsOf("FROM alpine\nRUN export GOPATH=/go; HOME=/root apk add --no-cache git\n");

        Assert.Equal(new[] { "export", "apk" }, commands.Select(command => command.Name));
        var apk = commands[1];
        Assert.Equal(0, apk.ArgumentCount);
        Assert.Equal(default, apk.Span);
        Assert.Equal("/go", apk.Variables["GOPATH"]);
        Assert.Equal("/root", apk.Variables["HOME"]);
    }

    // The model is not released: its tables hold the commands' arguments.
    private static List<ExecutedCommand> CommandsOf(string text)
    {
        var model = BuildModel.Create(DockerfileParser.Parse(text), default);
        var commands = new List<ExecutedCommand>();
        foreach (var fact in model.Instructions)
        {
            for (var i = 0; i < fact.Commands.Length; i++)
            {
                commands.Add(fact.Commands[i]);
            }
        }

        return commands;
    }
}
