using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using DockerGoBuild.Dockerfiles.Shell;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Shell;

public class ShellScriptReaderTests
{
    private static IReadOnlyList<ShellCommand> Read(string text, ShellDialect dialect = ShellDialect.Posix) => ShellScriptReader.ReadCommands(text, dialect);

    /// <summary>The commands as "argv joined by spaces", separated by " | ".</summary>
    private static string Commands(string text, ShellDialect dialect = ShellDialect.Posix)
    {
        return string.Join(" | ", Read(text, dialect).Select(c => string.Join(" ", c.Words.Select(w => w.Value))));
    }

    private static string Names(string text, ShellDialect dialect = ShellDialect.Posix)
    {
        return string.Join(",", Read(text, dialect).Select(c => c.Name));
    }

    private static string RawOf(string text, ShellWord word) => text.Substring(word.Start, word.Length);

    // ---- separators and reserved words

    [Theory]
    [InlineData("a && b || c ; d", "a,b,c,d")]
    [InlineData("a;;b", "a,b")]
    [InlineData("a | b |& c & d", "a,b,c,d")]
    [InlineData("a;&b;;&c;", "a,b,c")]
    [InlineData("a &>f b&", "a")]
    [InlineData("a &>>f b;c&", "a,c")]
    [InlineData("a&&b&", "a,b")]
    [InlineData("a||b|", "a,b")]
    [InlineData("a\nb\n\nc", "a,b,c")]
    [InlineData("(a; b) && (c)", "a,b,c")]
    [InlineData("{ a; b; }", "a,b")]
    [InlineData("if a; then b; elif c; then d; else e; fi", "a,b,c,d,e")]
    [InlineData("while a; do b; done; until c; do d; done", "a,b,c,d")]
    [InlineData("! a", "a")]
    [InlineData("echo if then fi done", "echo")]
    [InlineData("[[ -f a && ( -f b || -f c ) ]] && go build", "go")]
    [InlineData("[ -f a ] && go build", "[,go")]
    public void SeparatorsAndReservedWords(string text, string expected)
    {
        Assert.Equal(expected, Names(text));
    }

    [Theory]
    [InlineData("for x in a b c; do go build $x; done", "go build $x")]
    [InlineData("for x in go test\ndo\n  echo $x\ndone", "echo $x")]
    [InlineData("select x in a b; do go vet; done", "go vet")]
    [InlineData("for ((i=0; i<3; i++)); do go test; done", "go test")]
    public void ForHeadersAreNotCommands(string text, string expected)
    {
        Assert.Equal(expected, Commands(text));
    }

    [Fact]
    public void CasePatternsAreNotCommandsButBodiesAre()
    {
        Assert.Equal("go build | go test", Commands("case \"$TARGETARCH\" in amd64) go build ;; arm64|arm) go test;; esac"));
        Assert.Equal("go build | echo done", Commands("case $x in\n  (a) go build ;;\n  *) ;;\nesac\necho done"));
        Assert.Equal("go list | go build", Commands("x=$(case a in a) go list;; esac) && go build"));
    }

    [Fact]
    public void FunctionDefinitionNameIsNotACommand()
    {
        Assert.Equal("go build | build", Commands("build() { go build; }\nbuild"));
        Assert.Equal("go test", Commands("function t { go test; }"));
    }

    [Fact]
    public void CommentsRunToEndOfLine()
    {
        Assert.Equal("go build | echo a#b", Commands("# go test\ngo build # go vet\necho a#b"));
    }

    // ---- prefixes and wrappers

    [Fact]
    public void AssignmentPrefixesAreStripped()
    {
        ShellCommand command = Read("CGO_ENABLED=0 GOOS=linux go build").Single();
        Assert.Equal("go", command.Name);
        Assert.Equal(new[] { "CGO_ENABLED=0", "GOOS=linux" }, command.Assignments.Select(a => a.ToString()));
        Assert.Equal("0", command.ScriptVariables["CGO_ENABLED"]);
    }

    [Fact]
    public void AppendingAssignmentsAndQuotedValuesAreSplitAtTheirEquals()
    {
        ShellCommand command = Read("GOFLAGS+=-v X_1=\"a=b\" Y+ go build").Single();
        Assert.Equal("Y+", command.Name);
        Assert.Equal(new[] { "GOFLAGS", "X_1" }, command.Assignments.Select(a => a.Name));
        Assert.Equal(new[] { "-v", "a=b" }, command.Assignments.Select(a => a.Value));
    }

