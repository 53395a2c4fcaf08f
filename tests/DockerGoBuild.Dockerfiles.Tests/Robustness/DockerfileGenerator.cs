using System.Linq;
using System.Text;
using CsCheck;

namespace DockerGoBuild.Dockerfiles.Tests.Robustness;

/// <summary>
/// Random text shaped like a Dockerfile: parser directives, instructions with flags and mounts, shell and exec
/// forms, continuations (with comment and empty lines inside), heredocs (terminated or not), both escape
/// characters and every line ending, with hostile characters sprinkled at token boundaries. The pieces are the
/// ones the parser and the rules branch on, so random combinations reach their corners; CsCheck shrinks a failing
/// file to a small one.
/// </summary>
public static class DockerfileGenerator
{
    /// <summary>Characters that end, open or escape something somewhere in the parser, plus ones no parser expects.</summary>
    public const string HostileCharacters = "\\`\"'[]{}()$<>-=,;&|#!*?~ \t\v\f\r\n\0\u00a0\u2028\ufeff\ud800\udc00é日";

    private static readonly Gen<string> Hostile =
        Gen.Char[HostileCharacters].Array[1, 4].Select(chars => new string(chars));

    private static readonly Gen<string> Keyword = Gen.Frequency(
        (12, Gen.OneOfConst("FROM", "RUN", "RUN", "RUN", "COPY", "ADD", "ARG", "ENV", "CMD", "ENTRYPOINT", "SHELL", "USER", "WORKDIR", "ONBUILD")),
        (3, Gen.OneOfConst("LABEL", "EXPOSE", "VOLUME", "HEALTHCHECK", "STOPSIGNAL", "MAINTAINER", "run", "From", "copy")),
        (1, Gen.OneOfConst("FORM", "{{ .Base }}", "RUN--mount", "#RUN", "<<EOF", "[", "\\")));

    private static readonly Gen<string> Image = Gen.OneOfConst(
        "golang:1.22", "golang:1.22-alpine AS build", "mcr.microsoft.com/dotnet/sdk:8.0 AS build", "alpine", "scratch",
        "${BASE}", "$BASE AS final", "build", "mcr.microsoft.com/windows/nanoserver:ltsc2022", "--platform=$BUILDPLATFORM golang AS b",
        "golang@sha256:abc", "AS", "golang AS");

    private static readonly Gen<string> Command = Gen.OneOfConst(
        "go build ./...", "go mod download", "CGO_ENABLED=0 go build -o /out/app .", "go test ./...", "go install ./cmd/...",
        "go env -w GOMODCACHE=/m GOCACHE=/c", "export GOCACHE=/cache && go build", "GOFLAGS=-mod=mod go vet ./...",
        "dotnet restore", "dotnet publish -c Release -o /app", "dotnet build --no-restore", "dotnet nuget add source x",
        "apt-get update && apt-get install -y git", "cat ~/.ssh/id_rsa", "git clone git@github.com:o/r.git",
        "npm ci", "sh -c 'go build ./...'", "bash -c \"dotnet restore\"", "if [ -f go.mod ]; then go mod download; fi",
        "for d in a b; do (cd $d && go build); done", "cmd /S /C dotnet build", "pwsh -Command dotnet restore",
        "echo \"$TOKEN\" | docker login -u x --password-stdin", "GOCACHE=$(go env GOCACHE) go build", "cd /src; go build",
        "case $x in a) go build;; esac", "while true; do break; done", "{ go build; }", "a=$((1+2))", "echo ${A:-${B}}",
        "go build 2>&1 >/dev/null &", "sh <<EOF", "python3 - <<'PY'", "cat >/x <<-EOF", "true");

