using System.Threading.Tasks;
using Xunit;

namespace DockerGoBuild.Analyzers.Tests;

public class SecretInArgOrEnvAnalyzerTests
{
    private const string Head = "# syntax=docker/dockerfile:1\nFROM alpine:3.20\n";

    [Fact]
    public Task SecretNamedArgAndEnv_AreReported() =>
        Verify.Dockerfile("Dockerfile", Head + "ARG {|DGB031:GITHUB_TOKEN|}\nENV {|DGB031:DB_PASSWORD=hunter2|}\n");

    [Fact]
    public Task HarmlessNames_AreClean() =>
        Verify.Dockerfile("Dockerfile", Head + "ARG DB_USER\nENV TOKEN_URL=https://example.com PASSWORD_FILE=/run/secrets/pw\n");

    [Fact]
    public Task SeveralPairsOnOneEnv_ReportOnlyTheSecretPair() =>
        Verify.Dockerfile("Dockerfile", Head + "ENV APP=x {|DGB031:API_KEY=abc|} PORT=80\n");

    [Fact]
    public Task ContinuedEnvWithCrlf_AndBacktickEscape_IsReported() =>
        Verify.Dockerfile("Dockerfile",
            "# syntax=docker/dockerfile:1\r\n# escape=`\r\nFROM alpine:3.20\r\nENV APP=x `\r\n    {|DGB031:NPM_TOKEN=abc|}\r\n");

    [Fact]
    public Task OnbuildAndGlobalArg_AreReported() =>
        Verify.Dockerfile("Dockerfile",
            "# syntax=docker/dockerfile:1\nARG {|DGB031:SSH_PRIVATE_KEY|}\nFROM alpine:3.20\nONBUILD ENV {|DGB031:CLIENT_SECRET=x|}\n");
}