    // A word that starts with ordinary characters and goes on with a quote, an escape or an expansion is built on from
    // where its first run ends: its value and its raw text are the whole word's.
    [Theory]
    [InlineData("go build -ldflags=\"-s -w\" -o app", "-ldflags=-s -w", "-ldflags=\"-s -w\"")]
    [InlineData("go build a\\ b", "a b", "a\\ b")]
    [InlineData("go build x$HOME'y'", "x$HOMEy", "x$HOME'y'")]
    [InlineData("go build ab\"c\"", "abc", "ab\"c\"")]
    public void WordsThatGoOnAfterOrdinaryCharactersAreWhole(string text, string value, string raw)
    {
        var word = Read(text).Single().Words[2];
        Assert.Equal(value, word.Value);
        Assert.Equal(raw, RawOf(text, word));
    }

    [Fact]
    public void QuotedNameIsNotAnAssignment()
    {
        ShellCommand command = Read("\"X\"=1").Single();
        Assert.Equal("X=1", command.Words[0].Value);
        Assert.Empty(command.Assignments);
    }

    [Theory]
    [InlineData("env -i -u HOME GOOS=linux go build", "go build")]
    [InlineData("env - go build", "go build")]
    [InlineData("time -p go test", "go test")]
    [InlineData("exec go run .", "go run .")]
    [InlineData("command go version", "go version")]
    [InlineData("builtin echo hi", "echo hi")]
    [InlineData("nohup go run . &", "go run .")]
    [InlineData("nice -n 10 go build", "go build")]
    [InlineData("ionice -c 3 -n 7 go build", "go build")]
    [InlineData("stdbuf -o L go test", "go test")]
    [InlineData("sudo -u builder -E go build", "go build")]
    [InlineData("doas -u root go build", "go build")]
    [InlineData("timeout -s KILL 10m go test ./...", "go test ./...")]
    [InlineData("gosu app go run .", "go run .")]
    [InlineData("su-exec app:app go run .", "go run .")]
    [InlineData("tini -s -- go run .", "go run .")]
    [InlineData("dumb-init go run .", "go run .")]
    [InlineData("xargs -I {} -P 4 go get {}", "go get {}")]
    [InlineData("nice sudo env A=1 timeout 5 go vet", "go vet")]
    [InlineData("/usr/bin/env go build", "go build")]
    public void WrappersAreLookedThrough(string text, string expected)
    {
        Assert.Equal(expected, Commands(text));
    }

    [Fact]
    public void EnvAssignmentsBecomeCommandAssignments()
    {
        ShellCommand command = Read("A=1 env -u X GOFLAGS=-mod=mod go build").Single();
        Assert.Equal(new[] { "A", "GOFLAGS" }, command.Assignments.Select(a => a.Name));
        Assert.Equal("-mod=mod", command.ScriptVariables["GOFLAGS"]);
    }

    [Fact]
    public void CommandQueryDoesNotRunItsArgument()
    {
        Assert.Empty(Read("command -v go"));
        Assert.Equal("apk", Names("command -V go || apk add go"));
        Assert.Equal("go", Names("command -p go build"));
    }

    [Fact]
    public void WrapperWithoutCommandIsTheCommand()
    {
        Assert.Equal("env", Names("env"));
        Assert.Equal("xargs", Names("xargs -n 1"));
    }

    [Fact]
    public void FindExecActionsAreCommands()
    {
        Assert.Equal("find . -name go.mod -execdir go mod tidy ; | go mod tidy", Commands("find . -name go.mod -execdir go mod tidy \\;"));
        Assert.Equal("find,gofmt", Names("find . -exec gofmt -l {} +"));
        Assert.Equal("find,go,rm", Names("find . -ok go vet ';' -exec rm {} \\;"));
        Assert.Equal("find,sh,go", Names("find . -exec sh -c 'go vet \"$1\"' _ {} \\;"));
    }

    [Fact]
    public void XargsAndFindCanRunNestedShells()
    {
        Assert.Equal("go,sh,go", Names("go list ./... | xargs -n 1 sh -c 'go vet \"$0\"'"));
        Assert.Equal("find,go", Names("find . -name '*.go' -print0 | xargs -0 -P 4 go vet"));
    }

    [Fact]
    public void NameIsBaseNameWithoutExe()
    {
        Assert.Equal("go", Read("/usr/local/go/bin/go build").Single().Name);
        Assert.Equal("Go", Read("C:\\Go\\bin\\Go.exe build", ShellDialect.Cmd).Single().Name);
    }

