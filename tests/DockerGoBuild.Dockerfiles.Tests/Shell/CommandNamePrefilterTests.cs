using System;
using System.Linq;
using System.Text;
using DockerGoBuild.Dockerfiles.Shell;
using DockerGoBuild.Dockerfiles.Syntax;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Shell;

/// <summary>The prefilter must never say "no" of a RUN whose full read finds a command named go, xx-go or dotnet.</summary>
public class CommandNamePrefilterTests
{
    private const string PowerShell = "SHELL [\"powershell\", \"-Command\"]\n";
    private const string Cmd = "SHELL [\"cmd\", \"/S\", \"/C\"]\n";

    [Theory]
    [InlineData("", "go build")]
    [InlineData("", "go")]
    [InlineData("", "cd /src&&go build")]
    [InlineData("", "echo a && \\\n  go build")]
    [InlineData("", "GOPATH=`go env GOPATH` && echo")]
    [InlineData("", "a=$(go env GOPATH)")]
    [InlineData("", "echo ${x:-$(dotnet --version)}")]
    [InlineData("", "bash -c $'true\\ngo build'")]
    [InlineData("", "bash -c $'true;\\tgo build'")]
    [InlineData("", "bash -c $'\\fgo build'")]
    [InlineData("", "bash -c $'go\\nbuild'")]
    [InlineData("", "eval go\\ build")]
    [InlineData("", "eval \"true;go build\"")]
    [InlineData("", "/usr/local/go/bin/go build")]
    [InlineData("", "xx-go build")]
    [InlineData("", "/usr/bin/xx-go build")]
    [InlineData("", "x\"x-g\"o build")]
    [InlineData("", "(dotnet build)")]
    [InlineData("", "dotnet")]
    [InlineData("", "cd /src && dotnet restore")]
    [InlineData("", "/usr/share/dotnet/dotnet build")]
    [InlineData("", "echo a && dotnet\\\n  build")]
    [InlineData("", "dotnet\"\" build")]
    [InlineData("", "do\"tnet\" build")]
    [InlineData("", "eval dotnet\\ build")]
    [InlineData("", "bash -c $'a\\ngo build'")]
    [InlineData("", "bash -c $'a;\\tgo\\tbuild'")]
    [InlineData("", "{ dotnet build; }")]
    [InlineData("", "true&&go build||dotnet build|go vet")]
    [InlineData("", "cat x |go vet")]
    [InlineData("", "go>out build")]
    [InlineData("", "sh -c 'go'")]
    [InlineData("", "sh -c 'cd /src;go build'")]
    [InlineData("", "echo a && \\\n# a comment\n  go build")]
    [InlineData("", "echo a && d\\\n# a comment\not\\\nnet build")]
    [InlineData(Cmd, "@go build")]
    [InlineData(Cmd, "\"@\"go build")]
    [InlineData(Cmd, "C:\\go\\bin\\go.exe build")]
    [InlineData(Cmd, "C:\\dotnet\\dotnet.EXE build")]
    [InlineData(PowerShell, "& .\\go.exe build")]
    [InlineData(PowerShell, "$v = $(go version)")]
    [InlineData(PowerShell, "sh -c \"go`tbuild\"")]
    public void Says_maybe_of_a_script_that_runs_one(string shell, string script)
    {
        var (maybe, names) = Check(shell, script);

        Assert.Contains(names, name => name is "go" or "xx-go" or "dotnet");
        Assert.True(maybe);
    }

    [Theory]
    [InlineData("apt-get install -y golang-go google-chrome")]
    [InlineData("mkdir -p /go/pkg/mod /root/.dotnet/tools")]
    [InlineData("mongod --fork && cargo build && algo")]
    [InlineData("echo dotnets ago xx-gox")]
    [InlineData("echo /go/ ago go-build go.mod $go")]
    [InlineData("curl -fsSL https://dot.net/v1/dotnet-install.sh -o dotnet-install.sh")]
    [InlineData("tar -xzf go1.22.linux-amd64.tar.gz -C /usr/local")]
    [InlineData("curl -o /tmp/dotnet.zip https://go.dev/dl/go.tar.gz && unzip /tmp/dotnet.zip")]
    [InlineData("setx /M PATH C:\\go\\bin;C:\\dotnet\\sdk")]
    [InlineData("echo $dotnet_version https://go.dev/dl/go${version}.zip")]
    [InlineData("echo a && \\\n# go build, dotnet test\n  echo b")]
    [InlineData("echo $dotnet_root /usr/share/dotnet-sdk dotnetcore from error zero")]
    [InlineData("cp -r /root/.dotnet/tools /go/src/cargo /do/tnet")]
    public void Says_no_of_a_script_whose_names_only_contain_them(string script)
    {
        var (maybe, names) = Check(string.Empty, script);

        Assert.DoesNotContain(names, name => name is "go" or "xx-go" or "dotnet");
        Assert.False(maybe);
    }