    private static readonly Gen<string> Mount = Gen.OneOfConst(
        "--mount=type=cache,target=/go/pkg/mod", "--mount=type=cache,target=/root/.cache/go-build,id=gobuild,sharing=locked",
        "--mount=type=cache,target=/root/.nuget/packages", "--mount=type=cache,id=nuget,target=/root/.nuget/packages",
        "--mount=type=secret,id=npmrc,target=/root/.npmrc", "--mount=type=secret,id=id_rsa,target=/root/.ssh/id_rsa",
        "--mount=type=secret,id=TOKEN,env=TOKEN", "--mount=type=ssh", "--mount=type=bind,from=build,source=/out,target=/app",
        "--mount=\"type=cache,target=/x\"", "--mount=type=cache,target=$GOCACHE", "--mount=type=cache,TARGET=/go/pkg/mod,ro",
        "--mount=type=tmpfs,target=/tmp", "--mount", "--mount=", "--mount=type=cache,,target", "--mount=type=cache,target=\"/open",
        "--network=none", "--security=insecure", "--", "--=", "---");

    private static readonly Gen<string> CopyFlag = Gen.OneOfConst(
        "--from=build", "--chown=1000:1000", "--link", "--chmod=755", "--parents", "--exclude=*.md", "--from=", "--chown");

    private static readonly Gen<string> CopyArguments = Gen.OneOfConst(
        ". .", "id_rsa /root/.ssh/", "id_ed25519 /root/.ssh/id_ed25519", ".env /app/", "go.mod go.sum ./", "nuget.config .",
        ".npmrc /root/", "~/.docker/config.json /root/.docker/", "[\"a\", \"b/\"]", "[\"id_rsa\", \"/root/.ssh/\"]",
        "https://example.com/x.tgz /x", "<<EOF /etc/x", "a b c /d/", "$SRC $DEST", "/out /app", "x", "");

    private static readonly Gen<string> Variable = Gen.OneOfConst(
        "GOPROXY=https://proxy.golang.org", "GITHUB_TOKEN", "NPM_TOKEN=abc", "PASSWORD=hunter2", "DB_PASSWORD",
        "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "GOCACHE=/cache", "GOMODCACHE=/m",
        "NUGET_PACKAGES=/nuget", "HOME=/home/app", "A=\"quoted value\" B=2", "LEGACY value with words",
        "TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB", "X=$Y", "Y=${X:-default}", "K=${SECRET}", "BASE=golang",
        "=", "A=", "\"A\"=1", "A='single'");

    private static readonly Gen<string> ExecForm = Gen.OneOfConst(
        "[\"/bin/sh\", \"-c\", \"go build ./...\"]", "[\"pwsh\", \"-Command\"]", "[\"cmd\", \"/S\", \"/C\"]",
        "[\"go\",\"build\"]", "[]", "[1, 2]", "[[[\"a\"]]]", "[\"unterminated", "[\"\\u0041\", \"\\n\"]", "[\"a\",]",
        "[\"a\" \"b\"]", "{\"a\": 1}", "[\"a\"] trailing", "[", "]", "[\"dotnet\", \"restore\"]");

    private static readonly Gen<string> OtherArguments = Gen.OneOfConst(
        "root", "1000:1000", "app", "$USER", "/src", "app", "../x", "$HOME/x", "C:\\app", "8080/tcp 443", "/data",
        "SIGTERM", "maintainer@example.com", "CMD curl -f http://localhost/", "NONE", "--interval=5s CMD [\"x\"]",
        "version=1 description=\"a b\"");

    private static readonly Gen<string> Directive = Gen.OneOfConst(
        "# syntax=docker/dockerfile:1", "# syntax=docker/dockerfile:1.4", "#syntax = docker/dockerfile:1-labs",
        "# escape=`", "# escape=\\", "# escape=x", "# check=skip=all", "#check=error=true", " # syntax=x",
        "# dgb global ignore=DGB001", "#!/usr/bin/env dockerfile-frontend", "# directive=unknown", "# escape=`  ");

    private static readonly Gen<string> Comment = Gen.OneOfConst(
        "# a comment", "# dgb ignore=DGB010,DGB011 -- reason", "# dgb ignore=DGB030", "#", "  # indented", "# escape=\\");

    private static readonly Gen<string> HeredocName = Gen.OneOfConst("EOF", "EOT", "E", "PY", "x y", "END");