    [Theory]
    [InlineData("go.exe build", "go")]
    [InlineData("GO.EXE build", "GO")]
    [InlineData("tool.exE run", "tool")]
    [InlineData(".exe run", ".exe")]
    [InlineData("make", "make")]
    [InlineData("bin/make", "make")]
    [InlineData("./configure", "configure")]
    [InlineData("sudo /usr/bin/apt-get update", "apt-get")]
    [InlineData("/usr/bin/env GOOS=linux go build", "go")]
    public void NameIsBaseNameWithoutExeWhateverItsSpelling(string text, string expected)
    {
        Assert.Equal(expected, Read(text).Last().Name);
    }

    [Theory]
    [InlineData("fo x; for x in a; do b; done", "fo,b")]
    [InlineData("case x in a) b;; esac; casE", "b,casE")]
    [InlineData("functions; function f { a; }", "functions,a")]
    [InlineData("do; done; dont; donf", "dont,donf")]
    [InlineData("[[[ x ]]", "[[[")]
    public void KeywordsAreOnlyTheWordsThemselves(string text, string expected)
    {
        Assert.Equal(expected, Names(text));
    }

    // ---- nested scripts

    [Theory]
    [InlineData("sh -c 'go build && go test'", "sh,go,go")]
    [InlineData("bash -ec \"go build\"", "bash,go")]
    [InlineData("bash -euxo pipefail -c 'go vet'", "bash,go")]
    [InlineData("bash -o pipefail -c 'go vet' arg0", "bash,go")]
    [InlineData("ash -e -c 'go vet'", "ash,go")]
    [InlineData("dash -c \"go vet\"; zsh -c 'go vet'; ksh -c 'go vet'; mksh -c 'go vet'", "dash,go,zsh,go,ksh,go,mksh,go")]
    [InlineData("su builder -c 'go build'", "su,go")]
    [InlineData("su -c 'go build' builder", "su,go")]
    [InlineData("eval go build '&&' go test", "eval,go,go")]
    [InlineData("bash script.sh", "bash")]
    [InlineData("bash -x script.sh -c 'go vet'", "bash")]
    public void NestedShellScriptsAreParsed(string text, string expected)
    {
        Assert.Equal(expected, Names(text));
    }

    [Fact]
    public void NestedScriptOffsetsMapIntoOuterText()
    {
        const string text = "RUN sh -c 'cd src && go build -o /out/app'";
        IReadOnlyList<ShellCommand> commands = ShellScriptReader.ReadCommands(text, 4, text.Length - 4, ShellDialect.Posix);
        ShellCommand go = commands.Single(c => c.Name == "go");
        Assert.Equal("go", RawOf(text, go.Words[0]));
        Assert.Equal("/out/app", RawOf(text, go.Words[3]));
        Assert.Equal("go build -o /out/app", text.Substring(go.Start, go.End - go.Start));
    }

    [Fact]
    public void OffsetsThroughTwoLevelsOfNesting()
    {
        const string text = "bash -c \"sh -c 'go test ./...'\"";
        ShellCommand go = Read(text).Single(c => c.Name == "go");
        Assert.Equal("./...", RawOf(text, go.Words[2]));
    }

    [Fact]
    public void OffsetsWithEscapesStayInsideTheArgument()
    {
        const string text = "sh -c \"echo \\\"x\\\" && go build\"";
        ShellCommand go = Read(text).Single(c => c.Name == "go");
        Assert.Equal("go", RawOf(text, go.Words[0]));
        int argStart = text.IndexOf('"');
        foreach (ShellWord word in Read(text).Where(c => c.Name != "sh").SelectMany(c => c.Words))
        {
            Assert.InRange(word.Start, argStart, text.Length);
            Assert.InRange(word.Start + word.Length, argStart, text.Length);
        }
    }

    [Fact]
    public void PowerShellAndCmdNestedScripts()
    {
        Assert.Equal("powershell,go,go", Names("powershell -NoProfile -Command \"go build; go test\""));
        Assert.Equal("pwsh,go", Names("pwsh -c go env"));
        Assert.Equal("cmd,go,go", Names("cmd /S /C \"go build && go test\""));
        Assert.Equal("cmd,go", Names("cmd.exe /c go build"));
    }

