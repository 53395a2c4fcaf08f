using Xunit;

namespace DockerGoBuild.Cli.Tests;

/// <summary>Reports are shared (CI logs, code-scanning uploads), so no format may repeat a secret's value.</summary>
public class SecretLeakTests
{
    private const string GitHubToken = "ghp_Ab3De6Gh9Jk2Mn5Pq8St1Vw4Yz7Bc0Ef3Hi6";
    private const string AwsAccessKeyId = "AKIAQ3EXAMPLE7WXYZ12";

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("sarif")]
    public void No_format_contains_a_planted_secret(string format)
    {
        Assert.Equal(36, GitHubToken.Length - "ghp_".Length);
        Assert.Equal(16, AwsAccessKeyId.Length - "AKIA".Length);
        using var folder = new TempFolder();
        folder.Write("Dockerfile", $"FROM alpine\nARG GITHUB_TOKEN={GitHubToken}\nENV AWS_KEY={AwsAccessKeyId}\nRUN echo $GITHUB_TOKEN\n");

        var result = Tool.Run("lint", folder.Path, "--format", format, "--stats");

        Assert.NotEmpty(result.OutputLines);
        foreach (var secret in new[] { GitHubToken, AwsAccessKeyId })
        {
            Assert.DoesNotContain(secret, result.Output);
            Assert.DoesNotContain(secret, result.Error);
        }
    }
}