    private static readonly Gen<string> TidyKeyword = Gen.OneOfConst(
        "RUN", "RUN", "RUN", "RUN", "COPY", "ADD", "ARG", "ENV", "CMD", "ENTRYPOINT", "USER", "WORKDIR", "ONBUILD", "LABEL", "EXPOSE", "FROM");

    private static readonly Gen<string> TidyMount = Gen.OneOfConst(
        "--mount=type=cache,target=/go/pkg/mod", "--mount=type=cache,target=/root/.cache/go-build,id=gobuild,sharing=locked",
        "--mount=type=cache,target=/root/.nuget/packages", "--mount=type=secret,id=npmrc,target=/root/.npmrc",
        "--mount=type=secret,id=id_rsa,target=/root/.ssh/id_rsa", "--mount=type=secret,id=TOKEN,env=TOKEN", "--mount=type=ssh",
        "--mount=type=bind,from=build,source=/out,target=/app", "--mount=type=cache,target=/tmp/wrong", "--network=none");

    private static readonly Gen<string> TidyVariable = Gen.OneOfConst(
        "GOPROXY=https://proxy.golang.org", "NPM_TOKEN=abc", "PASSWORD=hunter2", "GOCACHE=/cache", "GOMODCACHE=/m",
        "NUGET_PACKAGES=/nuget", "HOME=/home/app", "A=\"quoted value\" B=2", "X=$Y", "Y=${X:-default}", "K=${SECRET}", "BASE=golang");

    private static readonly Gen<string> TidyExecForm = Gen.OneOfConst(
        "[\"/bin/sh\", \"-c\", \"go build ./...\"]", "[\"go\",\"build\"]", "[\"dotnet\", \"restore\"]", "[\"sh\", \"-c\", \"dotnet publish -c Release\"]");

    private static readonly Gen<string> TidyCopyArguments = Gen.OneOfConst(
        ". .", "id_rsa /root/.ssh/", ".env /app/", "go.mod go.sum ./", "nuget.config .", ".npmrc /root/", "[\"id_rsa\", \"/root/.ssh/\"]", "/out /app");

    private static readonly string[] TidyDirectives =
    {
        "# syntax=docker/dockerfile:1", "# syntax=docker/dockerfile:1|# escape=`", "# escape=`", "# check=skip=all", "# syntax=docker/dockerfile:1.4",
    };

    /// <summary>
    /// A whole Dockerfile: half of them tidy (what a person writes: valid forms, one escape character, heredocs
    /// only where they belong, so that many parse cleanly and have fixes to apply), half hostile.
    /// </summary>
    public static readonly Gen<string> Dockerfile = Gen.Bool.SelectMany(tidy => tidy ? TidyFile() : HostileFile());

    private static Gen<string> HostileFile() =>
        Gen.Select(
            Directive.Array[0, 3],
            Gen.Int[0, 3],
            Gen.Int[0, 9],
            InstructionGen(tidy: false).Array[0, 10],
            Gen.Frequency((15, Gen.Const(string.Empty)), (1, Hostile)),
            Gen.Int[0, 10_000],
            Render);

    private static Gen<string> TidyFile() =>
        Gen.Select(
            Gen.OneOf(Gen.Const(System.Array.Empty<string>()), Gen.OneOfConst(TidyDirectives).Select(directives => directives.Split('|'))),
            Gen.Int[0, 3],
            InstructionGen(tidy: true).Array[0, 10],
            Image,
            Gen.Int[0, 10_000],
            (directives, lineEndings, instructions, image, breakSeed) =>
                Render(directives, lineEndings, escapeFlip: 1, instructions.Prepend(new Instruction("FROM", 0, System.Array.Empty<string>(), System.Array.Empty<int>(), System.Array.Empty<Heredoc>(), 0, string.Empty) { Arguments = new[] { image } }).ToArray(), string.Empty, breakSeed));