    [Theory]
    [InlineData("PowerShell -Command \"go build\"", ShellDialect.Posix, "PowerShell,go")]
    [InlineData("powershelL -Command \"go build\"", ShellDialect.Posix, "powershelL,go")]
    [InlineData("PWSH -c go env", ShellDialect.Posix, "PWSH,go")]
    [InlineData("pwsH -c go env", ShellDialect.Posix, "pwsH,go")]
    [InlineData("CMD /c go build", ShellDialect.Posix, "CMD,go")]
    [InlineData("cmD /c go build", ShellDialect.Posix, "cmD,go")]
    [InlineData("SET GOOS=x\ngo build", ShellDialect.Cmd, "SET,go")]
    [InlineData("seT GOOS=x\ngo build", ShellDialect.Cmd, "seT,go")]
    [InlineData("\u017Fet GOOS=x\ngo build", ShellDialect.Cmd, "\u017Fet,go")]
    [InlineData("cm\u0131 /c go build", ShellDialect.Posix, "cm\u0131")]
    [InlineData("env -u X go build", ShellDialect.Posix, "go")]
    [InlineData("sudo -u me GOOS=x go build", ShellDialect.Posix, "go")]
    [InlineData("command -v go", ShellDialect.Posix, "")]
    [InlineData("find . -exec go vet {} ;", ShellDialect.Posix, "find,go")]
    [InlineData("eval go build", ShellDialect.Posix, "eval,go")]
    [InlineData("su -c 'go build'", ShellDialect.Posix, "su,go")]
    [InlineData("bash -c 'go build'", ShellDialect.Posix, "bash,go")]
    public void Commands_that_run_others_are_followed_in_any_case_their_readers_compare(string text, ShellDialect dialect, string expected)
    {
        Assert.Equal(expected, Names(text, dialect));
    }

    [Theory]
    [InlineData("SET")]
    [InlineData("seT")]
    [InlineData("\u017Fet")]
    public void Cmd_set_in_any_case_sets_a_script_variable(string set)
    {
        Assert.Equal("x", Read(set + " GOOS=x\ngo build", ShellDialect.Cmd)[1].ScriptVariables["GOOS"]);
    }

    [Fact]
    public void Export_sets_the_variables_of_later_commands_and_a_plain_name_does_not()
    {
        var commands = Read("exporter A=1; export B=2; go build");
        Assert.Equal("exporter,export,go", string.Join(",", commands.Select(command => command.Name)));
        Assert.False(commands[2].ScriptVariables.ContainsKey("A"));
        Assert.Equal("2", commands[2].ScriptVariables["B"]);
    }

    // ---- substitutions and quoting

    [Fact]
    public void CommandSubstitutionsAreCommands()
    {
        Assert.Equal("go test $(go list ./...) | go list ./...", Commands("go test $(go list ./...)"));
        Assert.Equal("go,go", Names("go test \"$(go list ./...)\""));
        Assert.Equal("echo,go", Names("echo `go env GOPATH`"));
        Assert.Equal("diff,go,go", Names("diff <(go list) >(go vet)"));
        Assert.Equal("echo,a,b,c", Names("echo $(a $(b) `c`)"));
    }

    [Fact]
    public void SubstitutionRunByOuterShellIsNotReportedTwice()
    {
        Assert.Equal("sh,go,go", Names("sh -c \"go test $(go list)\""));
        Assert.Equal("sh,go,go", Names("sh -c 'go test $(go list)'"));
    }

    [Fact]
    public void ArithmeticAndParameterExpansionAreNotCommands()
    {
        Assert.Equal("echo", Names("echo $((1 + 2)) ${x:-go build} ${y:-{a}} $HOME $1"));
    }

    [Fact]
    public void SubstitutionInsideParameterExpansionRuns()
    {
        const string text = "echo \"${GOPATH:-$(go env GOPATH)}\"";
        IReadOnlyList<ShellCommand> commands = Read(text);
        Assert.Equal("echo,go", string.Join(",", commands.Select(c => c.Name)));
        Assert.Equal("${GOPATH:-$(go env GOPATH)}", commands[0].Words[1].Value);
        Assert.Equal("GOPATH", RawOf(text, commands[1].Words[2]));
        Assert.Equal("sh,echo,go", Names("sh -c \"echo ${X:-$(go env)}\""));
    }

    [Theory]
    [InlineData("echo \"go build\"")]
    [InlineData("printf 'go mod download'")]
    [InlineData("echo go\\ build")]
    public void QuotedArgumentsAreNotCommands(string text)
    {
        Assert.DoesNotContain(Read(text), c => c.Name == "go");
    }