    // The 'o's are looked for a block of characters at a time, and the last few one by one: a name is found wherever
    // it falls in a block, after 'o's the character before them rules out, up to the end of the text.
    [Fact]
    public void Finds_a_name_at_every_offset_of_a_long_script()
    {
        for (var pad = 0; pad < 40; pad++)
        {
            var before = "echo too foo " + new string('o', pad) + " ";
            foreach (var after in new[] { string.Empty, " ./...", "\necho too foo boo\n" })
            {
                foreach (var name in new[] { "go", "dotnet", "xx-go" })
                {
                    var text = "FROM x\nRUN " + before + name + after;
                    var span = new TextSpan(text.IndexOf("echo", StringComparison.Ordinal), before.Length + name.Length);
                    Assert.True(CommandNamePrefilter.MayRunArgumentsRead(text, span), $"{pad}: {text}");
                    Assert.False(CommandNamePrefilter.MayRunArgumentsRead(text, new TextSpan(span.Start, before.Length + 1)), $"{pad}: {text}");
                    Assert.False(CommandNamePrefilter.MayRunArgumentsRead(text, new TextSpan(span.Start, before.Length)), $"{pad}: {text}");
                }

                var ruledOut = "FROM x\nRUN " + before + "ago togo" + after;
                Assert.False(CommandNamePrefilter.MayRunArgumentsRead(ruledOut, new TextSpan(ruledOut.IndexOf("echo", StringComparison.Ordinal), before.Length + 8)), $"{pad}: {ruledOut}");
            }
        }
    }

    // Random short scripts of the characters that matter: whatever the readers make of them, a go, xx-go or dotnet
    // they find must have been seen by the prefilter.
    [Fact]
    public void Never_says_no_of_a_random_script_that_runs_one()
    {
        string[] pieces =
        {
            "g", "o", "go", "do", "tnet", "dotnet", "xx-", "xx-go", "x", "n", "r", "t", "f", " ", " ", ";", "&", "|", "(", ")",
            "<", ">", "{", "}", "'", "\"", "\\", "`", "^", "$", "@", "/", ".exe", ".EXE", ".", "e", "=", "\n", "sh -c ", "eval ", "$(", "${x:-",
        };
        var random = new Random(20261127);
        var found = 0;
        for (var i = 0; i < 30000; i++)
        {
            var script = new StringBuilder();
            var length = random.Next(1, 9);
            for (var k = 0; k < length; k++)
            {
                var piece = pieces[random.Next(pieces.Length)];

                // A raw newline would end the RUN: a line continuation keeps it in.
                script.Append(piece == "\n" ? "\\\n" : piece);
            }

            foreach (var shell in new[] { string.Empty, PowerShell, Cmd })
            {
                var (maybe, names) = Check(shell, "sh -c " + script + " ; eval " + script + " ; " + script);
                if (names.Any(name => name is "go" or "xx-go" or "dotnet"))
                {
                    found++;
                    Assert.True(maybe, $"{shell}RUN {script}");
                }
            }
        }

        Assert.True(found > 1000, $"only {found} scripts ran a name");
    }

    // The same for heredoc bodies, which hold raw line breaks and are read as they lie in the source.
    [Fact]
    public void Never_says_no_of_a_random_heredoc_script_that_runs_one()
    {
        string[] pieces =
        {
            "g", "o", "go", "do", "tnet", "dotnet", "xx-", "xx-go", "x", "n", "r", "t", " ", ";", "&", "|", "(", ")",
            "<", ">", "'", "\"", "\\", "`", "^", "$", "@", "/", ".exe", ".eXe", ".", "e", "\n", "\\\n", "\t", "sh -c ", "eval ", "$(",
        };
        var random = new Random(20261128);
        var found = 0;
        for (var i = 0; i < 20000; i++)
        {
            var script = new StringBuilder();
            var length = random.Next(1, 9);
            for (var k = 0; k < length; k++)
            {
                script.Append(pieces[random.Next(pieces.Length)]);
            }

            foreach (var dialect in new[] { ShellDialect.Posix, ShellDialect.PowerShell, ShellDialect.Cmd })
            {
                var syntax = DockerfileParser.Parse("FROM alpine\nRUN sh <<EOF\n" + script + "\nEOF\n");
                var body = syntax.Instructions.Last().Heredocs[0].BodySpan;
                var names = ShellScriptReader.ReadCommands(syntax.Text, body.Start, body.Length, dialect).Select(command => command.Name);
                if (names.Any(name => name is "go" or "xx-go" or "dotnet"))
                {
                    found++;
                    Assert.True(CommandNamePrefilter.MayRunArgumentsRead(syntax.Text, body), $"{dialect}: {script}");
                }
            }
        }

        Assert.True(found > 1000, $"only {found} scripts ran a name");
    }

    private static (bool Maybe, string[] Names) Check(string shell, string script)
    {
        var syntax = DockerfileParser.Parse("FROM alpine\n" + shell + "RUN " + script + "\n");
        var run = syntax.Instructions.Last();
        if (run.Kind != InstructionKind.Run || run.IsJsonForm || run.Heredocs.Count > 0)
        {
            return (true, Array.Empty<string>());
        }

        var dialect = shell == PowerShell ? ShellDialect.PowerShell : shell == Cmd ? ShellDialect.Cmd : ShellDialect.Posix;
        var maybe = CommandNamePrefilter.MayRunArgumentsRead(syntax.Text, run.Line, run.ArgumentsStart, run.ArgumentsEnd);
        var names = ShellScriptReader.ReadCommands(run.Line.Text, run.ArgumentsStart, run.ArgumentsEnd - run.ArgumentsStart, dialect)
            .Select(command => command.Name).ToArray();
        return (maybe, names);
    }
}
