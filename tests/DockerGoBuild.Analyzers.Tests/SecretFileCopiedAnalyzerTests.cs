using System.Threading.Tasks;
using Xunit;

namespace DockerGoBuild.Analyzers.Tests;

public class SecretFileCopiedAnalyzerTests
{
    private const string Head = "# syntax=docker/dockerfile:1\nFROM alpine:3.20\n";

    [Fact]
    public Task CopiedPrivateKey_IsReported() =>
        Verify.Dockerfile("Dockerfile", Head + "COPY {|DGB030:id_rsa|} /root/.ssh/\n");

    [Fact]
    public Task PublicKeyAndExampleEnv_AreClean() =>
        Verify.Dockerfile("Dockerfile", Head + "COPY id_rsa.pub .env.example /dst/\nCOPY app /root/.ssh/id_rsa\n");

    [Fact]
    public Task ExecFormAddAndOnbuild_AreReported() =>
        Verify.Dockerfile("Dockerfile", Head +
            "COPY [{|DGB030:\"id_ed25519\"|}, \"/root/.ssh/\"]\n" +
            "ADD {|DGB030:.npmrc|} /root/\n" +
            "ONBUILD COPY {|DGB030:.env|} /app/\n");

    [Fact]
    public Task HeredocCopy_IsClean() =>
        Verify.Dockerfile("Dockerfile", Head + "COPY <<EOF /root/.npmrc\n//registry.npmjs.org/:_authToken=x\nEOF\n");

    [Fact]
    public Task BacktickContinuationWithCrlf_IsReported() =>
        Verify.Dockerfile("Dockerfile",
            "# syntax=docker/dockerfile:1\r\n# escape=`\r\nFROM alpine:3.20\r\nCOPY `\r\n    {|DGB030:.netrc|} /root/\r\n");

    [Fact]
    public Task CopyFromAnotherStage_IsReported() =>
        Verify.Dockerfile("Dockerfile", Head + "FROM alpine:3.20 AS final\nCOPY --from=0 {|DGB030:/src/.env|} /app/\n");
}