    [Theory]
    [InlineData("echo 'a \"b\" $c'", "a \"b\" $c", true)]
    [InlineData("echo \"a \\\"b\\\" \\$c $d\"", "a \"b\" $c $d", false)]
    [InlineData("echo a\\ b", "a b", true)]
    [InlineData("echo $'a\\tb\\'c'", "a\tb'c", true)]
    [InlineData("echo \"${X}\"", "${X}", false)]
    [InlineData("echo pre\"mid\"'post'", "premidpost", true)]
    [InlineData("echo a\\\nb", "ab", true)]
    public void QuoteRemovalAndLiteralness(string text, string value, bool literal)
    {
        ShellWord word = Read(text).Single().Words[1];
        Assert.Equal(value, word.Value);
        Assert.Equal(literal, word.IsLiteral);
        Assert.Equal(text.Length - 5, word.Length);
        Assert.Equal(5, word.Start);
    }

    [Fact]
    public void LineContinuationJoinsLines()
    {
        Assert.Equal("go build -o app ./cmd", Commands("go build \\\n  -o app \\\n  ./cmd"));
        Assert.Equal("go build -o app ./cmd", Commands("go build \\\r\n  -o \"ap\\\r\np\" ./cmd\r\n"));
        Assert.Equal("go build -o app", Commands("go build ^\r\n -o app", ShellDialect.Cmd));
    }

    [Fact]
    public void CrlfLineEndingsSeparateCommandsAndEndHeredocs()
    {
        Assert.Equal("cat | go build", Commands("cat <<EOF\r\ngo test\r\nEOF\r\ngo build\r\n"));
    }

    // ---- heredocs

    [Fact]
    public void HeredocBodyIsData()
    {
        const string text = "cat <<'EOF' > main.go\npackage main\ngo build\nEOF\ngo build ./...";
        IReadOnlyList<ShellCommand> commands = Read(text);
        Assert.Equal("cat | go build ./...", Commands(text));
        Assert.Equal(new[] { "EOF" }, commands[0].HeredocDelimiters);
        Assert.Equal(text.LastIndexOf("go build", StringComparison.Ordinal), commands[1].Start);
    }

    [Theory]
    [InlineData("cat <<-EOF\n\tgo build\n\tEOF\necho ok", "EOF")]
    [InlineData("cat 2<<\"END\"\ngo build\nEND\necho ok", "END")]
    [InlineData("cat <<EOF>out\ngo build\nEOF\necho ok", "EOF")]
    [InlineData("cat <<EOF|tee x\ngo build\nEOF\necho ok", "EOF")]
    public void HeredocVariants(string text, string delimiter)
    {
        IReadOnlyList<ShellCommand> commands = Read(text);
        Assert.DoesNotContain(commands, c => c.Name == "go");
        Assert.Contains(commands, c => c.Name == "echo");
        Assert.Equal(delimiter, commands[0].HeredocDelimiters.Single());
    }

    [Fact]
    public void HeredocIntoShellIsCode()
    {
        Assert.Equal("bash,go,go,echo", Names("bash <<EOF\ngo build\ngo test\nEOF\necho done"));
        Assert.Equal("sh,go", Names("sh -s <<'EOF'\ngo vet\nEOF"));
        Assert.Equal("bash,echo", Names("bash -c 'echo' <<EOF\ngo build\nEOF"));
    }

    [Fact]
    public void QuotedDashHeredocStripsTabsFromDelimiterLine()
    {
        const string text = "cat <<-'EOF' >/etc/x\n\tgo build\n\t\tEOF\necho ok";
        Assert.Equal("cat,echo", Names(text));
    }

    [Fact]
    public void HeredocsBelongToTheWrappedCommand()
    {
        IReadOnlyList<ShellCommand> commands = Read("sudo tee /etc/x <<EOF\ngo build\nEOF");
        Assert.Equal("tee", commands.Single().Name);
        Assert.Equal("EOF", commands.Single().HeredocDelimiters.Single());
        Assert.Equal("bash,go", Names("sudo -u app bash <<'EOF'\ngo build\nEOF"));
    }

    [Fact]
    public void HeredocInsideSubstitution()
    {
        Assert.Equal("echo,cat,go", Names("echo \"$(cat <<EOF\ngo vet\nEOF\n)\"\ngo build"));
    }

    [Fact]
    public void HereStringIsNotAHeredoc()
    {
        Assert.Equal("cat,go", Names("cat <<< EOF\ngo build"));
        Assert.Empty(Read("cat <<< EOF").Single().HeredocDelimiters);
    }