    private static Gen<Instruction> InstructionGen(bool tidy) =>
        Gen.Select(
            tidy ? TidyKeyword : Keyword,
            Gen.Int[0, 9],
            tidy ? Gen.Const(System.Array.Empty<string>()) : Gen.Frequency((6, Gen.Const(string.Empty)), (1, Hostile)).Array[0, 6],
            (tidy ? Gen.Int[0, 94] : Gen.Int[0, 99]).Array[0, 12],
            HeredocGen(tidy).Array[0, tidy ? 1 : 2],
            tidy ? Gen.Const(0) : Gen.Frequency((8, Gen.Const(0)), (1, Gen.Int[1, 3])),
            Comment,
            (keyword, shape, noise, gaps, heredocs, trailing, comment) =>
                new Instruction(keyword, shape, noise, gaps, tidy && keyword is not ("RUN" or "COPY" or "ADD") ? System.Array.Empty<Heredoc>() : heredocs, trailing, comment))
        .SelectMany(instruction => ArgumentsFor(instruction.Keyword, instruction.Shape, tidy).Select(arguments => instruction with { Arguments = arguments }));

    private static Gen<string[]> ArgumentsFor(string keyword, int shape, bool tidy)
    {
        var mount = tidy ? TidyMount : Mount;
        var exec = tidy ? TidyExecForm : ExecForm;
        var variables = tidy ? TidyVariable.Array[1, 3] : Variable.Array[1, 3];
        return keyword.ToUpperInvariant() switch
        {
            "FROM" => Image.Select(image => new[] { image }),
            "RUN" => shape < 3
                ? Gen.Select(mount.Array[0, 3], Command.Array[1, 3], (mounts, commands) => mounts.Concat(new[] { string.Join(" && ", commands) }).ToArray())
                : shape < 5 ? Gen.Select(mount.Array[0, 2], exec, (mounts, form) => mounts.Append(form).ToArray())
                : Gen.Select(mount.Array[0, 2], Command, (mounts, command) => mounts.Append(command).ToArray()),
            "COPY" or "ADD" => Gen.Select(CopyFlag.Array[0, tidy ? 1 : 2], tidy ? TidyCopyArguments : CopyArguments, (flags, arguments) => flags.Append(arguments).ToArray()),
            "ARG" or "ENV" or "LABEL" => variables,
            "CMD" or "ENTRYPOINT" or "SHELL" => shape < 6 ? exec.Select(form => new[] { form }) : Command.Select(command => new[] { command }),
            "ONBUILD" => Gen.Select(tidy ? Gen.OneOfConst("RUN", "COPY") : Gen.OneOfConst("RUN", "COPY", "ARG", "ONBUILD", "FROM"), Command, (inner, command) => new[] { inner, command }),
            "EXPOSE" when tidy => Gen.Const(new[] { "8080/tcp 443" }),
            _ => shape < 5 ? OtherArguments.Select(argument => new[] { argument }) : Command.Select(command => new[] { command }),
        };
    }

    private static Gen<Heredoc> HeredocGen(bool tidy) =>
        Gen.Select(
            HeredocName,
            Gen.Int[0, 5],
            Command.Array[0, 3],
            tidy ? Gen.Const(0) : Gen.Frequency((6, Gen.Const(0)), (1, Gen.Int[1, 2])),
            (name, style, body, ending) => new Heredoc(name, style, body, ending));

    private static string Render(string[] directives, int lineEndings, int escapeFlip, Instruction[] instructions, string tail, int breakSeed)
    {
        // The escape character the directives declare, and now and then the other one.
        var backtick = directives.Any(directive => directive.StartsWith("# escape=`", System.StringComparison.Ordinal)) ^ (escapeFlip == 0);
        var file = new FileWriter(lineEndings, breakSeed, backtick ? '`' : '\\');
        foreach (var directive in directives)
        {
            file.Append(directive).Break();
        }

        foreach (var instruction in instructions)
        {
            instruction.WriteTo(file);
        }

        return file.Append(tail).ToString();
    }

    /// <summary>
    /// Builds the text with one line-ending style (LF, CRLF, lone CR, or a mix) and one escape character, which
    /// is at times the other one than the directive declares, as happens when a file is edited by hand.
    /// </summary>
    private sealed class FileWriter
    {
        private static readonly string[] Breaks = { "\n", "\r\n", "\r" };

