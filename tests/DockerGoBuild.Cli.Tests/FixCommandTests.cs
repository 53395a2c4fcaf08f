using System;
using System.IO;
using System.Linq;
using System.Text;
using DockerGoBuild.IO;
using Xunit;

namespace DockerGoBuild.Cli.Tests;

public class FixCommandTests
{
    private const string GoBuild = "# syntax=docker/dockerfile:1\nFROM golang:1.23\nRUN go build ./...\n";
    private const string GoBuildFixed = "# syntax=docker/dockerfile:1\nFROM golang:1.23\nRUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build ./...\n";

    [Fact]
    public void Fixes_in_place_and_says_what_changed()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Dockerfile", GoBuild);

        var result = Tool.Run("fix", folder.Path);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(GoBuildFixed, File.ReadAllText(path));
        Assert.Equal(
            new[]
            {
                $"{Path.Combine(folder.Path, "Dockerfile")}: 2 fixes applied",
                "  line 3: DGB010 Add '--mount=type=cache,target=/go/pkg/mod'",
                "  line 3: DGB011 Add '--mount=type=cache,target=/root/.cache/go-build'",
            },
            result.OutputLines);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public void A_second_run_changes_nothing_and_prints_nothing()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Dockerfile", GoBuild);
        Tool.Run("fix", folder.Path);
        var before = File.GetLastWriteTimeUtc(path);

        var result = Tool.Run("fix", folder.Path);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Equal(before, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Check_prints_a_unified_diff_writes_nothing_and_exits_1()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Dockerfile", GoBuild);

        var result = Tool.Run("fix", "--check", path);

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.Equal(GoBuild, File.ReadAllText(path));
        Assert.Equal(
            new[]
            {
                $"--- a/{path}",
                $"+++ b/{path}",
                "@@ -1,3 +1,3 @@",
                " # syntax=docker/dockerfile:1",
                " FROM golang:1.23",
                "-RUN go build ./...",
                "+RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build ./...",
            },
            result.OutputLines);
    }

    [Fact]
    public void Check_exits_0_when_nothing_is_pending()
    {
        using var folder = new TempFolder();
        folder.Write("Dockerfile", GoBuildFixed);

        var result = Tool.Run("fix", "--check", folder.Path);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public void Check_diff_never_prints_a_secret_value()
    {
        using var folder = new TempFolder();
        const string token = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
        var path = folder.Write("Dockerfile", $"# syntax=docker/dockerfile:1\nFROM alpine\nARG GITHUB_TOKEN={token}\nRUN echo \"$GITHUB_TOKEN\" | gh auth login --with-token\n");

        var result = Tool.Run("fix", "--check", path);

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.Contains("-ARG GITHUB_TOKEN=***", result.OutputLines);
        Assert.DoesNotContain(token, result.Output + result.Error);
    }

    [Fact]
    public void Secret_fixes_name_the_build_flag_they_now_need()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Dockerfile", "# syntax=docker/dockerfile:1\nFROM alpine\nARG NPM_TOKEN\nRUN echo \"//registry.npmjs.org/:_authToken=$NPM_TOKEN\" > .npmrc && npm ci\n");

        var result = Tool.Run("fix", path);

        Assert.Contains("  line 3: DGB031 Replace ARG NPM_TOKEN with a secret mount (build with '--secret id=NPM_TOKEN,env=NPM_TOKEN')", result.OutputLines);
        Assert.Contains("RUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN echo", File.ReadAllText(path));
    }

    [Theory]
    [InlineData("DGB011")]
    [InlineData("dgb011,DGB099X")]
    public void Only_takes_known_rule_ids(string only)
    {
        using var folder = new TempFolder();
        var path = folder.Write("Dockerfile", GoBuild);

        var result = Tool.Run("fix", "--only", only, path);

        if (only.Contains('X'))
        {
            Assert.Equal(ExitCodes.BadUsage, result.ExitCode);
            Assert.Contains("unknown rule id 'DGB099X'", result.Error);
            Assert.Equal(GoBuild, File.ReadAllText(path));
        }
        else
        {
            Assert.Equal(ExitCodes.Success, result.ExitCode);
            Assert.Equal("# syntax=docker/dockerfile:1\nFROM golang:1.23\nRUN --mount=type=cache,target=/root/.cache/go-build go build ./...\n", File.ReadAllText(path));
        }
    }

    [Fact]
    public void Only_can_be_repeated()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Dockerfile", "FROM golang:1.23\nRUN go build ./...\n");

        Tool.Run("fix", "--only", "DGB001", "--only", "DGB010", path);

        Assert.Equal("# syntax=docker/dockerfile:1\nFROM golang:1.23\nRUN --mount=type=cache,target=/go/pkg/mod go build ./...\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_file_that_cannot_be_parsed_is_left_untouched_and_reported_while_the_others_are_fixed()
    {
        using var folder = new TempFolder();
        const string broken = "FROM golang:1.23\nRUN go build ./...\nBUILD it\n";
        var brokenPath = folder.Write("a/Dockerfile", broken);
        var goodPath = folder.Write("b/Dockerfile", GoBuild);

        var result = Tool.Run("fix", folder.Path);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(broken, File.ReadAllText(brokenPath));
        Assert.Equal(GoBuildFixed, File.ReadAllText(goodPath));
        Assert.Contains($"{Path.Combine(folder.Path, "a", "Dockerfile")}: warning: not fixed: the file has syntax errors", result.Error);
    }

    [Fact]
    public void An_unreadable_input_exits_2_after_fixing_the_others()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Dockerfile", GoBuild);
        var missing = folder.Combine("missing/Dockerfile");

        var result = Tool.Run("fix", missing, path);

        Assert.Equal(ExitCodes.BadUsage, result.ExitCode);
        Assert.Equal(GoBuildFixed, File.ReadAllText(path));
        Assert.Contains($"{missing}: error: file not found", result.ErrorLines);
    }

    [Fact]
    public void Keeps_crlf_bom_and_backtick_escape_byte_for_byte()
    {
        using var folder = new TempFolder();
        var text = "# escape=`\r\nFROM golang:1.23\r\nRUN `\r\n  go build .\r\n";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        var path = folder.Write("Dockerfile", bytes);

        Tool.Run("fix", "--only", "DGB011", path);

        var expected = "# escape=`\r\nFROM golang:1.23\r\nRUN `\r\n  --mount=type=cache,target=/root/.cache/go-build `\r\n  go build .\r\n";
        Assert.Equal(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(expected)).ToArray(), File.ReadAllBytes(path));
    }

    [Fact]
    public void A_failed_rename_leaves_the_original_intact_and_no_temporary_file()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Dockerfile", GoBuild);
        var failingRename = new AtomicFileWriter((_, _) => throw new IOException("simulated crash before the rename"));

        var result = Tool.Run(failingRename, "fix", path);

        Assert.Equal(ExitCodes.BadUsage, result.ExitCode);
        Assert.Equal(GoBuild, File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(folder.Path));
        Assert.Contains($"{path}: error: not fixed, the file is unchanged: simulated crash before the rename", result.ErrorLines);
    }

    [Fact]
    public void A_rename_that_happens_keeps_the_file_permissions()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix permissions only; CI runs on Linux.
        }

        using var folder = new TempFolder();
        var path = folder.Write("Dockerfile", GoBuild);
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(path, mode);

        Tool.Run("fix", path);

        Assert.Equal(GoBuildFixed, File.ReadAllText(path));
        Assert.Equal(mode, File.GetUnixFileMode(path));
    }
}