    [Fact]
    public void UnterminatedHeredocRunsToEnd()
    {
        Assert.Equal("cat", Names("cat <<EOF\ngo build\n"));
    }

    // ---- script variables

    [Fact]
    public void ScriptVariablesComeFromEarlierStatements()
    {
        IReadOnlyList<ShellCommand> commands = Read("set -eux; \n export GOFLAGS=-mod=vendor; go build ./...");
        ShellCommand go = commands.Single(c => c.Name == "go");
        Assert.Equal("-mod=vendor", go.ScriptVariables["GOFLAGS"]);
        Assert.False(commands[0].ScriptVariables.ContainsKey("GOFLAGS"));
    }

    [Fact]
    public void ScriptVariablesLaterWinAndInlineWinsOverAll()
    {
        IReadOnlyList<ShellCommand> commands = Read("A=1; A=2 B=x; export C; GOOS=linux; GOOS=darwin go build");
        Assert.Equal("export,go", string.Join(",", commands.Select(c => c.Name)));
        ShellCommand go = commands[1];
        Assert.Equal("2", go.ScriptVariables["A"]);
        Assert.Equal("x", go.ScriptVariables["B"]);
        Assert.Equal("darwin", go.ScriptVariables["GOOS"]);
        Assert.False(go.ScriptVariables.ContainsKey("C"));
    }

    // ---- PowerShell

    [Theory]
    [InlineData("go build; go test", "go,go")]
    [InlineData("go build\ngo test | Out-Null", "go,go,Out-Null")]
    [InlineData("go build && go test || exit 1", "go,go")]
    [InlineData("Start-Job { go build } & go test", "Start-Job,go,go")]
    [InlineData("& go build", "go")]
    [InlineData("&go install", "go")]
    [InlineData("& 'C:\\Program Files\\Go\\bin\\go.exe' build", "go")]
    [InlineData(". ./setup.ps1; go build", "setup.ps1,go")]
    [InlineData("Write-Host 'go build'; \"go test\"", "Write-Host")]
    [InlineData("$x = go env GOPATH", "")]
    [InlineData("$x = (go env GOPATH)", "go")]
    [InlineData("if (Test-Path go.mod) { go mod download } else { go build }", "Test-Path,go,go")]
    [InlineData("foreach ($d in $dirs) { go build $d }", "go")]
    [InlineData("go build `\n  -o app # go vet", "go")]
    [InlineData("<# go vet #> go build", "go")]
    [InlineData("Write-Output \"$(go version)\"", "Write-Output,go")]
    public void PowerShellCommands(string text, string expected)
    {
        Assert.Equal(expected, Names(text, ShellDialect.PowerShell));
    }

    [Fact]
    public void PowerShellQuotingAndVariables()
    {
        ShellCommand command = Read("go build -ldflags \"-X main.v=`\"1`\"\" -o 'a''b' $env:OUT", ShellDialect.PowerShell).Single();
        Assert.Equal(new[] { "go", "build", "-ldflags", "-X main.v=\"1\"", "-o", "a'b", "$env:OUT" }, command.Words.Select(w => w.Value));
        Assert.False(command.Words[6].IsLiteral);
        Assert.True(command.Words[3].IsLiteral);
    }

    [Fact]
    public void PowerShellEnvAssignmentsAreScriptVariables()
    {
        ShellCommand go = Read("$env:CGO_ENABLED = '0'; $env:GOOS='linux'; go build", ShellDialect.PowerShell).Single();
        Assert.Equal("0", go.ScriptVariables["CGO_ENABLED"]);
        Assert.Equal("linux", go.ScriptVariables["GOOS"]);
    }

    // ---- cmd

    [Theory]
    [InlineData("go build && go test || exit /b 1", "go,go,exit")]
    [InlineData("go build & go test | findstr ok", "go,go,findstr")]
    [InlineData("@echo off\ngo build", "echo,go")]
    [InlineData("rem go build & go test\ngo vet", "go")]
    [InlineData(":: go build\ngo vet", "go")]
    [InlineData("if exist go.mod go mod download", "go")]
    [InlineData("if not \"%GOOS%\"==\"windows\" (go build) else (go test)", "go,go")]
    [InlineData("if /i %A% EQU b go build", "go")]
    [InlineData("for %%f in (a b) do go vet %%f", "go")]
    [InlineData("echo go ^& build", "echo")]
    [InlineData("go build > out.txt 2>&1", "go")]
    public void CmdCommands(string text, string expected)
    {
        Assert.Equal(expected, Names(text, ShellDialect.Cmd));
    }