        private readonly StringBuilder _text = new();
        private readonly int _lineEndings;
        private int _breakSeed;

        public FileWriter(int lineEndings, int breakSeed, char escape)
        {
            _lineEndings = lineEndings;
            _breakSeed = breakSeed;
            Escape = escape;
        }

        public char Escape { get; }

        public FileWriter Append(string text)
        {
            _text.Append(text);
            return this;
        }

        public FileWriter Break()
        {
            // Mixed endings step through a fixed sequence driven by the seed, so shrinking stays meaningful.
            _breakSeed = (_breakSeed * 31) + 7;
            _text.Append(_lineEndings < 3 ? Breaks[_lineEndings] : Breaks[(_breakSeed & 0x7fffffff) % 3]);
            return this;
        }

        public override string ToString() => _text.ToString();
    }

    private sealed record Heredoc(string Name, int Style, string[] Body, int Ending)
    {
        // <<EOF, <<-EOF, <<'EOF', <<"EOF", 3<<EOF, <<\EOF
        public string Marker => Style switch
        {
            0 => "<<" + Name,
            1 => "<<-" + Name,
            2 => "<<'" + Name + "'",
            3 => "<<\"" + Name + "\"",
            4 => "3<<" + Name,
            _ => "<<\\" + Name,
        };

        public void WriteBody(FileWriter file)
        {
            foreach (var line in Body)
            {
                file.Append(Style == 1 ? "\t" + line : line).Break();
            }

            // 0: terminated; 1: never terminated; 2: terminated by a near miss (indented without <<-).
            if (Ending == 0)
            {
                file.Append(Style == 1 ? "\t" + Name : Name).Break();
            }
            else if (Ending == 2)
            {
                file.Append(" " + Name).Break();
            }
        }
    }

    private sealed record Instruction(string Keyword, int Shape, string[] Noise, int[] Gaps, Heredoc[] Heredocs, int Trailing, string Comment)
    {
        public string[] Arguments { get; init; } = System.Array.Empty<string>();

        public void WriteTo(FileWriter file)
        {
            if (Shape == 9)
            {
                file.Append(Comment).Break();
            }

            var tokens = new[] { Keyword }.Concat(Arguments).ToArray();
            for (var i = 0; i < tokens.Length; i++)
            {
                if (i > 0)
                {
                    WriteGap(file, i - 1);
                }

                file.Append(Noise.Length > i ? Noise[i] : string.Empty).Append(tokens[i]);
            }

            foreach (var heredoc in Heredocs)
            {
                file.Append(" ").Append(heredoc.Marker);
            }

            // A trailing continuation joins the next instruction (or runs into the end of the file).
            for (var i = 0; i < Trailing; i++)
            {
                file.Append(" ").Append(Escape(file)).Break();
            }

            file.Break();
            foreach (var heredoc in Heredocs)
            {
                heredoc.WriteBody(file);
            }
        }

        // Mostly a blank; sometimes a continuation, possibly with a comment line, an empty line or the wrong escape.
        private void WriteGap(FileWriter file, int index)
        {
            var gap = Gaps.Length > index ? Gaps[index] : 0;
            switch (gap)
            {
                case < 70:
                    file.Append(" ");
                    break;
                case < 75:
                    file.Append("\t");
                    break;
                case < 88:
                    file.Append(" ").Append(Escape(file)).Break().Append("    ");
                    break;
                case < 92:
                    file.Append(" ").Append(Escape(file)).Append("  ").Break().Append(Comment).Break().Append("  ");
                    break;
                case < 95:
                    file.Append(" ").Append(Escape(file)).Break().Break().Append(" ");
                    break;
                case < 98:
                    file.Append(" ").Append(file.Escape == '`' ? "\\" : "`").Break();
                    break;
                default:
                    file.Append(" ").Append(Escape(file)).Append(Escape(file)).Break();
                    break;
            }
        }

        private static string Escape(FileWriter file) => file.Escape.ToString();
    }
}
