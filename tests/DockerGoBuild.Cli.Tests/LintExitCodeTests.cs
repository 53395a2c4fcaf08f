using Xunit;

namespace DockerGoBuild.Cli.Tests;

public class LintExitCodeTests
{
    [Fact]
    public void Nothing_found_exits_0()
    {
        using var folder = new TempFolder();
        folder.Write("Dockerfile", Dockerfiles.Clean);

        var result = Tool.Run("lint", folder.Path);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public void A_warning_exits_1()
    {
        using var folder = new TempFolder();
        folder.Write("Dockerfile", Dockerfiles.MissingSyntax);

        Assert.Equal(ExitCodes.Findings, Tool.Run("lint", folder.Path).ExitCode);
    }

    [Fact]
    public void A_missing_file_exits_2_after_linting_the_others()
    {
        using var folder = new TempFolder();
        var present = folder.Write("Dockerfile", Dockerfiles.MissingSyntax);
        var missing = folder.Combine("missing/Dockerfile");

        var result = Tool.Run("lint", missing, present);

        Assert.Equal(ExitCodes.BadUsage, result.ExitCode);
        Assert.Equal(new[] { $"{missing}: error: file not found" }, result.ErrorLines);
        Assert.StartsWith($"{present}(1,1): warning DGB001: ", Assert.Single(result.OutputLines));
    }

    [Fact]
    public void A_file_that_is_not_utf8_or_holds_nul_bytes_is_still_linted()
    {
        using var folder = new TempFolder();
        folder.Write("Dockerfile.latin1", new byte[] { 0x46, 0x52, 0x4F, 0x4D, 0x20, 0xE9, 0xFF, 0x0A });
        folder.Write("Dockerfile.nul", new byte[] { 0x46, 0x52, 0x4F, 0x4D, 0x00, 0x0A, 0x00 });

        var result = Tool.Run("lint", folder.Path, "--format", "json");

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.Equal(2, result.OutputJson.GetProperty("files").GetInt32());
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public void An_unwritable_output_file_exits_2()
    {
        using var folder = new TempFolder();
        folder.Write("Dockerfile", Dockerfiles.Clean);
        var reportPath = folder.Combine("no-such-folder/report.sarif");

        var result = Tool.Run("lint", folder.Path, "--output", reportPath);

        Assert.Equal(ExitCodes.BadUsage, result.ExitCode);
        Assert.StartsWith($"{reportPath}: error: ", result.Error);
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--repeat", "0")]
    [InlineData("--no-such-option")]
    public void Bad_usage_exits_2(params string[] options)
    {
        using var folder = new TempFolder();
        folder.Write("Dockerfile", Dockerfiles.MissingSyntax);

        Assert.Equal(ExitCodes.BadUsage, Tool.Run(["lint", folder.Path, .. options]).ExitCode);
    }
}