    [Fact]
    public void CmdQuotingAndVariables()
    {
        ShellCommand command = Read("go build -o \"C:\\out dir\\app.exe\" %GOFLAGS% a^&b", ShellDialect.Cmd).Single();
        Assert.Equal(new[] { "go", "build", "-o", "C:\\out dir\\app.exe", "%GOFLAGS%", "a&b" }, command.Words.Select(w => w.Value));
        Assert.False(command.Words[4].IsLiteral);
        Assert.Equal("x", Read("set GOOS=x\ngo build", ShellDialect.Cmd)[1].ScriptVariables["GOOS"]);
    }

    // ---- redirections, offsets, slices, SplitWords

    [Fact]
    public void RedirectionsAreNotArguments()
    {
        Assert.Equal("go build -o app", Commands("go build 2>&1 >/dev/null -o app < in.txt &>> log"));
        Assert.Equal("", Commands("> file"));
    }

    [Fact]
    public void WordOffsetsPointAtRawWords()
    {
        const string text = "  GOOS=linux go build -ldflags \"-s -w\" -o '/out/app'";
        ShellCommand command = Read(text).Single();
        Assert.Equal(new[] { "go", "build", "-ldflags", "\"-s -w\"", "-o", "'/out/app'" }, command.Words.Select(w => RawOf(text, w)));
        Assert.Equal("GOOS=linux", text.Substring(command.Assignments[0].Start, command.Assignments[0].Length));
        Assert.Equal(2, command.Start);
        Assert.Equal(text.Length, command.End);
    }

    [Fact]
    public void SliceOffsetsAreRelativeToWholeText()
    {
        const string text = "RUN go build && go test\nRUN go vet";
        IReadOnlyList<ShellCommand> commands = ShellScriptReader.ReadCommands(text, 4, 19, ShellDialect.Posix);
        Assert.Equal(new[] { 4, 16 }, commands.Select(c => c.Start));
        Assert.Equal(2, commands.Count);
    }

