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

    [Theory]
    [InlineData("RUN go build\n")]
    [InlineData("RUN go build   \n")]
    [InlineData("RUN go build \t\u00A0\u2003\n")]
    [InlineData("RUN go build \\\n  -o /app\n")]
    [InlineData("RUN go build \\\n  -o /app \\\n")]
    [InlineData("RUN go build \\\n# comment\n  -o /app  \n")]
    [InlineData("RUN go build \\\n\n")]
    [InlineData("ONBUILD RUN go build  \n")]
    [InlineData("RUN <<EOF\ngo build\nEOF\n")]
    [InlineData("RUN <<EOF  \ngo build\nEOF\n")]
    [InlineData("RUN")]
    [InlineData("RUN ")]
    public void The_end_of_a_RUN_s_arguments_is_told_from_its_last_character_as_the_instruction_tells_it(string run)
    {
        var syntax = DockerfileParser.Parse("FROM golang\n" + run);
        var instruction = syntax.InstructionList[1].Effective;

        Assert.Equal(instruction.ArgumentsEnd, RunCommands.ArgumentsEnd(syntax.Text, instruction.Line, instruction));
    }

    [Fact]
    public void The_end_of_every_RUN_s_arguments_in_the_corpus_is_told_as_the_instruction_tells_it()
    {
        foreach (var path in Corpus.RealDockerfiles())
        {
            var syntax = DockerfileParser.Parse(Corpus.Read(path, out _));
            foreach (var instruction in syntax.InstructionList)
            {
                var effective = instruction.Effective;
                if (effective.Kind == InstructionKind.Run)
                {
                    Assert.Equal(effective.ArgumentsEnd, RunCommands.ArgumentsEnd(syntax.Text, effective.Line, effective));
                }
            }
        }
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

    // Spellings of go, xx-go and dotnet that the readers turn into those names: a RUN holding one must never be
    // taken for one that runs none of them (its commands would then be read only when asked for). A quoted or
    // escaped word starts an expression in PowerShell, so there the call operator makes it a command.
    [Theory]
    [InlineData("RUN go build")]
    [InlineData("RUN g\"o\" build")]
    [InlineData("RUN 'g'o build")]
    [InlineData("RUN g''o build")]
    [InlineData("RUN g\\o build")]
    [InlineData("RUN \"g\"'o' build")]
    [InlineData("RUN $'g'o build")]
    [InlineData("RUN $\"g\"o build")]
    [InlineData("RUN g\\\no build")]
    [InlineData("RUN echo hi && g\\\n# a comment line\no build")]
    [InlineData("RUN /usr/local/go/bin/go build")]
    [InlineData("RUN go.exe build")]
    [InlineData("RUN xx-g\"o\" build")]
    [InlineData("RUN sudo -u builder env GOOS=linux go build")]
    [InlineData("RUN echo $(g'o' env GOPATH)")]
    [InlineData("RUN echo `g\\o env GOPATH`")]
    [InlineData("RUN sh -c 'g\\o build'")]
    [InlineData("RUN sh -c \"g'o' build\"")]
    [InlineData("RUN bash -c $'g\\\\\\no build'")]
    [InlineData("RUN bash -c $'g\\\\\\r\\no build'")]
    [InlineData("RUN sh -c \"sh -c 'g\\\\o build'\"")]
    [InlineData("RUN eval g\\'o\\' build")]
    [InlineData("RUN find . -name '*.go' -exec g\"o\" vet {} \\;")]
    [InlineData("RUN d\"o\"tnet restore")]
    [InlineData("RUN dot\\net restore")]
    [InlineData("RUN do''tn'e't publish")]
    [InlineData("RUN /usr/share/dotnet/dotnet build")]
    [InlineData("RUN dotnet.exe build")]
    [InlineData("RUN bash -c $'dot\\\\\\nnet build'")]
    [InlineData("SHELL [\"powershell\", \"-Command\"]\nRUN & g`o build")]
    [InlineData("SHELL [\"powershell\", \"-Command\"]\nRUN & \"g`o\" build; & d`otnet build")]
    [InlineData("SHELL [\"powershell\", \"-Command\"]\nRUN sh -c \"g\\`no build\"")]
    [InlineData("SHELL [\"powershell\", \"-Command\"]\nRUN cmd /c 'g^o build'")]
    [InlineData("SHELL [\"cmd\", \"/S\", \"/C\"]\nRUN g^o build")]
    [InlineData("SHELL [\"cmd\", \"/S\", \"/C\"]\nRUN \"g\"o build & d^o\"tnet\" build")]
    [InlineData("RUN [\"g\\u006f\", \"build\"]")]
    [InlineData("RUN <<EOF\ng\"o\" build\nEOF")]
    [InlineData("RUN bash <<EOF\ng\\o build\nEOF")]
    [InlineData("RUN cat <<DATA >/x && sh <<EOF\nno go here\nDATA\ncd /src\ngo build\nEOF")]
    [InlineData("RUN --mount=type=cache,target=/root/.cache <<EOT\n  set -e\n  CGO_ENABLED=0 \\\n    g\\\no build\nEOT")]
    public void A_RUN_that_runs_go_or_dotnet_however_spelled_has_them_read(string run)
    {
        var commands = CommandsOf("FROM golang\n" + run + "\n", out var hasArgumentsRead);

        Assert.Contains(commands, command => command.Name is "go" or "xx-go" or "dotnet");
        Assert.True(hasArgumentsRead);
        var named = commands.First(command => command.Name is "go" or "xx-go" or "dotnet");
        Assert.True(named.ArgumentCount > 0);
    }

    [Theory]
    [InlineData("RUN apt-get update && apt-get install -y git", "apt-get,apt-get")]
    [InlineData("RUN $'\\x67o' build", "x67o")]
    [InlineData("RUN g$o build && mongod --version", "g$o,mongod")]
    [InlineData("RUN export GOPATH=/go; HOME=/root mkdir -p \"$GOPATH/src\"", "export,mkdir")]
    [InlineData("RUN echo dot; net user", "echo,net")]
    [InlineData("RUN <<EOF\nset -e\napk add git\nEOF", "set,apk")]
    [InlineData("RUN sh <<EOF\necho go\nEOF", "sh,echo")]
    public void A_RUN_that_runs_neither_has_its_commands_read_when_asked(string run, string names)
    {
        var commands = CommandsOf("FROM alpine\n" + run + "\n", out var hasArgumentsRead);

        Assert.False(hasArgumentsRead);
        Assert.Equal(names, string.Join(",", commands.Select(command => command.Name)));
    }

    // The model is not released: its tables hold the commands' arguments.
    // Arguments are compared where they lie, told apart by length first: quoted ones too, and none past the last.
    [Theory]
    [InlineData("go build -mod=vendor .", true)]
    [InlineData("go build --mod=vendor .", true)]
    [InlineData("go build -mod vendor .", true)]
    [InlineData("go build -v --mod 'vendor' .", true)]
    [InlineData("go build \"-mod\" vendor", true)]
    [InlineData("go build -mod", false)]
    [InlineData("go build -mod=mod vendor", false)]
    [InlineData("go build -modx vendor ./vendor", false)]
    [InlineData("go build . -mod=vendor", true)]
    [InlineData("go build . --mod=vendor", true)]
    [InlineData("go build . --mod", false)]
    [InlineData("go build -mod=vendorx .", false)]
    public void Go_commands_tell_their_vendor_flag(string script, bool expected)
    {
        var go = CommandsOf("FROM golang\nRUN " + script + "\n").Single();

        Assert.Equal(expected, GoCommand.HasVendorFlag(go));
        Assert.Equal(script.Split(' ').Last().Trim('\'', '"').Length, go.ArgumentLength(go.ArgumentCount - 1));
    }

    [Theory]
    [InlineData("dotnet build --no-restore", true)]
    [InlineData("dotnet build -c Release \"--no-restore\"", true)]
    [InlineData("dotnet build --no-restorex", false)]
    [InlineData("dotnet build --no-build", false)]
    public void Commands_tell_an_argument_they_have(string script, bool expected) =>
        Assert.Equal(expected, CommandsOf("FROM x\nRUN " + script + "\n").Single().HasArgument("--no-restore"));

    // Subcommands are compared with the argument of their length only: none past the last argument, none of another length.
    [Theory]
    [InlineData("go", false, false)]
    [InlineData("go build", true, true)]
    [InlineData("go buil", false, false)]
    [InlineData("go builds", false, false)]
    [InlineData("go 'test' ./...", true, true)]
    [InlineData("go generate", true, true)]
    [InlineData("go mod download", true, false)]
    [InlineData("go mod", false, false)]
    [InlineData("go 'mod download'", true, false)]
    [InlineData("xx-go vet", true, true)]
    public void Go_subcommands_are_told_apart(string script, bool resolvesModules, bool compiles)
    {
        var command = CommandsOf("FROM x\nRUN " + script + "\n").Single();

        Assert.Equal(resolvesModules, GoCommand.ResolvesModules(command));
        Assert.Equal(compiles, GoCommand.Compiles(command));
    }

    [Theory]
    [InlineData("dotnet", false)]
    [InlineData("dotnet pack", true)]
    [InlineData("dotnet -d publish", true)]
    [InlineData("dotnet packs", false)]
    [InlineData("dotnet pac", false)]
    [InlineData("dotnet run --no-build", false)]
    public void Dotnet_subcommands_are_told_apart(string script, bool restoresPackages)
    {
        var command = CommandsOf("FROM x\nRUN " + script + "\n").Single();

        Assert.Equal(restoresPackages, GoCommand.RestoresPackages(command));
    }

    private static List<ExecutedCommand> CommandsOf(string text) => CommandsOf(text, out _);

    private static List<ExecutedCommand> CommandsOf(string text, out bool hasArgumentsRead)
    {
        var model = BuildModel.Create(DockerfileParser.Parse(text), default);
        var commands = new List<ExecutedCommand>();
        hasArgumentsRead = false;
        foreach (var fact in model.Instructions)
        {
            hasArgumentsRead |= fact.Commands.HasArgumentsRead;
            for (var i = 0; i < fact.Commands.Length; i++)
            {
                commands.Add(fact.Commands[i]);
            }
        }

        return commands;
    }
}