    [Fact]
    public void SplitWordsSplitsArgv()
    {
        const string text = "[\"x\"] go build -o 'a b' && x";
        IReadOnlyList<ShellWord> words = ShellScriptReader.SplitWords(text, 6, text.Length - 6, ShellDialect.Posix);
        Assert.Equal(new[] { "go", "build", "-o", "a b", "&&", "x" }, words.Select(w => w.Value));
        Assert.Equal("'a b'", RawOf(text, words[3]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void EmptyInputGivesNoCommands(string? text)
    {
        Assert.Empty(ShellScriptReader.ReadCommands(text!));
        Assert.Empty(ShellScriptReader.ReadCommands("abc", 10, 5, ShellDialect.Posix));
        Assert.Empty(ShellScriptReader.ReadCommands("abc", -3, -1, ShellDialect.Posix));
    }

    // ---- realistic RUN text

    [Fact]
    public void RealisticBuildLine()
    {
        const string text = "CGO_ENABLED=0 GOOS=linux go build -ldflags \"-s -w\" -o /out/app ./cmd/app && go test $(go list ./... | grep -v /e2e/)";
        IReadOnlyList<ShellCommand> commands = Read(text);
        Assert.Equal("go,go,go,grep", string.Join(",", commands.Select(c => c.Name)));
        Assert.Equal(new[] { "go", "build", "-ldflags", "-s -w", "-o", "/out/app", "./cmd/app" }, commands[0].Words.Select(w => w.Value));
        Assert.Equal("go list ./...", text.Substring(commands[2].Start, commands[2].End - commands[2].Start));
        Assert.False(commands[1].Words[2].IsLiteral);
    }

    [Theory]
    [InlineData("xx-go --wrap && go build", "xx-go,go")]
    [InlineData("if [ -f go.mod ]; then go mod download; fi", "[,go")]
    [InlineData("for d in a b; do (cd $d && go build); done", "cd,go")]
    [InlineData("apt-get update && apt-get install -y --no-install-recommends git \\\n && rm -rf /var/lib/apt/lists/*", "apt-get,apt-get,rm")]
    [InlineData("--mount=type=cache go build", "--mount=type=cache")]
    public void RealisticScripts(string text, string expected)
    {
        Assert.Equal(expected, Names(text));
    }

    // ---- robustness

    [Theory]
    [InlineData("echo 'unterminated")]
    [InlineData("echo \"unterminated $(go")]
    [InlineData("echo $(((((")]
    [InlineData("))))) ;; ) esac fi done")]
    [InlineData("case")]
    [InlineData("for")]
    [InlineData("cat <<")]
    [InlineData("echo \\")]
    [InlineData("echo `unterminated")]
    [InlineData("echo ${unterminated")]
    [InlineData("sh -c")]
    [InlineData("find -exec")]
    [InlineData("$'\\")]
    [InlineData("a=$(b=$(c")]
    public void MalformedInputDoesNotThrow(string text)
    {
        foreach (ShellDialect dialect in AllDialects)
        {
            ShellScriptReader.ReadCommands(text, dialect);
            ShellScriptReader.SplitWords(text, 0, text.Length, dialect);
        }
    }

    [Fact]
    public void UnterminatedSubstitutionStillFindsCommands()
    {
        Assert.Equal("echo,go", Names("echo \"$(go list"));
    }

    private static readonly ShellDialect[] AllDialects = { ShellDialect.Posix, ShellDialect.PowerShell, ShellDialect.Cmd };

    [Fact]
    public void RandomInputNeverThrowsAndOffsetsStayInRange()
    {
        var random = new Random(12345);
        const string alphabet = "ab go-sh c$(){}[]'\"`\\;&|<>#=\n\t!*@%^.EOF";
        for (int i = 0; i < 10_000; i++)
        {
            int length = random.Next(0, 60);
            var builder = new StringBuilder(length);
            for (int k = 0; k < length; k++)
            {
                builder.Append(random.Next(8) == 0 ? (char)random.Next(0, 0xFFFF) : alphabet[random.Next(alphabet.Length)]);
            }

            string text = builder.ToString();
            foreach (ShellCommand command in ShellScriptReader.ReadCommands(text, AllDialects[i % 3]))
            {
                Assert.InRange(command.Start, 0, text.Length);
                Assert.InRange(command.End, command.Start, text.Length);
                foreach (ShellWord word in command.Words)
                {
                    Assert.InRange(word.Start, 0, text.Length);
                    Assert.InRange(word.Start + word.Length, word.Start, text.Length);
                }
            }
        }
    }

    [Fact]
    public void LargeInputIsFast()
    {
        var builder = new StringBuilder();
        while (builder.Length < 1_000_000)
        {
            builder.Append("A$RANDOM=1 go build -o \"out $(go env GOPATH)\" ./... && echo 'x' | sh -c \"go vet\"; X=1\n");
        }

        AssertFast(builder.ToString());
    }

    [Fact]
    public void DeepNestingIsBoundedAndFast()
    {
        AssertFast(string.Concat(Enumerable.Repeat("$(", 10_000)));
        AssertFast(string.Concat(Enumerable.Repeat("echo $(", 10_000)) + new string(')', 10_000));
        AssertFast(string.Concat(Enumerable.Repeat("(", 100_000)));
        AssertFast(string.Concat(Enumerable.Repeat("`", 100_001)));
        AssertFast(string.Concat(Enumerable.Repeat("sh -c \"", 10_000)));
        AssertFast(string.Concat(Enumerable.Repeat("eval ", 10_000)) + "go");
        AssertFast(string.Concat(Enumerable.Repeat("find -exec ", 10_000)));
        AssertFast(string.Concat(Enumerable.Repeat("cat <<E\n", 10_000)));
        AssertFast(string.Concat(Enumerable.Repeat("env ", 100_000)));
        AssertFast(string.Concat(Enumerable.Repeat("eval ", 20_000)) + "go");
        AssertFast(string.Concat(Enumerable.Repeat("sh -c \"eval ", 10_000)) + "go");
    }

    [Fact]
    public void ManyVariablesStayLinear()
    {
        var builder = new StringBuilder();
        for (int i = 0; i < 50_000; i++)
        {
            builder.Append("V").Append(i).Append("=1; go build\n");
        }

        AssertFast(builder.ToString());
    }

    private static void AssertFast(string text)
    {
        foreach (ShellDialect dialect in AllDialects)
        {
            Stopwatch watch = Stopwatch.StartNew();
            ShellScriptReader.ReadCommands(text, dialect);
            watch.Stop();
            // Generous for loaded CI machines; a quadratic blow-up would take minutes.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"{dialect} took {watch.Elapsed} on {text.Length} chars");
        }
    }
}
